package dev.ssemonitor.client;

import dev.ssemonitor.sse.EventStreamParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Everything about one EventSource that the user chooses. Immutable; build with {@link #builder(String)}.
 *
 * @param readTimeout        ZERO means none (a browser has none); a stall longer than this counts as a network error
 * @param responseTimeout    how long to wait for the response head once connected; ZERO means no limit
 * @param maxReconnectAttempts consecutive attempts that may fail before giving up; 0 means never give up
 * @param trustedCertificates a PEM file of certificates to trust besides the platform's CAs, or null
 * @param insecure           trust any certificate for any host: only when the user asks for it, and said loudly
 */
public record EventSourceConfig(
        HttpUrl url,
        String method,
        String body,
        String bodyContentType,
        List<Header> headers,
        String lastEventId,
        Duration connectTimeout,
        Duration readTimeout,
        Duration responseTimeout,
        ReconnectPolicy policy,
        long reconnectionTimeMillis,
        int maxReconnectAttempts,
        Duration backoffCap,
        Duration backoffResetAfter,
        long maxEventBytes,
        boolean captureRawLines,
        boolean revealSecrets,
        java.nio.file.Path trustedCertificates,
        boolean insecure) {

    public EventSourceConfig {
        Objects.requireNonNull(url, "url");
        headers = List.copyOf(headers);
    }

    public static Builder builder(String url) {
        return new Builder(parseUrl(url));
    }

    public static Builder builder(HttpUrl url) {
        return new Builder(url);
    }

    public Builder toBuilder() {
        Builder b = new Builder(url);
        b.method = method;
        b.body = body;
        b.bodyContentType = bodyContentType;
        b.headers.addAll(headers);
        b.lastEventId = lastEventId;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.responseTimeout = responseTimeout;
        b.policy = policy;
        b.reconnectionTimeMillis = reconnectionTimeMillis;
        b.maxReconnectAttempts = maxReconnectAttempts;
        b.backoffCap = backoffCap;
        b.backoffResetAfter = backoffResetAfter;
        b.maxEventBytes = maxEventBytes;
        b.captureRawLines = captureRawLines;
        b.revealSecrets = revealSecrets;
        b.trustedCertificates = trustedCertificates;
        b.insecure = insecure;
        return b;
    }

    /**
     * Parses what a user typed as an event stream URL, or says in one line why it is not one. Without a scheme,
     * {@code http://} is assumed, as curl, Postman and Insomnia do ({@code localhost:8088/sse}).
     *
     * @throws IllegalArgumentException with a message fit to show the user
     */
    public static HttpUrl parseUrl(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) throw new IllegalArgumentException("Enter a URL, e.g. http://127.0.0.1:8088/sse");
        String shown = Header.printable(s);
        String scheme = schemeOf(s);
        if (scheme == null) {
            HttpUrl assumed = HttpUrl.parse("http://" + s);
            if (assumed == null) throw new IllegalArgumentException("Not a valid URL: '" + shown + "'");
            return assumed;
        }
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (!lower.equals("http") && !lower.equals("https")) {
            throw new IllegalArgumentException("Not an http(s) URL: '" + shown + "' (event streams are served over HTTP"
                    + (looksLikeHttp(lower) ? "; did you mean http:// ?)" : ")"));
        }
        // Like a browser, OkHttp reads "http:/host" as "http://host".
        HttpUrl url = HttpUrl.parse(s);
        if (url == null) throw new IllegalArgumentException("Not a valid URL: '" + shown + "'");
        return url;
    }

    /**
     * Parses a URL given by a program (the contract service's {@code streamUrl}): it must be absolute, with no
     * scheme assumed.
     */
    public static HttpUrl parseAbsoluteUrl(String text) {
        String s = text == null ? "" : text.strip();
        if (schemeOf(s) == null) throw new IllegalArgumentException("Not an absolute http(s) URL: '" + Header.printable(s) + "'");
        return parseUrl(s);
    }

    /**
     * The scheme of {@code s}, or null when it has none: "host:8088/x" has a port, not a scheme, and so has
     * "localhost:8088". A scheme is letters (then letters, digits, + - .) before a ':' that no port digits follow.
     */
    private static String schemeOf(String s) {
        int colon = s.indexOf(':');
        if (colon <= 0) return null;
        String head = s.substring(0, colon);
        if (!Character.isLetter(head.charAt(0)) || !head.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
            return null;
        }
        if (head.contains(".")) return null; // a host name such as example.com:8080
        String after = s.substring(colon + 1);
        int digits = 0;
        while (digits < after.length() && Character.isDigit(after.charAt(digits))) digits++;
        boolean port = digits > 0 && (digits == after.length() || "/?#".indexOf(after.charAt(digits)) >= 0);
        return port ? null : head;
    }

    /** A typo of http or https: h, t and p in that order, and not much else ("htp", "htttp", "htps"). */
    private static boolean looksLikeHttp(String scheme) {
        if (scheme.length() > 6) return false;
        int h = scheme.indexOf('h');
        int t = h < 0 ? -1 : scheme.indexOf('t', h);
        return t >= 0 && scheme.indexOf('p', t) >= 0;
    }

    /** The URL as text, for showing and remembering. */
    public String urlText() {
        return url.toString();
    }

    /**
     * A short name for what a user typed: host[:port][/path] for a URL (the default port left out), the text itself
     * when it is not one yet, "New connection" when it is empty. Tab titles use it.
     */
    public static String shortLabel(String typed) {
        try {
            HttpUrl u = parseUrl(typed);
            String path = u.encodedPath();
            return u.host() + (u.port() == HttpUrl.defaultPort(u.scheme()) ? "" : ":" + u.port())
                    + (path.equals("/") ? "" : path);
        } catch (IllegalArgumentException e) {
            return typed == null || typed.isBlank() ? "New connection" : typed;
        }
    }

    /**
     * A server that accepts the connection but never answers would leave a browser CONNECTING for minutes; this
     * says so after 30 s and counts it as a network error (the stream itself may then stay silent for ever).
     */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    /** The longest connect or read timeout OkHttp takes. */
    public static final Duration MAX_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

    /**
     * The largest event this JVM can hold while parsing it: a line, its decoded data and its raw copy all live at
     * once, so a sixth of the heap, and never more than 1 GiB (a Java array's reach, with room to grow).
     */
    public static long largestEventBytes() {
        return Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 6);
    }

    public static final class Builder {
        private final HttpUrl url;
        private String method = "GET";
        private String body;
        private String bodyContentType = "application/json";
        private final List<Header> headers = new ArrayList<>();
        private String lastEventId = "";
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ZERO;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private ReconnectPolicy policy; // null: ONCE for a request with a body, else BROWSER (see build())
        private long reconnectionTimeMillis = ReconnectPlan.DEFAULT_RECONNECTION_TIME_MILLIS;
        private int maxReconnectAttempts;
        private Duration backoffCap = ReconnectPlan.DEFAULT_BACKOFF_CAP;
        private Duration backoffResetAfter = ReconnectPlan.DEFAULT_BACKOFF_RESET_AFTER;
        private long maxEventBytes = Math.min(EventStreamParser.DEFAULT_MAX_EVENT_BYTES, largestEventBytes());
        private boolean captureRawLines;
        private boolean revealSecrets;
        private java.nio.file.Path trustedCertificates;
        private boolean insecure;

        private Builder(HttpUrl url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        public Builder method(String method) {
            String m = method.strip().toUpperCase(Locale.ROOT);
            if (m.isEmpty() || !m.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c == '-' || c == '_')) {
                throw new IllegalArgumentException("Not an HTTP method: '" + method + "'");
            }
            this.method = m;
            return this;
        }

        /** A request body (POST streams, as LLM APIs use); null for none. */
        public Builder body(String body, String contentType) {
            this.body = body;
            if (contentType != null) this.bodyContentType = contentType;
            return this;
        }

        /**
         * Adds a request header. A {@code Last-Event-ID} header sets the initial last event ID instead: the
         * EventSource owns that header and sends it, UTF-8 encoded, on every reconnect.
         */
        public Builder header(String name, String value) {
            if (name.isBlank()) throw new IllegalArgumentException("A header needs a name");
            if (name.strip().equalsIgnoreCase("Last-Event-ID")) return lastEventId(value);
            String n = name.strip();
            for (int i = 0; i < n.length(); i++) {
                char c = n.charAt(i);
                if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                    throw new IllegalArgumentException("Not a header name: '" + Header.printable(n) + "'");
                }
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < ' ' && c != '\t') || c >= 0x7f) {
                    // The value is never echoed: it may be a key, and messages end up in terminals and logs.
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "The value of header %s has a "
                            + "character a header cannot carry (U+%04X at position %d; a header value is printable ASCII)",
                            n, (int) c, i + 1));
                }
            }
            headers.add(new Header(n, value));
            return this;
        }

        /**
         * Parses {@code "Name: value"} as curl's {@code -H} takes it.
         */
        public Builder header(String line) {
            int colon = line.indexOf(':');
            if (colon <= 0) throw new IllegalArgumentException("A header is 'Name: value', not '" + line + "'");
            return header(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }

        public Builder lastEventId(String id) {
            if (id.indexOf('\0') >= 0) throw new IllegalArgumentException("An event ID cannot contain NUL");
            this.lastEventId = id;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = timeout(d, "connect timeout");
            return this;
        }

        public Builder readTimeout(Duration d) {
            this.readTimeout = timeout(d, "read timeout");
            return this;
        }

        /** How long a connected server may take to send its response head (ZERO: no limit). */
        public Builder responseTimeout(Duration d) {
            this.responseTimeout = timeout(d, "response timeout");
            return this;
        }

        public Builder policy(ReconnectPolicy p) {
            this.policy = Objects.requireNonNull(p);
            return this;
        }

        public Builder reconnectionTime(Duration d) {
            this.reconnectionTimeMillis = nonNegative(d, "reconnection time").toMillis();
            return this;
        }

        public Builder maxReconnectAttempts(int n) {
            if (n < 0) throw new IllegalArgumentException("max attempts cannot be negative");
            this.maxReconnectAttempts = n;
            return this;
        }

        public Builder backoff(Duration cap, Duration resetAfter) {
            this.backoffCap = nonNegative(cap, "backoff cap");
            this.backoffResetAfter = nonNegative(resetAfter, "backoff reset");
            return this;
        }

        /** @throws IllegalArgumentException past {@link #largestEventBytes()}, which this JVM could not hold */
        public Builder maxEventBytes(long n) {
            if (n < 1) throw new IllegalArgumentException("the event size limit must be positive");
            long largest = largestEventBytes();
            if (n > largest) {
                throw new IllegalArgumentException("the event size limit can be at most " + (largest >> 20)
                        + " MiB in this JVM (its heap is " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB)");
            }
            this.maxEventBytes = n;
            return this;
        }

        public Builder captureRawLines(boolean b) {
            this.captureRawLines = b;
            return this;
        }

        /** Report Authorization, Cookie and API-key header values unmasked. Off unless the user asks. */
        public Builder revealSecrets(boolean b) {
            this.revealSecrets = b;
            return this;
        }

        /**
         * Trust the certificates of this PEM file too (a private CA, or a server's self-signed certificate).
         *
         * @throws IllegalArgumentException when it is not a readable PEM file of certificates
         */
        public Builder trustCertificates(java.nio.file.Path pemFile) {
            if (pemFile != null) TlsTrust.readPem(pemFile);
            this.trustedCertificates = pemFile;
            return this;
        }

        /** Skip certificate verification: any certificate, any host name. For one connection, when the user asks. */
        public Builder insecure(boolean b) {
            this.insecure = b;
            return this;
        }

        /**
         * @throws IllegalArgumentException when the request cannot be sent. Without a policy chosen, a request with a
         *         body is {@link ReconnectPolicy#ONCE}: re-sending it would repeat (and bill) the request.
         */
        public EventSourceConfig build() {
            ReconnectPolicy policy = this.policy != null ? this.policy : body != null ? ReconnectPolicy.ONCE : ReconnectPolicy.BROWSER;
            if (body != null && (method.equals("GET") || method.equals("HEAD"))) {
                throw new IllegalArgumentException(method + " cannot carry a body: use POST (or another method)");
            }
            return new EventSourceConfig(url, method, body, bodyContentType, headers, lastEventId, connectTimeout,
                    readTimeout, responseTimeout, policy, reconnectionTimeMillis, maxReconnectAttempts, backoffCap, backoffResetAfter,
                    maxEventBytes, captureRawLines, revealSecrets, trustedCertificates, insecure);
        }

        /** OkHttp counts timeouts in int milliseconds: about 24 days at most. */
        private static Duration timeout(Duration d, String what) {
            nonNegative(d, what);
            if (d.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException("The " + what + " can be at most " + MAX_TIMEOUT.toSeconds() + " s (24 days)");
            }
            return d;
        }

        private static Duration nonNegative(Duration d, String what) {
            if (d.isNegative()) throw new IllegalArgumentException("The " + what + " cannot be negative");
            return d;
        }
    }
}
