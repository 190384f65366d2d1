package dev.ssemonitor.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ssemonitor.client.AttemptSummary;
import dev.ssemonitor.client.ErrorBody;
import dev.ssemonitor.client.Header;
import dev.ssemonitor.client.PhaseTimes;
import dev.ssemonitor.client.RedirectInfo;
import dev.ssemonitor.client.RequestInfo;
import dev.ssemonitor.client.ResponseInfo;
import dev.ssemonitor.client.TlsInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One attempt as every HTTP tool shows it first: the request as sent, each redirect, the response's status line and
 * headers, where the time went, the TLS handshake and the server's certificates, the start of a refused body (pretty
 * JSON when it is JSON), and how it ended. Plain text, secrets already masked by the engine. No toolkit types.
 */
final class AttemptReport {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private AttemptReport() {}

    /** One segment of the waterfall: a phase, from when to when (ms since the request started). */
    record Phase(String name, String styleClass, long fromMs, long toMs) {}

    static String title(AttemptRow a) {
        return "Attempt " + a.attempt() + " · " + Formats.clock(a.started());
    }

    static String text(AttemptRow a) {
        StringBuilder s = new StringBuilder();
        RequestInfo req = a.request();
        s.append("Request\n  ").append(req.method()).append(' ').append(req.url()).append('\n');
        for (Header h : req.headers()) s.append("  ").append(h.name()).append(": ").append(h.value()).append('\n');
        if (!req.lastEventId().isEmpty()) s.append("  (Last-Event-ID sent: ").append(req.lastEventId()).append(")\n");
        for (RedirectInfo r : a.redirects()) {
            s.append("\nRedirect ").append(r.status()).append(r.permanent() ? " (permanent)" : "").append("\n  ")
                    .append(r.from()).append("\n  → ").append(r.to()).append('\n');
            if (!r.droppedHeaders().isEmpty()) {
                s.append("  not sent on: ").append(String.join(", ", r.droppedHeaders())).append(" (another origin)\n");
            }
        }
        ResponseInfo res = a.response();
        if (res == null) {
            s.append("\nResponse\n  ").append(a.summary() == null ? "waiting for the response head…" : "none came").append('\n');
        } else {
            s.append("\nResponse  (").append(res.url()).append(")\n  ").append(protocolName(res.protocol())).append(' ')
                    .append(res.status()).append(' ').append(res.message()).append('\n');
            for (Header h : res.headers()) s.append("  ").append(h.name()).append(": ").append(h.value()).append('\n');
        }
        ErrorBody body = a.errorBody();
        if (body != null) {
            s.append("\nBody of the refused response").append(body.truncated() ? " (its first 64 KiB)" : "")
                    .append(body.contentType() == null ? "" : ", " + body.contentType()).append('\n');
            JsonNode json = JsonTree.parse(body.text());
            s.append(indent(json != null ? JsonTree.pretty(json) : body.text())).append('\n');
        }
        if (res != null) {
            s.append("\nTiming\n  ").append(timing(res.phases(), a)).append('\n');
            if (res.tls() != null) tls(s, res.tls());
            if (!res.sentHeaders().isEmpty() && !res.sentHeaders().equals(req.headers())) {
                s.append("\nRequest headers on the wire (OkHttp's own included)\n");
                for (Header h : res.sentHeaders()) s.append("  ").append(h.name()).append(": ").append(h.value()).append('\n');
            }
        }
        AttemptSummary end = a.summary();
        if (end != null) {
            s.append("\nEnded\n  ").append(end.endReason()).append("\n  ").append(String.format("%,d", end.events()))
                    .append(" events, ").append(Formats.bytes(end.bytes()));
            if (end.openMillis() > 0) s.append(", open for ").append(Formats.duration(end.openMillis()));
            s.append('\n');
        } else if (res != null) {
            s.append("\nOpen\n  still streaming: its events and bytes count on in the attempt's row\n");
        }
        return s.toString();
    }

    private static String protocolName(String okhttp) {
        return switch (okhttp) {
            case "http/1.1" -> "HTTP/1.1";
            case "http/1.0" -> "HTTP/1.0";
            case "h2", "h2_prior_knowledge" -> "HTTP/2";
            default -> okhttp.toUpperCase(java.util.Locale.ROOT);
        };
    }

    static String timing(PhaseTimes p, AttemptRow a) {
        List<String> parts = new ArrayList<>();
        if (p != null) {
            if (p.reusedConnection()) parts.add("connection reused");
            if (p.dnsMs() >= 0) parts.add("DNS " + p.dnsMs() + " ms");
            if (p.connectMs() >= 0) parts.add("connect " + p.connectMs() + " ms");
            if (p.tlsMs() >= 0) parts.add("TLS " + p.tlsMs() + " ms");
            if (p.sendMs() >= 0) parts.add("request sent " + p.sendMs() + " ms");
            if (p.waitMs() >= 0) parts.add("waiting (response head) " + p.waitMs() + " ms");
        }
        long ttfb = a.timeToFirstByteProperty().get();
        if (ttfb >= 0) parts.add("first body byte at " + ttfb + " ms");
        return parts.isEmpty() ? "not measured" : String.join(" · ", parts);
    }

    /** The phases one after another, as Chrome's Timing tab draws them. */
    static List<Phase> phases(AttemptRow a) {
        List<Phase> out = new ArrayList<>();
        ResponseInfo res = a.response();
        if (res == null || res.phases() == null) return out;
        PhaseTimes p = res.phases();
        long at = 0;
        at = add(out, "DNS", "phase-dns", at, p.dnsMs());
        at = add(out, "Connect", "phase-connect", at, p.connectMs());
        at = add(out, "TLS", "phase-tls", at, p.tlsMs());
        at = add(out, "Send", "phase-send", at, p.sendMs());
        at = add(out, "Wait", "phase-wait", at, p.waitMs());
        long ttfb = a.timeToFirstByteProperty().get();
        if (ttfb > at) out.add(new Phase("First body byte +", "phase-body", at, ttfb));
        return out;
    }

    private static long add(List<Phase> out, String name, String style, long at, long ms) {
        if (ms < 0) return at;
        out.add(new Phase(name, style, at, at + ms));
        return at + ms;
    }

    private static void tls(StringBuilder s, TlsInfo t) {
        s.append("\nTLS\n  ").append(t.version()).append(" · ").append(t.cipherSuite()).append('\n');
        if (!t.verified()) s.append("  THE CERTIFICATE WAS NOT VERIFIED (Skip certificate verification was on)\n");
        int i = 1;
        for (TlsInfo.Cert c : t.chain()) {
            s.append("  ").append(i++).append(". ").append(c.subject()).append('\n')
                    .append("     issued by ").append(c.selfSigned() ? "itself (self-signed)" : c.issuer()).append('\n')
                    .append("     valid ").append(DAY.format(Instant.ofEpochMilli(c.notBeforeMillis()))).append(" to ")
                    .append(DAY.format(Instant.ofEpochMilli(c.notAfterMillis()))).append('\n');
            if (!c.names().isEmpty()) s.append("     names: ").append(String.join(", ", c.names())).append('\n');
        }
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }
}
