package dev.ssemonitor.client;

import java.util.function.LongUnaryOperator;

/**
 * The resilient policy's wait: the reconnection time doubled for each consecutive failure, capped, with jitter
 * (a random point in the upper half of the window, so many clients do not reconnect in step).
 */
final class Backoff {
    private Backoff() {}

    /**
     * @param failures consecutive failed attempts so far (1 for the first retry)
     * @param random   given a bound n, returns a value in [0, n)
     */
    static long delay(long reconnectionTimeMillis, int failures, long capMillis, LongUnaryOperator random) {
        long window = reconnectionTimeMillis;
        for (int i = 1; i < failures && window < capMillis; i++) window *= 2;
        window = Math.min(window, capMillis);
        if (window <= 1) return window;
        long half = window / 2;
        return half + random.applyAsLong(window - half + 1);
    }
}
