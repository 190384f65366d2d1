package dev.ssemonitor.export;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
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
    private String lastRepeated;
    private byte[] lastRepeatedForm;
    /** Chars written at a time: the scratch array's length. */
    private static final int SLICE = 8192;
    /** A slice of the string being written: an array loop, which the JIT compiles tight, where charAt calls were not. */
    private final char[] chars = new char[SLICE];
    /**
     * A slice of a long string as UTF-8, made by the JDK's encoder into these reused buffers. A string of one slice or
     * less is encoded by {@code getBytes} instead: for the short strings a flood writes millions of, its array, which
     * dies young, costs less than the encoder's buffer bookkeeping. Either way a lone surrogate becomes '?'.
     */
    private final byte[] utf8 = new byte[SLICE * 3];
    private final CharBuffer charView = CharBuffer.wrap(chars);
    private final ByteBuffer utf8View = ByteBuffer.wrap(utf8);
    private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);

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

    /**
     * A string that mostly comes again as the same object (an event's type: "message" for every event of a flood):
     * the last one's written form is kept and copied.
     */
    JsonLine repeatedString(String s) {
        if (s != lastRepeated) {
            int from = len;
            string(s);
            lastRepeatedForm = Arrays.copyOfRange(buf, from, len);
            lastRepeated = s;
            return this;
        }
        return raw(lastRepeatedForm);
    }

    JsonLine string(String s) {
        int n = s.length();
        room(n + 2);
        buf[len++] = '"';
        if (n >= 16 && n <= SLICE) {
            byte[] u = s.getBytes(StandardCharsets.UTF_8);
            // Where the bytes cannot be used, encoding them again would not help: char by char at once.
            if (!fromUtf8(u, s, 0, n, u.length)) {
                s.getChars(0, n, chars, 0);
                chars(n);
            }
        } else {
            // In slices, so the scratch arrays and the room asked for stay small whatever the string's length.
            for (int from = 0; from < n; ) {
                int to = Math.min(n, from + SLICE);
                // A surrogate pair is never cut in two.
                if (to < n && Character.isHighSurrogate(s.charAt(to - 1))) to--;
                int count = to - from;
                s.getChars(from, to, chars, 0);
                if (count < 16 || !fromUtf8(utf8, s, from, count, encode(count))) chars(count);
                from = to;
            }
        }
        room(1);
        buf[len++] = '"';
        return this;
    }

    /** The first {@code count} chars as UTF-8 in {@link #utf8}; how many bytes. */
    private int encode(int count) {
        charView.clear().limit(count);
        utf8View.clear();
        encoder.reset();
        encoder.encode(charView, utf8View, true); // room enough: at most three bytes a char, a pair four for two
        return utf8View.position();
    }

    /**
     * The {@code count} chars of {@code s} from {@code charsFrom}, from their {@code n} UTF-8 bytes in {@code u}, which
     * the JDK makes with a bulk copy for ASCII text: runs of eight bytes without escapes are copied as one long, the rest
     * byte by byte. The encoding turned a lone surrogate into '?', so at each '?' the chars say which it was; where that
     * cannot be told (a '?' in text that is not all ASCII), nothing is written and the caller goes char by char. False
     * then.
     */
    private boolean fromUtf8(byte[] u, String s, int charsFrom, int count, int n) {
        boolean ascii = n == count;
        int start = len;
        // In slices, so the room asked for (six bytes for each, the longest escape) stays small.
        for (int from = 0; from < n; from += SLICE) {
            int to = Math.min(n, from + SLICE);
            room((to - from) * 6);
            byte[] b = buf;
            int at = len;
            int i = from;
            while (i < to) {
                int stop = Math.min(to, i + 8);
                if (i + 8 <= to) {
                    long eight = (long) EIGHT_BYTES.get(u, i);
                    long look = lookMask(eight);
                    // All eight go out as they are, and the output keeps those before the first byte to look at (all
                    // of them when there is none): the loop below writes over the rest. The room asked for above holds
                    // the eight, as at most six bytes were written for each byte before i.
                    EIGHT_BYTES.set(b, at, eight);
                    if (look == 0) {
                        at += 8;
                        i += 8;
                        continue;
                    }
                    int plain = Long.numberOfTrailingZeros(look) >>> 3;
                    at += plain;
                    i += plain;
                }
                // The byte that needs a look (or the last few of the slice, one by one): once it is written, eight at
                // a time starts again from the next.
                for (; i < stop; i++) {
                    byte c = u[i];
                    byte esc = ESCAPE_BYTE[c & 0xFF];
                    if (esc == 0) {
                        b[at++] = c;
                        continue;
                    }
                    char lone = 0;
                    if (esc == '?') {
                        if (!ascii) {
                            len = start;
                            return false;
                        }
                        lone = s.charAt(charsFrom + i);
                        if (lone == '?') {
                            b[at++] = '?';
                            i++;
                            break;
                        }
                    }
                    b[at++] = '\\';
                    if (lone != 0) {
                        b[at++] = 'u';
                        at = hex4(b, at, lone);
                    } else {
                        b[at++] = esc;
                        if (esc == 'u') at = hex4(b, at, (char) c);
                    }
                    i++;
                    break;
                }
            }
            len = at;
        }
        return true;
    }

    /** Reads eight bytes of an array as one long, at any index. */
    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;

    /**
     * Whether any of eight bytes is one {@link #fromUtf8} must look at: a control character, '"', '\\' or '?'. A byte
     * of a character beyond ASCII goes out as it is (the record is UTF-8, as Jackson writes it here), so it is not one.
     * Exact.
     */
    static boolean needsLook(long x) {
        return lookMask(x) != 0;
    }

    /**
     * {@link #needsLook}'s answer byte by byte: the high bit of each byte that needs a look, exact for every byte. The
     * sums are taken over the low seven bits of each byte, so none carries into the next: a byte plus 0x60 has its high
     * bit set exactly when the byte is 0x20 or more, and a byte of {@code y ^ c} plus 0x7F exactly when it is not zero,
     * that is when y's byte is not c. A byte of 0x80 or more is then struck out by x's own high bit (its low seven bits
     * may look like anything).
     */
    static long lookMask(long x) {
        long y = x & SEVEN_BITS;
        long plain = (y + 0x6060606060606060L)
                & ((y ^ 0x2222222222222222L) + SEVEN_BITS)
                & ((y ^ 0x5C5C5C5C5C5C5C5CL) + SEVEN_BITS)
                & ((y ^ 0x3F3F3F3F3F3F3F3FL) + SEVEN_BITS);
        return ~(plain | x) & HIGH_BITS;
    }

    /** The first {@code n} of {@link #chars}, char by char. */
    private void chars(int n) {
        char[] cs = chars;
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

    /** Bytes written since the last {@link #reset}. */
    int length() {
        return len;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }
}
