package dev.ssemonitor.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Anthropic Messages events: {@code message_start} (model, input tokens), content blocks by index (text, thinking,
 * tool_use with {@code input_json_delta} fragments), {@code message_delta} (stop reason, output tokens),
 * {@code message_stop}, {@code ping} and {@code error}.
 */
final class Anthropic implements Dialect {
    private static final Set<String> OWN = Set.of("message_start", "content_block_start", "content_block_delta",
            "content_block_stop", "message_delta", "message_stop");

    @Override
    public LlmFormat format() {
        return LlmFormat.ANTHROPIC;
    }

    @Override
    public boolean recognises(String type, JsonNode data) {
        String kind = Dialect.kind(type, data);
        if (OWN.contains(kind)) return true;
        // An overloaded API can fail before anything else: {"type":"error","error":{"type":"overloaded_error",…}}.
        String errorType = "error".equals(kind) ? Dialect.text(data.get("error"), "type") : null;
        return errorType != null && errorType.endsWith("_error");
    }

    @Override
    public Kind apply(String type, String rawData, JsonNode data, Draft draft) {
        if (data == null) return Kind.FOREIGN;
        int index = Dialect.index(data, "index");
        switch (Dialect.kind(type, data)) {
            case "message_start" -> {
                JsonNode message = data.get("message");
                String model = Dialect.text(message, "model");
                if (model != null) draft.model = model;
                // Its output_tokens is a placeholder (1): only message_delta counts the output.
                inputTokens(draft, message == null ? null : message.get("usage"));
            }
            case "content_block_start" -> {
                JsonNode block = data.get("content_block");
                String kind = Dialect.text(block, "type");
                if ("text".equals(kind)) {
                    draft.text(0, index, Dialect.text(block, "text"));
                } else if ("thinking".equals(kind)) {
                    draft.reasoning(0, index, Dialect.text(block, "thinking"));
                } else if ("redacted_thinking".equals(kind)) {
                    draft.reasoning(0, index, "[redacted thinking]");
                } else if (kind != null && kind.endsWith("tool_use")) {
                    Draft.Tool tool = draft.tool(index);
                    String id = Dialect.text(block, "id");
                    if (id != null) tool.id = id;
                    String name = Dialect.text(block, "name");
                    if (name != null) tool.name = name;
                    JsonNode input = block.get("input");
                    // A complete input given at the start (not the usual {} placeholder) is the arguments.
                    if (input != null && input.isObject() && input.size() > 0) draft.replaceArguments(tool, input.toString());
                }
            }
            case "content_block_delta" -> {
                JsonNode delta = data.get("delta");
                switch (String.valueOf(Dialect.text(delta, "type"))) {
                    case "text_delta" -> draft.text(0, index, Dialect.text(delta, "text"));
                    case "thinking_delta" -> draft.reasoning(0, index, Dialect.text(delta, "thinking"));
                    case "input_json_delta" -> draft.arguments(draft.tool(index), Dialect.text(delta, "partial_json"));
                    default -> {
                        // signature_delta, citations_delta: part of the stream, nothing to read
                    }
                }
            }
            case "content_block_stop" -> {
                // the block is whole
            }
            case "message_delta" -> {
                draft.finish(0, Dialect.text(data.get("delta"), "stop_reason"));
                usage(draft, data.get("usage"));
            }
            case "message_stop" -> {
                draft.endMarker = "message_stop";
                return Kind.SIGNAL;
            }
            case "ping" -> {
                return Kind.SIGNAL;
            }
            case "error" -> {
                draft.fail(Dialect.errorText(data.get("error")));
                return Kind.SIGNAL;
            }
            default -> {
                return Kind.FOREIGN;
            }
        }
        return Kind.CHUNK;
    }

    /** The input as Anthropic counts it: the prompt's tokens, read from the cache or written to it included. */
    private static void inputTokens(Draft draft, JsonNode usage) {
        long in = Dialect.count(usage, "input_tokens");
        if (in < 0) return;
        draft.inputTokens = in + Math.max(0, Dialect.count(usage, "cache_read_input_tokens"))
                + Math.max(0, Dialect.count(usage, "cache_creation_input_tokens"));
    }

    /** Anthropic's counts are cumulative: each report replaces the last. */
    private static void usage(Draft draft, JsonNode usage) {
        if (usage == null || !usage.isObject()) return;
        inputTokens(draft, usage);
        long out = Dialect.count(usage, "output_tokens");
        if (out >= 0) draft.outputTokens = out;
        if (draft.inputTokens >= 0 && draft.outputTokens >= 0) draft.totalTokens = draft.inputTokens + draft.outputTokens;
    }
}
