package dev.ssemonitor.client;

import java.util.List;

/**
 * One connection attempt as it starts: what is being sent.
 *
 * @param attempt     1 for the first connection, then counting every reconnect
 * @param lastEventId the {@code Last-Event-ID} sent, or empty when none was sent
 * @param headers     the request headers this client sets (OkHttp adds Host, User-Agent and the like), masked
 */
public record RequestInfo(int attempt, long startedAtMillis, String method, String url, List<Header> headers,
                          String lastEventId) {}
