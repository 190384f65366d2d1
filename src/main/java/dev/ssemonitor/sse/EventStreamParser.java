package dev.ssemonitor.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The WHATWG "server-sent events" interpretation of an event stream, as a pure incremental object.
 *
 * <p>Feed it byte chunks of any size; it calls its {@link EventStreamHandler} synchronously. Chunk boundaries never
 * change what it reports. It works on bytes: lines are split at CR, LF or CRLF before decoding (those bytes never
 * occur inside a multi-byte UTF-8 sequence), so a character split across chunks decodes whole, and invalid bytes
 * become U+FFFD. The stream's charset parameter is irrelevant: an event stream is always UTF-8.
 *
 * <p>One parser serves one EventSource across its connections: call {@link #endOfStream()} when a response body
 * ends; the incomplete event is discarded, the last event ID string survives, and the next bytes are a new stream
 * (whose single leading BOM is stripped again).
 *
 * <p>Not thread-safe: one thread feeds it.
 */
public final class EventStreamParser {
    public static final long DEFAULT_MAX_EVENT_BYTES = 64L * 1024 * 1024;

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final EventStreamHandler handler;
    private final long maxEventBytes;
    private final boolean captureRawLines;

    // Line assembly, for lines that span chunks.
    private byte[] line = new byte[128];
    private int lineLength;
    /** The previous chunk ended in CR: a LF at the start of the next one belongs to that line ending. */
    private boolean skipLeadingLf;
    /** Bytes of a leading BOM matched so far; -1 once the start of the stream has been decided. */
    private int bomMatched;

    // The spec's buffers.
    private String eventTypeBuffer = "";
    private String firstDataLine;
    private StringBuilder dataBuffer;
    private int dataLines;
    private long dataBytes;
    private String lastEventIdBuffer = "";
    private String lastEventId = "";
    /** The current event's lines as received, with their line ends, when captured. */
    private byte[] raw;
    private int rawLength;
    private static final int END_LF = 0;
    private static final int END_CR = 1;
    private static final int END_CRLF = 2;
    /** How the line being processed ended. */
    private int lineEnd;
    /** The last kept line ended in CR at the end of a chunk: a LF starting the next chunk is its too. */
    private boolean rawAwaitsLf;

    public EventStreamParser(EventStreamHandler handler) {
        this(handler, DEFAULT_MAX_EVENT_BYTES, false);
    }

    /**
     * @param maxEventBytes   the most bytes one line, or one event's data, may hold before {@link EventTooLargeException}
     * @param captureRawLines keep each event's lines as received in {@link ServerSentEvent#raw()}; the event's data is
     *                        then read from them when asked for, not decoded at dispatch
     */
    public EventStreamParser(EventStreamHandler handler, long maxEventBytes, boolean captureRawLines) {
        if (maxEventBytes < 1) throw new IllegalArgumentException("maxEventBytes must be positive");
        this.handler = handler;
        this.maxEventBytes = maxEventBytes;
        this.captureRawLines = captureRawLines;
        this.raw = captureRawLines ? new byte[256] : null;
    }

    /** The EventSource's last event ID string: what a reconnect sends as {@code Last-Event-ID}. */
    public String lastEventId() {
        return lastEventId;
    }

    /** Seeds the last event ID, e.g. with one the user supplied before the first connection. */
    public void setLastEventId(String id) {
        if (id.indexOf('\0') >= 0) throw new IllegalArgumentException("an event ID cannot contain NUL");
        lastEventId = id;
        lastEventIdBuffer = id;
    }

    public void feed(byte[] bytes) throws EventTooLargeException {
        feed(bytes, 0, bytes.length);
    }

    public void feed(byte[] bytes, int offset, int length) throws EventTooLargeException {
        int i = offset;
        int end = offset + length;
        if (bomMatched >= 0) {
            i = skipBom(bytes, i, end);
        }
        while (i < end) {
            if (skipLeadingLf) {
                skipLeadingLf = false;
                if (bytes[i] == LF) {
                    // The LF of a CRLF split across chunks: the kept line that the CR ended gets it.
                    if (rawAwaitsLf) keep(LF);
                    rawAwaitsLf = false;
                    i++;
                    continue;
                }
            }
            int eol = indexOfLineEnd(bytes, i, end);
            if (eol < 0) {
                appendToLine(bytes, i, end - i);
                return;
            }
            // The line's end as sent, for the kept bytes: LF, CR, or CRLF when the LF is in this chunk too.
            lineEnd = bytes[eol] == LF ? END_LF : eol + 1 < end && bytes[eol + 1] == LF ? END_CRLF : END_CR;
            if (lineLength == 0) {
                processLine(bytes, i, eol - i);
            } else {
                appendToLine(bytes, i, eol - i);
                int n = lineLength;
                lineLength = 0;
                processLine(line, 0, n);
            }
            if (bytes[eol] == CR) {
                if (eol + 1 < end) {
                    if (bytes[eol + 1] == LF) eol++;
                } else {
                    skipLeadingLf = true;
                }
            }
            i = eol + 1;
        }
    }

    /**
     * The response body ended. Pending data is discarded, an incomplete event is not dispatched and its id does not
     * survive; the parser is ready for the next connection's stream.
     */
    public void endOfStream() {
        lineLength = 0;
        skipLeadingLf = false;
        bomMatched = 0;
        lastEventIdBuffer = lastEventId;
        resetEventBuffers();
        if (line.length > 64 * 1024) line = new byte[128];
    }

    private int skipBom(byte[] bytes, int i, int end) {
        while (i < end) {
            if (bytes[i] == BOM[bomMatched]) {
                i++;
                if (++bomMatched == BOM.length) {
                    bomMatched = -1;
                    return i;
                }
            } else {
                int held = bomMatched;
                bomMatched = -1;
                // The bytes held back were not a BOM after all: they start the first line (they hold no CR or LF).
                if (held > 0) System.arraycopy(BOM, 0, line, 0, held);
                lineLength = held;
                return i;
            }
        }
        return i;
    }

    /** The first CR or LF in [from, end), or -1 (the search is the kept rows' too). */
    private static int indexOfLineEnd(byte[] bytes, int from, int end) {
        int i = RawBytes.indexOfLineEnd(bytes, from, end);
        return i < end ? i : -1;
    }

    private void appendToLine(byte[] bytes, int offset, int length) throws EventTooLargeException {
        if (length == 0) return;
        long needed = (long) lineLength + length;
        if (needed > maxEventBytes) throw tooLarge(lineKind(bytes, offset, length));
        if (needed > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(Math.max(needed, (long) line.length * 2), Integer.MAX_VALUE - 8));
        }
        System.arraycopy(bytes, offset, line, lineLength, length);
        lineLength += length;
    }

    private EventTooLargeException tooLarge(String what) {
        // The stream is abandoned; drop what we hold so the memory can go.
        line = new byte[128];
        lineLength = 0;
        resetEventBuffers();
        return new EventTooLargeException(maxEventBytes, what);
    }

    /** Names the line that is growing too long, from its field name (held, or in the bytes about to be added). */
    private String lineKind(byte[] bytes, int offset, int length) {
        byte[] head = new byte[16];
        int n = Math.min(lineLength, head.length);
        System.arraycopy(line, 0, head, 0, n);
        int more = Math.min(head.length - n, length);
        System.arraycopy(bytes, offset, head, n, more);
        n += more;
        int nameEnd = 0;
        while (nameEnd < n && head[nameEnd] != ':') nameEnd++;
        if (nameEnd == 0) return "a comment line";
        String name = new String(head, 0, nameEnd, StandardCharsets.US_ASCII);
        switch (name) {
            case "data":
                return "a data: line";
            case "event":
                return "an event: line";
            case "id":
                return "an id: line";
            case "retry":
                return "a retry: line";
            default:
                if (nameEnd == n) return "a line with no field name end in sight";
                // Only letters and digits are shown: the name is the server's, and may hold anything.
                return "a line of the unknown field '" + name.replaceAll("[^A-Za-z0-9_-]", "?") + "'";
        }
    }

    private void processLine(byte[] b, int off, int len) throws EventTooLargeException {
        rawAwaitsLf = false;
        if (len == 0) {
            // The blank line is kept as one byte, CR or LF: its LF after a CR may only come in the next chunk, after the
            // event is out, and what is kept must not depend on where chunks end.
            if (captureRawLines) keep(lineEnd == END_LF ? LF : CR);
            dispatch();
            return;
        }
        if (captureRawLines) {
            // Kept lines cost memory too: many short lines (comments, unknown fields) must not get round the limit.
            if ((long) rawLength + len + 2 > maxEventBytes) throw tooLarge("an event's lines");
            rawRoom(len + 2);
            System.arraycopy(b, off, raw, rawLength, len);
            rawLength += len;
            if (lineEnd == END_LF) {
                raw[rawLength++] = LF;
            } else {
                raw[rawLength++] = CR;
                if (lineEnd == END_CRLF) raw[rawLength++] = LF;
                else rawAwaitsLf = true;
            }
        }
        int end = off + len;
        int colon = -1;
        for (int i = off; i < end; i++) {
            if (b[i] == ':') {
                colon = i;
                break;
            }
        }
        int nameEnd = colon < 0 ? end : colon;
        int valueStart = colon < 0 ? end : colon + 1;
        if (valueStart < end && b[valueStart] == ' ') valueStart++;
        int valueLength = end - valueStart;

        if (colon == off) {
            handler.onComment(decode(b, valueStart, valueLength));
            return;
        }
        switch (nameEnd - off) {
            case 4 -> {
                if (b[off] == 'd' && b[off + 1] == 'a' && b[off + 2] == 't' && b[off + 3] == 'a') {
                    appendData(b, valueStart, valueLength);
                }
            }
            case 5 -> {
                if (b[off] == 'e' && b[off + 1] == 'v' && b[off + 2] == 'e' && b[off + 3] == 'n' && b[off + 4] == 't') {
                    eventTypeBuffer = decode(b, valueStart, valueLength);
                } else if (b[off] == 'r' && b[off + 1] == 'e' && b[off + 2] == 't' && b[off + 3] == 'r'
                        && b[off + 4] == 'y') {
                    retry(b, valueStart, valueLength);
                }
            }
            case 2 -> {
                if (b[off] == 'i' && b[off + 1] == 'd' && !containsNul(b, valueStart, valueLength)) {
                    lastEventIdBuffer = decode(b, valueStart, valueLength);
                }
            }
            default -> {
                // Unknown field: ignored, as the spec says.
            }
        }
    }

    /** One more kept byte (a line end). */
    private void keep(byte b) {
        rawRoom(1);
        raw[rawLength++] = b;
    }

    private void rawRoom(int more) {
        if (rawLength + more > raw.length) {
            raw = Arrays.copyOf(raw, (int) Math.min(Math.max((long) rawLength + more, raw.length * 2L), Integer.MAX_VALUE - 8));
        }
    }

    private void appendData(byte[] b, int off, int len) throws EventTooLargeException {
        dataBytes += len + 1L;
        if (dataBytes > maxEventBytes) {
            throw tooLarge(dataLines == 0 ? "a data: line" : "an event's data (" + (dataLines + 1) + " data: lines)");
        }
        if (captureRawLines) {
            dataLines++; // the kept bytes hold the line: the data is read from them when asked for
            return;
        }
        String value = decode(b, off, len);
        if (dataLines == 0) {
            firstDataLine = value;
        } else {
            if (dataLines == 1) {
                dataBuffer = new StringBuilder(firstDataLine.length() + value.length() + 16).append(firstDataLine);
            }
            dataBuffer.append('\n').append(value);
        }
        dataLines++;
    }

    private void retry(byte[] b, int off, int len) {
        if (len == 0) return;
        long value = 0;
        for (int i = off; i < off + len; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) return;
            value = value > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : value * 10 + digit;
        }
        handler.onRetry(value);
    }

    private void dispatch() {
        boolean idChanged = !lastEventIdBuffer.equals(lastEventId);
        if (idChanged) lastEventId = lastEventIdBuffer;
        if (dataLines == 0) {
            resetEventBuffers();
            if (idChanged) handler.onLastEventIdChange(lastEventId);
            return;
        }
        String type = eventTypeBuffer.isEmpty() ? ServerSentEvent.DEFAULT_TYPE : eventTypeBuffer;
        ServerSentEvent event = captureRawLines
                ? ServerSentEvent.fromBytes(type, lastEventId, RawBytes.copyOf(raw, rawLength))
                : new ServerSentEvent(type, dataLines == 1 ? firstDataLine : dataBuffer.toString(), lastEventId);
        resetEventBuffers();
        if (idChanged) handler.onLastEventIdChangeThenEvent(lastEventId, event);
        else handler.onEvent(event);
    }

    private void resetEventBuffers() {
        eventTypeBuffer = "";
        firstDataLine = null;
        dataBuffer = null;
        dataLines = 0;
        dataBytes = 0;
        rawLength = 0;
        rawAwaitsLf = false;
        if (captureRawLines && raw.length > 64 * 1024) raw = new byte[256];
    }

    private static boolean containsNul(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] == 0) return true;
        }
        return false;
    }

    private static String decode(byte[] b, int off, int len) {
        return Utf8.decode(b, off, len);
    }
}
