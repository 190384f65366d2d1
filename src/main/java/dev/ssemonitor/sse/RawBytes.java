package dev.ssemonitor.sse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of an event's lines as they came off the wire: field names, invalid UTF-8, each line's own ending (LF, CR
 * or CRLF), and the blank line that ended the event, kept as one byte (its LF after a CR may come only in the next
 * chunk, after the event is out). Immutable.
 */
public final class RawBytes {
    public static final RawBytes EMPTY = new RawBytes(new byte[0]);

    private final byte[] bytes;

    private RawBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Takes {@code length} bytes of {@code buffer} (copied). */
    static RawBytes copyOf(byte[] buffer, int length) {
        return length == 0 ? EMPTY : new RawBytes(Arrays.copyOf(buffer, length));
    }

    /** The first {@code n} bytes of {@code raw} (for a view that shows only the start of a huge event). */
    public static RawBytes ofBytes(RawBytes raw, int n) {
        return n >= raw.bytes.length ? raw : new RawBytes(Arrays.copyOf(raw.bytes, n));
    }

    /** Lines already decoded (a comment, a retry line): each encoded as UTF-8 and ended with LF. */
    public static RawBytes ofLines(List<String> lines) {
        return encode(lines, "");
    }

    /** An event's lines made by hand: as {@link #ofLines}, and the blank line that ends it. */
    public static RawBytes ofEventLines(List<String> lines) {
        return encode(lines, "\n");
    }

    private static RawBytes encode(List<String> lines, String after) {
        if (lines.isEmpty()) return EMPTY;
        StringBuilder s = new StringBuilder();
        for (String l : lines) s.append(l).append('\n');
        return new RawBytes(s.append(after).toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The end of the line starting at {@code from}: the index of its CR or LF, or the length. */
    private int lineEnd(int from) {
        return indexOfLineEnd(bytes, from, bytes.length);
    }

    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH_BITS = 0x8080808080808080L;
    /** Added to a byte's low seven bits, it carries into the byte's high bit exactly when they are CR + 1 or more. */
    private static final long TO_PAST_CR = ONES * (0x80 - ('\r' + 1));

    /**
     * The first CR or LF in [from, to), else {@code to}: the line search of the parser (every byte of a stream) and of
     * the kept rows (a filter keystroke, over every row). Eight bytes at a time: one test flags each byte below CR + 1
     * (CR and LF among them; no sum carries into the next byte, and bytes of 0x80 or more are struck out), and the
     * flagged ones, rare in text but for the line end itself, are looked at one by one.
     */
    static int indexOfLineEnd(byte[] b, int from, int to) {
        int i = from;
        for (; i <= to - 8; i += 8) {
            long word = (long) EIGHT_BYTES.get(b, i);
            long low = ~(((word & SEVEN_BITS) + TO_PAST_CR) | word) & HIGH_BITS;
            while (low != 0) {
                int at = i + (Long.numberOfTrailingZeros(low) >>> 3);
                if (b[at] == '\n' || b[at] == '\r') return at;
                low &= low - 1;
            }
        }
        while (i < to && b[i] != '\n' && b[i] != '\r') i++;
        return i;
    }

    /**
     * The first index in [from, to) that holds {@code x} or {@code y}, else {@code to}. Looks at eight bytes at a time:
     * a filter keystroke runs this over every kept row, and under a flood over every new one.
     */
    static int indexOfEither(byte[] b, int from, int to, byte x, byte y) {
        long xs = ONES * (x & 0xFF);
        long ys = ONES * (y & 0xFF);
        int i = from;
        for (; i <= to - 8; i += 8) {
            long word = (long) EIGHT_BYTES.get(b, i);
            long hits = zeroBytes(word ^ xs) | zeroBytes(word ^ ys);
            if (hits != 0) return i + (Long.numberOfTrailingZeros(hits) >>> 3);
        }
        while (i < to && b[i] != x && b[i] != y) i++;
        return i;
    }

    /**
     * The high bit of each byte of {@code v} that is zero, and nothing else: exact for every byte (the low seven bits
     * are added within their byte, so no carry or borrow crosses into the next one).
     */
    private static long zeroBytes(long v) {
        return ~(((v & SEVEN_BITS) + SEVEN_BITS) | v | SEVEN_BITS);
    }

    /** Where the next line starts after the end at {@code end}: past one LF, CR or CRLF. */
    private int nextLine(int end) {
        if (end < bytes.length && bytes[end] == '\r' && end + 1 < bytes.length && bytes[end + 1] == '\n') return end + 2;
        return end + 1;
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    public byte byteAt(int i) {
        return bytes[i];
    }

    public byte[] toArray() {
        return bytes.clone();
    }

    /** The lines, decoded as the parser decodes them (invalid bytes become U+FFFD); the ending blank line left out. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (int start = 0; start < bytes.length; ) {
            int end = lineEnd(start);
            if (end > start) out.add(Utf8.decode(bytes, start, end - start));
            start = nextLine(end);
        }
        return out;
    }

    /**
     * The event's data as the parser built it from these lines: each {@code data} field's value (one leading space
     * dropped), joined with LF; exactly {@link ServerSentEvent#data()} for the lines of one event. Lets a caller keep
     * the bytes and not also the string.
     */
    public String data() {
        StringBuilder out = null;
        String single = null;
        for (int start = 0; start < bytes.length; ) {
            int end = lineEnd(start);
            int value = dataValue(start, end);
            if (value >= 0) {
                String v = Utf8.decode(bytes, value, end - value);
                if (single == null && out == null) {
                    single = v;
                } else {
                    if (out == null) out = new StringBuilder(single);
                    out.append('\n').append(v);
                }
            }
            start = nextLine(end);
        }
        return out != null ? out.toString() : single == null ? "" : single;
    }

    /**
     * Whether {@link #data()} contains {@code ascii}, told from the bytes without decoding them: 1 yes, 0 no, -1 when
     * the bytes cannot tell (data on more than one line, where the lines are joined). Exact for a needle of ASCII
     * bytes without CR or LF: in UTF-8 such bytes stand only for themselves, and a byte that is not valid UTF-8 decodes
     * to U+FFFD, never to ASCII. A filter keystroke asks this of 100,000 rows; decoding each costs ten times as much.
     */
    public int dataContains(byte[] ascii) {
        int valueStart = -1;
        int valueEnd = -1;
        for (int start = 0; start < bytes.length; ) {
            int end = lineEnd(start);
            int value = dataValue(start, end);
            if (value >= 0) {
                if (valueStart >= 0) return -1;
                valueStart = value;
                valueEnd = end;
            }
            start = nextLine(end);
        }
        if (valueStart < 0) return ascii.length == 0 ? 1 : 0;
        return indexOf(bytes, valueStart, valueEnd, ascii) >= 0 ? 1 : 0;
    }

    /**
     * Where the value of the line [start, end) begins when it is a data line, else -1. The field name runs to the first
     * colon (or the whole line); only "data" counts; one space after the colon is not part of the value.
     */
    private int dataValue(int start, int end) {
        int colon = start;
        while (colon < end && bytes[colon] != ':') colon++;
        if (end == start || colon - start != 4 || bytes[start] != 'd' || bytes[start + 1] != 'a' || bytes[start + 2] != 't'
                || bytes[start + 3] != 'a') {
            return -1;
        }
        int value = colon < end ? colon + 1 : end;
        if (value < end && bytes[value] == ' ') value++;
        return value;
    }

    private static int indexOf(byte[] b, int from, int to, byte[] needle) {
        int n = needle.length;
        if (n == 0) return from;
        byte first = needle[0];
        int starts = to - n + 1; // the last place a match can start, plus one
        outer:
        for (int i = from; (i = indexOfEither(b, i, starts, first, first)) < starts; i++) {
            for (int k = 1; k < n; k++) {
                if (b[i + k] != needle[k]) continue outer;
            }
            return i;
        }
        return -1;
    }

    /** The lines as text, with each byte that is not valid UTF-8 shown as {@code ⟨ff⟩} instead of hidden as U+FFFD. */
    public String marked() {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(Math.max(16, bytes.length * 2));
        StringBuilder s = new StringBuilder(bytes.length + 16);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            out.flip();
            s.append(out);
            out.clear();
            if (r.isUnderflow()) break;
            if (r.isError()) {
                for (int i = 0; i < r.length(); i++) s.append(String.format("⟨%02x⟩", in.get() & 0xff));
            }
        }
        // Line ends as line breaks, whichever the server sent; the ending blank line is not a line to show.
        String text = s.toString().replace("\r\n", "\n").replace('\r', '\n');
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\n') end--;
        return text.substring(0, end);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawBytes r && Arrays.equals(bytes, r.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "RawBytes[" + bytes.length + " bytes]";
    }
}
