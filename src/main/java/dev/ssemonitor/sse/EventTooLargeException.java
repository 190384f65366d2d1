package dev.ssemonitor.sse;

import java.io.IOException;

/** One event (or one line) grew past the configured cap; the stream cannot be parsed further. */
public final class EventTooLargeException extends IOException {
    private final long limitBytes;

    /** @param what what grew too large, as the message's subject: "an event's data", "a comment line", … */
    public EventTooLargeException(long limitBytes, String what) {
        super(what + " exceeded the " + describe(limitBytes) + " size limit; the stream was abandoned");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }

    static String describe(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) return (bytes >> 20) + " MiB";
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) return (bytes >> 10) + " KiB";
        return bytes + " byte";
    }
}
