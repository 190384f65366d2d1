package dev.ssemonitor.stub;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SSE Monitor stub server: the classic demo time stream on {@code /sse} and a scenario for every SSE behaviour.
 *
 * <p>JDK only, one file, so it runs with no build step:
 * {@code java server-stub/dev/ssemonitor/stub/StubServer.java --port 8088}. The app also compiles it in
 * ({@code sse-monitor stub}, and the GUI starts it in-process).
 *
 * <p>Plain sockets rather than an HTTP library, for byte-level control (bare CRs, resets, byte drips, garbage). Each
 * connection has its own thread and writes with blocking I/O: a client that stops reading blocks only its own thread,
 * and nothing is buffered for it beyond one 64 KiB chunk, so memory stays bounded.
 */
public final class StubServer implements Closeable {
    public static final int DEFAULT_PORT = 8088;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY = 4 * 1024 * 1024;
    /** Shared by every server in this JVM: closes request heads that take too long (slowloris). */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stub-watchdog");
        t.setDaemon(true);
        return t;
    });

    /**
     * How a server is set up.
     *
     * @param replayDir       the only folder {@code /replay} reads recordings from; null turns replay off
     * @param maxConnections  connections served at once; one more gets a 503 at once
     * @param requestDeadline how long a client has to send its request head and body
     */
    public record Options(Path replayDir, int maxConnections, Duration requestDeadline) {
        public static Options defaults() {
            return new Options(null, 256, Duration.ofSeconds(15));
        }

        public Options withReplayDir(Path dir) {
            return new Options(dir, maxConnections, requestDeadline);
        }

        public Options withMaxConnections(int n) {
            return new Options(replayDir, n, requestDeadline);
        }

        public Options withRequestDeadline(Duration d) {
            return new Options(replayDir, maxConnections, d);
        }
    }

    private final ServerSocket server;
    private final PrintStream log;
    private final Options options;
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;
    private final List<Route> routes = routes();

    private StubServer(ServerSocket server, PrintStream log, Options options) {
        this.server = server;
        this.log = log;
        this.options = options;
        this.acceptor = new Thread(this::acceptLoop, "stub-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Starts a server on {@code host:port} (port 0 picks a free one), with replay off.
     *
     * @param log where each connection's one-line summary goes; null for none
     */
    public static StubServer start(String host, int port, PrintStream log) throws IOException {
        return start(host, port, log, Options.defaults());
    }

    public static StubServer start(String host, int port, PrintStream log, Options options) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 100);
        Path dir = options.replayDir();
        if (dir != null) {
            if (!Files.isDirectory(dir)) {
                socket.close();
                throw new IOException("the replay folder " + dir + " is not a folder");
            }
            options = options.withReplayDir(dir.toRealPath());
        }
        StubServer stub = new StubServer(socket, log, options);
        stub.acceptor.start();
        return stub;
    }

    public int port() {
        return server.getLocalPort();
    }

    public String host() {
        InetAddress a = server.getInetAddress();
        String h = a.getHostAddress();
        return h.contains(":") ? "[" + h + "]" : h;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8088}, without a trailing slash. */
    public String baseUrl() {
        return "http://" + host() + ":" + port();
    }

    /** Connections currently open. */
    public int liveConnections() {
        return live.size();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : live) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = DEFAULT_PORT;
        boolean quiet = false;
        Path replayDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port", "-p" -> port = port(value(args, ++i, "--port"));
                case "--host" -> host = value(args, ++i, "--host");
                case "--replay-dir" -> replayDir = Path.of(value(args, ++i, "--replay-dir"));
                case "--quiet", "-q" -> quiet = true;
                case "--help", "-h" -> {
                    System.out.println("usage: StubServer [--port 8088] [--host 127.0.0.1] [--replay-dir DIR] [--quiet]");
                    System.out.println("Port 0 picks a free port. Binds loopback unless --host names another address.");
                    System.out.println("/replay serves NDJSON recordings from --replay-dir only (none: no replay).");
                    return;
                }
                default -> usage("unknown option '" + args[i] + "' (try --help)");
            }
        }
        System.exit(serve(host, port, quiet, Options.defaults().withReplayDir(replayDir)));
    }

    private static int port(String text) {
        try {
            int p = Integer.parseInt(text.trim());
            if (p >= 0 && p <= 65535) return p;
        } catch (NumberFormatException e) {
            // said below
        }
        usage("--port is from 0 to 65535, not '" + text + "'");
        return -1;
    }

    private static void usage(String message) {
        System.err.println("stub: " + message);
        System.exit(64);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) usage(option + " needs a value");
        return args[i];
    }

    /** Runs until Ctrl+C; the exit status. */
    public static int serve(String host, int port, boolean quiet, Options options) throws InterruptedException {
        StubServer stub;
        try {
            stub = start(host, port, quiet ? null : System.out, options);
        } catch (IOException e) {
            System.err.println("stub: cannot listen on " + host + ":" + port + ": " + e.getMessage());
            return 1;
        }
        System.out.println("SSE stub server listening on " + stub.baseUrl() + "/");
        System.out.println("  demo stream: " + stub.baseUrl() + "/sse   scenarios: " + stub.baseUrl() + "/scenarios");
        if (stub.options.replayDir() != null) System.out.println("  replaying recordings from " + stub.options.replayDir());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stub.close();
            System.out.println("stub: stopped");
        }));
        stub.acceptor.join();
        return 0;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!closed && log != null) log.println("stub: accept failed: " + e.getMessage());
                return;
            }
            if (live.size() >= options.maxConnections()) {
                refuseBusy(s);
                continue;
            }
            live.add(s);
            Thread t = new Thread(() -> handle(s), "stub-conn-" + connections.incrementAndGet());
            t.setDaemon(true);
            t.start();
        }
    }

    /** Past the cap: a 503 with words, written at once (it fits any socket buffer), and the connection closed. */
    private void refuseBusy(Socket s) {
        String remote = s.getInetAddress().getHostAddress() + ":" + s.getPort();
        try (s) {
            Http.writeSimple(s.getOutputStream(), 503, "text/plain; charset=utf-8", "the stub serves at most "
                    + options.maxConnections() + " connections at once; try again when one has ended\n");
        } catch (IOException ignored) {
            // the client is gone already
        }
        if (log != null) {
            log.printf(Locale.ROOT, "%s %s - - -> 503, too many connections (%d)%n", LocalTime.now().format(LOG_TIME),
                    remote, options.maxConnections());
        }
    }

    /** One parsed request. Every query parameter is read through a method that checks its range and says why not. */
    record Request(String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body,
                   String remote) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** Text that may end up in a header or a line: no control characters, at most {@code maxLength}. */
        String text(String name, String fallback, int maxLength) {
            String v = query.get(name);
            if (v == null || v.isEmpty()) return fallback;
            if (v.length() > maxLength) throw new BadRequest("query parameter " + name + " is longer than " + maxLength);
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c < 0x20 || c == 0x7f) {
                    throw new BadRequest("query parameter " + name + " cannot hold control characters (such as CR or LF)");
                }
            }
            return v;
        }

        long num(String name, long fallback, long min, long max) {
            String v = query.get(name);
            if (v == null || v.isEmpty()) return fallback;
            long n;
            try {
                n = Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw new BadRequest("query parameter " + name + " must be a whole number from " + min + " to " + max
                        + ", not '" + Pages.printable(v) + "'");
            }
            if (n < min || n > max) {
                throw new BadRequest("query parameter " + name + " must be from " + min + " to " + max + ", not " + n);
            }
            return n;
        }

        double decimal(String name, double fallback, double min, double max) {
            String v = query.get(name);
            if (v == null || v.isEmpty()) return fallback;
            double d;
            try {
                d = Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                d = Double.NaN;
            }
            if (!(d >= min && d <= max)) { // NaN and the infinities fail too
                throw new BadRequest("query parameter " + name + " must be a number from " + Pages.number(min) + " to "
                        + Pages.number(max) + ", not '" + Pages.printable(v) + "'");
            }
            return d;
        }

        boolean flag(String name) {
            String v = query.get(name);
            return v != null && !v.equals("0") && !v.equalsIgnoreCase("false");
        }
    }

    static final class BadRequest extends RuntimeException {
        final int status;

        BadRequest(String message) {
            this(400, message);
        }

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** What happened on one connection, for its log line. {@code status} is set when the head is written. */
    static final class Outcome {
        int status;
        long events;
        String end = "done";
    }

    private void handle(Socket socket) {
        long started = System.nanoTime();
        Outcome outcome = new Outcome();
        Request request = null;
        String remote = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
        AtomicBoolean late = new AtomicBoolean();
        // The whole request must arrive by the deadline, however slowly it drips (a per-read timeout would not do).
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            late.set(true);
            try {
                socket.shutdownInput();
            } catch (IOException ignored) {
                // already gone
            }
        }, options.requestDeadline().toMillis(), TimeUnit.MILLISECONDS);
        try (socket) {
            OutputStream out = socket.getOutputStream();
            try {
                socket.setTcpNoDelay(true);
                request = Http.readRequest(new BufferedInputStream(socket.getInputStream()), remote);
                watchdog.cancel(false);
                if (late.get()) {
                    throw new BadRequest(408, "the request did not arrive within " + options.requestDeadline().toSeconds() + " s");
                }
                if (request == null) {
                    outcome.end = "closed before sending a request";
                    return;
                }
                route(request, socket, outcome);
            } catch (BadRequest e) {
                outcome.end = e.getMessage();
                if (outcome.status == 0) { // never a second head inside a body already under way
                    outcome.status = e.status;
                    Http.writeSimple(out, e.status, "text/plain; charset=utf-8", e.getMessage() + "\n");
                }
            } catch (RuntimeException e) {
                outcome.end = "stub error: " + e;
                if (outcome.status == 0) {
                    outcome.status = 500;
                    Http.writeSimple(out, 500, "text/plain; charset=utf-8", "the stub failed: " + e + "\n");
                }
            }
        } catch (SocketException e) {
            outcome.end = closed ? "server stopped" : "client went away (" + e.getMessage() + ")";
        } catch (IOException e) {
            outcome.end = "I/O error: " + e.getMessage();
        } catch (InterruptedException e) {
            outcome.end = "interrupted";
        } finally {
            watchdog.cancel(false);
            live.remove(socket);
            if (log != null) logLine(request, remote, outcome, started);
        }
    }

    private void logLine(Request request, String remote, Outcome outcome, long started) {
        String lastId = request == null ? null : request.header("last-event-id");
        // Every field a client controls is escaped: a Last-Event-ID with ESC must not drive the user's terminal.
        log.printf(Locale.ROOT, "%s %s %s %s Last-Event-ID=%s -> %d, %d event%s, %.1f s, %s%n",
                LocalTime.now().format(LOG_TIME), remote,
                request == null ? "-" : Pages.printable(request.method()),
                request == null ? "-" : Pages.printable(request.path()),
                lastId == null ? "-" : Pages.printable(lastId),
                outcome.status, outcome.events, outcome.events == 1 ? "" : "s",
                (System.nanoTime() - started) / 1e9, Pages.printable(outcome.end));
    }

    @FunctionalInterface
    interface Handler {
        void serve(Request request, Socket socket, Outcome outcome) throws IOException, InterruptedException;
    }

    /**
     * What one scenario is, for the tools that list and open it: the window's scenario dialog, {@code /scenarios} and
     * {@code /scenarios.json}.
     *
     * @param method  the method to open it with (POST for the LLM stream, which reads a JSON body)
     * @param body    the request body to send, or null for none
     * @param example a path and query that shows it off
     */
    public record Scenario(String path, String method, String body, String title, List<Param> params, String example) {
        /** One query parameter: its name, and its default or values with what it does. */
        public record Param(String name, String meaning) {
            @Override
            public String toString() {
                return name + "=" + meaning;
            }
        }

        /** The parameters as one line: {@code total=100 interval=ms …}. */
        public String paramsText() {
            StringBuilder s = new StringBuilder();
            for (Param p : params) s.append(s.length() == 0 ? "" : " ").append(p);
            return s.toString();
        }
    }

    private record Route(Scenario scenario, Handler handler) {}

    private static Scenario get(String path, String title, String example, Scenario.Param... params) {
        return new Scenario(path, "GET", null, title, List.of(params), example);
    }

    private static Scenario.Param p(String name, String meaning) {
        return new Scenario.Param(name, meaning);
    }

    private List<Route> routes() {
        Scenarios h = new Scenarios();
        return List.of(
                new Route(get("/sse", "The demo time stream: data: {\"message\":\"Current time is HH:MM:SS\"} every second",
                        "/sse", p("interval", "1000 (ms)"), p("count", "0 (forever)")), h::demo),
                new Route(get("/ids", "Numbered events with id:, resuming after Last-Event-ID with no gap and no "
                        + "duplicate; answers 204 once all are delivered", "/ids?total=20&interval=200&closeAfter=5&retry=500",
                        p("total", "100"), p("interval", "200 (ms)"), p("closeAfter", "N (per connection)"),
                        p("reset", "1 (reset instead of close)"), p("retry", "ms")), h::ids),
                new Route(get("/events", "Named events (event:) with multi-line data", "/events?type=update&lines=3",
                        p("type", "update"), p("lines", "3"), p("count", "10"), p("interval", "500 (ms)")), h::namedEvents),
                new Route(get("/heartbeat", "Comments as heartbeats, with an event every N heartbeats",
                        "/heartbeat?interval=1000&dataEvery=5", p("interval", "1000 (ms)"), p("dataEvery", "5"),
                        p("text", "ping")), h::heartbeat),
                new Route(get("/retry", "Sends retry: then one event and ends, so the client reconnects after that delay",
                        "/retry?ms=500", p("ms", "500")), h::retry),
                new Route(get("/endings", "Events with CR, LF or CRLF line endings", "/endings?eol=cr",
                        p("eol", "cr|lf|crlf"), p("count", "5"), p("interval", "ms")), h::endings),
                new Route(get("/bom", "A stream starting with a byte order mark (twice=1: two, the second must not be "
                        + "stripped)", "/bom", p("twice", "1")), h::bom),
                new Route(get("/close", "Ends the stream after N events or T seconds", "/close?after=3",
                        p("after", "N"), p("seconds", "T"), p("interval", "ms")), h::closeAfter),
                new Route(get("/stall", "Sends N events, then keeps the socket open and sends nothing", "/stall?after=2",
                        p("after", "N")), h::stall),
                new Route(get("/reset", "Sends N events, then resets the connection abruptly (TCP RST)", "/reset?after=3",
                        p("after", "N"), p("interval", "ms")), h::reset),
                new Route(get("/drip", "Drips the bytes of each event one at a time", "/drip?delay=50",
                        p("delay", "ms"), p("count", "5")), h::drip),
                new Route(get("/garbage", "Garbage: invalid UTF-8 inside events, or random bytes", "/garbage?kind=utf8",
                        p("kind", "utf8|random"), p("bytes", "4096")), h::garbage),
                new Route(get("/status", "Answers any status (204 tells an EventSource to stop)", "/status?code=204",
                        p("code", "500")), h::status),
                new Route(get("/content-type", "Answers 200 with a wrong Content-Type",
                        "/content-type?type=application/json", p("type", "text/html")), h::contentType),
                new Route(get("/redirect", "Redirects (empty to=: no Location header)", "/redirect?code=307&to=/sse",
                        p("code", "302"), p("to", "/sse")), h::redirect),
                new Route(get("/flood", "A flood of events at a chosen rate (0: as fast as possible), data of exactly "
                        + "size bytes", "/flood?rate=10000&size=100", p("rate", "0"), p("size", "100"),
                        p("count", "0 (0: forever)"), p("seconds", "0")), h::flood),
                new Route(get("/big", "One very large event", "/big?size=1048576", p("size", "10485760 (bytes of data)")),
                        h::big),
                llmRoute("openai", "OpenAI Chat Completions (choices[].delta, tool_calls, usage, data: [DONE])", h),
                llmRoute("openai-responses", "OpenAI Responses (response.output_text.delta … response.completed)", h),
                llmRoute("anthropic", "Anthropic Messages (message_start, content_block_delta … message_stop)", h),
                llmRoute("gemini", "Gemini streamGenerateContent?alt=sse (candidates[].content.parts, usageMetadata)", h),
                new Route(get("/replay", "Replays an NDJSON recording (what `watch` prints) with its timing",
                        "/replay?file=recording.ndjson&speed=2", p("file", "PATH"), p("speed", "1 (or max)")), h::replay));
    }

    /** One /llm route per vendor format: the same handler, offered as its own scenario with that format's example. */
    private static Route llmRoute(String format, String shape, Scenarios h) {
        return new Route(new Scenario("/llm", "POST", "{\"prompt\":\"Tell me about server-sent events\"}",
                "An LLM token stream, POST a JSON body (GET works too), in the shape of " + shape,
                List.of(p("format", "openai|openai-responses|anthropic|gemini"), p("delay", "60 (ms a token)"),
                        p("jitter", "0 (ms)"), p("stall", "0 (ms, once, a third in)"), p("reasoning", "1"), p("tool", "0"),
                        p("usage", "1"), p("error", "0 (1: fail halfway)")),
                "/llm?format=" + format + "&reasoning=1&tool=1"), h::llm);
    }

    /** Every scenario this server serves, in the order the index lists them. */
    public List<Scenario> scenarios() {
        List<Scenario> out = new ArrayList<>();
        for (Route r : routes) out.add(r.scenario());
        return List.copyOf(out);
    }

    /** Replay reads a path named by the client: only a local user may do that, so only on a loopback bind. */
    static boolean replayAllowed(InetAddress bound) {
        return bound.isLoopbackAddress();
    }

    private void route(Request r, Socket socket, Outcome outcome) throws IOException, InterruptedException {
        OutputStream out = socket.getOutputStream();
        if (r.method().equals("OPTIONS")) {
            outcome.status = 200;
            out.write(("HTTP/1.1 200 OK\r\n" + Http.cors(r) + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
            return;
        }
        if (r.path().equals("/") || r.path().equals("/index.html")) {
            outcome.status = 200;
            Http.writeSimple(out, 200, "text/html; charset=utf-8", Pages.demoPage());
            return;
        }
        if (r.path().equals("/scenarios") || r.path().equals("/scenarios.json")) {
            outcome.status = 200;
            boolean json = r.path().endsWith(".json") || "json".equals(r.query().get("format"))
                    || (r.header("accept") != null && r.header("accept").contains("application/json"));
            if (json) Http.writeSimple(out, 200, "application/json", Pages.scenariosJson(scenarios()));
            else Http.writeSimple(out, 200, "text/html; charset=utf-8", Pages.scenariosHtml(scenarios()));
            return;
        }
        for (Route route : routes) {
            if (route.scenario().path().equals(r.path())) {
                route.handler().serve(r, socket, outcome);
                return;
            }
        }
        outcome.status = 404;
        Http.writeSimple(out, 404, "text/plain; charset=utf-8", "No such page: " + Pages.printable(r.path()) + " (see /scenarios)\n");
    }

    /**
     * An event stream response body, chunked. Bytes gather in one 64 KiB buffer and go out as a chunk on
     * {@link #flush()} or when the buffer fills: the only memory a connection holds.
     */
    static final class Stream {
        private final OutputStream out;
        private final Request request;
        private final Outcome outcome;
        private final byte[] buffer = new byte[64 * 1024];
        private int size;
        private String eol = "\n";
        private boolean ended;
        private boolean cors = true;

        Stream(Request request, Socket socket, Outcome outcome) throws IOException {
            this.request = request;
            this.out = socket.getOutputStream();
            this.outcome = outcome;
        }

        Stream eol(String eol) {
            this.eol = eol;
            return this;
        }

        /** No Access-Control-Allow-Origin: no web page may read this response. */
        Stream withoutCors() {
            cors = false;
            return this;
        }

        /** The response head of the Express demo: event stream, no caching, keep-alive, permissive CORS. */
        Stream open() throws IOException {
            return open(200, "text/event-stream");
        }

        Stream open(int status, String contentType) throws IOException {
            outcome.status = status;
            out.write(("HTTP/1.1 " + status + " " + Http.reason(status) + "\r\n"
                    + "Content-Type: " + contentType + "\r\n"
                    + "Cache-Control: no-cache\r\n"
                    + "Connection: keep-alive\r\n"
                    + (cors ? Http.cors(request) : "")
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(UTF_8));
            out.flush();
            return this;
        }

        Stream raw(byte[] bytes) throws IOException {
            return raw(bytes, 0, bytes.length);
        }

        Stream raw(byte[] bytes, int from, int length) throws IOException {
            int off = from;
            int end = from + length;
            while (off < end) {
                int n = Math.min(end - off, buffer.length - size);
                System.arraycopy(bytes, off, buffer, size, n);
                size += n;
                off += n;
                if (size == buffer.length) flush();
            }
            return this;
        }

        Stream raw(String text) throws IOException {
            return raw(text.getBytes(UTF_8));
        }

        Stream field(String name, String value) throws IOException {
            return raw(name + ": " + value + eol);
        }

        /** An event: optional type and id, data split into one data: line per line. */
        Stream event(String type, String id, String data) throws IOException {
            if (type != null) field("event", type);
            if (id != null) field("id", id);
            for (String line : data.split("\r\n|\r|\n", -1)) field("data", line);
            raw(eol);
            outcome.events++;
            return this;
        }

        Stream comment(String text) throws IOException {
            return raw(":" + (text.isEmpty() ? "" : " " + text) + eol);
        }

        Stream flush() throws IOException {
            if (size > 0) {
                out.write((Integer.toHexString(size) + "\r\n").getBytes(UTF_8));
                out.write(buffer, 0, size);
                out.write('\r');
                out.write('\n');
                size = 0;
            }
            out.flush();
            return this;
        }

        /** Ends the body cleanly; the client sees end of stream. */
        void end() throws IOException {
            if (ended) return;
            flush();
            out.write("0\r\n\r\n".getBytes(UTF_8));
            out.flush();
            ended = true;
        }
    }

    /** Just enough JSON string reading for replay, so the stub keeps to the JDK. */
    static final class JsonText {
        private JsonText() {}

        /** A JSON string literal: quotes, backslashes and control characters escaped. */
        static String quote(String text) {
            StringBuilder out = new StringBuilder(text.length() + 2).append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20 || c == 0x2028 || c == 0x2029) out.append(String.format("\\u%04x", (int) c));
                        else out.append(c);
                    }
                }
            }
            return out.append('"').toString();
        }

        static String string(String json, String field) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"").matcher(json);
            if (!m.find()) return null;
            StringBuilder out = new StringBuilder();
            for (int i = m.end(); i < json.length(); i++) {
                char c = json.charAt(i);
                if (c == '"') return out.toString();
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (++i >= json.length()) return null; // a backslash at the very end: not a string
                char e = json.charAt(i);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (i + 5 > json.length()) return null;
                        try {
                            out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                        } catch (NumberFormatException bad) {
                            return null;
                        }
                        i += 4;
                    }
                    default -> out.append(e);
                }
            }
            return null;
        }
    }

    /** HTTP/1.1 as the stub speaks it: reading a request head and body within limits, writing simple responses. */
    static final class Http {
        private Http() {}

        private static Request readRequest(InputStream in, String remote) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int last4 = 0;
            while (true) {
                int b = in.read();
                if (b < 0) return null;
                head.write(b);
                if (head.size() > MAX_HEAD) throw new BadRequest("request head larger than 64 KiB");
                last4 = (last4 << 8) | b;
                if (last4 == 0x0D0A0D0A || (last4 & 0xFFFF) == 0x0A0A) break;
            }
            String[] lines = head.toString(UTF_8).split("\r?\n");
            String[] requestLine = lines.length == 0 ? new String[0] : lines[0].split(" ");
            if (requestLine.length < 2) throw new BadRequest("malformed request line (expected 'METHOD /path HTTP/1.1')");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            byte[] body = new byte[0];
            String length = headers.get("content-length");
            if (length != null) {
                int n;
                try {
                    n = Integer.parseInt(length.trim());
                } catch (NumberFormatException e) {
                    throw new BadRequest("bad Content-Length");
                }
                if (n < 0) throw new BadRequest("bad Content-Length");
                if (n > MAX_BODY) throw new BadRequest(413, "request body larger than 4 MiB");
                body = in.readNBytes(n);
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = readChunked(in);
            }
            String target = requestLine[1];
            int q = target.indexOf('?');
            String path = q < 0 ? target : target.substring(0, q);
            Map<String, String> query = new LinkedHashMap<>();
            if (q >= 0) {
                for (String pair : target.substring(q + 1).split("&")) {
                    if (pair.isEmpty()) continue;
                    int eq = pair.indexOf('=');
                    String k = eq < 0 ? pair : pair.substring(0, eq);
                    String v = eq < 0 ? "" : pair.substring(eq + 1);
                    try {
                        query.put(URLDecoder.decode(k, UTF_8), URLDecoder.decode(v, UTF_8));
                    } catch (IllegalArgumentException e) {
                        throw new BadRequest("the query is not URL-encoded: " + e.getMessage());
                    }
                }
            }
            return new Request(requestLine[0].toUpperCase(Locale.ROOT), path, query, headers, body, remote);
        }

        private static byte[] readChunked(InputStream in) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(in);
                int semi = sizeLine.indexOf(';');
                String hex = (semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim();
                long size;
                try {
                    size = hex.length() > 15 ? Long.MAX_VALUE : Long.parseLong(hex, 16);
                } catch (NumberFormatException e) {
                    throw new BadRequest("bad chunk size '" + Pages.printable(hex) + "' in the request body");
                }
                if (size < 0) throw new BadRequest("bad chunk size '" + Pages.printable(hex) + "' in the request body");
                if (size == 0) {
                    while (!readLine(in).isEmpty()) {
                        // trailers
                    }
                    return out.toByteArray();
                }
                // Compared without adding: a huge chunk size must not overflow past the limit.
                if (size > MAX_BODY - out.size()) throw new BadRequest(413, "request body larger than 4 MiB");
                out.write(in.readNBytes((int) size));
                readLine(in);
            }
        }

        private static String readLine(InputStream in) throws IOException {
            StringBuilder s = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (b != '\r') s.append((char) b);
                if (s.length() > 4096) throw new BadRequest("a line of the chunked request body is longer than 4 KiB");
            }
            return s.toString();
        }

        private static String cors(Request r) {
            String requested = r.header("access-control-request-headers");
            return "Access-Control-Allow-Origin: *\r\n"
                    + "Access-Control-Allow-Methods: GET,HEAD,PUT,PATCH,POST,DELETE\r\n"
                    + "Access-Control-Allow-Headers: " + (requested == null ? "*" : requested) + "\r\n";
        }

        private static void writeSimple(OutputStream out, int status, String type, String body) throws IOException {
            writeSimple(out, status, type, body, true);
        }

        /** @param cors whether any page may read it ({@code Access-Control-Allow-Origin: *}) */
        private static void writeSimple(OutputStream out, int status, String type, String body, boolean cors)
                throws IOException {
            byte[] bytes = body.getBytes(UTF_8);
            out.write(("HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Type: " + type + "\r\nContent-Length: "
                    + bytes.length + "\r\n" + (cors ? "Access-Control-Allow-Origin: *\r\n" : "")
                    + "Connection: close\r\n\r\n").getBytes(UTF_8));
            out.write(bytes);
            out.flush();
        }

        static String reason(int status) {
            return switch (status) {
                case 200 -> "OK";
                case 201 -> "Created";
                case 204 -> "No Content";
                case 301 -> "Moved Permanently";
                case 302 -> "Found";
                case 303 -> "See Other";
                case 307 -> "Temporary Redirect";
                case 308 -> "Permanent Redirect";
                case 400 -> "Bad Request";
                case 401 -> "Unauthorized";
                case 403 -> "Forbidden";
                case 404 -> "Not Found";
                case 408 -> "Request Timeout";
                case 413 -> "Content Too Large";
                case 429 -> "Too Many Requests";
                case 500 -> "Internal Server Error";
                case 502 -> "Bad Gateway";
                case 503 -> "Service Unavailable";
                default -> "Status " + status;
            };
        }
    }

    /**
     * The scenario handlers: each reads and checks all its parameters first (a bad one is a 400 with words, before
     * any byte of the response), then writes one response on its socket, stopping when the server closes.
     */
    private final class Scenarios {
        private static final long MAX_COUNT = 1_000_000_000L;
        private static final long MAX_INTERVAL_MS = 3_600_000L;
        private static final double MAX_SECONDS = 86_400;
        private static final Pattern KIND = Pattern.compile("\"kind\"\\s*:\\s*\"([a-z-]+)\"");
        private static final Pattern T = Pattern.compile("\"t\"\\s*:\\s*(\\d+)");
        private static final Pattern MS = Pattern.compile("\"ms\"\\s*:\\s*(\\d+)");
        private static final int MAX_REPLAY_LINE = 64 << 20;

        private long interval(Request r, long fallback) {
            return r.num("interval", fallback, 0, MAX_INTERVAL_MS);
        }

        private long count(Request r, String name, long fallback) {
            return r.num(name, fallback, 0, MAX_COUNT);
        }

        private String eolOf(Request r) {
            return switch (r.text("eol", "lf", 10).toLowerCase(Locale.ROOT)) {
                case "lf" -> "\n";
                case "cr" -> "\r";
                case "crlf" -> "\r\n";
                default -> throw new BadRequest("eol is lf, cr or crlf");
            };
        }

        private void pause(long millis) throws InterruptedException {
            if (millis > 0) Thread.sleep(millis);
        }

        private void demo(Request r, Socket socket, Outcome outcome) throws IOException, InterruptedException {
            long interval = Math.max(10, interval(r, 1000));
            long max = count(r, "count", 0);
            Stream s = new Stream(r, socket, outcome).open();
            while (!closed && (max == 0 || outcome.events < max)) {
                String now = LocalTime.now().format(CLOCK);
                s.event(null, null, "{\"message\":\"Current time is " + now + "\"}").flush();
                pause(interval);
            }
            s.end();
        }

        private void ids(Request r, Socket socket, Outcome outcome) throws IOException, InterruptedException {
            long total = count(r, "total", 100);
            long perConnection = count(r, "closeAfter", 0);
            long interval = interval(r, 200);
            long retry = r.num("retry", -1, 0, Long.MAX_VALUE);
            boolean reset = r.flag("reset");
            long last = 0;
            String lastEventId = r.header("last-event-id");
            if (lastEventId != null && !lastEventId.isEmpty()) {
                try {
                    last = Long.parseLong(lastEventId.trim());
                } catch (NumberFormatException e) {
                    throw new BadRequest("Last-Event-ID must be a number for /ids, not '" + Pages.printable(lastEventId) + "'");
                }
            }
            if (last >= total) {
                outcome.status = 204;
                outcome.end = "all " + total + " events delivered: 204";
                Http.writeSimple(socket.getOutputStream(), 204, "text/plain", "");
                return;
            }
            Stream s = new Stream(r, socket, outcome).open();
            if (retry >= 0) s.field("retry", String.valueOf(retry));
            for (long id = Math.max(last, 0) + 1; id <= total && !closed; id++) {
                s.event(null, String.valueOf(id), "event " + id + " of " + total).flush();
                if (perConnection > 0 && outcome.events >= perConnection && id < total) {
                    if (reset) {
                        outcome.end = "reset after " + outcome.events;
                        resetConnection(socket);
                        return;
                    }
                    outcome.end = "closed after " + outcome.events;
                    s.end();
                    return;
                }
                pause(interval);
            }
            s.end();
        }

        private void namedEvents(Request r, Socket socket, Outcome outcome) throws IOException, InterruptedException {
            String type = r.text("type", "update", 200);
            long lines = r.num("lines", 3, 1, 10_000);
            long count = count(r, "count", 10);
            long interval = interval(r, 500);
            Stream s = new Stream(r, socket, outcome).open();
            for (long i = 1; (count == 0 || i <= count) && !closed; i++) {
                StringBuilder data = new StringBuilder();
                for (long l = 1; l <= lines; l++) {
                    if (l > 1) data.append('\n');
                    data.append("line ").append(l).append(" of event ").append(i);
                }
                s.event(i % 3 == 0 ? null : type, String.valueOf(i), data.toString()).flush();
                pause(interval);
            }
            s.end();
        }

        private void heartbeat(Request r, Socket socket, Outcome outcome) throws IOException, InterruptedException {
            long interval = Math.max(10, interval(r, 1000));
            long every = count(r, "dataEvery", 5);
            String text = r.text("text", "ping", 1000);
            Stream s = new Stream(r, socket, outcome).open();
            for (long beat = 1; !closed; beat++) {
                s.comment(text + " " + beat);
                if (every > 0 && beat % every == 0) s.event(null, null, "{\"beat\":" + beat + "}");
                s.flush();
                pause(interval);
            }
            s.end();
        }

        private void retry(Request r, Socket socket, Outcome outcome) throws IOException {
            // Any digits at all: a huge retry: is a scenario too (clients must cap it, not overflow).
            String ms = r.text("ms", "500", 100);
            if (!ms.chars().allMatch(c -> c >= '0' && c <= '9')) throw new BadRequest("ms is a number of milliseconds");
            Stream s = new Stream(r, socket, outcome).open();
            s.field("retry", ms);
            s.event(null, null, "reconnect in " + ms + " ms").end();
        }

        private void endings(Request r, Socket socket, Outcome outcome) throws IOException, InterruptedException {
            String eol = eolOf(r);
            long count = count(r, "count", 5);
            long interval = interval(r, 200);
            Stream s = new Stream(r, socket, outcome).eol(eol).open();
            for (long i = 1; i <= count && !closed; i++) {
                s.event("line-ending", String.valueOf(i), "first line\nsecond line").flush();
                pause(interval);
            }
            s.end();
        }

        private void bom(Request r, Socket socket, Outcome outcome) throws IOException {
            boolean twice = r.flag("twice");
            Stream s = new Stream(r, socket, outcome).open();
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            s.raw(bom);
            if (twice) s.raw(bom);
            s.event(null, null, "after the BOM").event(null, null, "second event").end();
        }

        private void closeAfter(Request r, Socket socket, Outcome outcome) throws IOException, InterruptedException {
            long after = count(r, "after", r.query().containsKey("seconds") ? 0 : 3);
            double seconds = r.decimal("seconds", 0, 0, MAX_SECONDS);
            long interval = interval(r, 200);
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            Stream s = new Stream(r, socket, outcome).open();
            for (long i = 1; !closed; i++) {
                if (after > 0 && i > after) break;
                if (after == 0 && System.nanoTime() >= deadline) break;
                s.event(null, String.valueOf(i), "event " + i).flush();
                pause(interval);
            }
            outcome.end = "closed by the scenario";
            s.end();
        }

        private void stall(Request r, Socket socket, Outcome outcome) throws IOException {
            long after = r.num("after", 2, 0, 100_000);
            Stream s = new Stream(r, socket, outcome).open();
            for (long i = 1; i <= after; i++) s.event(null, String.valueOf(i), "then silence");
            s.flush();
            outcome.end = "stalled until the client left";
            // Hold the socket: read until the client closes it (or the server stops).
            InputStream in = socket.getInputStream();
            while (!closed && in.read() >= 0) {
                // discard
            }
        }

        private void reset(Request r, Socket socket, Outcome outcome) throws IOException, InterruptedException {
            long after = r.num("after", 3, 0, 100_000);
            long interval = interval(r, 100);
            Stream s = new Stream(r, socket, outcome).open();
            for (long i = 1; i <= after; i++) {
                s.event(null, String.valueOf(i), "event " + i).flush();
                pause(interval);
            }
            outcome.end = "reset";
            resetConnection(socket);
        }

        private void resetConnection(Socket socket) throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        private void drip(Request r, Socket socket, Outcome outcome) throws IOException, InterruptedException {
            long delay = r.num("delay", 50, 0, 60_000);
            long count = count(r, "count", 5);
            Stream s = new Stream(r, socket, outcome).open();
            for (long i = 1; i <= count && !closed; i++) {
                byte[] event = ("id: " + i + "\ndata: dripped €vent " + i + "\n\n").getBytes(UTF_8);
                for (byte b : event) {
                    s.raw(new byte[] {b}).flush();
                    pause(delay);
                }
                outcome.events++;
            }
            s.end();
        }

        private void garbage(Request r, Socket socket, Outcome outcome) throws IOException {
            String kind = r.text("kind", "utf8", 20);
            if (!kind.equals("utf8") && !kind.equals("random")) throw new BadRequest("kind is utf8 or random");
            int bytes = (int) r.num("bytes", 4096, 0, 16 << 20);
            long seed = r.num("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
            Stream s = new Stream(r, socket, outcome).open();
            if (kind.equals("random")) {
                byte[] noise = new byte[bytes];
                new Random(seed).nextBytes(noise);
                s.raw(noise);
            } else {
                s.raw("data: bad bytes: ").raw(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3, 0x28, (byte) 0xE2})
                        .raw(" end\n\n");
                s.raw("data: lone continuation ").raw(new byte[] {(byte) 0x80}).raw("\n\n");
                outcome.events += 2;
                s.event(null, null, "a valid event after the garbage");
            }
            s.end();
        }

        private void status(Request r, Socket socket, Outcome outcome) throws IOException {
            int code = (int) r.num("code", 500, 200, 599);
            outcome.status = code;
            String body = code == 204 || code == 304 ? "" : "status " + code + " from the stub\n";
            byte[] bytes = body.getBytes(UTF_8);
            socket.getOutputStream().write(("HTTP/1.1 " + code + " " + Http.reason(code) + "\r\n"
                    + (bytes.length > 0 ? "Content-Type: text/plain; charset=utf-8\r\n" : "")
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n" + body).getBytes(UTF_8));
        }

        private void contentType(Request r, Socket socket, Outcome outcome) throws IOException {
            String type = r.text("type", "text/html; charset=utf-8", 200);
            Stream s = new Stream(r, socket, outcome).open(200, type);
            s.raw("<html><body>not an event stream</body></html>\n").end();
        }

        private void redirect(Request r, Socket socket, Outcome outcome) throws IOException {
            int code = (int) r.num("code", 302, 300, 399);
            // Checked like every value that goes into a header: CR or LF here would let a URL write headers.
            String to = r.query().containsKey("to") ? (r.query().get("to").isEmpty() ? "" : r.text("to", "", 2000)) : "/sse";
            outcome.status = code;
            socket.getOutputStream().write(("HTTP/1.1 " + code + " " + Http.reason(code) + "\r\n"
                    + (to.isEmpty() ? "" : "Location: " + to + "\r\n")
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
        }

        private void flood(Request r, Socket socket, Outcome outcome) throws IOException, InterruptedException {
            long rate = r.num("rate", 0, 0, 100_000_000);
            long count = count(r, "count", 0);
            double seconds = r.decimal("seconds", 0, 0, MAX_SECONDS);
            int size = (int) r.num("size", 100, 16, 16 << 20);
            // Each event is built as bytes in one reused array: when the window runs the stub, a flood's strings
            // (four of ~100 bytes an event) were a third of everything the process allocated.
            byte[] idLine = "id: ".getBytes(UTF_8);
            byte[] dataHead = "\ndata: {\"n\":".getBytes(UTF_8);
            byte[] padHead = ",\"p\":\"".getBytes(UTF_8);
            byte[] end = "\"}\n\n".getBytes(UTF_8);
            int around = "{\"n\":".length() + padHead.length + "\"}".length(); // the data's bytes besides digits and padding
            int padFrom = idLine.length + 20 + dataHead.length + 20 + padHead.length; // room for two longs' digits
            byte[] event = new byte[padFrom + size];
            java.util.Arrays.fill(event, padFrom, padFrom + size, (byte) 'x');
            Stream s = new Stream(r, socket, outcome).open();
            long start = System.nanoTime();
            long deadline = seconds > 0 ? start + (long) (seconds * 1e9) : Long.MAX_VALUE;
            long sent = 0;
            while (!closed && (count == 0 || sent < count) && System.nanoTime() < deadline) {
                long due = rate <= 0 ? sent + 256 : (long) ((System.nanoTime() - start) / 1e9 * rate) + 1;
                if (count > 0) due = Math.min(due, count);
                while (sent < due) {
                    sent++;
                    // The data is exactly `size` bytes: {"n":<seq>,"p":"xxx…"} padded to fit. Written right to left
                    // from the padding, which stays in place: "id: <seq>\ndata: {"n":<seq>,"p":"" before it.
                    int digits = digits(sent);
                    int pad = Math.max(0, size - around - digits);
                    int at = padFrom - padHead.length;
                    System.arraycopy(padHead, 0, event, at, padHead.length);
                    at = putDigits(event, at - digits, sent, digits);
                    System.arraycopy(dataHead, 0, event, at -= dataHead.length, dataHead.length);
                    at = putDigits(event, at - digits, sent, digits);
                    System.arraycopy(idLine, 0, event, at -= idLine.length, idLine.length);
                    s.raw(event, at, padFrom + pad - at);
                    s.raw(end);
                }
                outcome.events = sent;
                s.flush();
                if (rate > 0) pause(5);
            }
            s.end();
        }

        private static int digits(long v) {
            int n = 1;
            for (long t = v; t >= 10; t /= 10) n++;
            return n;
        }

        /** The decimal digits of {@code v} (not negative), {@code n} of them, at {@code at}; returns {@code at}. */
        private static int putDigits(byte[] b, int at, long v, int n) {
            for (int i = at + n - 1; i >= at; i--, v /= 10) b[i] = (byte) ('0' + v % 10);
            return at;
        }

        private void big(Request r, Socket socket, Outcome outcome) throws IOException {
            long size = r.num("size", 10 << 20, 1, 4L << 30);
            Stream s = new Stream(r, socket, outcome).open();
            s.raw("event: big\ndata: ");
            byte[] block = new byte[64 * 1024];
            java.util.Arrays.fill(block, (byte) 'b');
            for (long left = size; left > 0 && !closed; left -= block.length) {
                s.raw(left >= block.length ? block : java.util.Arrays.copyOf(block, (int) left));
            }
            s.raw("\n\n");
            outcome.events = 1;
            s.end();
        }

        private void llm(Request r, Socket socket, Outcome outcome) throws IOException, InterruptedException {
            String format = r.text("format", "openai", 40).toLowerCase(Locale.ROOT);
            if (!List.of("openai", "openai-responses", "anthropic", "gemini").contains(format)) {
                throw new BadRequest("format is openai, openai-responses, anthropic or gemini");
            }
            Llm.Plan plan = new Llm.Plan(r.num("delay", 60, 0, 60_000), r.num("jitter", 0, 0, 60_000),
                    r.num("stall", 0, 0, 3_600_000), r.num("reasoning", 1, 0, 1) == 1, r.num("tool", 0, 0, 1) == 1,
                    r.num("usage", 1, 0, 1) == 1, r.num("error", 0, 0, 1) == 1);
            // Read by hand, not by a regex: a long prompt must not overflow the stack.
            String prompt = JsonText.string(new String(r.body(), UTF_8), "prompt");
            Stream s = new Stream(r, socket, outcome).open();
            new Llm(s, plan, prompt == null ? "" : prompt, this::pause, () -> closed).write(format);
        }

        /**
         * Replays a recording from the folder the stub was started with, and only from there: the name is the
         * client's, so a {@code ../} or an absolute path is refused the same way whether or not the file exists, and
         * no other page may read the answer (no CORS).
         */
        private void replay(Request r, Socket socket, Outcome outcome) throws IOException, InterruptedException {
            Path dir = options.replayDir();
            if (!replayAllowed(server.getInetAddress()) || dir == null) {
                outcome.status = 403;
                outcome.end = dir == null ? "replay is off (no --replay-dir)" : "replay refused: not a loopback bind";
                Http.writeSimple(socket.getOutputStream(), 403, "text/plain; charset=utf-8", dir == null
                        ? "replay is off: start the stub with --replay-dir DIR to replay recordings from that folder\n"
                        : "replay reads local files, so it is served only when the stub binds a loopback address\n", false);
                return;
            }
            String name = r.text("file", null, 1000);
            if (name == null) throw new BadRequest("replay needs file=NAME of an NDJSON recording in the replay folder");
            String speedText = r.text("speed", "1", 20);
            double speed = speedText.equals("max") ? 0 : r.decimal("speed", 1, 0.001, 1000);
            Path path = inside(dir, name);
            if (path == null) {
                outcome.status = 403;
                outcome.end = "replay refused: outside the replay folder";
                Http.writeSimple(socket.getOutputStream(), 403, "text/plain; charset=utf-8",
                        "replay reads only files inside the replay folder\n", false);
                return;
            }
            if (!Files.isRegularFile(path)) {
                outcome.status = 404;
                outcome.end = "no such recording";
                Http.writeSimple(socket.getOutputStream(), 404, "text/plain; charset=utf-8",
                        "no such recording in the replay folder: " + Pages.printable(name) + "\n", false);
                return;
            }
            Stream s = new Stream(r, socket, outcome).withoutCors().open();
            long firstT = -1;
            long startNanos = System.nanoTime();
            String lastId = "";
            try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
                String line;
                while ((line = boundedLine(in)) != null && !closed) {
                    Matcher kind = KIND.matcher(line);
                    if (!kind.find()) continue;
                    Matcher t = T.matcher(line);
                    if (speed > 0 && t.find()) {
                        long at = Long.parseLong(t.group(1));
                        if (firstT < 0) firstT = at;
                        long dueNanos = startNanos + (long) ((at - firstT) / speed * 1e6);
                        long wait = (dueNanos - System.nanoTime()) / 1_000_000;
                        if (wait > 0) {
                            s.flush();
                            pause(wait);
                        }
                    }
                    switch (kind.group(1)) {
                        case "event" -> {
                            String id = JsonText.string(line, "lastEventId");
                            String type = JsonText.string(line, "type");
                            boolean idChanged = id != null && !id.equals(lastId);
                            if (idChanged) lastId = id;
                            String data = JsonText.string(line, "data");
                            s.event("message".equals(type) ? null : type, idChanged ? id : null, data == null ? "" : data);
                        }
                        case "comment" -> s.comment(String.valueOf(JsonText.string(line, "text")));
                        case "retry" -> {
                            Matcher ms = MS.matcher(line);
                            if (ms.find()) s.field("retry", ms.group(1));
                        }
                        default -> {
                            // state, request, response and the like are the client's, not the stream's
                        }
                    }
                    if (speed > 0) s.flush();
                }
            } catch (LineTooLong e) {
                outcome.end = "a line of the recording is longer than 64 MiB; replay stopped";
            }
            s.end();
        }

        /** {@code name} resolved in {@code dir}, or null when it would leave it (../, absolute, or through a link). */
        private Path inside(Path dir, String name) throws IOException {
            Path p;
            try {
                p = dir.resolve(name).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                return null;
            }
            if (!p.startsWith(dir)) return null;
            if (Files.exists(p) && !p.toRealPath().startsWith(dir)) return null;
            return p;
        }

        /** One line of a recording, at most {@link #MAX_REPLAY_LINE} bytes; null at the end. */
        private String boundedLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (line.size() >= MAX_REPLAY_LINE) throw new LineTooLong();
                line.write(b);
            }
            if (b < 0 && line.size() == 0) return null;
            return line.toString(UTF_8);
        }
    }

    private static final class LineTooLong extends IOException {
        LineTooLong() {
            super("line too long");
        }
    }

    /** The pages: the demo page with a browser EventSource, and the scenario index as HTML and JSON. */
    static final class Pages {
        private Pages() {}

        /** Client-controlled text, safe for a log line or a message: control characters escaped, 300 chars at most. */
        static String printable(String s) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                if (out.length() >= 300) return out + "…";
                char c = s.charAt(i);
                if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                else out.append(c);
            }
            return out.toString();
        }

        static String number(double d) {
            return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }

        private static String json(String s) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    default -> {
                        if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                        else out.append(c);
                    }
                }
            }
            return out.append('"').toString();
        }

        private static String scenariosJson(List<Scenario> scenarios) {
            StringBuilder s = new StringBuilder("[\n");
            for (int i = 0; i < scenarios.size(); i++) {
                Scenario sc = scenarios.get(i);
                s.append("  {\"path\":").append(json(sc.path())).append(",\"title\":").append(json(sc.title()))
                        .append(",\"params\":").append(json(sc.paramsText())).append(",\"example\":").append(json(sc.example()))
                        .append('}').append(i + 1 < scenarios.size() ? ",\n" : "\n");
            }
            return s.append("]\n").toString();
        }

        private static String scenariosHtml(List<Scenario> scenarios) {
            StringBuilder s = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>SSE stub "
                    + "scenarios</title><style>body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}"
                    + "td,th{padding:.35em .8em;text-align:left;vertical-align:top;border-bottom:1px solid #ddd}"
                    + "code{background:#f3f3f3;padding:0 .3em}</style></head><body><h1>SSE stub scenarios</h1>"
                    + "<p>Point SSE Monitor (or <code>curl -N</code>) at any example. JSON: <a href=\"/scenarios.json\">"
                    + "/scenarios.json</a></p><table><tr><th>Path</th><th>What it does</th><th>Parameters</th>"
                    + "<th>Try</th></tr>");
            for (Scenario sc : scenarios) {
                s.append("<tr><td><code>").append(escape(sc.path())).append("</code></td><td>").append(escape(sc.title()))
                        .append("</td><td><code>").append(escape(sc.paramsText())).append("</code></td><td><a href=\"")
                        .append(escape(sc.example())).append("\">").append(escape(sc.example())).append("</a></td></tr>");
            }
            return s.append("</table></body></html>\n").toString();
        }

        private static String demoPage() {
            return """
                    <!doctype html>
                    <html><head><meta charset="utf-8"><title>SSE demo</title>
                    <style>body{font-family:system-ui,sans-serif;margin:2em} #state{font-weight:bold}</style></head>
                    <body>
                    <h1>Server-Sent Events demo</h1>
                    <p>readyState: <span id="state">0</span> &middot; <a href="/scenarios">scenarios</a></p>
                    <ul id="messages"></ul>
                    <script>
                      const list = document.getElementById('messages');
                      const state = document.getElementById('state');
                      const source = new EventSource('/sse');
                      const show = () => { state.textContent = source.readyState; };
                      source.onopen = show;
                      source.onerror = show;
                      source.onmessage = (event) => {
                        show();
                        const item = document.createElement('li');
                        item.textContent = JSON.parse(event.data).message;
                        list.prepend(item);
                      };
                    </script>
                    </body></html>
                    """;
        }
    }

    /**
     * A realistic LLM token stream in one vendor's exact shape: optional reasoning, the answer token by token, an
     * optional tool call with its arguments in fragments, usage, and the format's own end; or its own error halfway.
     * Tokens come {@code delay} ms apart (plus up to {@code jitter}), with one {@code stall} a third of the way in.
     */
    static final class Llm {
        record Plan(long delay, long jitter, long stall, boolean reasoning, boolean tool, boolean usage, boolean error) {}

        @FunctionalInterface
        interface Pause {
            void pause(long millis) throws InterruptedException;
        }

        private static final String TOOL_ARGS = "{\"location\": \"Paris, France\", \"unit\": \"celsius\"}";

        private final Stream s;
        private final Plan plan;
        private final Pause pause;
        private final java.util.function.BooleanSupplier closed;
        private final List<String> thinking;
        private final List<String> answer;
        private final List<String> args = List.of("{\"location\": ", "\"Paris, ", "France\", ", "\"unit\": \"celsius\"}");
        private final Random random = new Random();
        private final long inputTokens;
        private int sent; // tokens paced so far
        private int seq; // Responses API sequence_number

        Llm(Stream s, Plan plan, String prompt, Pause pause, java.util.function.BooleanSupplier closed) {
            this.s = s;
            this.plan = plan;
            this.pause = pause;
            this.closed = closed;
            String asked = prompt.isBlank() ? "nothing in particular" : prompt.strip();
            if (asked.length() > 200) asked = asked.substring(0, 200) + "…";
            this.thinking = tokens("The user asked about " + asked + ". A short answer that shows the stream is best.");
            this.answer = tokens("You asked: \"" + asked + "\". Server-sent events carry this answer to you one token "
                    + "at a time 🌊, over a single HTTP response that stays open until the model is done.");
            this.inputTokens = 12 + tokens(asked).size();
        }

        private static List<String> tokens(String text) {
            List<String> out = new ArrayList<>();
            Matcher m = Pattern.compile("\\s*\\S+").matcher(text);
            while (m.find()) out.add(m.group());
            return out;
        }

        private long outputTokens() {
            return answer.size() + (plan.reasoning ? thinking.size() : 0) + (plan.tool ? args.size() + 4 : 0);
        }

        /** Waits before the next token; false once the server is closing. */
        private boolean pace() throws IOException, InterruptedException {
            s.flush();
            if (closed.getAsBoolean()) return false;
            long wait = plan.delay + (plan.jitter > 0 ? (long) (random.nextDouble() * plan.jitter) : 0);
            if (plan.stall > 0 && sent == outputTokens() / 3) wait += plan.stall;
            sent++;
            pause.pause(wait);
            return !closed.getAsBoolean();
        }

        /** True when this is where error=1 fails the stream: halfway through the answer. */
        private boolean failsAt(int token) {
            return plan.error && token == answer.size() / 2;
        }

        void write(String format) throws IOException, InterruptedException {
            switch (format) {
                case "openai-responses" -> responses();
                case "anthropic" -> anthropic();
                case "gemini" -> gemini();
                default -> openAi();
            }
            s.end();
        }

        private static String q(String text) {
            return JsonText.quote(text);
        }

        // ---- OpenAI Chat Completions

        private void chunk(String delta, String finish) throws IOException {
            s.event(null, null, "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion.chunk\",\"created\":"
                    + System.currentTimeMillis() / 1000 + ",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":"
                    + delta + ",\"logprobs\":null,\"finish_reason\":" + (finish == null ? "null" : q(finish)) + "}]}");
        }

        private void openAi() throws IOException, InterruptedException {
            chunk("{\"role\":\"assistant\",\"content\":\"\"}", null);
            if (plan.reasoning) {
                for (String t : thinking) {
                    if (!pace()) return;
                    chunk("{\"reasoning_content\":" + q(t) + "}", null);
                }
            }
            for (int i = 0; i < answer.size(); i++) {
                if (!pace()) return;
                if (failsAt(i)) {
                    s.event(null, null, "{\"error\":{\"message\":\"The stub failed this stream halfway, as asked (error=1)\","
                            + "\"type\":\"server_error\",\"param\":null,\"code\":null}}");
                    return;
                }
                chunk("{\"content\":" + q(answer.get(i)) + "}", null);
            }
            if (plan.tool) {
                if (!pace()) return;
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_stub_weather\",\"type\":\"function\",\"function\":"
                        + "{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", null);
                for (String a : args) {
                    if (!pace()) return;
                    chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + q(a) + "}}]}", null);
                }
            }
            chunk("{}", plan.tool ? "tool_calls" : "stop");
            if (plan.usage) {
                long out = outputTokens();
                s.event(null, null, "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\","
                        + "\"choices\":[],\"usage\":{\"prompt_tokens\":" + inputTokens + ",\"completion_tokens\":" + out
                        + ",\"total_tokens\":" + (inputTokens + out) + ",\"completion_tokens_details\":{\"reasoning_tokens\":"
                        + (plan.reasoning ? thinking.size() : 0) + "}}}");
            }
            s.event(null, null, "[DONE]");
        }

        // ---- OpenAI Responses

        private void response(String type, String fields) throws IOException {
            s.event(type, null, "{\"type\":" + q(type) + ",\"sequence_number\":" + seq++ + (fields.isEmpty() ? "" : "," + fields) + "}");
        }

        private String responseObject(String status, String usage) {
            return "\"response\":{\"id\":\"resp_stub\",\"object\":\"response\",\"status\":" + q(status)
                    + ",\"model\":\"o4-mini\",\"output\":[]" + (usage == null ? "" : ",\"usage\":" + usage) + "}";
        }

        private void responses() throws IOException, InterruptedException {
            response("response.created", responseObject("in_progress", null));
            response("response.in_progress", responseObject("in_progress", null));
            int output = 0;
            if (plan.reasoning) {
                response("response.output_item.added", "\"output_index\":0,\"item\":{\"id\":\"rs_stub\",\"type\":\"reasoning\",\"summary\":[]}");
                for (String t : thinking) {
                    if (!pace()) return;
                    response("response.reasoning_summary_text.delta", "\"item_id\":\"rs_stub\",\"output_index\":0,"
                            + "\"summary_index\":0,\"delta\":" + q(t));
                }
                response("response.reasoning_summary_text.done", "\"item_id\":\"rs_stub\",\"output_index\":0,"
                        + "\"summary_index\":0,\"text\":" + q(String.join("", thinking)));
                output++;
            }
            String at = "\"item_id\":\"msg_stub\",\"output_index\":" + output + ",\"content_index\":0";
            response("response.output_item.added", "\"output_index\":" + output + ",\"item\":{\"id\":\"msg_stub\","
                    + "\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}");
            response("response.content_part.added", at + ",\"part\":{\"type\":\"output_text\",\"annotations\":[],\"text\":\"\"}");
            for (int i = 0; i < answer.size(); i++) {
                if (!pace()) return;
                if (failsAt(i)) {
                    response("error", "\"code\":\"server_error\",\"message\":\"The stub failed this stream halfway, as "
                            + "asked (error=1)\",\"param\":null");
                    return;
                }
                response("response.output_text.delta", at + ",\"delta\":" + q(answer.get(i)));
            }
            response("response.output_text.done", at + ",\"text\":" + q(String.join("", answer)));
            output++;
            if (plan.tool) {
                String fc = "\"item_id\":\"fc_stub\",\"output_index\":" + output;
                response("response.output_item.added", "\"output_index\":" + output + ",\"item\":{\"id\":\"fc_stub\","
                        + "\"type\":\"function_call\",\"status\":\"in_progress\",\"call_id\":\"call_stub_weather\","
                        + "\"name\":\"get_weather\",\"arguments\":\"\"}");
                for (String a : args) {
                    if (!pace()) return;
                    response("response.function_call_arguments.delta", fc + ",\"delta\":" + q(a));
                }
                response("response.function_call_arguments.done", fc + ",\"arguments\":" + q(TOOL_ARGS));
            }
            long out = outputTokens();
            String usage = plan.usage ? "{\"input_tokens\":" + inputTokens + ",\"output_tokens\":" + out
                    + ",\"output_tokens_details\":{\"reasoning_tokens\":" + (plan.reasoning ? thinking.size() : 0)
                    + "},\"total_tokens\":" + (inputTokens + out) + "}" : null;
            response("response.completed", responseObject("completed", usage));
        }

        // ---- Anthropic Messages

        private void anthropicEvent(String type, String fields) throws IOException {
            s.event(type, null, "{\"type\":" + q(type) + (fields.isEmpty() ? "" : "," + fields) + "}");
        }

        private void anthropic() throws IOException, InterruptedException {
            anthropicEvent("message_start", "\"message\":{\"id\":\"msg_stub\",\"type\":\"message\",\"role\":\"assistant\","
                    + "\"content\":[],\"model\":\"claude-sonnet-4-5\",\"stop_reason\":null,\"stop_sequence\":null,"
                    + "\"usage\":{\"input_tokens\":" + (plan.usage ? inputTokens : 0) + ",\"output_tokens\":1}}");
            int block = 0;
            if (plan.reasoning) {
                anthropicEvent("content_block_start", "\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}");
                for (String t : thinking) {
                    if (!pace()) return;
                    anthropicEvent("content_block_delta", "\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":" + q(t) + "}");
                }
                anthropicEvent("content_block_delta", "\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"c3R1Yg==\"}");
                anthropicEvent("content_block_stop", "\"index\":0");
                block++;
            }
            anthropicEvent("content_block_start", "\"index\":" + block + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}");
            s.event("ping", null, "{\"type\": \"ping\"}");
            for (int i = 0; i < answer.size(); i++) {
                if (!pace()) return;
                if (failsAt(i)) {
                    anthropicEvent("error", "\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}");
                    return;
                }
                anthropicEvent("content_block_delta", "\"index\":" + block + ",\"delta\":{\"type\":\"text_delta\",\"text\":"
                        + q(answer.get(i)) + "}");
            }
            anthropicEvent("content_block_stop", "\"index\":" + block);
            if (plan.tool) {
                block++;
                anthropicEvent("content_block_start", "\"index\":" + block + ",\"content_block\":{\"type\":\"tool_use\","
                        + "\"id\":\"toolu_stub_weather\",\"name\":\"get_weather\",\"input\":{}}");
                for (String a : args) {
                    if (!pace()) return;
                    anthropicEvent("content_block_delta", "\"index\":" + block + ",\"delta\":{\"type\":\"input_json_delta\","
                            + "\"partial_json\":" + q(a) + "}");
                }
                anthropicEvent("content_block_stop", "\"index\":" + block);
            }
            anthropicEvent("message_delta", "\"delta\":{\"stop_reason\":" + q(plan.tool ? "tool_use" : "end_turn")
                    + ",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + (plan.usage ? outputTokens() : 0) + "}");
            anthropicEvent("message_stop", "");
        }

        // ---- Gemini

        private void geminiChunk(String parts, String finish, int outSoFar) throws IOException {
            String usage = "";
            if (plan.usage) {
                usage = ",\"usageMetadata\":{\"promptTokenCount\":" + inputTokens + ",\"candidatesTokenCount\":" + outSoFar
                        + (plan.reasoning ? ",\"thoughtsTokenCount\":" + thinking.size() : "")
                        + ",\"totalTokenCount\":" + (inputTokens + outSoFar + (plan.reasoning ? thinking.size() : 0)) + "}";
            }
            s.event(null, null, "{\"candidates\":[{\"content\":{\"parts\":[" + parts + "],\"role\":\"model\"}"
                    + (finish == null ? "" : ",\"finishReason\":" + q(finish)) + ",\"index\":0}]" + usage
                    + ",\"modelVersion\":\"gemini-2.5-flash\"}");
        }

        private void gemini() throws IOException, InterruptedException {
            if (plan.reasoning) {
                for (String t : thinking) {
                    if (!pace()) return;
                    geminiChunk("{\"text\":" + q(t) + ",\"thought\":true}", null, 0);
                }
            }
            // Gemini sends a few words a chunk.
            int out = 0;
            for (int i = 0; i < answer.size(); i += 3) {
                if (!pace()) return;
                if (plan.error && i >= answer.size() / 2) {
                    s.event(null, null, "{\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again "
                            + "later.\",\"status\":\"UNAVAILABLE\"}}");
                    return;
                }
                String text = String.join("", answer.subList(i, Math.min(answer.size(), i + 3)));
                out += Math.min(3, answer.size() - i);
                boolean last = i + 3 >= answer.size();
                String parts = "{\"text\":" + q(text) + "}";
                if (last && plan.tool) parts += ",{\"functionCall\":{\"name\":\"get_weather\",\"args\":" + TOOL_ARGS + "}}";
                geminiChunk(parts, last ? "STOP" : null, last ? (int) outputTokens() - (plan.reasoning ? thinking.size() : 0) : out);
            }
        }
    }
}
