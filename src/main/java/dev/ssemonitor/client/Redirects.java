package dev.ssemonitor.client;

import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * How an attempt follows redirects: by hand, hop by hop, so each one is reported and checked as browsers and curl
 * check them. Credentials never follow a redirect to another origin; an https stream is never sent on to http; a
 * loop is named as a loop.
 */
final class Redirects {
    static final int MAX_HOPS = 20;

    private Redirects() {}

    /** A request to send next, and the credential headers left out of it. */
    record FollowUp(Request request, List<String> droppedHeaders) {}

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    static boolean isPermanent(int status) {
        return status == 301 || status == 308;
    }

    static boolean sameOrigin(HttpUrl a, HttpUrl b) {
        return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
    }

    /**
     * Why the hop from {@code from} to {@code location} may not be taken, or null when it may.
     *
     * @param visited every URL this attempt has requested, in order
     */
    static String refusal(HttpUrl from, String location, HttpUrl to, List<HttpUrl> visited) {
        if (to == null) {
            return "the server redirected to '" + Header.printable(location) + "', which is not an http(s) URL";
        }
        if (from.isHttps() && !to.isHttps()) {
            return "refused a redirect from https to http (" + UrlMask.mask(to) + "): the request and its "
                    + "credentials would travel unencrypted";
        }
        if (visited.contains(to)) {
            StringBuilder loop = new StringBuilder();
            for (HttpUrl u : visited.subList(visited.indexOf(to), visited.size())) {
                loop.append(UrlMask.mask(u)).append(" → ");
            }
            return "redirect loop: " + loop + UrlMask.mask(to);
        }
        if (visited.size() > MAX_HOPS) return "too many redirects (more than " + MAX_HOPS + ")";
        return null;
    }

    /** The next request, as fetch builds it: 303 (and 301/302 after a POST) turn into a GET without a body. */
    static FollowUp follow(Request previous, HttpUrl next, int status) {
        String method = previous.method();
        RequestBody body = previous.body();
        if ((status == 303 && !method.equals("HEAD")) || ((status == 301 || status == 302) && method.equals("POST"))) {
            method = "GET";
            body = null;
        }
        Request.Builder b = previous.newBuilder().url(next).method(method, body);
        List<String> dropped = new ArrayList<>();
        if (!sameOrigin(previous.url(), next)) {
            for (String name : previous.headers().names()) {
                if (Header.isSecret(name)) {
                    b.removeHeader(name);
                    dropped.add(name);
                }
            }
        }
        if (body == null && previous.body() != null) b.removeHeader("Content-Type").removeHeader("Content-Length");
        return new FollowUp(b.build(), List.copyOf(dropped));
    }
}
