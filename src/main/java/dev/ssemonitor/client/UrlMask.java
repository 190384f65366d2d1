package dev.ssemonitor.client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * A URL as the monitor shows and writes it: the password of its userinfo and the values of secret-looking query
 * parameters ({@code token}, {@code api_key}, {@code access_token}, {@code key}, {@code sig}, …) masked, unless the
 * user asked to see secrets.
 */
public final class UrlMask {
    private static final String[] SECRET_WORDS = {"token", "key", "secret", "password", "passwd", "pwd", "sig",
        "auth", "credential", "session", "jwt"};

    private UrlMask() {}

    /** Whether a query parameter's value is a credential, judged by its name. */
    public static boolean isSecretParameter(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String w : SECRET_WORDS) {
            if (n.contains(w)) return true;
        }
        return false;
    }

    /** Whether showing {@code url} unmasked would show a secret. */
    public static boolean hasSecrets(HttpUrl url) {
        if (!url.encodedPassword().isEmpty() || !url.encodedUsername().isEmpty()) return true;
        for (int i = 0; i < url.querySize(); i++) {
            if (isSecretParameter(url.queryParameterName(i)) && url.queryParameterValue(i) != null) return true;
        }
        return false;
    }

    public static String mask(HttpUrl url, boolean reveal) {
        return reveal ? url.toString() : mask(url);
    }

    /** {@code url} with its userinfo and secret query values replaced by {@value Header#MASK}. */
    public static String mask(HttpUrl url) {
        if (!hasSecrets(url)) return url.toString();
        StringBuilder s = new StringBuilder(url.scheme()).append("://");
        if (!url.encodedUsername().isEmpty() || !url.encodedPassword().isEmpty()) s.append(Header.MASK).append('@');
        String host = url.host();
        s.append(host.contains(":") ? "[" + host + "]" : host);
        if (url.port() != HttpUrl.defaultPort(url.scheme())) s.append(':').append(url.port());
        s.append(url.encodedPath());
        String query = url.encodedQuery();
        if (query != null) {
            s.append('?');
            String[] pairs = query.split("&", -1);
            for (int i = 0; i < pairs.length; i++) {
                if (i > 0) s.append('&');
                String pair = pairs[i];
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                if (eq >= 0 && isSecretParameter(decode(name))) s.append(name).append('=').append(Header.MASK);
                else s.append(pair);
            }
        }
        String fragment = url.encodedFragment();
        if (fragment != null) s.append('#').append(fragment);
        return s.toString();
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return encoded; // a stray '%': judge the name as it is
        }
    }

    /** Masks a URL given as text; text that is not a URL is returned as it is. */
    public static String mask(String url) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
        return parsed == null ? url : mask(parsed);
    }
}
