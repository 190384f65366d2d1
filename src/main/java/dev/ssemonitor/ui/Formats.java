package dev.ssemonitor.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Where typed values become words and numbers on screen. No toolkit types: the filter uses it too. */
final class Formats {
    static final int PREVIEW_CHARS = 300;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    /** The most of a server's event type or id that a title or the status bar shows in one line. */
    static final int LINE_FIELD_CHARS = 64;

    private Formats() {}

    /**
     * A server's text cut to {@code max} characters and an ellipsis, never half a character: a title or a status bar
     * sized by a 1 MiB id would push the rest of the window off screen.
     */
    static String clip(String s, int max) {
        if (s.length() <= max) return s;
        int end = max;
        if (Character.isHighSurrogate(s.charAt(end - 1))) end--;
        return s.substring(0, end) + "…";
    }

    /** The Type column: the event type, or a word for the other kinds (the state's name for state rows). */
    static String typeLabel(MessageRow row) {
        return switch (row.kind()) {
            case EVENT -> row.type();
            case STATE -> row.state().name();
            case COMMENT, RETRY, ERROR -> row.kind().name().toLowerCase(Locale.ROOT);
        };
    }

    /** The Data column's full text: data, comment, reason or message; the new reconnection time for a retry row. */
    static String rowText(MessageRow row) {
        return row.kind() == MessageRow.Kind.RETRY ? row.retryMillis() + " ms" : row.text();
    }

    /** One line of at most {@link #PREVIEW_CHARS} characters, line breaks shown as symbols. */
    static String preview(String data) {
        return clip(data, PREVIEW_CHARS).replace('\n', '⏎').replace('\r', '␍');
    }

    /** A rate: whole numbers from 10 up, one decimal below ("0.2/s" for one event every 5 s). */
    static String rate(double perSecond) {
        return perSecond >= 10 || perSecond == 0 ? String.format("%,.0f/s", perSecond) : String.format("%.1f/s", perSecond);
    }

    static String clock(long epochMillis) {
        return CLOCK.format(Instant.ofEpochMilli(epochMillis));
    }

    static String bytes(long n) {
        if (n < 1024) return n + " B";
        if (n < 1024 * 1024) return String.format("%.1f KiB", n / 1024.0);
        if (n < 1024L * 1024 * 1024) return String.format("%.1f MiB", n / 1024.0 / 1024);
        return String.format("%.2f GiB", n / 1024.0 / 1024 / 1024);
    }

    /** Whole seconds left: "18 s", "9 min 58 s". */
    static String countdown(long seconds) {
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }

    static String duration(long ms) {
        if (ms < 1000) return ms + " ms";
        if (ms < 60_000) return String.format("%.1f s", ms / 1000.0);
        return String.format("%d min %d s", ms / 60_000, ms / 1000 % 60);
    }

    /** Bytes shown in the hex view at most; a 64 MiB event would stall any text area. */
    static final int HEX_MAX_BYTES = 64 * 1024;

    /** A classic hex dump: offset, 16 bytes in hex, the same as ASCII with dots for the rest. */
    static String hex(dev.ssemonitor.sse.RawBytes raw) {
        int n = Math.min(raw.length(), HEX_MAX_BYTES);
        StringBuilder s = new StringBuilder(n * 5 + 64);
        for (int row = 0; row < n; row += 16) {
            s.append(String.format("%06x  ", row));
            StringBuilder ascii = new StringBuilder(16);
            for (int i = row; i < row + 16; i++) {
                if (i < n) {
                    int b = raw.byteAt(i) & 0xff;
                    s.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16)).append(' ');
                    ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
                } else {
                    s.append("   ");
                }
                if (i == row + 7) s.append(' ');
            }
            s.append(' ').append(ascii).append('\n');
        }
        if (raw.length() > n) s.append(String.format("… %,d more bytes%n", raw.length() - n));
        return s.toString();
    }
}
