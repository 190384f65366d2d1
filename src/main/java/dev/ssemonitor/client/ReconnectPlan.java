package dev.ssemonitor.client;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * The one place that decides what follows a connection attempt: give up, or wait so long and reconnect, and why.
 * Pure: it keeps the reconnection time and the failure counters, never a socket or a clock, so every rule is
 * unit-tested without a server. The defaults here are the only copy; everything else reads them.
 */
public final class ReconnectPlan {
    /** A browser's reconnection time until the server sends {@code retry:}. */
    public static final long DEFAULT_RECONNECTION_TIME_MILLIS = 3000;
    /** The resilient policy's longest backoff. */
    public static final Duration DEFAULT_BACKOFF_CAP = Duration.ofSeconds(30);
    /** A connection that lives this long resets the resilient policy's backoff. */
    public static final Duration DEFAULT_BACKOFF_RESET_AFTER = Duration.ofSeconds(60);
    /** No wait is ever longer, whatever {@code retry:} says: a timer past this would overflow or never fire. */
    public static final long MAX_WAIT_MILLIS = Duration.ofDays(1).toMillis();

    /** What to do next. {@code delayMillis} and {@code why} mean something only when {@code reconnect} is true. */
    public record Decision(boolean reconnect, long delayMillis, String why, String reason) {
        static Decision stop(String reason) {
            return new Decision(false, 0, "", reason);
        }
    }

    private final EventSourceConfig config;
    private final LongUnaryOperator random;
    private long reconnectionTimeMillis;
    private boolean reconnectionTimeFromServer;
    private int backoffLevel;
    private int failuresSinceOpen;

    /** @param random given a bound n, returns a value in [0, n): the backoff's jitter */
    public ReconnectPlan(EventSourceConfig config, LongUnaryOperator random) {
        this.config = config;
        this.random = random;
        this.reconnectionTimeMillis = Math.min(config.reconnectionTimeMillis(), MAX_WAIT_MILLIS);
    }

    /** The server sent {@code retry:}; the wait it asks for is capped at {@link #MAX_WAIT_MILLIS}. */
    public void serverSetReconnectionTime(long millis) {
        reconnectionTimeMillis = Math.min(Math.max(0, millis), MAX_WAIT_MILLIS);
        reconnectionTimeFromServer = true;
    }

    public long reconnectionTimeMillis() {
        return reconnectionTimeMillis;
    }

    /** Decides after each attempt; updates the failure counters. */
    Decision next(AttemptOutcome o) {
        if (o.end() == AttemptOutcome.End.FINAL) return Decision.stop(o.reason());
        if (o.opened()) {
            failuresSinceOpen = 0;
            if (o.openMillis() >= config.backoffResetAfter().toMillis()) backoffLevel = 0;
        }
        if (o.end() == AttemptOutcome.End.RESTART) {
            return new Decision(true, 0, "restart requested", o.reason());
        }
        if (config.policy() == ReconnectPolicy.ONCE) {
            return Decision.stop(o.reason() + "; the Once policy does not reconnect");
        }
        failuresSinceOpen++;
        backoffLevel++;
        int max = config.maxReconnectAttempts();
        if (max > 0 && failuresSinceOpen > max) {
            return Decision.stop("gave up after " + max + " reconnect attempt" + (max == 1 ? "" : "s") + ": " + o.reason());
        }
        if (config.policy() == ReconnectPolicy.RESILIENT) {
            long delay = Backoff.delay(reconnectionTimeMillis, backoffLevel, config.backoffCap().toMillis(), random);
            return new Decision(true, delay, "backoff after " + backoffLevel + " consecutive failure"
                    + (backoffLevel == 1 ? "" : "s") + " (reconnection time " + reconnectionTimeMillis
                    + " ms, doubled, capped at " + config.backoffCap().toSeconds() + " s, with jitter)", o.reason());
        }
        return new Decision(true, reconnectionTimeMillis, "reconnection time " + reconnectionTimeMillis + " ms"
                + (reconnectionTimeFromServer ? " (set by retry:)" : ""), o.reason());
    }

    /** Whether an HTTP status that is not an event stream is worth retrying under the configured policy. */
    boolean retriesRefusal(int status, boolean redirectWithoutLocation) {
        return config.policy() == ReconnectPolicy.RESILIENT && status != 200 && status != 204 && !redirectWithoutLocation;
    }
}
