package dev.ssemonitor.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssemonitor.sse.EventStreamParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each vendor's exact stream shape, fed through our SSE parser as bytes, the way the engine feeds it. */
class AnswerAssemblerTest {
    /** Events 10 ms apart, the request at t = 0, as a stream would feed them. */
    static final class Feed {
        final AnswerAssembler assembler;
        long now = 0;

        Feed(AnswerAssembler assembler) {
            this.assembler = assembler;
            assembler.start(0);
        }

        EventStreamParser parser() {
            return new EventStreamParser(e -> {
                now += 10;
                assembler.accept(e.type(), e.data(), now);
            });
        }

        Answer all(byte[] bytes, int chunk) throws IOException {
            EventStreamParser p = parser();
            for (int at = 0; at < bytes.length; at += chunk) p.feed(bytes, at, Math.min(chunk, bytes.length - at));
            return assembler.snapshot();
        }

        Answer ended(boolean cleanly) {
            assembler.streamEnded(cleanly);
            return assembler.snapshot();
        }
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = AnswerAssemblerTest.class.getResourceAsStream(name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return in.readAllBytes();
        }
    }

    static Answer assemble(String name) throws IOException {
        Feed f = new Feed(AnswerAssembler.auto());
        f.all(fixture(name), 4096);
        return f.ended(true);
    }

    @Test
    void openAiChatTextReasoningUsageAndDone() throws IOException {
        Answer a = assemble("openai-chat.sse");
        assertThat(a.format()).isEqualTo(LlmFormat.OPENAI_CHAT);
        assertThat(a.state()).isEqualTo(Answer.State.FINISHED);
        assertThat(a.text()).isEqualTo("Hello wörld 👋 😀!"); // the surrogate pair split over two deltas is whole
        assertThat(a.reasoning()).isEqualTo("The user greets me.");
        assertThat(a.finishReason()).isEqualTo("stop");
        assertThat(a.endMarker()).isEqualTo("data: [DONE]");
        assertThat(a.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(a.usage()).isEqualTo(new Answer.Usage(9, 7, 0, 16));
        assertThat(a.timing().chunks()).isEqualTo(8); // [DONE] is the end, not a chunk
        assertThat(a.timing().ttftMs()).isEqualTo(20); // the first non-empty delta: the reasoning, 2nd event
        assertThat(a.timing().totalMs()).isEqualTo(90);
        assertThat(a.timing().gapP50Ms()).isEqualTo(10);
        assertThat(a.timing().tokensPerSecond()).isEqualTo(7 * 1000.0 / 70);
        assertThat(a.skipped()).isZero();
    }

    @Test
    void splittingTheBytesAnywhereGivesTheSameAnswer() throws IOException {
        byte[] bytes = fixture("openai-chat.sse");
        Answer whole = assemble("openai-chat.sse");
        for (int chunk : new int[] {1, 2, 3, 5, 7, 13, 64}) {
            Feed f = new Feed(AnswerAssembler.auto());
            f.all(bytes, chunk);
            Answer split = f.ended(true);
            assertThat(split.text()).as("chunks of " + chunk + " bytes").isEqualTo(whole.text());
            assertThat(split.reasoning()).isEqualTo(whole.reasoning());
        }
    }

    @Test
    void openAiChatTwoParallelToolCallsAssembleByIndex() throws IOException {
        Answer a = assemble("openai-chat-tools.sse");
        assertThat(a.state()).isEqualTo(Answer.State.FINISHED);
        assertThat(a.finishReason()).isEqualTo("tool_calls");
        assertThat(a.text()).isEmpty();
        assertThat(a.toolCalls()).extracting(Answer.ToolCall::id, Answer.ToolCall::name, Answer.ToolCall::arguments,
                        Answer.ToolCall::validJson)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("call_weather_sf", "get_weather", "{\"location\": \"San Francisco\"}", true),
                        org.assertj.core.groups.Tuple.tuple("call_weather_to", "get_weather",
                                "{\"location\": \"Tokyo\", \"unit\": \"c\"}", true));
        assertThat(a.toolCalls().get(1).pretty()).contains("\n").contains("\"unit\" : \"c\"");
        assertThat(a.timing().ttftMs()).as("tool-call arguments are output too").isEqualTo(20);
    }

    @Test
    void openAiChatErrorMidStreamIsShownAndEndsTheAnswer() throws IOException {
        Answer a = assemble("openai-chat-error.sse");
        assertThat(a.state()).isEqualTo(Answer.State.FAILED);
        assertThat(a.text()).isEqualTo("Let me");
        assertThat(a.error()).isEqualTo("server_error: The server had an error while processing your request. Sorry about that!");
    }

    @Test
    void openAiResponsesTextReasoningFunctionCallAndUsage() throws IOException {
        Answer a = assemble("openai-responses.sse");
        assertThat(a.format()).isEqualTo(LlmFormat.OPENAI_RESPONSES);
        assertThat(a.state()).isEqualTo(Answer.State.FINISHED);
        assertThat(a.text()).isEqualTo("Streams of light flow, 日本 🌸");
        assertThat(a.reasoning()).isEqualTo("**Weighing the question** The user wants a haiku.");
        assertThat(a.toolCalls()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo("call_save");
            assertThat(t.name()).isEqualTo("save_poem");
            assertThat(t.arguments()).isEqualTo("{\"title\":\"Light\"}");
            assertThat(t.validJson()).isTrue();
        });
        assertThat(a.finishReason()).isEqualTo("completed");
        assertThat(a.endMarker()).isEqualTo("response.completed");
        assertThat(a.model()).isEqualTo("o4-mini-2025-04-16");
        assertThat(a.usage()).isEqualTo(new Answer.Usage(37, 152, 128, 189));
    }

    @Test
    void anthropicThinkingTextToolUseStopReasonAndUsage() throws IOException {
        Answer a = assemble("anthropic.sse");
        assertThat(a.format()).isEqualTo(LlmFormat.ANTHROPIC);
        assertThat(a.state()).isEqualTo(Answer.State.FINISHED);
        assertThat(a.reasoning()).isEqualTo("I should check the weather in Paris.");
        assertThat(a.text()).isEqualTo("Okay, let's check the weather — ☀️?");
        assertThat(a.toolCalls()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo("toolu_01T1x");
            assertThat(t.name()).isEqualTo("get_weather");
            assertThat(t.arguments()).isEqualTo("{\"location\": \"Paris, France\"}");
            assertThat(t.validJson()).isTrue();
        });
        assertThat(a.finishReason()).isEqualTo("tool_use");
        assertThat(a.endMarker()).isEqualTo("message_stop");
        assertThat(a.usage().inputTokens()).isEqualTo(472);
        assertThat(a.usage().outputTokens()).isEqualTo(89);
        assertThat(a.timing().chunks()).as("18 events less the ping and message_stop").isEqualTo(16);
    }

    @Test
    void anthropicErrorEventFailsTheAnswerAndKeepsWhatCame() throws IOException {
        Answer a = assemble("anthropic-error.sse");
        assertThat(a.state()).isEqualTo(Answer.State.FAILED);
        assertThat(a.text()).isEqualTo("Sure, here");
        assertThat(a.error()).isEqualTo("overloaded_error: Overloaded");
    }

    @Test
    void geminiThoughtsTextFunctionCallFinishReasonAndUsage() throws IOException {
        Answer a = assemble("gemini.sse");
        assertThat(a.format()).isEqualTo(LlmFormat.GEMINI);
        assertThat(a.state()).isEqualTo(Answer.State.FINISHED);
        assertThat(a.reasoning()).isEqualTo("Considering what a rainbow is.");
        assertThat(a.text()).isEqualTo("A rainbow is light, bent 🌈.");
        assertThat(a.toolCalls()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("show_image");
            assertThat(t.arguments()).isEqualTo("{\"query\":\"rainbow\",\"count\":2}");
        });
        assertThat(a.finishReason()).isEqualTo("STOP");
        assertThat(a.usage()).isEqualTo(new Answer.Usage(8, 11, 21, 40));
        assertThat(a.model()).isEqualTo("gemini-2.5-flash");
    }

    @Test
    void aStreamCutBeforeItsEndIsIncompleteNeverFinished() throws IOException {
        for (String name : List.of("openai-chat.sse", "openai-chat-tools.sse", "openai-responses.sse", "anthropic.sse",
                "gemini.sse")) {
            byte[] bytes = fixture(name);
            String text = new String(bytes, StandardCharsets.UTF_8);
            // Cut in the middle of the event stream (mid-event: the parser drops the unfinished one).
            byte[] cut = text.substring(0, text.length() / 2).getBytes(StandardCharsets.UTF_8);
            Feed f = new Feed(AnswerAssembler.auto());
            f.all(cut, 4096);
            assertThat(f.assembler.snapshot().state()).as(name + " while it streams").isEqualTo(Answer.State.STREAMING);
            assertThat(f.assembler.completion()).as(name).isNull();
            Answer a = f.ended(false);
            assertThat(a.state()).as(name + " after the cut").isEqualTo(Answer.State.INCOMPLETE);
            // Half a stream cleanly ended by the server is still not the whole answer.
            Feed g = new Feed(AnswerAssembler.auto());
            g.all(cut, 4096);
            assertThat(g.ended(true).state()).as(name + " ended early by the server").isEqualTo(Answer.State.INCOMPLETE);
        }
    }

    @Test
    void toolArgumentsThatAreNotJsonAtTheEndAreFlagged() {
        Feed f = new Feed(AnswerAssembler.auto());
        f.assembler.accept("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"run\",\"input\":{}}}", 5);
        f.assembler.accept("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                + "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"cmd\\\": \\\"ls\"}}", 6);
        assertThat(f.assembler.snapshot().toolCalls().get(0).validJson()).as("not known while streaming").isNull();
        Answer a = f.ended(false);
        assertThat(a.toolCalls().get(0).validJson()).isFalse();
        assertThat(a.toolCalls().get(0).pretty()).isEqualTo("{\"cmd\": \"ls");
    }

    @Test
    void theEndMarkerSaysWhyTheStreamIsOverBeforeTheServerCloses() throws IOException {
        Feed f = new Feed(AnswerAssembler.auto());
        f.all(fixture("anthropic.sse"), 4096);
        assertThat(f.assembler.completion()).isEqualTo("the answer is complete (message_stop)");
        Feed e = new Feed(AnswerAssembler.auto());
        e.all(fixture("anthropic-error.sse"), 4096);
        assertThat(e.assembler.completion()).isEqualTo("the answer carried an error (overloaded_error: Overloaded)");
    }

    @Test
    void aStreamThatIsNoLlmsIsLeftAloneAfterTheProbes() {
        AnswerAssembler a = AnswerAssembler.auto();
        a.start(0);
        int changed = 0;
        for (int i = 0; i < 1000; i++) {
            if (a.accept("message", "{\"message\":\"Current time is 10:41:07\",\"n\":" + i + "}", i)) changed++;
        }
        assertThat(changed).isZero();
        assertThat(a.snapshot()).isNull();
        assertThat(a.format()).isNull();
        assertThat(a.completion()).isNull();
        // A later LLM-shaped event is not looked at either: the attempt was judged on its first events.
        assertThat(a.accept("message_start", "{\"type\":\"message_start\",\"message\":{}}", 2000)).isFalse();
        // The next attempt is judged afresh.
        a.start(3000);
        assertThat(a.accept("message_start", "{\"type\":\"message_start\",\"message\":{}}", 3010)).isTrue();
        assertThat(a.format()).isEqualTo(LlmFormat.ANTHROPIC);
    }

    @Test
    void aFloodThatIsNoAnswerIsNotDecodedOnceTheLogIsFullAndTheProbesAreOver() {
        AnswerAssembler a = AnswerAssembler.auto();
        a.start(0);
        int[] asked = {0};
        // The log counts two bytes a char and 32 an event: four of these fill its 8 MiB to the byte.
        int pad = (int) ((AnswerAssembler.MAX_LOG_BYTES / 4 - 32 - 2 * "message".length()) / 2) - "{\"p\":\"\"}".length();
        String big = "{\"p\":\"" + "x".repeat(pad) + "\"}";
        java.util.function.Supplier<String> data = () -> {
            asked[0]++;
            return big;
        };
        for (int i = 0; i < AnswerAssembler.MAX_PROBES + 10; i++) a.accept("message", data, i);
        // The log is full after four; the probes go on to their last: asked for each probe, and then no more.
        assertThat(asked[0]).as("asked while the probes or the log could take it").isEqualTo(AnswerAssembler.MAX_PROBES);
        assertThat(a.accept("message", data, 100)).isFalse();
        assertThat(asked[0]).as("not asked once neither could").isEqualTo(AnswerAssembler.MAX_PROBES);
        // What the log kept is still read again when the user picks a way to read the stream.
        a.switchTo(AnswerAssembler.Mode.path("$.p"));
        assertThat(a.snapshot().text()).as("the log's four events").hasSize(4 * pad);
        // A stream that is an answer is asked for every event, log full or not.
        AnswerAssembler llm = AnswerAssembler.auto();
        llm.start(0);
        llm.accept("message", () -> big, 0);
        int[] tokens = {0};
        for (int i = 0; i < 10; i++) {
            llm.accept("message", () -> {
                tokens[0]++;
                return big;
            }, i);
        }
        assertThat(llm.accept("message_start", "{\"type\":\"message_start\",\"message\":{}}", 20)).isTrue();
        for (int i = 0; i < 5; i++) {
            llm.accept("content_block_delta", () -> {
                tokens[0]++;
                return "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\"}}";
            }, 30 + i);
        }
        assertThat(tokens[0]).isEqualTo(15);
        assertThat(llm.snapshot().text()).isEqualTo("aaaaa");
    }

    @Test
    void offAssemblesNothingAndAForcedFormatCountsWhatIsNotItsOwn() {
        AnswerAssembler off = AnswerAssembler.off();
        off.start(0);
        assertThat(off.accept(null, "{\"choices\":[{\"delta\":{\"content\":\"x\"}}]}", 1)).isFalse();
        assertThat(off.enabled()).isFalse();

        AnswerAssembler gemini = AnswerAssembler.of(LlmFormat.GEMINI);
        gemini.start(0);
        gemini.accept("message", "not json at all", 1);
        gemini.accept("message", "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"hi\"}]}}]}", 2);
        Answer a = gemini.snapshot();
        assertThat(a.text()).isEqualTo("hi");
        assertThat(a.skipped()).isEqualTo(1);
        assertThatThrownBy(() -> AnswerAssembler.of(LlmFormat.JSON_PATH)).hasMessageContaining("JSONPath");
    }

    @Test
    void aJsonPathMergesAnyOtherFormat() {
        AnswerAssembler a = AnswerAssembler.path("$.token.text");
        a.start(0);
        a.accept("message", "{\"token\":{\"text\":\"Hel\"}}", 10);
        a.accept("message", "{\"token\":{\"text\":\"lo\"},\"details\":null}", 20);
        a.accept("message", "{\"other\":1}", 30); // the path finds nothing: nothing added
        a.accept("message", "[DONE]", 40);
        Answer answer = a.snapshot();
        assertThat(answer.format()).isEqualTo(LlmFormat.JSON_PATH);
        assertThat(answer.text()).isEqualTo("Hello");
        assertThat(answer.state()).isEqualTo(Answer.State.FINISHED);
        AnswerAssembler wild = AnswerAssembler.path("$.choices[*].delta.content");
        wild.start(0);
        wild.accept(null, "{\"choices\":[{\"delta\":{\"content\":\"a\"}},{\"delta\":{\"content\":\"b\"}}]}", 1);
        assertThat(wild.snapshot().text()).isEqualTo("ab");
    }

    @Test
    void aBadJsonPathIsRefusedWithWords() {
        assertThatThrownBy(() -> AnswerAssembler.path("$['choices")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'$['choices' is not a JSONPath").hasMessageContaining("missing closing");
        assertThatThrownBy(() -> AnswerAssembler.path("$[")).hasMessage("'$[' is not a JSONPath: it is cut short or malformed");
        assertThatThrownBy(() -> AnswerAssembler.path("  ")).hasMessage("the JSONPath is empty");
        assertThatThrownBy(() -> AnswerAssembler.path("$." + "a".repeat(3000))).hasMessageContaining("longer than 2000");
    }

    @Test
    void severalChoicesAreKeptByTheirIndex() {
        AnswerAssembler a = AnswerAssembler.auto();
        a.start(0);
        a.accept(null, chunk(1, "B1"), 1);
        a.accept(null, chunk(0, "A1"), 2);
        a.accept(null, chunk(1, " B2"), 3);
        a.accept(null, chunk(0, " A2"), 4);
        Answer answer = a.snapshot();
        assertThat(answer.text()).isEqualTo("A1 A2");
        assertThat(answer.choices()).extracting(Answer.Choice::index, Answer.Choice::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "A1 A2"), org.assertj.core.groups.Tuple.tuple(1, "B1 B2"));
    }

    private static String chunk(int index, String content) {
        return "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":" + index + ",\"delta\":{\"content\":\""
                + content + "\"},\"finish_reason\":null}]}";
    }

    @Test
    void hostileIndexesAndSizesStayBounded() {
        AnswerAssembler a = AnswerAssembler.auto();
        a.start(0);
        String big = "x".repeat(1 << 20);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            events.add("{\"type\":\"content_block_delta\",\"index\":" + (i * 7919) + ",\"delta\":{\"type\":\"text_delta\","
                    + "\"text\":\"" + (i < 20 ? big : "y") + "\"}}");
        }
        events.add("{\"type\":\"content_block_delta\",\"index\":-5,\"delta\":{\"type\":\"text_delta\",\"text\":\"neg\"}}");
        events.add("{\"type\":\"content_block_delta\",\"index\":99999999999,\"delta\":{\"type\":\"text_delta\",\"text\":\"huge\"}}");
        for (String e : events) a.accept("content_block_delta", e, 1);
        Answer answer = a.snapshot();
        assertThat(answer.text().length()).isLessThanOrEqualTo((int) Draft.MAX_CHARS + 2 * Draft.MAX_PARTS);
        assertThat(answer.truncated()).isTrue();
        assertThat(answer.timing().chunks()).isEqualTo(events.size());
    }

    @Test
    void gapsKeepTheStallAndPercentilesInBoundedMemory() {
        ChunkTiming t = new ChunkTiming();
        long at = 0;
        for (int i = 0; i < 100_000; i++) {
            at += i == 50_000 ? 4_000 : 20; // one 4 s stall in the middle
            t.chunk(at);
        }
        assertThat(t.percentile(0.5)).isEqualTo(20);
        assertThat(t.percentile(0.95)).isEqualTo(20);
        assertThat(t.max()).isEqualTo(4_000);
        long[] series = t.series();
        assertThat(series.length).isBetween(ChunkTiming.MAX_SERIES / 2, ChunkTiming.MAX_SERIES);
        assertThat(series).contains(4_000L);
        ChunkTiming late = new ChunkTiming();
        late.chunk(0);
        late.chunk(60_000); // past the histogram: counted, and its percentile is the true maximum
        assertThat(late.percentile(0.5)).isEqualTo(60_000);
    }

    @Test
    void switchingTheModeReadsTheAttemptSoFarAgain() throws IOException {
        Feed f = new Feed(AnswerAssembler.off());
        f.all(fixture("gemini.sse"), 4096);
        assertThat(f.assembler.snapshot()).isNull();
        f.assembler.switchTo(AnswerAssembler.Mode.AUTO);
        assertThat(f.assembler.snapshot().text()).isEqualTo("A rainbow is light, bent 🌈.");
        assertThat(f.assembler.snapshot().timing().ttftMs()).as("the events keep their times").isEqualTo(10);
        f.assembler.switchTo(AnswerAssembler.Mode.path("$.candidates[0].content.parts[0].text"));
        assertThat(f.assembler.snapshot().text()).isEqualTo("Considering what a rainbow is.A rainbow is light, bent 🌈.");
        f.assembler.switchTo(AnswerAssembler.Mode.OFF);
        assertThat(f.assembler.snapshot()).isNull();
    }

    @Test
    void nothingAfterTheEndMarkerBelongsToTheAnswer() {
        AnswerAssembler a = AnswerAssembler.auto();
        a.start(0);
        a.accept(null, chunk(0, "A"), 1);
        a.accept(null, "[DONE]", 2);
        assertThat(a.over()).isTrue();
        a.accept(null, chunk(0, "B"), 3);
        assertThat(a.snapshot().text()).isEqualTo("A");
        assertThat(a.snapshot().skipped()).isEqualTo(1);
    }

    @Test
    void anthropicsPlaceholderOutputCountIsNotTakenForUsage() {
        AnswerAssembler a = AnswerAssembler.auto();
        a.start(0);
        a.accept("message_start", "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":9,\"output_tokens\":1}}}", 1);
        a.accept("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}", 2);
        assertThat(a.snapshot().usage().inputTokens()).isEqualTo(9);
        assertThat(a.snapshot().usage().outputTokens()).as("unknown until message_delta").isEqualTo(-1);
        assertThat(a.snapshot().timing().tokensPerSecond()).isEqualTo(-1);
    }

    @Test
    void anAnthropicErrorAsTheFirstEventIsRecognised() {
        AnswerAssembler a = AnswerAssembler.auto();
        a.start(0);
        a.accept("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}", 1);
        assertThat(a.format()).isEqualTo(LlmFormat.ANTHROPIC);
        assertThat(a.snapshot().state()).isEqualTo(Answer.State.FAILED);
        assertThat(a.over()).isTrue();
    }

    @Test
    void aPathThatFindsNothingSaysSo() {
        AnswerAssembler a = AnswerAssembler.path("$.nothing.here");
        a.start(0);
        for (int i = 0; i < 5; i++) a.accept(null, "{\"token\":\"x\"}", i);
        assertThat(a.snapshot().text()).isEmpty();
        assertThat(a.snapshot().skipped()).isEqualTo(5);
    }
}
