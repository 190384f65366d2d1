package dev.ssemonitor.client;

/**
 * How one connection attempt ended, as the engine hands it to the {@link ReconnectPlan}.
 *
 * @param status      the HTTP status, or 0 when no response arrived
 * @param opened      whether readyState became OPEN during the attempt
 * @param openMillis  how long it stayed OPEN (0 if it never opened)
 * @param ttfbMillis  from sending the request to the first body byte, or -1 if none came
 */
record AttemptOutcome(End end, String reason, int status, boolean opened, long bytes, long openMillis,
                      long ttfbMillis) {

    /** The kinds of ending, each with its own rule in the plan. */
    enum End {
        /** The server closed a stream that had opened: a browser reconnects. */
        STREAM_ENDED,
        /** The network failed (before or after OPEN): a browser reconnects. */
        NETWORK_ERROR,
        /** An HTTP error that only the resilient policy retries. */
        RETRYABLE_REFUSAL,
        /** The user asked for a fresh connection now. */
        RESTART,
        /** Nothing may follow: a refusal, an event too large, an internal error, or the user's close. */
        FINAL
    }

    /**
     * The numbers of an attempt as they grow; {@link #end} freezes them into an outcome. Written by the engine
     * thread; read by a closing thread too (the attempt's end record when the user closes), hence volatile.
     */
    static final class Progress {
        private final long startNanos = System.nanoTime();
        private final int attempt;
        private volatile int status;
        private volatile long openedAtNanos;
        private volatile long bytes;
        private volatile long ttfbMillis = -1;
        /** Written by the engine thread alone, with a release store (no fence); read with an acquire load. */
        private long events;
        private static final java.lang.invoke.VarHandle EVENTS;

        static {
            try {
                EVENTS = java.lang.invoke.MethodHandles.lookup().findVarHandle(Progress.class, "events", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        Progress(int attempt) {
            this.attempt = attempt;
        }

        void event() {
            // One writer, the engine thread: a volatile store would cost a fence for each event of a flood.
            EVENTS.setRelease(this, events + 1);
        }

        int attempt() {
            return attempt;
        }

        long bytesSoFar() {
            return bytes;
        }

        long timeToFirstByteMillis() {
            return ttfbMillis;
        }

        long events() {
            return (long) EVENTS.getAcquire(this);
        }

        /** The attempt's end record, ended now for {@code reason}. */
        AttemptSummary summary(String reason) {
            return end(End.FINAL, reason).summary(attempt, events());
        }

        void responded(int code) {
            status = code;
        }

        void opened() {
            openedAtNanos = System.nanoTime();
        }

        void received(int n) {
            if (ttfbMillis < 0) ttfbMillis = (System.nanoTime() - startNanos) / 1_000_000L;
            bytes += n;
        }

        boolean isOpen() {
            return openedAtNanos != 0;
        }

        AttemptOutcome end(End end, String reason) {
            long openMillis = openedAtNanos == 0 ? 0 : (System.nanoTime() - openedAtNanos) / 1_000_000L;
            return new AttemptOutcome(end, reason, status, isOpen(), bytes, openMillis, ttfbMillis);
        }
    }

    AttemptSummary summary(int attempt, long events) {
        return new AttemptSummary(attempt, status, bytes, events, openMillis, ttfbMillis, reason, end == End.STREAM_ENDED);
    }
}
