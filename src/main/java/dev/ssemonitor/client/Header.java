package dev.ssemonitor.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One HTTP header as the monitor reports it, secret values already masked unless the user asked otherwise. */
public record Header(String name, String value) {
    /** What a masked secret shows instead of its value. */
    public static final String MASK = "••••••";

    /** Whether a header carries a credential: Authorization, Cookie, API keys, tokens and the like. */
    public static boolean isSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("authorization") || n.equals("proxy-authorization") || n.equals("cookie")
                || n.equals("set-cookie") || n.contains("api-key") || n.contains("apikey") || n.contains("api_key")
                || n.contains("token") || n.contains("secret") || n.contains("password") || n.equals("x-auth");
    }

    /** The value with its secret part masked; an auth scheme ("Bearer", "Basic") stays visible. */
    public static String mask(String name, String value) {
        if (!isSecret(name)) return value;
        int space = value.indexOf(' ');
        if (name.equalsIgnoreCase("authorization") || name.equalsIgnoreCase("proxy-authorization")) {
            if (space > 0) return value.substring(0, space) + " " + MASK;
        }
        return MASK;
    }

    /** Text from a server or a user, safe to put in a one-line message: control characters escaped, 200 chars at most. */
    public static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < 200; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            else out.append(c);
        }
        return out.length() < s.length() && s.length() > 200 ? out + "…" : out.toString();
    }

    static List<Header> of(okhttp3.Headers headers, boolean revealSecrets) {
        List<Header> out = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            String value = headers.value(i);
            out.add(new Header(name, revealSecrets ? value : mask(name, value)));
        }
        return List.copyOf(out);
    }
}
