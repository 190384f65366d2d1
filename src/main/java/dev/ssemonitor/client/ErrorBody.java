package dev.ssemonitor.client;

/**
 * The start of the body of a response that is not an event stream (a 401's "invalid API key", a 400's JSON): for an
 * API, the first thing a user needs.
 *
 * @param text      the first {@link #MAX_BYTES} bytes, decoded as UTF-8 (malformed bytes replaced)
 * @param truncated the body went on past them (or did not end within the time allowed)
 */
public record ErrorBody(int attempt, int status, String contentType, String text, boolean truncated) {
    public static final int MAX_BYTES = 64 * 1024;
}
