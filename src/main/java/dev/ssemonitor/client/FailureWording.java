package dev.ssemonitor.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.HttpUrl;

/** Turns a transport failure into one line a user understands: which phase, which host, the socket's own reason. */
final class FailureWording {
    private FailureWording() {}

    private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ISO_LOCAL_DATE
            .withZone(java.time.ZoneOffset.UTC);

    /**
     * @param url   the request that failed: after a redirect, not the configured one
     * @param chain the certificates the server showed, if it got that far (empty otherwise)
     */
    static String describe(IOException e, boolean opened, HttpUrl url, EventSourceConfig config, List<TlsInfo.Cert> chain) {
        String host = url.host() + ":" + url.port();
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof HopFollower.ResponseTimeout) return e.getMessage() + " (" + host + ")";
        if (e instanceof SSLException && !opened) return tls(e, url, chain);
        if (e instanceof SocketTimeoutException && opened) {
            return "no data for " + config.readTimeout().toMillis() / 1000.0 + " s (read timeout)";
        }
        if (e instanceof SocketTimeoutException && !detail.toLowerCase(java.util.Locale.ROOT).contains("connect")) {
            // Connected, but the head did not come within the read timeout.
            return "no response head from " + host + " within " + config.readTimeout().toMillis() / 1000.0 + " s (read timeout)";
        }
        if (e instanceof SocketTimeoutException) return "timed out connecting to " + host + ": " + detail;
        if (e instanceof UnknownHostException) return "unknown host " + url.host();
        if (e instanceof ConnectException) {
            // OkHttp's message repeats the address; the socket's own reason (e.g. "Connection refused") is the cause.
            Throwable cause = e.getCause();
            String reason = cause != null && cause.getMessage() != null ? cause.getMessage() : detail;
            return "could not connect to " + host + ": " + reason;
        }
        if (e instanceof InterruptedIOException) return "interrupted: " + detail;
        return (opened ? "network error while reading: " : "network error: ") + detail;
    }

    /** Whether the handshake failed on the server's certificate (untrusted, expired, another host's): no retry helps. */
    static boolean isCertificateProblem(IOException e) {
        return e instanceof SSLPeerUnverifiedException || e instanceof SSLHandshakeException && cause(e, CertificateException.class) != null;
    }

    private static final String HOW_TO_TRUST = "trust its CA's PEM file (Request options ▸ Trust certificates; watch "
            + "--cacert FILE), or skip verification for this connection (Request options; watch -k)";

    private static String tls(IOException e, HttpUrl url, List<TlsInfo.Cert> chain) {
        TlsInfo.Cert leaf = chain.isEmpty() ? null : chain.get(0);
        if (e instanceof SSLPeerUnverifiedException) {
            String names = leaf == null || leaf.names().isEmpty() ? (leaf == null ? "another host" : leaf.subject())
                    : String.join(", ", leaf.names());
            return "the server's certificate is not for " + url.host() + ": it is for " + names;
        }
        if (cause(e, CertificateExpiredException.class) != null && leaf != null) {
            return "the server's certificate expired on " + DAY.format(java.time.Instant.ofEpochMilli(leaf.notAfterMillis()))
                    + " (issued to " + leaf.subject() + ")";
        }
        if (cause(e, CertificateNotYetValidException.class) != null && leaf != null) {
            return "the server's certificate is not valid before " + DAY.format(java.time.Instant.ofEpochMilli(leaf.notBeforeMillis()))
                    + " (issued to " + leaf.subject() + ")";
        }
        if (isCertificateProblem(e)) {
            if (leaf == null) return "the server's certificate is not trusted: " + HOW_TO_TRUST;
            boolean selfSigned = chain.size() == 1 && leaf.selfSigned();
            return "the server's certificate is not trusted: " + (selfSigned ? "self-signed, issued to " + leaf.subject()
                    : "issued to " + leaf.subject() + " by " + chain.get(chain.size() - 1).issuer() + ", a CA this machine does not trust")
                    + "; " + HOW_TO_TRUST;
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "the TLS handshake with " + url.host() + ":" + url.port() + " failed: " + detail;
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (int depth = 0; t != null && depth < 10; t = t.getCause(), depth++) {
            if (type.isInstance(t)) return type.cast(t);
        }
        return null;
    }

    /** An Error or unexpected exception on the engine thread, which ends the source. */
    static String internal(Throwable t) {
        if (t instanceof OutOfMemoryError) {
            return "out of memory while reading the stream (the stream was closed; lower the event size limit)";
        }
        return "internal error: " + t;
    }
}
