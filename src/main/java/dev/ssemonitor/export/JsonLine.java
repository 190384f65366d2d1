package dev.ssemonitor.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One NDJSON line built by hand into a reused byte buffer: the event record, which a flood writes millions of times a
 * second, costs a tight loop per character instead of a general JSON generator's. Writes exactly what Jackson writes
 * for the same values (UTF-8 as is, {@code \\"} {@code \\\\} and the short escapes, other control characters as
 * {@code \\u00XX}); a lone surrogate, which UTF-8 cannot carry, becomes its {@code \\uXXXX} escape. Not thread-safe.
 */
final class JsonLine {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** For each ASCII character: 0 when it is written as it is, else the letter after its backslash ('u': {@code \\u00XX}). */
    private static final byte[] ESCAPE = new byte[128];

    /** {@link #ESCAPE} for every byte of UTF-8: 0 for the bytes of other characters, '?' for the encoder's stand-in. */
    private static final byte[] ESCAPE_BYTE = new byte[256];

    static {
        for (int c = 0; c < 0x20; c++) ESCAPE[c] = 'u';
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
        ESCAPE['\n'] = 'n';
        ESCAPE['\r'] = 'r';
        ESCAPE['\t'] = 't';
        ESCAPE['\b'] = 'b';
        ESCAPE['\f'] = 'f';
        System.arraycopy(ESCAPE, 0, ESCAPE_BYTE, 0, 128);
        ESCAPE_BYTE['?'] = '?';
    }

    private byte[] buf = new byte[512];
    private long lastNumber;
    private byte[] lastDigits;
    private int len;
    /** Chars written at a time: the scratch array's length. */
    private static final int SLICE = 8192;
    /** A slice of the string being written: an array loop, which the JIT compiles tight, where charAt calls were not. */
    private final char[] chars = new char[SLICE];

    JsonLine reset() {
        if (buf.length > 1 << 20) buf = new byte[512]; // one huge event does not keep its buffer for ever
        len = 0;
        return this;
    }

    private void room(int more) {
        if (len + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }

    /** Bytes that need no escaping (field names, punctuation), encoded once by the caller. */
    JsonLine raw(byte[] ascii) {
        room(ascii.length);
        System.arraycopy(ascii, 0, buf, len, ascii.length);
        len += ascii.length;
        return this;
    }

    /**
     * A number's digits. The last one's are kept: the event record's time changes once a millisecond, while a flood
     * writes thousands of records in each.
     */
    JsonLine number(long v) {
        if (v != lastNumber || lastDigits == null) {
            lastDigits = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
            lastNumber = v;
        }
        return raw(lastDigits);
    }

    JsonLine string(String s) {
        int n = s.length();
        room(n + 2);
        buf[len++] = '"';
        if (n < 16 || n > 1 << 20 || !fromUtf8(s, s.getBytes(StandardCharsets.UTF_8))) {
            // In slices, so the scratch array and the room asked for stay small whatever the string's length.
            for (int from = 0; from < n; ) {
                int to = Math.min(n, from + SLICE);
                // A surrogate pair is never cut in two.
                if (to < n && Character.isHighSurrogate(s.charAt(to - 1))) to--;
                slice(s, from, to);
                from = to;
            }
        }
        room(1);
        buf[len++] = '"';
        return this;
    }

    /**
     * The string from its UTF-8 bytes, which the JDK makes with a bulk copy for ASCII text: a loop over bytes that
     * copies runs without escapes in one go. The encoder turns a lone surrogate into '?', so at each '?' the string says
     * which it was; where that cannot be told (a '?' in text that is not all ASCII), nothing is written and the
     * caller goes char by char. False then.
     */
    private boolean fromUtf8(String s, byte[] u) {
        int n = u.length;
        boolean ascii = n == s.length();
        int start = len;
        int run = 0;
        for (int i = 0; i < n; i++) {
            byte esc = ESCAPE_BYTE[u[i] & 0xFF];
            if (esc == 0) continue;
            char lone = 0;
            if (esc == '?') {
                if (!ascii) {
                    len = start;
                    return false;
                }
                char c = s.charAt(i);
                if (c == '?') continue;
                lone = c;
            }
            room(i - run + 6 + (n - i));
            System.arraycopy(u, run, buf, len, i - run);
            len += i - run;
            buf[len++] = '\\';
            if (lone != 0) {
                buf[len++] = 'u';
                len = hex4(buf, len, lone);
            } else {
                buf[len++] = esc;
                if (esc == 'u') len = hex4(buf, len, (char) u[i]);
            }
            run = i + 1;
        }
        room(n - run);
        System.arraycopy(u, run, buf, len, n - run);
        len += n - run;
        return true;
    }

    private void slice(String s, int from, int to) {
        int n = to - from;
        char[] cs = chars;
        s.getChars(from, to, cs, 0);
        // Every char takes at most 6 bytes (an escape): room once, then no checks in the loop.
        room(n * 6);
        byte[] b = buf;
        int at = len;
        for (int i = 0; i < n; i++) {
            char c = cs[i];
            if (c < 0x80) {
                byte esc = ESCAPE[c];
                if (esc == 0) {
                    b[at++] = (byte) c;
                } else {
                    b[at++] = '\\';
                    b[at++] = esc;
                    if (esc == 'u') at = hex4(b, at, c);
                }
            } else if (c < 0x800) {
                b[at++] = (byte) (0xC0 | c >> 6);
                b[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(cs[i + 1])) {
                int cp = Character.toCodePoint(c, cs[++i]);
                b[at++] = (byte) (0xF0 | cp >> 18);
                b[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                b[at++] = '\\';
                b[at++] = 'u';
                at = hex4(b, at, c);
            } else {
                b[at++] = (byte) (0xE0 | c >> 12);
                b[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | c & 0x3F);
            }
        }
        len = at;
    }

    /** The four hex digits of a {@code \\uXXXX} escape. */
    private static int hex4(byte[] b, int at, char c) {
        b[at++] = HEX[c >> 12 & 0xF];
        b[at++] = HEX[c >> 8 & 0xF];
        b[at++] = HEX[c >> 4 & 0xF];
        b[at++] = HEX[c & 0xF];
        return at;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }
}
