package dev.ssemonitor.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP/1.1 server for engine tests with byte-level control: each accepted connection takes the next
 * scripted {@link Exchange}, which writes whatever bytes it likes and may hold the socket open. Requests are recorded.
 */
public final class RawServer implements AutoCloseable {
    /** What one connection does after its request has been read. */
    @FunctionalInterface
    public interface Exchange {
        void respond(Request request, Socket socket, OutputStream out) throws Exception;
    }

    public record Request(String method, String path, Map<String, String> headers, byte[] rawHead, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ServerSocket server;
    private final BlockingQueue<Exchange> script = new LinkedBlockingQueue<>();
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile Exchange fallback = (r, s, o) -> o.write(head(503, "text/plain", 0));

    private final String scheme;

    public RawServer() throws IOException {
        this(null);
    }

    /** Over TLS with this factory's certificate, when it is not null: its URLs are https. */
    public RawServer(javax.net.ssl.SSLServerSocketFactory tls) throws IOException {
        server = tls == null ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
                : tls.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        scheme = tls == null ? "http" : "https";
        acceptor = new Thread(this::acceptLoop, "raw-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url(String path) {
        return scheme + "://127.0.0.1:" + server.getLocalPort() + path;
    }

    public int port() {
        return server.getLocalPort();
    }

    public RawServer enqueue(Exchange exchange) {
        script.add(exchange);
        return this;
    }

    /** What connections do once the script is used up. */
    public RawServer otherwise(Exchange exchange) {
        fallback = exchange;
        return this;
    }

    public Request takeRequest() throws InterruptedException {
        Request r = requests.poll(10, TimeUnit.SECONDS);
        if (r == null) throw new AssertionError("no request arrived within 10 s");
        return r;
    }

    /** A request if one arrives within {@code millis}, else null. */
    public Request pollRequest(long millis) throws InterruptedException {
        return requests.poll(millis, TimeUnit.MILLISECONDS);
    }

    public static byte[] head(int status, String contentType, long contentLength) {
        StringBuilder s = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        if (contentType != null) s.append("Content-Type: ").append(contentType).append("\r\n");
        if (contentLength >= 0) s.append("Content-Length: ").append(contentLength).append("\r\n");
        s.append("Connection: close\r\n\r\n");
        return s.toString().getBytes(UTF_8);
    }

    /** A close-delimited event stream response head. */
    public static byte[] streamHead() {
        return head(200, "text/event-stream", -1);
    }

    /** An exchange that sends a whole event stream body and closes. */
    public static Exchange stream(String body) {
        return (r, s, out) -> {
            out.write(streamHead());
            out.write(body.getBytes(UTF_8));
            out.flush();
        };
    }

    /** An exchange that sends {@code body} then keeps the connection open until the client goes or the test ends. */
    public static Exchange streamAndHold(String body) {
        return (r, s, out) -> {
            out.write(streamHead());
            out.write(body.getBytes(UTF_8));
            out.flush();
            holdOpen(s);
        };
    }

    /** Blocks until the client closes the connection (bounded: at most 30 s). */
    public static void holdOpen(Socket s) throws IOException {
        s.setSoTimeout(30_000);
        try {
            while (s.getInputStream().read() != -1) {
                // discard
            }
        } catch (java.net.SocketTimeoutException ignored) {
            // give up holding
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 307 -> "Temporary Redirect";
            case 404 -> "Not Found";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread t = new Thread(() -> handle(s), "raw-server-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket s) {
        try (s) {
            s.setSoTimeout(30_000);
            InputStream in = s.getInputStream();
            Request request = readRequest(in);
            if (request == null) return;
            requests.add(request);
            Exchange exchange = script.poll();
            if (exchange == null) exchange = fallback;
            OutputStream out = s.getOutputStream();
            exchange.respond(request, s, out);
            out.flush();
        } catch (Exception e) {
            // The client went away or the test closed us: nothing to report.
        }
    }

    private static Request readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) return null;
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        byte[] raw = head.toByteArray();
        String[] lines = new String(raw, UTF_8).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        String body = "";
        String length = headers.get("content-length");
        if (length != null) body = new String(in.readNBytes(Integer.parseInt(length)), UTF_8);
        return new Request(requestLine[0], requestLine[1], headers, raw, body);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : new ArrayList<>(sockets)) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
