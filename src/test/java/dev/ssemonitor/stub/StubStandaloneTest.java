package dev.ssemonitor.stub;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code java server-stub/dev/ssemonitor/stub/StubServer.java}: the stub runs from its one source file, JDK only, no build. */
@Tag("slow")
@Timeout(60)
class StubStandaloneTest {
    @Test
    void runsFromItsSourceFileAndServesTheDemo() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "server-stub/dev/ssemonitor/stub/StubServer.java", "--port", "0", "--quiet")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8));
            String first = out.readLine();
            assertThat(first).startsWith("SSE stub server listening on http://127.0.0.1:");
            Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/").matcher(first);
            assertThat(m.find()).isTrue();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + m.group(1) + "/sse")).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream");
            BufferedReader body = new BufferedReader(new InputStreamReader(r.body(), UTF_8));
            assertThat(body.readLine()).matches("data: \\{\"message\":\"Current time is \\d\\d:\\d\\d:\\d\\d\"}");
            assertThat(body.readLine()).isEmpty();
            r.body().close();
        } finally {
            p.destroy();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
