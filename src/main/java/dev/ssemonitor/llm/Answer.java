package dev.ssemonitor.llm;

import java.util.List;

/**
 * What a token stream has said so far, assembled: an immutable snapshot taken from an {@link AnswerAssembler}.
 * Strings are never null (empty when nothing came); numbers are -1 when the stream did not say.
 *
 * @param text          the answer: the text of the first choice (or candidate), its content blocks in order
 * @param reasoning     the reasoning ("thinking") the stream showed, separately from the answer
 * @param choices       every choice by its index, when the stream carried more than one (else just the first)
 * @param finishReason  why the model stopped, in the vendor's words ({@code stop}, {@code end_turn}, {@code STOP} …)
 * @param error         the error the stream carried, in its words; empty when none
 * @param endMarker     the event that said the stream is over ({@code data: [DONE]}, {@code message_stop} …)
 * @param skipped       events of the stream that could not be read as this format (not JSON, or another shape)
 * @param truncated     the assembled text grew past the size bound and stopped growing (the events still count)
 */
public record Answer(LlmFormat format, State state, String model, String text, String reasoning,
                     List<ToolCall> toolCalls, List<Choice> choices, String finishReason, Usage usage, String error,
                     String endMarker, long skipped, boolean truncated, Timing timing) {

    /** Where the stream is. */
    public enum State {
        /** Still arriving. */
        STREAMING("streaming"),
        /** The stream said it is over (its end marker, or a finish reason on a clean end). */
        FINISHED("finished"),
        /** The stream carried an error. */
        FAILED("error"),
        /** The stream ended (cut, closed, failed) before it said it was over: what is here is not the whole answer. */
        INCOMPLETE("incomplete");

        private final String word;

        State(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /**
     * One tool (function) call, its arguments assembled from their fragments.
     *
     * @param validJson null while the stream is still arriving; then whether the arguments parse as JSON
     * @param pretty    the arguments pretty-printed when they are valid JSON, else as they came
     */
    public record ToolCall(int index, String id, String name, String arguments, Boolean validJson, String pretty) {}

    /** One choice (OpenAI {@code n > 1}) or candidate (Gemini), by its index. */
    public record Choice(int index, String text, String reasoning, String finishReason) {}

    /** Token counts as the stream reported them; -1 where it did not. */
    public record Usage(long inputTokens, long outputTokens, long reasoningTokens, long totalTokens) {
        public static final Usage NONE = new Usage(-1, -1, -1, -1);

        public boolean known() {
            return inputTokens >= 0 || outputTokens >= 0 || totalTokens >= 0;
        }
    }

    /**
     * How fast it came, in milliseconds from the request.
     *
     * @param ttfbMs          to the first byte of the body, or -1
     * @param ttftMs          to the first token: the first non-empty text, reasoning or tool-argument delta, or -1
     * @param totalMs         to the last chunk, or -1
     * @param chunks          events that carried part of the answer (pings and other keep-alives not counted)
     * @param tokensPerSecond output tokens (from usage) per second from the first token to the last chunk, or -1
     * @param gapP50Ms        the median gap between chunks, or -1 with fewer than two chunks
     * @param gapSeries       gap after gap, in order: at most {@link ChunkTiming#MAX_SERIES} points, each the largest
     *                        gap of the stretch it stands for, so a stall always shows
     */
    public record Timing(long ttfbMs, long ttftMs, long totalMs, long chunks, double tokensPerSecond, long gapP50Ms,
                         long gapP95Ms, long gapMaxMs, long[] gapSeries) {}

    public boolean over() {
        return state != State.STREAMING;
    }
}
