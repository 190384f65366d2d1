package dev.ssemonitor.client;

import java.util.List;

/**
 * One redirect an attempt followed.
 *
 * @param from            the URL that answered with the redirect (secrets masked)
 * @param to              where it sent the request next (secrets masked)
 * @param droppedHeaders  credential headers not sent on, because the redirect left the origin
 * @param permanent       301 or 308: later reconnects go straight to {@code to}
 */
public record RedirectInfo(int attempt, int status, String from, String to, List<String> droppedHeaders,
                           boolean permanent) {}
