package dev.ssemonitor.llm;

import com.fasterxml.jackson.databind.JsonNode;

/** One vendor's token-stream shape: whether an event is in it, and what the event adds to the answer. */
interface Dialect {
    /** Indexes above this are read as this one: keys stay in range and a hostile index cannot spread the answer thin. */
    int MAX_INDEX = 9_999;

    LlmFormat format();

    /** Whether this event (its type, and its data parsed as JSON) is unmistakably this format. */
    boolean recognises(String type, JsonNode data);

    /**
     * Applies one event to the draft.
     *
     * @param data the data parsed as JSON, or null when it is not JSON ({@code [DONE]}, for one)
     * @return what the event was
     */
    Kind apply(String type, String rawData, JsonNode data, Draft draft);

    /** What an event was to the answer. */
    enum Kind {
        /** Part of the answer (counts as a chunk for timing). */
        CHUNK,
        /** A keep-alive or an end marker: not a chunk. */
        SIGNAL,
        /** Not this format's. */
        FOREIGN
    }

    /** What the event is: its data's {@code type} when it has one (the vendors repeat it there), else its SSE type. */
    static String kind(String type, JsonNode data) {
        String t = data == null ? null : text(data, "type");
        return t != null ? t : type != null ? type : "";
    }

    /** A data that is not JSON: the {@code [DONE]} sentinel ends the answer, anything else is foreign. */
    static Kind sentinel(String rawData, Draft draft) {
        if (rawData.strip().equals("[DONE]")) {
            draft.endMarker = "data: [DONE]";
            return Kind.SIGNAL;
        }
        return Kind.FOREIGN;
    }

    /** The text of {@code field}, or null when it is absent or not a string. */
    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    static int index(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.canConvertToInt() ? Math.max(0, Math.min(v.asInt(), MAX_INDEX)) : 0;
    }

    static long count(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isIntegralNumber() && v.asLong() >= 0 ? v.asLong() : -1;
    }

    /** An error object's words: "type: message" or whatever of those it has. */
    static String errorText(JsonNode error) {
        if (error == null || error.isNull()) return "";
        if (error.isTextual()) return error.asText();
        String message = text(error, "message");
        String kind = text(error, "type");
        if (kind == null || kind.equals("error")) kind = text(error, "code");
        if (kind == null) kind = text(error, "status");
        if (kind == null && error.has("code")) kind = error.get("code").asText();
        if (message == null) return kind == null ? error.toString() : kind;
        return kind == null ? message : kind + ": " + message;
    }
}
