package dev.ssemonitor.client;

/**
 * Where an attempt's time went before its response head, in milliseconds, as Chrome's Timing tab shows it; -1 for a
 * phase that did not happen (no DNS lookup for an IP address, no connect or TLS on a reused connection).
 *
 * @param sendMs  writing the request (headers and body)
 * @param waitMs  from the request sent to the first byte of the response head (the server's think time)
 */
public record PhaseTimes(long dnsMs, long connectMs, long tlsMs, long sendMs, long waitMs, boolean reusedConnection) {
    public static final PhaseTimes NONE = new PhaseTimes(-1, -1, -1, -1, -1, false);
}
