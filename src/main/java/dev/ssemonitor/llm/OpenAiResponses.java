package dev.ssemonitor.llm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * OpenAI Responses API events ({@code response.*}): output text and function-call argument deltas by output index,
 * reasoning summaries, and {@code response.completed} / {@code incomplete} / {@code failed} with usage, or
 * {@code error}.
 */
final class OpenAiResponses implements Dialect {
    @Override
    public LlmFormat format() {
        return LlmFormat.OPENAI_RESPONSES;
    }

    @Override
    public boolean recognises(String type, JsonNode data) {
        return Dialect.kind(type, data).startsWith("response.");
    }

    @Override
    public Kind apply(String type, String rawData, JsonNode data, Draft draft) {
        if (data == null) return Kind.FOREIGN;
        String kind = Dialect.kind(type, data);
        int output = Dialect.index(data, "output_index");
        switch (kind) {
            case "response.created", "response.in_progress", "response.queued" -> model(draft, data.get("response"));
            case "response.output_item.added", "response.output_item.done" -> {
                JsonNode item = data.get("item");
                if (item != null && "function_call".equals(Dialect.text(item, "type"))) {
                    Draft.Tool tool = draft.tool(output);
                    String id = Dialect.text(item, "call_id");
                    if (id == null) id = Dialect.text(item, "id");
                    if (id != null) tool.id = id;
                    String name = Dialect.text(item, "name");
                    if (name != null) tool.name = name;
                    String args = Dialect.text(item, "arguments");
                    if (args != null && !args.isEmpty()) draft.replaceArguments(tool, args);
                }
            }
            case "response.output_text.delta" -> draft.text(0, output * 1000 + Dialect.index(data, "content_index"),
                    Dialect.text(data, "delta"));
            case "response.refusal.delta" -> draft.text(0, output * 1000 + Dialect.index(data, "content_index"),
                    Dialect.text(data, "delta"));
            case "response.function_call_arguments.delta" -> draft.arguments(draft.tool(output), Dialect.text(data, "delta"));
            case "response.function_call_arguments.done" -> {
                String args = Dialect.text(data, "arguments");
                if (args != null) draft.replaceArguments(draft.tool(output), args);
            }
            case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" ->
                    draft.reasoning(0, output * 1000 + Dialect.index(data, "summary_index") + Dialect.index(data, "content_index"),
                            Dialect.text(data, "delta"));
            case "response.completed", "response.incomplete" -> {
                JsonNode response = data.get("response");
                model(draft, response);
                usage(draft, response == null ? null : response.get("usage"));
                String status = Dialect.text(response, "status");
                String why = Dialect.text(response == null ? null : response.get("incomplete_details"), "reason");
                draft.finish(0, why != null ? status + ": " + why : status != null ? status : kind.substring(9));
                draft.endMarker = kind;
                return Kind.SIGNAL;
            }
            case "response.failed" -> {
                JsonNode response = data.get("response");
                usage(draft, response == null ? null : response.get("usage"));
                draft.fail(Dialect.errorText(response == null ? null : response.get("error")));
                draft.endMarker = kind;
                return Kind.SIGNAL;
            }
            default -> {
                if (!kind.startsWith("response.")) {
                    if ("error".equals(kind)) {
                        draft.fail(Dialect.errorText(data.has("error") ? data.get("error") : data));
                        return Kind.SIGNAL;
                    }
                    return Kind.FOREIGN;
                }
            }
        }
        return Kind.CHUNK;
    }

    private static void model(Draft draft, JsonNode response) {
        String model = Dialect.text(response, "model");
        if (model != null) draft.model = model;
    }

    private static void usage(Draft draft, JsonNode usage) {
        if (usage == null || !usage.isObject()) return;
        draft.inputTokens = Dialect.count(usage, "input_tokens");
        draft.outputTokens = Dialect.count(usage, "output_tokens");
        draft.totalTokens = Dialect.count(usage, "total_tokens");
        draft.reasoningTokens = Dialect.count(usage.path("output_tokens_details"), "reasoning_tokens");
    }
}
