package dev.ssemonitor.stub;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ssemonitor.testing.StubServerExtension;
import dev.ssemonitor.testing.Waits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The stub runs inside the window's process too: nothing a client sends may turn it on its user. Raw sockets only. */
@Timeout(60)
class StubHardeningTest {
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    @RegisterExtension
    static final StubServerExtension stub = new StubServerExtension(new PrintStream(LOG, true, UTF_8));

    /** Sends {@code request} as bytes and reads the answer until the server closes (or 20 s pass). */
    static String exchange(int port, byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            return read(s.getInputStream(), 1 << 20);
        }
    }

    static String exchange(int port, String request) throws IOException {
        return exchange(port, request.getBytes(UTF_8));
    }

    private static String read(InputStream in, int most) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while (got.size() < most && (n = in.read(buf)) > 0) got.write(buf, 0, n);
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // what arrived is the answer
        }
        return got.toString(UTF_8);
    }

    private static String get(String target) throws IOException {
        return exchange(stub.port(), "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
    }

    private static int heads(String response) {
        int n = 0;
        for (int i = response.indexOf("HTTP/1.1 "); i >= 0; i = response.indexOf("HTTP/1.1 ", i + 1)) n++;
        return n;
    }

    @Test
    void aChunkedBodyCannotOverflowPastTheSizeLimit() throws Exception {
        byte[] head = ("POST /llm HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n7fffffff\r\n")
                .getBytes(UTF_8);
        byte[] request = new byte[head.length + 64 * 1024];
        System.arraycopy(head, 0, request, 0, head.length);
        String answer = exchange(stub.port(), request);
        assertThat(answer).startsWith("HTTP/1.1 413 Content Too Large").contains("request body larger than 4 MiB");
        assertThat(exchange(stub.port(), "POST /llm HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))
                .startsWith("HTTP/1.1 400").contains("bad chunk size 'zz'");
    }

    @Test
    void malformedRequestsGetA400AndALogLine() throws Exception {
        assertThat(exchange(stub.port(), "\r\n\r\n")).startsWith("HTTP/1.1 400").contains("malformed request line");
        assertThat(get("/sse?x=%zz")).startsWith("HTTP/1.1 400").contains("not URL-encoded");
        Waits.until("the log line of the malformed request", () -> LOG.toString(UTF_8).contains("-> 400"));
    }

    @Test
    void parametersAreCheckedBeforeTheHeadSoThereIsNeverASecondOne() throws Exception {
        for (String target : List.of("/flood?rate=1e30", "/flood?seconds=Infinity", "/flood?size=-1", "/garbage?bytes=-5",
                "/garbage?kind=what", "/status?code=99", "/status?code=1000", "/redirect?code=-1", "/redirect?code=200",
                "/ids?total=abc", "/events?lines=0", "/close?seconds=NaN", "/big?size=0", "/retry?ms=-1", "/sse?interval=-5",
                "/endings?eol=nope")) {
            String answer = get(target);
            assertThat(answer).as(target).startsWith("HTTP/1.1 400 Bad Request");
            assertThat(heads(answer)).as(target + ": one head").isEqualTo(1);
            assertThat(answer).as(target).containsPattern("query parameter \\w+ must|is (lf|utf8)|ms is a number");
        }
        assertThat(get("/flood?rate=1e30")).contains("query parameter rate must be a whole number from 0 to 100000000, not '1e30'");
    }

    @Test
    void aRedirectTargetCannotInjectHeaders() throws Exception {
        String answer = get("/redirect?to=%0d%0aX-Injected:%201");
        assertThat(answer).startsWith("HTTP/1.1 400").doesNotContain("\r\nX-Injected").contains("control characters");
        assertThat(get("/content-type?type=text/html%0d%0aSet-Cookie:%20a=b")).startsWith("HTTP/1.1 400")
                .doesNotContain("\r\nSet-Cookie");
        assertThat(get("/redirect?code=307&to=/sse")).startsWith("HTTP/1.1 307").contains("\r\nLocation: /sse\r\n");
    }

    @Test
    void aRequestHeadThatDripsForeverIsDroppedWithA408() throws Exception {
        try (StubServer strict = StubServer.start("127.0.0.1", 0, null,
                StubServer.Options.defaults().withRequestDeadline(Duration.ofMillis(500)));
             Socket s = new Socket("127.0.0.1", strict.port())) {
            s.setSoTimeout(20_000);
            // One byte, then silence: a per-read timeout of 30 s would let this hold a thread for ever, a byte at a time.
            s.getOutputStream().write("GET /sse HTTP/1.1\r\nX-Slow: ".getBytes(UTF_8));
            s.getOutputStream().flush();
            String answer = read(s.getInputStream(), 4096);
            assertThat(answer).startsWith("HTTP/1.1 408 Request Timeout").contains("did not arrive within");
            Waits.until("the slow connection to be let go", () -> strict.liveConnections() == 0);
        }
    }

    @Test
    void pastTheConnectionCapClientsGetA503WithWords() throws Exception {
        try (StubServer capped = StubServer.start("127.0.0.1", 0, null, StubServer.Options.defaults().withMaxConnections(2))) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    Socket s = new Socket("127.0.0.1", capped.port());
                    held.add(s);
                    s.getOutputStream().write("GET /stall?after=1 HTTP/1.1\r\n\r\n".getBytes(UTF_8));
                    s.getOutputStream().flush();
                }
                Waits.until("two streams held open", () -> capped.liveConnections() == 2);
                String answer = exchange(capped.port(), "GET /sse HTTP/1.1\r\n\r\n");
                assertThat(answer).startsWith("HTTP/1.1 503 Service Unavailable").contains("at most 2 connections at once");
            } finally {
                for (Socket s : held) s.close();
            }
            Waits.until("the held streams to end", () -> capped.liveConnections() == 0);
            assertThat(exchange(capped.port(), "GET /status?code=204 HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 204");
        }
    }

    @Test
    void replayIsOffUnlessAFolderIsNamed() throws Exception {
        String answer = get("/replay?file=/etc/passwd");
        assertThat(answer).startsWith("HTTP/1.1 403").contains("replay is off").doesNotContain("Access-Control-Allow-Origin");
    }

    @Test
    void replayReadsOnlyInsideItsFolderAndAnswersTheSameWhetherOrNotAFileExists(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectory(root.resolve("recordings"));
        Files.writeString(dir.resolve("ok.ndjson"), "{\"kind\":\"event\",\"type\":\"message\",\"data\":\"hi\",\"lastEventId\":\"\",\"t\":1}\n");
        Files.writeString(root.resolve("secret.txt"), "do not serve");
        Files.createSymbolicLink(dir.resolve("link.ndjson"), root.resolve("secret.txt"));
        try (StubServer replaying = StubServer.start("127.0.0.1", 0, null, StubServer.Options.defaults().withReplayDir(dir))) {
            String ok = exchange(replaying.port(), "GET /replay?speed=max&file=ok.ndjson HTTP/1.1\r\n\r\n");
            assertThat(ok).startsWith("HTTP/1.1 200").contains("data: hi").doesNotContain("Access-Control-Allow-Origin");
            String outsideExisting = exchange(replaying.port(), "GET /replay?file=../secret.txt HTTP/1.1\r\n\r\n");
            String outsideMissing = exchange(replaying.port(), "GET /replay?file=../nothing-here HTTP/1.1\r\n\r\n");
            assertThat(outsideExisting).startsWith("HTTP/1.1 403").doesNotContain("do not serve");
            assertThat(outsideMissing).as("no existence oracle").isEqualTo(outsideExisting);
            assertThat(exchange(replaying.port(), "GET /replay?file=" + root.resolve("secret.txt") + " HTTP/1.1\r\n\r\n"))
                    .startsWith("HTTP/1.1 403");
            assertThat(exchange(replaying.port(), "GET /replay?file=link.ndjson HTTP/1.1\r\n\r\n"))
                    .as("a link out of the folder").startsWith("HTTP/1.1 403").doesNotContain("do not serve");
            assertThat(exchange(replaying.port(), "GET /replay?file=gone.ndjson HTTP/1.1\r\n\r\n"))
                    .startsWith("HTTP/1.1 404").contains("no such recording in the replay folder: gone.ndjson");
        }
    }

    @Test
    void aRecordingWithAnEndlessLineEndsTheReplayInsteadOfTheHeap(@TempDir Path dir) throws Exception {
        Path huge = dir.resolve("huge.ndjson");
        try (OutputStream out = Files.newOutputStream(huge)) {
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, (byte) 'x');
            for (int i = 0; i < 65; i++) out.write(block);
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (StubServer replaying = StubServer.start("127.0.0.1", 0, new PrintStream(log, true, UTF_8),
                StubServer.Options.defaults().withReplayDir(dir))) {
            String answer = exchange(replaying.port(), "GET /replay?speed=max&file=huge.ndjson HTTP/1.1\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 200").endsWith("0\r\n\r\n");
            Waits.until("the log to say why the replay stopped", () -> log.toString(UTF_8).contains("longer than 64 MiB"));
        }
    }

    @Test
    void theNotFoundPageDoesNotEchoTerminalEscapes() throws Exception {
        String answer = exchange(stub.port(), "GET /x\u001b]0;PWNED\u0007y HTTP/1.1\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 404").contains("No such page: /x\\x1b]0;PWNED\\x07y").doesNotContain("\u001b");
    }

    @Test
    void controlCharactersFromTheClientAreEscapedInTheLog() throws Exception {
        exchange(stub.port(), "GET /ids?total=1&interval=0 HTTP/1.1\r\nLast-Event-ID: 0\u001b[2J\r\n\r\n");
        Waits.until("the log line with the escaped Last-Event-ID", () -> LOG.toString(UTF_8).contains("Last-Event-ID=0\\x1b[2J"));
        assertThat(LOG.toString(UTF_8)).doesNotContain("\u001b");
    }
}
