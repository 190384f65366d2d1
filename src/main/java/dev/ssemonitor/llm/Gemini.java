package dev.ssemonitor.llm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Gemini {@code streamGenerateContent?alt=sse}: each event a {@code GenerateContentResponse} with
 * {@code candidates[].content.parts[]} (text, {@code thought: true} parts, whole {@code functionCall}s),
 * {@code finishReason}, {@code usageMetadata} and {@code modelVersion}; or an {@code error}.
 */
final class Gemini implements Dialect {
    @Override
    public LlmFormat format() {
        return LlmFormat.GEMINI;
    }

    @Override
    public boolean recognises(String type, JsonNode data) {
        JsonNode candidates = data.get("candidates");
        return candidates != null && candidates.isArray()
                || data.has("usageMetadata") && data.has("modelVersion") && !data.has("choices");
    }

    @Override
    public Kind apply(String type, String rawData, JsonNode data, Draft draft) {
        if (data == null) return Kind.FOREIGN;
        if (data.has("error")) {
            draft.fail(Dialect.errorText(data.get("error")));
            return Kind.CHUNK;
        }
        JsonNode candidates = data.get("candidates");
        if (candidates == null && !data.has("usageMetadata") && !data.has("promptFeedback")) return Kind.FOREIGN;
        String model = Dialect.text(data, "modelVersion");
        if (model != null) draft.model = model;
        if (candidates != null) {
            for (JsonNode c : candidates) {
                int i = Dialect.index(c, "index");
                JsonNode parts = c.path("content").path("parts");
                for (JsonNode part : parts) {
                    String text = Dialect.text(part, "text");
                    if (part.path("thought").asBoolean(false)) {
                        draft.reasoning(i, 0, text);
                    } else if (text != null) {
                        draft.text(i, 0, text);
                    }
                    JsonNode call = part.get("functionCall");
                    if (call != null) {
                        // Gemini sends each call whole; give each its own key, in the order they came.
                        Draft.Tool tool = draft.tool(i * 10_000 + nextTool(draft, i));
                        String id = Dialect.text(call, "id");
                        if (id != null) tool.id = id;
                        String name = Dialect.text(call, "name");
                        if (name != null) tool.name = name;
                        JsonNode args = call.get("args");
                        draft.replaceArguments(tool, args == null ? "{}" : args.toString());
                    }
                }
                draft.finish(i, Dialect.text(c, "finishReason"));
            }
        }
        String blocked = Dialect.text(data.get("promptFeedback"), "blockReason");
        if (blocked != null) draft.fail("the prompt was blocked: " + blocked);
        JsonNode usage = data.get("usageMetadata");
        if (usage != null && usage.isObject()) {
            draft.inputTokens = Dialect.count(usage, "promptTokenCount");
            draft.outputTokens = Dialect.count(usage, "candidatesTokenCount");
            draft.reasoningTokens = Dialect.count(usage, "thoughtsTokenCount");
            draft.totalTokens = Dialect.count(usage, "totalTokenCount");
        }
        return Kind.CHUNK;
    }

    private static int nextTool(Draft draft, int candidate) {
        return draft.toolCount(candidate * 10_000, candidate * 10_000 + 9_999);
    }
}
