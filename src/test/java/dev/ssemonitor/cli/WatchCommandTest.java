package dev.ssemonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ssemonitor.Launcher;
import dev.ssemonitor.testing.ProcessRun;
import dev.ssemonitor.testing.RawServer;
import dev.ssemonitor.testing.StubServerExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code watch} as a user runs it: a separate JVM, its stdout, stderr and exit status. */
@Tag("slow")
@Timeout(120)
class WatchCommandTest {
    @RegisterExtension
    static final StubServerExtension stub = new StubServerExtension();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int exit, List<JsonNode> records, String stdout, String stderr) {
        List<JsonNode> kind(String kind) {
            return records.stream().filter(r -> r.get("kind").asText().equals(kind)).toList();
        }
    }

    static Result watch(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName(), "watch"));
        command.addAll(List.of(args));
        ProcessRun run = ProcessRun.of(null, command);
        List<JsonNode> records = new ArrayList<>();
        for (String line : run.out().split("\n")) {
            if (!line.isEmpty()) records.add(JSON.readTree(line));
        }
        return new Result(run.exit(), records, run.out(), run.err());
    }

    @Test
    void printsOneJsonObjectPerLineAndExitsAfterMaxEvents() throws Exception {
        Result r = watch(stub.baseUrl() + "/ids?total=50&interval=0", "--max-events", "3");
        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).doesNotContain("\n\n");
        assertThat(r.records()).allSatisfy(n -> assertThat(n.get("t").asLong()).isGreaterThan(1_600_000_000_000L));
        assertThat(r.kind("event")).extracting(n -> n.get("data").asText())
                .containsExactly("event 1 of 50", "event 2 of 50", "event 3 of 50");
        assertThat(r.kind("event").get(2).get("lastEventId").asText()).isEqualTo("3");
        assertThat(r.kind("event").get(0).get("type").asText()).isEqualTo("message");
        List<JsonNode> states = r.kind("state");
        assertThat(states).extracting(n -> n.get("readyState").asInt()).containsExactly(0, 1, 2);
        assertThat(states).extracting(n -> n.get("state").asText()).containsExactly("CONNECTING", "OPEN", "CLOSED");
        assertThat(states.get(2).get("reason").asText()).isEqualTo("received --max-events 3");
        assertThat(r.kind("request").get(0).get("headers").toString()).contains("Accept: text/event-stream");
        assertThat(r.kind("response").get(0).get("status").asInt()).isEqualTo(200);
    }

    @Test
    void eachRecordsTimeIsWhenItsBytesArrivedAndTimesNeverGoBack() throws Exception {
        long[] secondSentAt = new long[1];
        try (RawServer server = new RawServer()) {
            server.enqueue((req, socket, out) -> {
                out.write(RawServer.streamHead());
                out.write(": hello\ndata: one\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(300);
                secondSentAt[0] = System.currentTimeMillis();
                out.write("data: two\n\n: bye\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
                RawServer.holdOpen(socket);
            });
            long before = System.currentTimeMillis();
            Result r = watch(server.url("/"), "--max-events", "2");
            long after = System.currentTimeMillis();
            assertThat(r.exit()).isZero();
            List<Long> times = r.records().stream().map(n -> n.get("t").asLong()).toList();
            assertThat(times).isSorted().allSatisfy(t -> assertThat(t).isBetween(before, after));
            // The second event's bytes were sent after that time was taken: its time is its own read's, never one kept
            // from the first read.
            assertThat(r.kind("event")).extracting(n -> n.get("data").asText()).containsExactly("one", "two");
            assertThat(r.kind("event").get(1).get("t").asLong()).isGreaterThanOrEqualTo(secondSentAt[0]);
        }
    }

    @Test
    void reportsCommentsRetryAndReconnects() throws Exception {
        Result r = watch(stub.baseUrl() + "/retry?ms=20", "--max-events", "2");
        assertThat(r.exit()).isZero();
        assertThat(r.kind("retry")).extracting(n -> n.get("ms").asLong()).contains(20L);
        assertThat(r.kind("reconnect")).first().satisfies(n -> {
            assertThat(n.get("delayMs").asLong()).isEqualTo(20);
            assertThat(n.get("why").asText()).isEqualTo("reconnection time 20 ms (set by retry:)");
        });
        assertThat(r.kind("attempt-end").get(0).get("events").asInt()).isEqualTo(1);
        Result h = watch(stub.baseUrl() + "/heartbeat?interval=10&dataEvery=2", "--max-events", "1");
        assertThat(h.kind("comment")).extracting(n -> n.get("text").asText()).containsExactly("ping 1", "ping 2");
    }

    @Test
    void eventsOnlyAndDuration() throws Exception {
        Result r = watch(stub.baseUrl() + "/sse", "--duration", "1.5", "--events-only");
        assertThat(r.exit()).isZero();
        assertThat(r.records()).isNotEmpty().allSatisfy(n -> assertThat(n.get("kind").asText()).isEqualTo("event"));
    }

    @Test
    void postBodyAndMaskedSecrets() throws Exception {
        Result r = watch(stub.baseUrl() + "/llm?delay=0&reasoning=0", "-d", "{\"prompt\":\"hello\"}", "-H",
                "Authorization: Bearer abc123", "--max-events", "4");
        assertThat(r.exit()).isZero();
        JsonNode request = r.kind("request").get(0);
        assertThat(request.get("method").asText()).isEqualTo("POST");
        assertThat(r.stdout()).doesNotContain("abc123").contains("Authorization: Bearer ••••••");
        assertThat(r.kind("event").get(3).get("data").asText()).as("the stub read the body").contains("\\\"hello");
        Result shown = watch(stub.baseUrl() + "/llm?delay=0", "-d", "{}", "-H", "Authorization: Bearer abc123",
                "--max-events", "1", "--show-secrets");
        assertThat(shown.stdout()).contains("Authorization: Bearer abc123");
    }

    @Test
    void goesThroughAnHttpProxy() throws Exception {
        try (RawServer proxy = new RawServer()) {
            proxy.enqueue(RawServer.stream("data: via proxy\n\n"));
            Result r = watch("http://stream.invalid/feed", "--proxy", "127.0.0.1:" + proxy.port(), "--max-events", "1",
                    "--events-only");
            assertThat(r.exit()).as(r.stderr()).isZero();
            assertThat(r.kind("event").get(0).get("data").asText()).isEqualTo("via proxy");
            // A proxy gets the absolute URL in the request line.
            assertThat(proxy.takeRequest().path()).isEqualTo("http://stream.invalid/feed");
        }
    }

    @Test
    void failureExitsTwoWithTheReasonOnStderr() throws Exception {
        Result r = watch(stub.baseUrl() + "/status?code=500");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr().strip()).isEqualTo("sse-monitor watch: HTTP 500 Internal Server Error");
        assertThat(r.kind("error")).isNotEmpty();
        JsonNode body = r.kind("response-body").get(0);
        assertThat(body.get("text").asText()).as("what the server said, for a 401 or a 400 the first thing needed")
                .isEqualTo("status 500 from the stub\n");
        assertThat(body.get("status").asInt()).isEqualTo(500);
        assertThat(body.get("truncated").asBoolean()).isFalse();
        Result wrongType = watch(stub.baseUrl() + "/content-type");
        assertThat(wrongType.exit()).isEqualTo(2);
        assertThat(wrongType.stderr()).contains("not text/event-stream");
    }

    @Test
    void aStreamThatNeverOpensSaysOnceOnStderrThatItKeepsTrying() throws Exception {
        // A dead port: the browser policy tries again for ever, so the first retry says so, and how to stop.
        int dead;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        Result r = watch("http://127.0.0.1:" + dead + "/sse", "--max-attempts", "1");
        assertThat(r.exit()).as(r.stderr()).isEqualTo(2);
        List<String> lines = r.stderr().lines().toList();
        assertThat(lines.get(0)).startsWith("sse-monitor watch: ").contains("not connected, trying again every ")
                .contains("--once or --max-attempts=N gives up");
        assertThat(lines.stream().filter(l -> l.contains("trying again"))).as("said once, not at every attempt").hasSize(1);
        Result once = watch("http://127.0.0.1:" + dead + "/sse", "--once");
        assertThat(once.exit()).isEqualTo(2);
        assertThat(once.stderr()).as("--once does not try again").doesNotContain("trying again");
    }

    @Test
    void serverSaying204IsACleanEnd() throws Exception {
        Result r = watch(stub.baseUrl() + "/ids?total=3&interval=0&closeAfter=2&retry=10", "--events-only");
        assertThat(r.exit()).isZero();
        assertThat(r.kind("event")).hasSize(3);
        assertThat(r.stderr()).isEmpty();
    }

    /** Usage errors are decided before anything connects: checked in this JVM, with picocli's own streams. */
    static Result usage(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = MainCommand.commandLine();
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("watch"));
        all.addAll(List.of(args));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Result(exit, List.of(), out.toString(), err.toString());
    }

    @Test
    void aRunThatNamesItsCommandBuildsOnlyThatOneAndReadsExactlyAsTheWholeTree() {
        // MainCommand.run builds only the named subcommand (start-up time): what a user sees must not change.
        for (List<String> args : List.of(List.of("watch", "--help"), List.of("watch", "not a url"), List.of("watch"),
                List.of("watch", "--policy", "sometimes", "http://127.0.0.1:1/"), List.of("stub", "--help"),
                List.of("stub", "--bogus"), List.of("contract-service", "--help"))) {
            String[] a = args.toArray(String[]::new);
            Result whole = run(MainCommand.commandLine(), a);
            Result alone = run(MainCommand.commandLine(args.get(0)), a);
            assertThat(alone).as("%s", args).isEqualTo(whole);
            assertThat(whole.stdout() + whole.stderr()).as("%s", args).contains("sse-monitor " + args.get(0));
        }
    }

    private static Result run(picocli.CommandLine cl, String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, List.of(), out.toString(), err.toString());
    }

    @Test
    void badUsageIsAOneLineErrorAndExit64() {
        Result url = usage("not a url");
        assertThat(url.exit()).isEqualTo(64);
        assertThat(url.stderr().strip()).isEqualTo("sse-monitor watch: Not a valid URL: 'not a url'");
        assertThat(url.stdout()).isEmpty();
        Result noScheme = usage("http://");
        assertThat(noScheme.stderr().strip())
                .isEqualTo("sse-monitor watch: Not a valid URL: 'http://'");
        Result scheme = usage("ftp://example.com/x");
        assertThat(scheme.exit()).isEqualTo(64);
        assertThat(scheme.stderr()).contains("Not an http(s) URL");
        Result option = usage(stub.baseUrl() + "/sse", "--policy", "sometimes");
        assertThat(option.exit()).isEqualTo(64);
        assertThat(option.stderr().strip()).isEqualTo("sse-monitor watch: --policy is browser, resilient or once, not 'sometimes'");
        Result unknown = usage(stub.baseUrl() + "/sse", "--nope");
        assertThat(unknown.exit()).isEqualTo(64);
        assertThat(unknown.stderr()).startsWith("watch: Unknown option: '--nope'");
        Result proxy = usage(stub.baseUrl() + "/sse", "--proxy", "nowhere");
        assertThat(proxy.exit()).isEqualTo(64);
        assertThat(proxy.stderr().strip()).isEqualTo("sse-monitor watch: --proxy is HOST:PORT, not 'nowhere'");
    }

    @Test
    void optionsTheEngineCannotHoldAreUsageErrorsNotCrashes() {
        String url = stub.baseUrl() + "/sse";
        assertThat(usage(url, "--max-event-size", "8796093022208").stderr()).startsWith("sse-monitor watch: --max-event-size is from 1 to ");
        Result huge = usage(url, "--max-event-size", "4096");
        assertThat(huge.exit()).isEqualTo(64);
        assertThat(huge.stderr()).contains("MiB in this JVM (its heap is ");
        assertThat(usage(url, "--connect-timeout", "1e300").stderr().strip())
                .isEqualTo("sse-monitor watch: --connect-timeout can be at most 2147483 s (24 days), not 1.0E300");
        assertThat(usage(url, "--read-timeout", "3000000").exit()).isEqualTo(64);
        assertThat(usage(url, "--duration", "NaN").stderr().strip())
                .isEqualTo("sse-monitor watch: --duration is a number of seconds, at least 0.001, not NaN");
        for (String nothing : List.of("0", "-1", "0.0004", "-0")) {
            Result zero = usage(url, "--duration", nothing);
            assertThat(zero.exit()).as("--duration %s", nothing).isEqualTo(64);
            assertThat(zero.stderr()).as("--duration %s", nothing).contains("--duration is a number of seconds, at least 0.001");
        }
        Result header = usage(url, "-H", "X-Api-Key: sk-live\u0007bell");
        assertThat(header.exit()).isEqualTo(64);
        assertThat(header.stderr()).contains("The value of header X-Api-Key has a character").doesNotContain("sk-live");
    }

    @Test
    void headersCanComeFromAFileSoSecretsStayOffTheCommandLine(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertThat(usage(stub.baseUrl() + "/sse", "-H", "@" + dir.resolve("missing")).stderr().strip())
                .isEqualTo("sse-monitor watch: no header file " + dir.resolve("missing"));
        try (RawServer server = new RawServer()) {
            server.enqueue(RawServer.stream("data: ok\n\n"));
            Path file = dir.resolve("headers.txt");
            java.nio.file.Files.writeString(file, "# my API key\nAuthorization: Bearer from-a-file\n\nX-Trace: t-9\n");
            Result r = watch(server.url("/h"), "-H", "@" + file, "--max-events", "1");
            assertThat(r.exit()).as(r.stderr()).isZero();
            RawServer.Request request = server.takeRequest();
            assertThat(request.header("Authorization")).isEqualTo("Bearer from-a-file");
            assertThat(request.header("X-Trace")).isEqualTo("t-9");
            assertThat(r.stdout()).doesNotContain("from-a-file");
        }
    }

    @Test
    void eventsOnlyStillSaysWhyNothingArrives() throws Exception {
        int dead;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            dead = s.getLocalPort();
        }
        Result r = watch("http://127.0.0.1:" + dead + "/sse", "--events-only", "--duration", "1");
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).startsWith("sse-monitor watch: could not connect to 127.0.0.1:" + dead + ": ")
                .contains("sse-monitor watch: never connected in 1.0 s: could not connect to 127.0.0.1:" + dead);
        assertThat(r.exit()).as("the time ran out, but nothing was watched").isEqualTo(2);
        assertThat(usage(stub.baseUrl() + "/sse", "--max-events", "0").stderr().strip())
                .isEqualTo("sse-monitor watch: --max-events is at least 1, not 0");
        assertThat(usage(stub.baseUrl() + "/sse", "--connect-timeout", "NaN").stderr().strip())
                .isEqualTo("sse-monitor watch: --connect-timeout is a number of seconds, not NaN");
    }

    @Test
    void aPostStreamRunsOnceAndEveryAttemptEnds() throws Exception {
        // /llm ends with [DONE] and closes: a reconnect would POST (and bill) the prompt again.
        Result r = watch(stub.baseUrl() + "/llm?delay=0", "-d", "{\"prompt\":\"once\"}");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.kind("request")).hasSize(1);
        assertThat(r.kind("reconnect")).isEmpty();
        assertThat(r.kind("state").get(r.kind("state").size() - 1).get("reason").asText())
                .isEqualTo("the server ended the stream; the Once policy does not reconnect");
        assertThat(r.kind("event").get(r.kind("event").size() - 1).get("data").asText()).isEqualTo("[DONE]");
        // --max-events closes the stream itself: its attempt still ends, with its numbers and why.
        Result capped = watch(stub.baseUrl() + "/ids?total=50&interval=0", "--max-events", "3", "--once");
        List<JsonNode> ends = capped.kind("attempt-end");
        assertThat(ends).hasSize(1);
        assertThat(ends.get(0).get("reason").asText()).isEqualTo("received --max-events 3");
        assertThat(ends.get(0).get("events").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(ends.get(0).get("bytes").asLong()).isPositive();
        assertThat(usage(stub.baseUrl() + "/sse", "--once", "--policy", "browser").stderr().strip())
                .isEqualTo("sse-monitor watch: --once and --policy browser contradict each other");
    }

    @Test
    void aUsageErrorInTheRealProcessExits64ToTheShell() throws Exception {
        Result r = watch("--policy", "sometimes", stub.baseUrl() + "/sse");
        assertThat(r.exit()).isEqualTo(64);
        assertThat(r.stderr().strip()).isEqualTo("sse-monitor watch: --policy is browser, resilient or once, not 'sometimes'");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void assembleWritesEachVendorsAnswerOnceAndDoesNotReconnectAFinishedStream() throws Exception {
        for (String format : List.of("openai", "openai-responses", "anthropic", "gemini")) {
            // GET under the browser policy: only the answer's own end stops the reconnect.
            Result r = watch(stub.baseUrl() + "/llm?format=" + format + "&delay=0&tool=1", "--assemble");
            assertThat(r.exit()).as(format + ": " + r.stderr()).isZero();
            assertThat(r.kind("request")).as(format + ": one request, no reconnect").hasSize(1);
            JsonNode a = r.kind("assembled").get(0);
            assertThat(r.kind("assembled")).hasSize(1);
            assertThat(a.get("format").asText()).isEqualTo(format);
            assertThat(a.get("state").asText()).isEqualTo("finished");
            assertThat(a.get("text").asText()).startsWith("You asked: \"nothing in particular\". Server-sent events")
                    .contains("🌊").endsWith("until the model is done.");
            assertThat(a.get("reasoning").asText()).startsWith("The user asked about nothing in particular.");
            assertThat(a.get("toolCalls").get(0).get("name").asText()).isEqualTo("get_weather");
            assertThat(JSON.readTree(a.get("toolCalls").get(0).get("arguments").asText()).get("location").asText())
                    .isEqualTo("Paris, France");
            assertThat(a.get("usage").get("inputTokens").asLong()).isPositive();
            assertThat(a.get("chunks").asLong()).isPositive();
            assertThat(a.get("ttftMs").asLong()).isGreaterThanOrEqualTo(0);
            // watch stops reading at the answer's last word: the CLOSED reason is the answer's.
            assertThat(r.kind("state").get(r.kind("state").size() - 1).get("reason").asText())
                    .startsWith("the answer is complete (");
        }
    }

    @Test
    void assembleSaysWhenTheStreamCarriedAnErrorAndExitsTwo() throws Exception {
        Result r = watch(stub.baseUrl() + "/llm?format=openai-responses&delay=0&error=1", "--assemble", "--events-only");
        assertThat(r.exit()).isEqualTo(WatchCommand.FAILED);
        JsonNode a = r.kind("assembled").get(0);
        assertThat(a.get("state").asText()).isEqualTo("error");
        assertThat(a.get("error").asText()).isEqualTo("server_error: The stub failed this stream halfway, as asked (error=1)");
        assertThat(a.has("finishReason")).as("absent when unknown").isFalse();
        assertThat(r.stderr()).contains("the answer carried an error (server_error");
    }

    @Test
    void assemblePathMergesAnyJsonAndBadOnesAreUsageErrors() throws Exception {
        Result r = watch(stub.baseUrl() + "/llm?delay=0&reasoning=0", "--assemble-path", "$.choices[0].delta.content",
                "--events-only");
        assertThat(r.exit()).isZero();
        JsonNode a = r.kind("assembled").get(0);
        assertThat(a.get("format").asText()).isEqualTo("jsonpath");
        assertThat(a.get("text").asText()).endsWith("until the model is done.");
        assertThat(a.has("reasoning")).isFalse();
        Result bad = watch(stub.baseUrl() + "/llm", "--assemble-path", "$[");
        assertThat(bad.exit()).isEqualTo(MainCommand.USAGE);
        assertThat(bad.stderr()).contains("--assemble-path: '$[' is not a JSONPath");
        Result both = watch(stub.baseUrl() + "/llm", "--assemble-path", "$.a", "--assemble-format", "gemini");
        assertThat(both.exit()).isEqualTo(MainCommand.USAGE);
        Result unknown = watch(stub.baseUrl() + "/llm", "--assemble-format", "cohere");
        assertThat(unknown.stderr()).contains("not 'cohere'");
    }

    @Test
    void trustsACertificateFileOrSkipsVerificationLoudly(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        okhttp3.tls.HeldCertificate self = new okhttp3.tls.HeldCertificate.Builder().commonName("watch.test")
                .addSubjectAlternativeName("127.0.0.1").build();
        okhttp3.tls.HandshakeCertificates tls = new okhttp3.tls.HandshakeCertificates.Builder().heldCertificate(self).build();
        try (RawServer server = new RawServer(tls.sslContext().getServerSocketFactory())) {
            server.otherwise(RawServer.stream("data: secure\n\n"));
            Result refused = watch(server.url("/s"), "--max-events", "1");
            assertThat(refused.exit()).isEqualTo(WatchCommand.FAILED);
            assertThat(refused.stderr()).contains("the server's certificate is not trusted: self-signed, issued to CN=watch.test");
            Path pem = dir.resolve("watch.pem");
            java.nio.file.Files.writeString(pem, self.certificatePem());
            Result trusted = watch(server.url("/s"), "--cacert", pem.toString(), "--max-events", "1");
            assertThat(trusted.exit()).as(trusted.stderr()).isZero();
            assertThat(trusted.kind("event").get(0).get("data").asText()).isEqualTo("secure");
            JsonNode response = trusted.kind("response").get(0);
            assertThat(response.get("tls").get("certificates").get(0).get("subject").asText()).isEqualTo("CN=watch.test");
            assertThat(response.get("timing").get("tlsMs").asLong()).isGreaterThanOrEqualTo(0);
            Result insecure = watch(server.url("/s"), "-k", "--max-events", "1", "--events-only");
            assertThat(insecure.exit()).isZero();
            assertThat(insecure.stderr()).contains("WARNING: certificate verification is OFF");
            Result notPem = watch(server.url("/s"), "--cacert", dir.resolve("missing.pem").toString());
            assertThat(notPem.exit()).isEqualTo(MainCommand.USAGE);
            assertThat(notPem.stderr()).contains("--cacert: no certificate file");
        }
    }

    @Test
    void assembleStopsAtTheEndMarkerEvenWhenTheServerKeepsTheStreamOpen() throws Exception {
        String chunk = "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},"
                + "\"finish_reason\":\"stop\"}]}\n\n";
        try (RawServer server = new RawServer()) {
            server.enqueue(RawServer.streamAndHold(chunk + "data: [DONE]\n\n"));
            Result r = watch(server.url("/held"), "--assemble");
            assertThat(r.exit()).as(r.stderr()).isZero();
            assertThat(r.kind("assembled").get(0).get("state").asText()).isEqualTo("finished");
            assertThat(r.kind("attempt-end").get(0).get("reason").asText()).isEqualTo("the answer is complete (data: [DONE])");
            // A once stream cut before its answer ended is not a success.
            server.enqueue(RawServer.stream("data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"content\":\"half\"}}]}\n\n"));
            Result cut = watch(server.url("/cut"), "--assemble", "-d", "{}", "--events-only");
            assertThat(cut.exit()).isEqualTo(WatchCommand.FAILED);
            assertThat(cut.kind("assembled").get(0).get("state").asText()).isEqualTo("incomplete");
            assertThat(cut.stderr()).contains("the answer is incomplete");
        }
    }
}
