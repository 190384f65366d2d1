package dev.ssemonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssemonitor.client.AttemptSummary;
import dev.ssemonitor.client.EventSourceListener;
import dev.ssemonitor.client.ReadyState;
import dev.ssemonitor.client.RequestInfo;
import dev.ssemonitor.llm.Answer;
import dev.ssemonitor.sse.ServerSentEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Message view's model, fed the engine's reports by hand (no socket, no toolkit). */
class AnswerViewModelTest {
    @TempDir
    Path dir;
    private ConnectionViewModel vm;
    private final FakeEngine fake = new FakeEngine();
    private EventSourceListener engine;
    private final List<String> settled = fake.settled;

    @BeforeEach
    void open() {
        vm = new ConnectionViewModel(Settings.load(dir.resolve("settings.json")), fake);
        vm.request().urlProperty().set("http://127.0.0.1:1/llm?format=anthropic");
    }

    private void start(long now) {
        vm.connect();
        engine = fake.last();
        engine.onReadyStateChange(ReadyState.CONNECTING, "connecting");
        engine.onRequest(new RequestInfo(1, now, "GET", "http://127.0.0.1:1/llm", List.of(), ""));
        engine.onReadyStateChange(ReadyState.OPEN, "HTTP 200 OK");
    }

    private void event(String type, String data) {
        engine.onEvent(new ServerSentEvent(type, data, ""));
    }

    @Test
    void anAnthropicStreamIsAssembledShownAndSettledSoItIsNotReconnected() {
        long now = System.currentTimeMillis();
        start(now);
        event("message_start", "{\"type\":\"message_start\",\"message\":{\"model\":\"claude-sonnet-4-5\",\"usage\":"
                + "{\"input_tokens\":12,\"output_tokens\":1}}}");
        event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi \"}}");
        vm.drain(now);
        AnswerViewModel a = vm.answer();
        assertThat(a.presentProperty().get()).isTrue();
        assertThat(a.stateProperty().get()).isEqualTo(Answer.State.STREAMING);
        assertThat(a.headingProperty().get()).isEqualTo("Anthropic Messages · claude-sonnet-4-5 · streaming…");
        assertThat(a.textProperty().get()).isEqualTo("Hi ");
        assertThat(settled).isEmpty();

        event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"there\"}}");
        event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":3}}");
        event("message_stop", "{\"type\":\"message_stop\"}");
        // The stop reason already says it is over; message_stop says it last. Each reason is told once.
        assertThat(settled).containsExactly("the answer is complete (finish reason end_turn)",
                "the answer is complete (message_stop)");
        engine.onAttemptEnd(new AttemptSummary(1, 200, 900, 6, 40, 7, "the server ended the stream", true));
        vm.drain(now + AnswerViewModel.REFRESH_MILLIS);
        assertThat(a.textProperty().get()).isEqualTo("Hi there");
        assertThat(a.headingProperty().get()).endsWith("· finished: end_turn");
        assertThat(a.tokensProperty().get()).startsWith("tokens in 12 · out 3");
        assertThat(a.timingProperty().get()).startsWith("first byte 7 ms · first token ").contains("chunks");
        assertThat(a.errorProperty().get()).isEmpty();
    }

    @Test
    void updatesComeAtMostEveryRefreshIntervalWhileStreaming() {
        long now = 1_000_000;
        start(now);
        event(null, "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}");
        vm.drain(now);
        event(null, "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"}}]}");
        vm.drain(now + 10);
        assertThat(vm.answer().textProperty().get()).as("within the interval: not yet").isEqualTo("a");
        vm.drain(now + AnswerViewModel.REFRESH_MILLIS);
        assertThat(vm.answer().textProperty().get()).isEqualTo("ab");
    }

    @Test
    void aStreamThatIsNoLlmsShowsNoAnswerAndIsNeverSettled() {
        start(System.currentTimeMillis());
        for (int i = 0; i < 100; i++) event("message", "{\"message\":\"Current time is 10:41:0" + (i % 10) + "\"}");
        vm.drain(System.currentTimeMillis());
        assertThat(vm.answer().presentProperty().get()).isFalse();
        assertThat(settled).isEmpty();
    }

    @Test
    void choosingAJsonPathReadsTheStreamSoFarAgain() {
        start(System.currentTimeMillis());
        event("token", "{\"token\":{\"text\":\"Hel\"}}");
        event("token", "{\"token\":{\"text\":\"lo\"}}");
        vm.drain(System.currentTimeMillis());
        AnswerViewModel a = vm.answer();
        assertThat(a.presentProperty().get()).isFalse();

        a.pathProperty().set("$.token.text");
        a.readingProperty().set(AnswerViewModel.Reading.JSON_PATH);
        assertThat(a.presentProperty().get()).isTrue();
        assertThat(a.textProperty().get()).isEqualTo("Hello");
        assertThat(a.headingProperty().get()).startsWith("JSONPath · streaming");

        a.pathProperty().set("$['token");
        a.apply();
        assertThat(a.messageProperty().get()).startsWith("'$['token' is not a JSONPath");
        assertThat(a.presentProperty().get()).as("a bad path reads nothing").isFalse();
        a.readingProperty().set(AnswerViewModel.Reading.OFF);
        assertThat(a.messageProperty().get()).isEmpty();
    }

    @Test
    void aNewConnectionStartsWithNoAnswer() {
        start(System.currentTimeMillis());
        event(null, "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}]}}]}");
        vm.drain(System.currentTimeMillis());
        assertThat(vm.answer().presentProperty().get()).isTrue();
        vm.request().urlProperty().set("http://127.0.0.1:1/sse");
        vm.connect();
        assertThat(vm.answer().presentProperty().get()).isFalse();
        assertThat(vm.answer().textProperty().get()).isEmpty();
    }

    @Test
    void switchingTheReadingMidStreamKeepsTheViewLiveAndLaterConnectionsWork() {
        long now = System.currentTimeMillis();
        start(now);
        event(null, "{\"token\":\"a\"}");
        vm.drain(now);
        AnswerViewModel a = vm.answer();
        a.pathProperty().set("$.token");
        a.readingProperty().set(AnswerViewModel.Reading.JSON_PATH);
        assertThat(a.textProperty().get()).isEqualTo("a");
        event(null, "{\"token\":\"b\"}");
        vm.drain(now + 10 * AnswerViewModel.REFRESH_MILLIS);
        assertThat(a.textProperty().get()).as("still live after the switch").isEqualTo("ab");
        // A new connection in the same tab, back in automatic mode, recognises its stream.
        a.readingProperty().set(AnswerViewModel.Reading.AUTO);
        start(now + 1000);
        event(null, "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}");
        vm.drain(now + 20 * AnswerViewModel.REFRESH_MILLIS);
        assertThat(a.presentProperty().get()).isTrue();
        assertThat(a.textProperty().get()).isEqualTo("hi");
    }

    @Test
    void choosingJsonPathWithNoPathAsksForOne() {
        start(System.currentTimeMillis());
        vm.answer().readingProperty().set(AnswerViewModel.Reading.JSON_PATH);
        assertThat(vm.answer().messageProperty().get()).startsWith("Type a JSONPath");
        assertThat(vm.answer().presentProperty().get()).isFalse();
    }

    @Test
    void aFloodsRowsReachTheListAtMostEveryPublishIntervalWhileCountersCountEveryPulse() {
        long now = 1_000_000;
        start(now);
        for (int i = 0; i < 500; i++) event(null, "{\"n\":" + i + "}");
        vm.drain(now);
        int shown = vm.rows().size();
        assertThat(shown).as("the first batch goes at once").isGreaterThan(500);
        for (int i = 0; i < 500; i++) event(null, "{\"n\":" + i + "}");
        vm.drain(now + 16);
        assertThat(vm.eventsProperty().get()).as("counted at once").isEqualTo(1000);
        assertThat(vm.rows()).as("held: a flood publishes rows every 100 ms").hasSize(shown);
        vm.drain(now + ConnectionViewModel.FLOOD_PUBLISH_MILLIS);
        assertThat(vm.rows()).hasSize(shown + 500);
        // A slow stream's row goes at once, whenever it comes.
        event(null, "{\"n\":\"slow\"}");
        vm.drain(now + ConnectionViewModel.FLOOD_PUBLISH_MILLIS + 1);
        assertThat(vm.rows()).hasSize(shown + 501);
    }
}
