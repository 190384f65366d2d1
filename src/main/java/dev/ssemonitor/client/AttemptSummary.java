package dev.ssemonitor.client;

/**
 * How one connection attempt went, reported when it ends.
 *
 * @param status                 the HTTP status, or 0 when no response arrived
 * @param openMillis             how long the connection stayed OPEN (0 if it never opened)
 * @param timeToFirstByteMillis  from sending the request to the first body byte, or -1 if none came
 * @param endReason              why it ended, in words
 * @param streamEnded            the server ended an open stream normally (no error, no close by the user)
 */
public record AttemptSummary(int attempt, int status, long bytes, long events, long openMillis,
                             long timeToFirstByteMillis, String endReason, boolean streamEnded) {}
