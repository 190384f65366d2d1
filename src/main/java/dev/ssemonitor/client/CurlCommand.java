package dev.ssemonitor.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * A {@code curl} command line, as copied from browser DevTools or API docs, read into what an EventSource needs.
 *
 * @param warnings options that were understood but have no equivalent here, or were not understood
 */
public record CurlCommand(String url, String method, List<Header> headers, String body, List<String> warnings) {

    private static final Set<String> IGNORED_FLAGS = Set.of("-N", "--no-buffer", "-s", "--silent", "-S",
            "--show-error", "-i", "--include", "-v", "--verbose", "-L", "--location", "--compressed", "-k",
            "--insecure", "-f", "--fail", "-sN", "-Ns", "-sS", "-g", "--globoff", "--http1.1", "--http2");
    private static final Set<String> IGNORED_WITH_VALUE = Set.of("-o", "--output", "-m", "--max-time",
            "--connect-timeout", "--retry", "-w", "--write-out", "--proxy", "-x");
    private static final Set<String> TAKES_VALUE = union(IGNORED_WITH_VALUE, Set.of("-X", "--request", "-H", "--header",
            "-d", "--data", "--data-raw", "--data-binary", "--data-ascii", "--json", "-u", "--user", "-A",
            "--user-agent", "-b", "--cookie", "-e", "--referer", "--url"));

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /**
     * @throws IllegalArgumentException with a message fit for the user when the text is no curl command
     */
    public static CurlCommand parse(String commandLine) {
        List<String> words = split(commandLine);
        if (words.isEmpty() || !words.get(0).equals("curl")) {
            throw new IllegalArgumentException("Not a curl command: it should start with 'curl'");
        }
        String url = null;
        String method = null;
        String body = null;
        List<Header> headers = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            String value = i + 1 < words.size() ? words.get(i + 1) : null;
            if (TAKES_VALUE.contains(w)) i++; // the value is consumed here, whatever the option does with it
            switch (w) {
                case "-X", "--request" -> method = need(w, value);
                case "-H", "--header" -> {
                    String h = need(w, value);
                    int colon = h.indexOf(':');
                    if (colon <= 0) warnings.add("ignored header without a colon: " + h);
                    else headers.add(new Header(h.substring(0, colon).strip(), h.substring(colon + 1).strip()));
                }
                case "-d", "--data", "--data-raw", "--data-binary", "--data-ascii", "--json" -> {
                    String d = need(w, value);
                    body = body == null ? d : body + "&" + d;
                    if (w.equals("--json")) {
                        headers.add(new Header("Content-Type", "application/json"));
                    }
                }
                case "-u", "--user" -> headers.add(new Header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(need(w, value).getBytes(StandardCharsets.UTF_8))));
                case "-A", "--user-agent" -> headers.add(new Header("User-Agent", need(w, value)));
                case "-b", "--cookie" -> headers.add(new Header("Cookie", need(w, value)));
                case "-e", "--referer" -> headers.add(new Header("Referer", need(w, value)));
                case "--url" -> url = need(w, value);
                default -> {
                    if (IGNORED_FLAGS.contains(w)) continue;
                    if (IGNORED_WITH_VALUE.contains(w)) {
                        warnings.add("ignored " + w + " " + value);
                    } else if (w.startsWith("-")) {
                        warnings.add("ignored " + w);
                    } else if (url == null) {
                        url = w;
                    } else {
                        warnings.add("ignored extra argument " + w);
                    }
                }
            }
        }
        if (url == null) throw new IllegalArgumentException("The curl command names no URL");
        if (method == null) method = body != null ? "POST" : "GET";
        return new CurlCommand(url, method.toUpperCase(java.util.Locale.ROOT), List.copyOf(headers), body,
                List.copyOf(warnings));
    }

    private static String need(String option, String value) {
        if (value == null) throw new IllegalArgumentException("curl option " + option + " needs a value");
        return value;
    }

    /** POSIX-shell-like word splitting: quotes, backslash escapes, line continuations; also $'...' strings. */
    static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '\n' || s.charAt(i + 1) == '\r')) {
                i++;
                if (s.charAt(i) == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                if (inWord) words.add(word.toString());
                word.setLength(0);
                inWord = false;
                continue;
            }
            inWord = true;
            if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) throw new IllegalArgumentException("Unclosed ' quote in the curl command");
                word.append(s, i + 1, end);
                i = end;
            } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                i += 2;
                for (; i < s.length() && s.charAt(i) != '\''; i++) {
                    char d = s.charAt(i);
                    if (d == '\\' && i + 1 < s.length()) {
                        char e = s.charAt(++i);
                        word.append(switch (e) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            default -> e;
                        });
                    } else {
                        word.append(d);
                    }
                }
            } else if (c == '"') {
                i++;
                for (; i < s.length() && s.charAt(i) != '"'; i++) {
                    char d = s.charAt(i);
                    if (d == '\\' && i + 1 < s.length() && "\"\\$`\n".indexOf(s.charAt(i + 1)) >= 0) d = s.charAt(++i);
                    word.append(d);
                }
                if (i >= s.length()) throw new IllegalArgumentException("Unclosed \" quote in the curl command");
            } else if (c == '\\' && i + 1 < s.length()) {
                word.append(s.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (inWord) words.add(word.toString());
        return words;
    }
}
