package dev.ssemonitor.contract;

import static dev.ssemonitor.testing.RawServer.streamAndHold;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ssemonitor.testing.RawServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ContractServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<String> callbacks = new LinkedBlockingQueue<>();
    private ContractService service;
    private HttpServer callbackServer;
    private RawServer streamServer;

    @BeforeEach
    void setUp() throws Exception {
        service = ContractService.start("127.0.0.1", 0);
        streamServer = new RawServer();
        callbackServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        callbackServer.createContext("/cb", exchange -> {
            try (exchange) {
                callbacks.add(exchange.getRequestURI().getPath() + " " + new String(exchange.getRequestBody().readAllBytes(), UTF_8));
                exchange.sendResponseHeaders(202, -1);
            }
        });
        callbackServer.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        service.close();
        streamServer.close();
        callbackServer.stop(0);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String nextCallback() throws InterruptedException {
        String s = callbacks.poll(10, TimeUnit.SECONDS);
        assertThat(s).as("a callback within 10 s").isNotNull();
        return s;
    }

    @Test
    void advertisesWhatTheEngineSupports() throws Exception {
        JsonNode status = JSON.readTree(send("GET", "/", null).body());
        assertThat(status.get("capabilities")).extracting(JsonNode::asText).contains("comments", "headers",
                "last-event-id", "post", "report", "read-timeout", "restart", "bom", "event-type-listeners",
                "server-directed-shutdown-request");
    }

    @Test
    void streamsEventsCommentsInOrderAndObeysCommands() throws Exception {
        streamServer.enqueue(streamAndHold(": hi\ndata: one\n\nevent: custom\ndata: skipped\n\nid: 3\ndata: three\n\n"));
        streamServer.enqueue(streamAndHold("event: custom\ndata: four\n\n"));
        String cb = "http://127.0.0.1:" + callbackServer.getAddress().getPort() + "/cb/7";
        String create = "{\"streamUrl\":\"" + streamServer.url("/s") + "\",\"callbackUrl\":\"" + cb + "\",\"tag\":\"t\","
                + "\"initialDelayMs\":10,\"lastEventId\":\"abc\",\"method\":\"REPORT\",\"body\":\"q\","
                + "\"headers\":{\"x-test\":\"1\",\"content-type\":\"application/x-thing\"},\"readTimeoutMs\":5000}";
        HttpResponse<String> created = send("POST", "/", create);
        assertThat(created.statusCode()).isBetween(200, 299);
        String location = created.headers().firstValue("Location").orElseThrow();

        assertThat(nextCallback()).isEqualTo("/cb/7/1 {\"kind\":\"comment\",\"comment\":\"hi\"}");
        assertThat(nextCallback()).isEqualTo("/cb/7/2 {\"kind\":\"event\",\"event\":{\"type\":\"message\",\"data\":\"one\",\"id\":\"abc\"}}");
        assertThat(nextCallback()).isEqualTo("/cb/7/3 {\"kind\":\"event\",\"event\":{\"type\":\"message\",\"data\":\"three\",\"id\":\"3\"}}");
        RawServer.Request first = streamServer.takeRequest();
        assertThat(first.method()).isEqualTo("REPORT");
        assertThat(first.body()).isEqualTo("q");
        assertThat(first.header("x-test")).isEqualTo("1");
        assertThat(first.header("content-type")).isEqualTo("application/x-thing");
        assertThat(first.header("last-event-id")).isEqualTo("abc");

        assertThat(send("POST", location, "{\"command\":\"listen\",\"listen\":{\"type\":\"custom\"}}").statusCode()).isBetween(200, 299);
        assertThat(send("POST", location, "{\"command\":\"restart\"}").statusCode()).isBetween(200, 299);
        assertThat(nextCallback()).isEqualTo("/cb/7/4 {\"kind\":\"event\",\"event\":{\"type\":\"custom\",\"data\":\"four\",\"id\":\"3\"}}");
        assertThat(streamServer.takeRequest().header("last-event-id")).isEqualTo("3");

        assertThat(send("POST", location, "{\"command\":\"dance\"}").statusCode()).isEqualTo(400);
        assertThat(send("DELETE", location, null).statusCode()).isBetween(200, 299);
        assertThat(send("DELETE", location, null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/streams/999", "{\"command\":\"restart\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void reportsErrorsAndRejectsBadRequests() throws Exception {
        streamServer.enqueue((r, s, out) -> out.write(RawServer.head(500, "text/plain", 0)));
        String cb = "http://127.0.0.1:" + callbackServer.getAddress().getPort() + "/cb/1";
        send("POST", "/", "{\"streamUrl\":\"" + streamServer.url("/") + "\",\"callbackUrl\":\"" + cb + "\"}");
        assertThat(nextCallback()).isEqualTo("/cb/1/1 {\"kind\":\"error\",\"comment\":\"HTTP 500 Internal Server Error\"}");
        assertThat(send("POST", "/", "not json").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/", "{\"callbackUrl\":\"" + cb + "\"}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/", "{\"streamUrl\":\"nope\",\"callbackUrl\":\"" + cb + "\"}").statusCode()).isEqualTo(400);
    }
}
