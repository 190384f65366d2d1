package dev.ssemonitor.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

/**
 * Any other JSON stream: a user-given JSONPath (Jayway's dialect) picks each event's piece of text; the pieces are
 * the answer. A path that matches several values (a wildcard, a filter) adds them all, in order. {@code data: [DONE]}
 * ends it, as in the OpenAI-compatible streams this is most often used for.
 */
final class PathDialect implements Dialect {
    private static final Configuration JACKSON = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    private final JsonPath path;
    private final String source;

    /** @throws IllegalArgumentException when it is not a JSONPath, with the library's words */
    PathDialect(String path) {
        if (path == null || path.isBlank()) throw new IllegalArgumentException("the JSONPath is empty");
        if (path.length() > 2000) throw new IllegalArgumentException("the JSONPath is longer than 2000 characters");
        try {
            this.path = JsonPath.compile(path.strip());
        } catch (RuntimeException e) { // InvalidPathException mostly; a path cut short can throw others
            String why = e.getMessage();
            if (!(e instanceof InvalidPathException) || why == null || why.contains("java.lang.")) {
                why = "it is cut short or malformed";
            }
            throw new IllegalArgumentException("'" + path + "' is not a JSONPath: " + why);
        }
        this.source = path.strip();
    }

    String path() {
        return source;
    }

    @Override
    public LlmFormat format() {
        return LlmFormat.JSON_PATH;
    }

    @Override
    public boolean recognises(String type, JsonNode data) {
        return true;
    }

    @Override
    public Kind apply(String type, String rawData, JsonNode data, Draft draft) {
        if (data == null) return Dialect.sentinel(rawData, draft);
        Object found;
        try {
            found = path.read(data, JACKSON);
        } catch (RuntimeException e) { // SUPPRESS_EXCEPTIONS covers missing paths; anything else is this event's
            return Kind.FOREIGN;
        }
        if (found == null || found instanceof JsonNode node && (node.isNull() || node.isMissingNode()
                || node.isArray() && node.isEmpty())) {
            return Kind.FOREIGN; // the path found nothing here: counted, so a path that never matches shows
        }
        if (found instanceof JsonNode node) add(node, draft);
        else draft.text(0, 0, found.toString());
        return Kind.CHUNK;
    }

    private static void add(JsonNode node, Draft draft) {
        if (node.isArray()) {
            for (JsonNode n : node) add(n, draft);
        } else if (node.isValueNode() && !node.isNull()) {
            draft.text(0, 0, node.asText());
        } else if (node.isContainerNode()) {
            draft.text(0, 0, node.toString());
        }
    }
}
