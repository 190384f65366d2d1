package dev.ssemonitor.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer while it is being assembled, written by one {@link Dialect}: text and reasoning by choice and content
 * block, tool calls, finish reasons, usage, the error and the end marker. Every appended character counts against one
 * bound, so a hostile stream cannot grow it without limit.
 */
final class Draft {
    static final long MAX_CHARS = 16L << 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final class Choice {
        final TreeMap<Integer, StringBuilder> text = new TreeMap<>();
        final TreeMap<Integer, StringBuilder> reasoning = new TreeMap<>();
        String finishReason;
    }

    static final class Tool {
        final int index;
        String id = "";
        String name = "";
        final StringBuilder arguments = new StringBuilder();

        Tool(int index) {
            this.index = index;
        }
    }

    private final TreeMap<Integer, Choice> choices = new TreeMap<>();
    private final TreeMap<Integer, Tool> tools = new TreeMap<>();
    private long chars;
    private boolean truncated;
    private boolean output; // any non-empty text, reasoning or arguments yet
    String model = "";
    String error = "";
    String endMarker = "";
    long inputTokens = -1;
    long outputTokens = -1;
    long reasoningTokens = -1;
    long totalTokens = -1;
    long skipped;

    /** Choices, blocks and tool calls past this many go into the last one: each costs memory a stream could abuse. */
    static final int MAX_PARTS = 1024;

    private static <V> V part(TreeMap<Integer, V> parts, int key, java.util.function.IntFunction<V> make) {
        V v = parts.get(key);
        if (v != null) return v;
        if (parts.size() >= MAX_PARTS) return parts.lastEntry().getValue();
        v = make.apply(key);
        parts.put(key, v);
        return v;
    }

    private Choice choice(int index) {
        return part(choices, index, i -> new Choice());
    }

    void text(int choice, int block, String s) {
        if (s == null || s.isEmpty()) return;
        append(part(choice(choice).text, block, b -> new StringBuilder()), s);
    }

    void reasoning(int choice, int block, String s) {
        if (s == null || s.isEmpty()) return;
        append(part(choice(choice).reasoning, block, b -> new StringBuilder()), s);
    }

    /** The tool call with this key (its index, or choice and index folded into one), made on first use. */
    Tool tool(int key) {
        return part(tools, key, Tool::new);
    }

    /** How many tool calls have keys from {@code from} to {@code to}. */
    int toolCount(int from, int to) {
        return tools.subMap(from, true, to, true).size();
    }

    void arguments(Tool tool, String fragment) {
        append(tool.arguments, fragment);
    }

    /** Replaces a tool's arguments with the complete ones a stream sends at the end (authoritative). */
    void replaceArguments(Tool tool, String complete) {
        chars -= tool.arguments.length();
        tool.arguments.setLength(0);
        append(tool.arguments, complete);
    }

    void finish(int choice, String reason) {
        if (reason != null && !reason.isEmpty()) choice(choice).finishReason = reason;
    }

    /** Whether every choice seen so far has a finish reason (and there is one). */
    boolean allFinished() {
        if (choices.isEmpty()) return false;
        for (Choice c : choices.values()) {
            if (c.finishReason == null) return false;
        }
        return true;
    }

    /** The first choice's finish reason, or empty. */
    String firstFinishReason() {
        if (choices.isEmpty() || choices.firstEntry().getValue().finishReason == null) return "";
        return choices.firstEntry().getValue().finishReason;
    }

    void fail(String message) {
        if (error.isEmpty()) error = message == null || message.isEmpty() ? "the stream reported an error" : message;
    }

    boolean failed() {
        return !error.isEmpty();
    }

    boolean hasOutput() {
        return output;
    }

    private void append(StringBuilder to, String s) {
        if (s == null || s.isEmpty()) return;
        output = true;
        long room = MAX_CHARS - chars;
        if (room <= 0) {
            truncated = true;
            return;
        }
        String kept = s.length() <= room ? s : s.substring(0, (int) room);
        if (kept.length() < s.length()) truncated = true;
        to.append(kept);
        chars += kept.length();
    }

    // ---- snapshot

    Answer snapshot(LlmFormat format, Answer.State state, Answer.Timing timing) {
        boolean over = state != Answer.State.STREAMING;
        List<Answer.Choice> all = new ArrayList<>();
        for (Map.Entry<Integer, Choice> e : choices.entrySet()) {
            Choice c = e.getValue();
            all.add(new Answer.Choice(e.getKey(), join(c.text), join(c.reasoning), c.finishReason == null ? "" : c.finishReason));
        }
        Answer.Choice first = all.isEmpty() ? new Answer.Choice(0, "", "", "") : all.get(0);
        List<Answer.ToolCall> calls = new ArrayList<>();
        for (Tool t : tools.values()) {
            String args = t.arguments.toString();
            Boolean valid = null;
            String pretty = args;
            if (over) {
                String p = pretty(args);
                valid = p != null;
                if (p != null) pretty = p;
            }
            calls.add(new Answer.ToolCall(t.index, t.id, t.name, args, valid, pretty));
        }
        return new Answer(format, state, model, first.text(), first.reasoning(), List.copyOf(calls), List.copyOf(all),
                first.finishReason(), new Answer.Usage(inputTokens, outputTokens, reasoningTokens, totalTokens), error,
                endMarker, skipped, truncated, timing);
    }

    /** Blocks joined in index order, a blank line between two (they are separate parts of one answer). */
    private static String join(TreeMap<Integer, StringBuilder> blocks) {
        if (blocks.size() == 1) return blocks.firstEntry().getValue().toString();
        StringBuilder out = new StringBuilder();
        for (StringBuilder b : blocks.values()) {
            if (b.length() == 0) continue;
            if (out.length() > 0) out.append("\n\n");
            out.append(b);
        }
        return out.toString();
    }

    /** Arguments pretty-printed, or null when they are not JSON. No arguments at all is an empty object. */
    static String pretty(String args) {
        if (args.isBlank()) return "{}";
        try (var parser = JSON.createParser(args)) {
            JsonNode node = JSON.readTree(parser);
            if (node == null || parser.nextToken() != null) return null; // trailing garbage is not one JSON value
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            return null;
        }
    }
}
