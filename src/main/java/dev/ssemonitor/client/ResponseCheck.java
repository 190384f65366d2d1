package dev.ssemonitor.client;

import java.util.Locale;
import okhttp3.Response;

/** Whether a response head starts an event stream, and if not, why not in words. */
final class ResponseCheck {
    private ResponseCheck() {}

    /** Why this response cannot be an event stream, or null when it is one. */
    static String refusal(Response response) {
        int status = response.code();
        if (status == 204) return "HTTP 204 No Content: the server asked the client to stop reconnecting";
        if (isRedirectWithoutLocation(response)) return "HTTP " + status + " redirect without a Location header";
        if (status != 200) return "HTTP " + status + " " + statusText(response);
        String type = response.header("Content-Type");
        if (type == null || type.isBlank()) {
            return "the response has no Content-Type; an event stream is text/event-stream";
        }
        if (!isEventStream(type)) return "the response is " + type.strip() + ", not text/event-stream";
        return null;
    }

    /**
     * The MIME type's essence, as WHATWG MIME sniffing parses it: up to the first ';', HTTP whitespace trimmed, case
     * ignored. So {@code text/event-stream ; charset=utf-8} is an event stream, as browsers say.
     */
    static boolean isEventStream(String contentType) {
        int semicolon = contentType.indexOf(';');
        String essence = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip().toLowerCase(Locale.ROOT);
        return essence.equals("text/event-stream");
    }

    static boolean isRedirectWithoutLocation(Response response) {
        if (!Redirects.isRedirect(response.code())) return false;
        String location = response.header("Location");
        return location == null || location.isBlank();
    }

    static String statusText(Response response) {
        String message = response.message();
        if (!message.isEmpty()) return message;
        return switch (response.code()) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "";
        };
    }
}
