package dev.ssemonitor.sse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of an event's lines as they came off the wire (field names, invalid UTF-8 and all), each line followed by
 * one LF whatever ending it had. Immutable.
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

    /** Lines already decoded (for events made by hand): each encoded as UTF-8 and ended with LF. */
    public static RawBytes ofLines(List<String> lines) {
        if (lines.isEmpty()) return EMPTY;
        StringBuilder s = new StringBuilder();
        for (String l : lines) s.append(l).append('\n');
        return new RawBytes(s.toString().getBytes(StandardCharsets.UTF_8));
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

    /** The lines, decoded as the parser decodes them (invalid bytes become U+FFFD). */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                out.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
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
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') continue;
            int end = i;
            // The field name runs to the first colon (or the whole line); only "data" counts.
            int colon = start;
            while (colon < end && bytes[colon] != ':') colon++;
            if (colon - start == 4 && bytes[start] == 'd' && bytes[start + 1] == 'a' && bytes[start + 2] == 't'
                    && bytes[start + 3] == 'a') {
                int value = colon < end ? colon + 1 : end;
                if (value < end && bytes[value] == ' ') value++;
                String v = new String(bytes, value, end - value, StandardCharsets.UTF_8);
                if (single == null && out == null) {
                    single = v;
                } else {
                    if (out == null) out = new StringBuilder(single);
                    out.append('\n').append(v);
                }
            }
            start = i + 1;
        }
        return out != null ? out.toString() : single == null ? "" : single;
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
        if (s.length() > 0 && s.charAt(s.length() - 1) == '\n') s.setLength(s.length() - 1);
        return s.toString();
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
