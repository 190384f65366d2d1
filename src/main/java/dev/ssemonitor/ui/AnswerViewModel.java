package dev.ssemonitor.ui;

import dev.ssemonitor.llm.Answer;
import dev.ssemonitor.llm.AnswerAssembler;
import dev.ssemonitor.llm.LlmFormat;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Message view of a connection: the answer an LLM token stream spells, assembled by an {@link AnswerAssembler}
 * that the engine thread feeds, shown here at most every {@value #REFRESH_MILLIS} ms (and at once when it ends).
 * Which format to read is the user's: recognised on its own, forced, a JSONPath, or off. FX thread only.
 */
public final class AnswerViewModel {
    static final long REFRESH_MILLIS = 100;

    /** What the user picks the format with. */
    public enum Reading {
        AUTO("Automatic"), OFF("Off"), OPENAI_CHAT(LlmFormat.OPENAI_CHAT.title()),
        OPENAI_RESPONSES(LlmFormat.OPENAI_RESPONSES.title()), ANTHROPIC(LlmFormat.ANTHROPIC.title()),
        GEMINI(LlmFormat.GEMINI.title()), JSON_PATH("JSONPath…");

        private final String label;

        Reading(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final ObjectProperty<Reading> reading = new SimpleObjectProperty<>(Reading.AUTO);
    private final StringProperty path = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper present = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Answer.State> state = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper reasoning = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper timing = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tokens = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper gaps = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<long[]> gapSeries = new ReadOnlyObjectWrapper<>(new long[0]);
    private final ObservableList<Answer.ToolCall> toolCalls = FXCollections.observableArrayList();
    private final ObservableList<Answer.Choice> otherChoices = FXCollections.observableArrayList();

    private AnswerAssembler assembler;
    private Answer last;
    private long shownAt = Long.MIN_VALUE;

    public AnswerViewModel() {
        reading.addListener((o, a, b) -> apply());
    }

    /** The mode the current choice stands for; sets the message and keeps the last good mode when a path is bad. */
    AnswerAssembler.Mode mode() {
        Reading r = reading.get() == null ? Reading.AUTO : reading.get();
        message.set("");
        try {
            return switch (r) {
                case AUTO -> AnswerAssembler.Mode.AUTO;
                case OFF -> AnswerAssembler.Mode.OFF;
                case OPENAI_CHAT -> AnswerAssembler.Mode.of(LlmFormat.OPENAI_CHAT);
                case OPENAI_RESPONSES -> AnswerAssembler.Mode.of(LlmFormat.OPENAI_RESPONSES);
                case ANTHROPIC -> AnswerAssembler.Mode.of(LlmFormat.ANTHROPIC);
                case GEMINI -> AnswerAssembler.Mode.of(LlmFormat.GEMINI);
                case JSON_PATH -> {
                    if (path.get() == null || path.get().isBlank()) {
                        message.set("Type a JSONPath that finds each event's text, e.g. $.choices[0].delta.content, and press Enter");
                        yield AnswerAssembler.Mode.OFF;
                    }
                    yield AnswerAssembler.Mode.path(path.get());
                }
            };
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return AnswerAssembler.Mode.OFF;
        }
    }

    /** A new connection: its assembler, made in the mode chosen now. */
    AnswerAssembler newAssembler() {
        assembler = new AnswerAssembler(mode());
        shownAt = Long.MIN_VALUE;
        show(null);
        return assembler;
    }

    /** Reads the stream so far again, the way now chosen (a new format, or the JSONPath after Enter). */
    public void apply() {
        AnswerAssembler.Mode m = mode();
        if (assembler != null) {
            assembler.switchTo(m);
            refresh(System.currentTimeMillis(), true);
        }
    }

    /** Once per pulse: shows the assembler's answer if it changed, at most every {@value #REFRESH_MILLIS} ms. */
    void refresh(long nowMillis, boolean now) {
        if (assembler == null) return;
        if (!now && shownAt != Long.MIN_VALUE && nowMillis - shownAt < REFRESH_MILLIS && nowMillis >= shownAt) return;
        if (!assembler.takeChanged()) return;
        shownAt = nowMillis;
        show(assembler.snapshot());
    }

    /** The last answer shown, or null. */
    Answer answer() {
        return last;
    }

    private void show(Answer a) {
        last = a;
        present.set(a != null);
        if (a == null) {
            state.set(null);
            heading.set("");
            text.set("");
            reasoning.set("");
            error.set("");
            timing.set("");
            tokens.set("");
            gaps.set("");
            gapSeries.set(new long[0]);
            toolCalls.clear();
            otherChoices.clear();
            return;
        }
        heading.set(headingOf(a));
        text.set(a.text());
        reasoning.set(a.reasoning());
        error.set(a.error());
        Answer.Timing t = a.timing();
        timing.set(timingOf(t));
        tokens.set(tokensOf(a.usage(), t));
        gaps.set(t.gapP50Ms() < 0 ? "" : "gaps p50 " + t.gapP50Ms() + " · p95 " + t.gapP95Ms() + " · max "
                + Formats.duration(t.gapMaxMs()));
        gapSeries.set(t.gapSeries());
        if (!toolCalls.equals(a.toolCalls())) toolCalls.setAll(a.toolCalls());
        List<Answer.Choice> others = a.choices().size() > 1 ? a.choices().subList(1, a.choices().size()) : List.of();
        if (!otherChoices.equals(others)) otherChoices.setAll(others);
        state.set(a.state()); // last: whoever watches the state sees the rest of this answer already
    }

    static String headingOf(Answer a) {
        StringBuilder s = new StringBuilder(a.format().title());
        if (!a.model().isEmpty()) s.append(" · ").append(a.model());
        s.append(" · ").append(switch (a.state()) {
            case STREAMING -> "streaming…";
            case FINISHED -> "finished" + (a.finishReason().isEmpty() ? "" : ": " + a.finishReason());
            case FAILED -> "error";
            case INCOMPLETE -> "incomplete: the stream ended before the answer did";
        });
        if (a.skipped() > 0) {
            s.append(String.format(" · %,d event%s not read as %s", a.skipped(), a.skipped() == 1 ? "" : "s",
                    a.format() == LlmFormat.JSON_PATH ? "the path found nothing in them" : "this format"));
        }
        if (a.truncated()) s.append(" · cut at ").append(String.format(Locale.ROOT, "%,d", a.text().length())).append(" characters");
        return s.toString();
    }

    static String timingOf(Answer.Timing t) {
        StringBuilder s = new StringBuilder();
        if (t.ttfbMs() >= 0) s.append("first byte ").append(Formats.duration(t.ttfbMs()));
        if (t.ttftMs() >= 0) s.append(s.length() > 0 ? " · " : "").append("first token ").append(Formats.duration(t.ttftMs()));
        if (t.totalMs() >= 0) s.append(s.length() > 0 ? " · " : "").append("total ").append(Formats.duration(t.totalMs()));
        s.append(s.length() > 0 ? " · " : "").append(String.format("%,d chunk%s", t.chunks(), t.chunks() == 1 ? "" : "s"));
        return s.toString();
    }

    static String tokensOf(Answer.Usage u, Answer.Timing t) {
        if (!u.known()) return "";
        StringBuilder s = new StringBuilder("tokens");
        if (u.inputTokens() >= 0) s.append(" in ").append(String.format("%,d", u.inputTokens()));
        if (u.outputTokens() >= 0) s.append(" · out ").append(String.format("%,d", u.outputTokens()));
        if (u.reasoningTokens() > 0) s.append(" (reasoning ").append(String.format("%,d", u.reasoningTokens())).append(")");
        if (t.tokensPerSecond() >= 0) s.append(" · ").append(String.format("%,.1f", t.tokensPerSecond())).append(" tokens/s");
        return s.toString();
    }

    // ---- properties

    public ObjectProperty<Reading> readingProperty() {
        return reading;
    }

    /** The JSONPath for {@link Reading#JSON_PATH}; applied by {@link #apply()}. */
    public StringProperty pathProperty() {
        return path;
    }

    /** Why the JSONPath was refused; empty otherwise. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether this connection's stream is being read as an answer. */
    public ReadOnlyBooleanProperty presentProperty() {
        return present.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Answer.State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Format, model and where the answer is: "Anthropic Messages · claude-… · finished: end_turn". */
    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty reasoningProperty() {
        return reasoning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty timingProperty() {
        return timing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tokensProperty() {
        return tokens.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty gapsProperty() {
        return gaps.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<long[]> gapSeriesProperty() {
        return gapSeries.getReadOnlyProperty();
    }

    public ObservableList<Answer.ToolCall> toolCalls() {
        return toolCalls;
    }

    /** Choices after the first (OpenAI n > 1, several Gemini candidates). */
    public ObservableList<Answer.Choice> otherChoices() {
        return otherChoices;
    }
}
