package dev.ssemonitor.llm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * OpenAI Chat Completions chunks ({@code object: chat.completion.chunk}): {@code choices[].delta.content}, tool-call
 * fragments by index, {@code finish_reason}, a final {@code usage} chunk, and {@code data: [DONE]}. Also the
 * {@code reasoning_content} / {@code reasoning} deltas that compatible servers send.
 */
final class OpenAiChat implements Dialect {
    @Override
    public LlmFormat format() {
        return LlmFormat.OPENAI_CHAT;
    }

    @Override
    public boolean recognises(String type, JsonNode data) {
        if ("chat.completion.chunk".equals(Dialect.text(data, "object"))) return true;
        JsonNode choices = data.get("choices");
        return choices != null && choices.isArray() && choices.size() > 0 && choices.get(0).has("delta");
    }

    @Override
    public Kind apply(String type, String rawData, JsonNode data, Draft draft) {
        if (data == null) return Dialect.sentinel(rawData, draft);
        if (data.has("error")) {
            draft.fail(Dialect.errorText(data.get("error")));
            return Kind.CHUNK;
        }
        JsonNode choices = data.get("choices");
        if (choices == null && !data.has("usage")) return Kind.FOREIGN;
        String model = Dialect.text(data, "model");
        if (model != null) draft.model = model;
        if (choices != null) {
            for (JsonNode c : choices) {
                int i = Dialect.index(c, "index");
                JsonNode delta = c.get("delta");
                if (delta != null) {
                    draft.text(i, 0, Dialect.text(delta, "content"));
                    String reasoning = Dialect.text(delta, "reasoning_content");
                    draft.reasoning(i, 0, reasoning != null ? reasoning : Dialect.text(delta, "reasoning"));
                    String refusal = Dialect.text(delta, "refusal");
                    if (refusal != null) draft.text(i, 1, refusal);
                    JsonNode calls = delta.get("tool_calls");
                    if (calls != null) {
                        for (JsonNode call : calls) tool(draft, i, call);
                    }
                }
                draft.finish(i, Dialect.text(c, "finish_reason"));
            }
        }
        JsonNode usage = data.get("usage");
        if (usage != null && usage.isObject()) {
            draft.inputTokens = Dialect.count(usage, "prompt_tokens");
            draft.outputTokens = Dialect.count(usage, "completion_tokens");
            draft.totalTokens = Dialect.count(usage, "total_tokens");
            draft.reasoningTokens = Dialect.count(usage.path("completion_tokens_details"), "reasoning_tokens");
        }
        return Kind.CHUNK;
    }

    private static void tool(Draft draft, int choice, JsonNode call) {
        // Tool calls of other choices than the first get keys of their own.
        Draft.Tool tool = draft.tool(choice * 10_000 + Dialect.index(call, "index"));
        String id = Dialect.text(call, "id");
        if (id != null && !id.isEmpty()) tool.id = id;
        JsonNode function = call.get("function");
        String name = Dialect.text(function, "name");
        if (name != null && !name.isEmpty()) tool.name = name;
        draft.arguments(tool, Dialect.text(function, "arguments"));
    }
}
