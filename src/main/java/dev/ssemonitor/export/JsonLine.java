package dev.ssemonitor.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * One NDJSON line built by hand into a reused byte buffer: the event record, which a flood writes millions of times a
 * second, costs a tight loop per character instead of a general JSON generator's. Writes exactly what Jackson writes
 * for the same values (UTF-8 as is, {@code \\"} {@code \\\\} and the short escapes, other control characters as
 * {@code \\u00XX}); a lone surrogate, which UTF-8 cannot carry, becomes its {@code \\uXXXX} escape. Not thread-safe.
 */
final class JsonLine {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private byte[] buf = new byte[512];
    private int len;

    JsonLine reset() {
        if (buf.length > 1 << 20) buf = new byte[512]; // one huge event does not keep its buffer for ever
        len = 0;
        return this;
    }

    private void room(int more) {
        if (len + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }

    /** ASCII text that needs no escaping (field names, punctuation). */
    JsonLine raw(String ascii) {
        int n = ascii.length();
        room(n);
        for (int i = 0; i < n; i++) buf[len++] = (byte) ascii.charAt(i);
        return this;
    }

    JsonLine number(long v) {
        return raw(Long.toString(v));
    }

    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exact for the ASCII runs it copies
    JsonLine string(String s) {
        int n = s.length();
        room(n + 2);
        buf[len++] = '"';
        int i = 0;
        while (i < n) {
            // The plain run first: scanned without writing, then copied in bulk (most text is such runs).
            int run = i;
            while (run < n) {
                char c = s.charAt(run);
                if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
                run++;
            }
            if (run > i) {
                room(run - i);
                s.getBytes(i, run, buf, len);
                len += run - i;
                i = run;
                if (i == n) break;
            }
            char c = s.charAt(i);
            room(6 + (n - i));
            if (c < 0x80) {
                buf[len++] = '\\';
                switch (c) {
                    case '"' -> buf[len++] = '"';
                    case '\\' -> buf[len++] = '\\';
                    case '\n' -> buf[len++] = 'n';
                    case '\r' -> buf[len++] = 'r';
                    case '\t' -> buf[len++] = 't';
                    case '\b' -> buf[len++] = 'b';
                    case '\f' -> buf[len++] = 'f';
                    default -> unicodeEscapeRest(c);
                }
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xC0 | c >> 6);
                buf[len++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[len++] = (byte) (0xF0 | cp >> 18);
                buf[len++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[len++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[len++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                buf[len++] = '\\';
                unicodeEscapeRest(c);
            } else {
                buf[len++] = (byte) (0xE0 | c >> 12);
                buf[len++] = (byte) (0x80 | c >> 6 & 0x3F);
                buf[len++] = (byte) (0x80 | c & 0x3F);
            }
            i++;
        }
        room(1);
        buf[len++] = '"';
        return this;
    }

    /** After a backslash: {@code uXXXX}. */
    private void unicodeEscapeRest(char c) {
        buf[len++] = 'u';
        buf[len++] = HEX[c >> 12 & 0xF];
        buf[len++] = HEX[c >> 8 & 0xF];
        buf[len++] = HEX[c >> 4 & 0xF];
        buf[len++] = HEX[c & 0xF];
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }
}
