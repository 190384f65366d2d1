package dev.ssemonitor.client;

import java.nio.charset.StandardCharsets;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/** Builds the HTTP request of one attempt, as a browser's EventSource would send it. */
final class StreamRequest {
    private static final MediaType EMPTY_BODY_TYPE = MediaType.parse("text/plain");

    private StreamRequest() {}

    /**
     * @param url         where to send it: the configured URL, or where a permanent redirect moved the stream
     * @param lastEventId sent as {@code Last-Event-ID} unless empty
     */
    static Request build(EventSourceConfig config, HttpUrl url, String lastEventId) {
        Headers.Builder headers = new Headers.Builder();
        for (Header h : config.headers()) headers.add(h.name(), h.value());
        if (headers.get("Accept") == null) headers.set("Accept", "text/event-stream");
        // http://user:pw@host/ sends Basic auth, as curl does (OkHttp would drop the userinfo and send nothing).
        if (headers.get("Authorization") == null && (!url.username().isEmpty() || !url.password().isEmpty())) {
            headers.set("Authorization", okhttp3.Credentials.basic(url.username(), url.password(), StandardCharsets.UTF_8));
        }
        if (headers.get("Cache-Control") == null) headers.set("Cache-Control", "no-cache");
        headers.removeAll("Last-Event-ID");
        // The spec sends the ID UTF-8 encoded; OkHttp writes header values as UTF-8 once allowed to.
        if (!lastEventId.isEmpty()) headers.addUnsafeNonAscii("Last-Event-ID", lastEventId);
        RequestBody body = null;
        if (config.body() != null) {
            // Bytes, not a String: OkHttp would append "; charset=utf-8" to the user's Content-Type.
            body = RequestBody.create(config.body().getBytes(StandardCharsets.UTF_8),
                    MediaType.parse(config.bodyContentType()));
        } else if (requiresBody(config.method())) {
            body = RequestBody.create("", EMPTY_BODY_TYPE);
        }
        return new Request.Builder().url(url.newBuilder().username("").password("").build()).headers(headers.build()).method(config.method(), body).build();
    }

    private static boolean requiresBody(String method) {
        return switch (method) {
            case "POST", "PUT", "PATCH", "PROPPATCH", "REPORT" -> true;
            default -> false;
        };
    }
}
