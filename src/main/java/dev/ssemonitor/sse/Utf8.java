package dev.ssemonitor.sse;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 decoding exactly as the WHATWG Encoding standard (and so a browser's EventSource) does it: every maximal
 * invalid subpart becomes one U+FFFD.
 *
 * <p>The JDK's decoder agrees with that for every input but one: a three-byte form of a UTF-16 surrogate ({@code ED}
 * followed by {@code A0}–{@code BF}, which UTF-8 forbids) becomes a single U+FFFD in Java 17, where the standard reads
 * {@code ED} as an error on its own (its second byte must be {@code 80}–{@code 9F}) and each byte after it as a
 * continuation byte with no lead: three U+FFFD. Only a string that already holds a U+FFFD can be affected, and a string
 * of ASCII or Latin-1 answers that without a scan, so a flood of ASCII pays nothing.
 */
public final class Utf8 {
    private Utf8() {}

    public static String decode(byte[] b, int off, int len) {
        if (len == 0) return "";
        String s = new String(b, off, len, StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') < 0) return s;
        int end = off + len;
        int at = surrogateLead(b, off, end);
        if (at < 0) return s;
        StringBuilder out = new StringBuilder(len + 2);
        int from = off;
        do {
            // The bytes before ED decode on their own: ED cannot continue what comes before it.
            out.append(new String(b, from, at - from, StandardCharsets.UTF_8)).append('\uFFFD');
            from = at + 1; // what follows ED is read afresh: a continuation byte with no lead is one U+FFFD each
            at = surrogateLead(b, from, end);
        } while (at >= 0);
        return out.append(new String(b, from, end - from, StandardCharsets.UTF_8)).toString();
    }

    /** The first ED followed by A0–BF in b[from, end), or -1. */
    private static int surrogateLead(byte[] b, int from, int end) {
        for (int i = from; i < end - 1; i++) {
            if (b[i] == (byte) 0xED && (b[i + 1] & 0xE0) == 0xA0) return i;
        }
        return -1;
    }
}
