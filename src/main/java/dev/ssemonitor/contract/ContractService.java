package dev.ssemonitor.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ssemonitor.client.EventSource;
import dev.ssemonitor.client.EventSourceConfig;
import dev.ssemonitor.client.ReconnectPolicy;
import dev.ssemonitor.client.EventSourceListener;
import dev.ssemonitor.sse.ServerSentEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The REST "test service" of LaunchDarkly's sse-contract-tests harness, over our engine, so anyone can run that
 * harness against SSE Monitor: {@code GET /} lists capabilities, {@code POST /} creates a stream, {@code POST
 * /streams/N} sends {@code restart} or {@code listen}, {@code DELETE /streams/N} stops it, {@code DELETE /} quits.
 * Events, comments and errors go to {@code callbackUrl/1}, {@code /2}, ... in order.
 */
public final class ContractService implements AutoCloseable {
    /** Only what the engine truly does. */
    public static final java.util.List<String> CAPABILITIES = java.util.List.of("comments", "headers", "last-event-id",
            "post", "report", "read-timeout", "restart", "bom", "event-type-listeners",
            "server-directed-shutdown-request");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final HttpServer server;
    private final OkHttpClient callbacks = new OkHttpClient();
    private final Map<Integer, Stream> streams = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private ContractService(HttpServer server) {
        this.server = server;
    }

    public static ContractService start(String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 50);
        ContractService service = new ContractService(server);
        server.createContext("/", service::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "contract-service");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return service;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Blocks until {@code DELETE /} or {@link #close()}. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        streams.values().forEach(Stream::close);
        streams.clear();
        server.stop(0);
        stopped.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/")) {
                switch (method) {
                    case "GET" -> {
                        ObjectNode status = JSON.createObjectNode();
                        status.put("name", "sse-monitor");
                        status.putPOJO("capabilities", CAPABILITIES);
                        respond(exchange, 200, JSON.writeValueAsString(status));
                    }
                    case "POST" -> create(exchange);
                    case "DELETE" -> {
                        respond(exchange, 204, null);
                        new Thread(this::close, "contract-service-stop").start();
                    }
                    default -> respond(exchange, 405, "method not allowed");
                }
                return;
            }
            if (path.startsWith("/streams/")) {
                Stream stream;
                try {
                    stream = streams.get(Integer.parseInt(path.substring("/streams/".length())));
                } catch (NumberFormatException e) {
                    stream = null;
                }
                if (stream == null) {
                    respond(exchange, 404, "no such stream");
                    return;
                }
                switch (method) {
                    case "POST" -> command(exchange, stream);
                    case "DELETE" -> {
                        streams.remove(stream.id);
                        stream.close();
                        respond(exchange, 204, null);
                    }
                    default -> respond(exchange, 405, "method not allowed");
                }
                return;
            }
            respond(exchange, 404, "not found");
        }
    }

    private void create(HttpExchange exchange) throws IOException {
        JsonNode body;
        EventSourceConfig config;
        String callbackUrl;
        try {
            body = JSON.readTree(exchange.getRequestBody());
            String streamUrl = text(body, "streamUrl");
            callbackUrl = text(body, "callbackUrl");
            if (streamUrl == null || callbackUrl == null) throw new IllegalArgumentException("streamUrl and callbackUrl are required");
            config = configFrom(body, streamUrl);
        } catch (IOException | IllegalArgumentException e) {
            respond(exchange, 400, "bad request: " + e.getMessage());
            return;
        }
        int id = ids.incrementAndGet();
        Stream stream = new Stream(id, callbackUrl);
        streams.put(id, stream);
        stream.source = EventSource.connect(config, stream);
        exchange.getResponseHeaders().set("Location", "/streams/" + id);
        respond(exchange, 201, null);
    }

    static EventSourceConfig configFrom(JsonNode body, String streamUrl) {
        // The contract tests expect an EventSource's reconnects for every method, POST and REPORT too.
        EventSourceConfig.Builder b = EventSourceConfig.builder(EventSourceConfig.parseAbsoluteUrl(streamUrl))
                .policy(ReconnectPolicy.BROWSER);
        if (body.hasNonNull("initialDelayMs")) b.reconnectionTime(Duration.ofMillis(body.get("initialDelayMs").asLong()));
        if (body.hasNonNull("readTimeoutMs")) b.readTimeout(Duration.ofMillis(body.get("readTimeoutMs").asLong()));
        String lastEventId = text(body, "lastEventId");
        if (lastEventId != null) b.lastEventId(lastEventId);
        String contentType = "text/plain";
        JsonNode headers = body.get("headers");
        if (headers != null && headers.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> h = it.next();
                if (h.getKey().equalsIgnoreCase("content-type")) contentType = h.getValue().asText();
                else b.header(h.getKey(), h.getValue().asText());
            }
        }
        String method = text(body, "method");
        if (method != null) b.method(method);
        String requestBody = text(body, "body");
        if (requestBody != null) b.body(requestBody, contentType);
        return b.build();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private void command(HttpExchange exchange, Stream stream) throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(exchange.getRequestBody());
        } catch (IOException e) {
            respond(exchange, 400, "bad JSON");
            return;
        }
        switch (body.path("command").asText()) {
            case "restart" -> {
                stream.source.restart();
                respond(exchange, 204, null);
            }
            case "listen" -> {
                String type = body.path("listen").path("type").asText("");
                if (type.isEmpty()) {
                    respond(exchange, 400, "listen needs a type");
                    return;
                }
                stream.listening.add(type);
                respond(exchange, 204, null);
            }
            default -> respond(exchange, 400, "unknown command");
        }
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        if (text == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", text.startsWith("{") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** One stream the harness created; its callbacks leave one at a time, numbered, in order. */
    private final class Stream implements EventSourceListener {
        final int id;
        final String callbackUrl;
        final Set<String> listening = ConcurrentHashMap.newKeySet();
        final ExecutorService sender;
        final AtomicInteger counter = new AtomicInteger();
        volatile EventSource source;

        Stream(int id, String callbackUrl) {
            this.id = id;
            this.callbackUrl = callbackUrl.endsWith("/") ? callbackUrl.substring(0, callbackUrl.length() - 1) : callbackUrl;
            this.listening.add(ServerSentEvent.DEFAULT_TYPE);
            this.sender = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "contract-callbacks-" + id);
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            if (!listening.contains(event.type())) return;
            ObjectNode message = JSON.createObjectNode().put("kind", "event");
            ObjectNode e = message.putObject("event");
            e.put("type", event.type());
            e.put("data", event.data());
            if (!event.lastEventId().isEmpty()) e.put("id", event.lastEventId());
            send(message);
        }

        @Override
        public void onComment(String comment) {
            send(JSON.createObjectNode().put("kind", "comment").put("comment", comment));
        }

        @Override
        public void onError(String message, Throwable cause) {
            send(JSON.createObjectNode().put("kind", "error").put("comment", message));
        }

        private void send(ObjectNode message) {
            String url = callbackUrl + "/" + counter.incrementAndGet();
            String json = message.toString();
            sender.execute(() -> {
                Request request = new Request.Builder().url(url).post(RequestBody.create(json, JSON_TYPE)).build();
                try (Response ignored = callbacks.newCall(request).execute()) {
                    // status does not matter
                } catch (IOException e) {
                    System.err.println("contract-service: callback to " + url + " failed: " + e.getMessage());
                }
            });
        }

        void close() {
            EventSource s = source;
            if (s != null) s.close();
            sender.shutdown();
        }
    }
}
