package dev.ssemonitor.client;

import java.util.List;

/**
 * The response head of one attempt.
 *
 * @param url              the URL that answered, after redirects
 * @param sentHeaders      the request headers as they went on the wire (including OkHttp's own), masked
 * @param timeToHeadersMillis from sending the request to receiving the response head
 * @param phases           where the time before the head went (DNS, connect, TLS, send, wait)
 * @param tls              the TLS version, cipher and the server's certificates; null over plain HTTP
 */
public record ResponseInfo(int attempt, int status, String message, String protocol, String url,
                           List<Header> headers, List<Header> sentHeaders, long timeToHeadersMillis, PhaseTimes phases,
                           TlsInfo tls) {

    public String header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) return h.value();
        }
        return null;
    }
}
