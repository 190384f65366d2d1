package dev.ssemonitor.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Waiting for something a user would see, with a bounded time and words: a timeout names what was awaited and what
 * was seen instead, never a bare TimeoutException.
 */
public final class Waits {
    /** Long enough for a loaded 2-core machine; a test that needs it is waiting for a state, not racing a timer. */
    public static final Duration DEFAULT = Duration.ofSeconds(30);

    private Waits() {}

    public static void until(String what, Callable<Boolean> condition) {
        until(what, DEFAULT, condition, null);
    }

    public static void until(String what, Callable<Boolean> condition, Supplier<?> seen) {
        until(what, DEFAULT, condition, seen);
    }

    /**
     * Polls {@code condition} every 10 ms on this thread until it holds.
     *
     * @param seen what to report when it never does (the state that was there instead); null for nothing
     * @throws AssertionError after {@code timeout}, naming {@code what} and {@code seen}
     */
    public static void until(String what, Duration timeout, Callable<Boolean> condition, Supplier<?> seen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) return;
                last = null;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) break;
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
        String message = "Timed out after " + timeout.toSeconds() + " s waiting for " + what
                + (seen == null ? "" : "; seen instead: " + seen.get());
        throw last == null ? new AssertionError(message) : new AssertionError(message, last);
    }
}
