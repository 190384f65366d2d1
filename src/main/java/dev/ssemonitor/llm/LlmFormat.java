package dev.ssemonitor.llm;

import java.util.Locale;

/** The token-stream formats the assembler knows, with the name {@code watch --assemble} and the stub use. */
public enum LlmFormat {
    OPENAI_CHAT("openai", "OpenAI Chat Completions"),
    OPENAI_RESPONSES("openai-responses", "OpenAI Responses"),
    ANTHROPIC("anthropic", "Anthropic Messages"),
    GEMINI("gemini", "Gemini"),
    /** A user-given JSONPath picks each event's text, for any other JSON format. */
    JSON_PATH("jsonpath", "JSONPath");

    private final String id;
    private final String title;

    LlmFormat(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** The short name: {@code openai}, {@code openai-responses}, {@code anthropic}, {@code gemini}, {@code jsonpath}. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** The format with this short name (any case); a clear refusal otherwise. */
    public static LlmFormat fromId(String id) {
        String wanted = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        for (LlmFormat f : values()) {
            if (f.id.equals(wanted)) return f;
        }
        throw new IllegalArgumentException("the format is openai, openai-responses, anthropic, gemini or jsonpath, not '"
                + id + "'");
    }
}
