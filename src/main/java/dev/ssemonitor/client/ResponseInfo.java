package dev.ssemonitor.client;

import java.util.List;

/**
 * The response head of one attempt.
 *
 * @param url              the URL that answered, after redirects
 * @param sentHeaders      the request headers as they went on the wire (including OkHttp's own), masked
 * @param timeToHeadersMillis from sending the request to receiving the response head
 */
public record ResponseInfo(int attempt, int status, String message, String protocol, String url,
                           List<Header> headers, List<Header> sentHeaders, long timeToHeadersMillis) {

    public String header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) return h.value();
        }
        return null;
    }
}
