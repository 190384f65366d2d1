package dev.ssemonitor.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns a token stream's events into the answer they spell, incrementally, as they arrive: pure, toolkit-free, and
 * fed parsed events. Each connection attempt is one answer ({@link #start}).
 *
 * <p>Recognition: in automatic mode the first {@value #MAX_PROBES} events are tried against each known format; the
 * first that one recognises fixes the format for the attempt, and if none does the assembler stops looking until the
 * next attempt, so a stream that is not an LLM's costs one string check per event after that. A format can also be
 * forced, given as a JSONPath, or turned off, and changed while the stream runs ({@link #switchTo}): the attempt's
 * events so far (the first {@value #MAX_LOG_BYTES} bytes of them) are read again the new way.
 *
 * <p>Thread-safe: the engine thread feeds it while a view takes {@link #snapshot()}s.
 */
public final class AnswerAssembler {
    public static final int MAX_PROBES = 32;
    public static final long MAX_LOG_BYTES = 8L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Dialect> KNOWN = List.of(new OpenAiResponses(), new Anthropic(), new OpenAiChat(), new Gemini());

    /** How to read a stream: recognise the format, a given one, a JSONPath, or not at all. Immutable. */
    public static final class Mode {
        public static final Mode AUTO = new Mode("Automatic", KNOWN, null);
        public static final Mode OFF = new Mode("Off", List.of(), null);

        private final String label;
        private final List<Dialect> candidates;
        private final Dialect forced;

        private Mode(String label, List<Dialect> candidates, Dialect forced) {
            this.label = label;
            this.candidates = candidates;
            this.forced = forced;
        }

        /** Every event read as this format (not {@link LlmFormat#JSON_PATH}: that needs {@link #path}). */
        public static Mode of(LlmFormat format) {
            for (Dialect d : KNOWN) {
                if (d.format() == format) return new Mode(format.title(), List.of(d), d);
            }
            throw new IllegalArgumentException(format.id() + " needs a JSONPath");
        }

        /**
         * Each event's text taken from this JSONPath, e.g. {@code $.choices[0].delta.content}.
         *
         * @throws IllegalArgumentException when it is not a JSONPath, saying why
         */
        public static Mode path(String jsonPath) {
            PathDialect d = new PathDialect(jsonPath);
            return new Mode("JSONPath " + d.path(), List.of(d), d);
        }

        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private record Seen(String type, String data, long at) {}

    private Mode mode;
    private Dialect dialect;
    private final List<Seen> log = new ArrayList<>();
    private long logBytes;
    private Draft draft = new Draft();
    private ChunkTiming timing = new ChunkTiming();
    private long startedAt = Long.MIN_VALUE;
    private long ttfbMs = -1;
    private long firstEventAt = Long.MIN_VALUE;
    private long firstTokenAt = Long.MIN_VALUE;
    private long lastEventAt = Long.MIN_VALUE;
    private int probes;
    private boolean ended;
    private boolean endedCleanly;
    private boolean changed;

    public AnswerAssembler(Mode mode) {
        this.mode = mode;
        this.dialect = mode.forced;
    }

    /** Recognises the known formats on its own. */
    public static AnswerAssembler auto() {
        return new AnswerAssembler(Mode.AUTO);
    }

    /** Assembles nothing. */
    public static AnswerAssembler off() {
        return new AnswerAssembler(Mode.OFF);
    }

    /** Reads every event as this format; see {@link Mode#of}. */
    public static AnswerAssembler of(LlmFormat format) {
        return new AnswerAssembler(Mode.of(format));
    }

    /** Takes each event's text from this JSONPath; see {@link Mode#path}. */
    public static AnswerAssembler path(String jsonPath) {
        return new AnswerAssembler(Mode.path(jsonPath));
    }

    /** Whether this assembler assembles at all (its mode is not {@link Mode#OFF}). */
    public synchronized boolean enabled() {
        return !mode.candidates.isEmpty();
    }

    public synchronized Mode mode() {
        return mode;
    }

    /** A new attempt's request went out at {@code atMillis}: a new answer begins. */
    public synchronized void start(long atMillis) {
        log.clear();
        logBytes = 0;
        startedAt = atMillis;
        ttfbMs = -1;
        ended = false;
        endedCleanly = false;
        restart();
    }

    /** Reads this attempt again in a new mode: the events it kept are fed anew, in order, with their times. */
    public synchronized void switchTo(Mode next) {
        mode = next;
        restart();
        for (Seen s : log) read(s.type, s.data, s.at);
    }

    private void restart() {
        dialect = mode.forced;
        draft = new Draft();
        timing = new ChunkTiming();
        firstEventAt = Long.MIN_VALUE;
        firstTokenAt = Long.MIN_VALUE;
        lastEventAt = Long.MIN_VALUE;
        probes = 0;
        changed = true;
    }

    /** The attempt's first body byte came this long after its request. */
    public synchronized void firstByte(long millis) {
        if (millis >= 0 && ttfbMs != millis) {
            ttfbMs = millis;
            if (dialect != null) changed = true;
        }
    }

    /**
     * One event of the stream.
     *
     * @return whether the answer changed
     */
    public synchronized boolean accept(String type, String data, long atMillis) {
        long weight = 2L * data.length() + (type == null ? 0 : 2L * type.length()) + 32;
        if (logBytes + weight <= MAX_LOG_BYTES) {
            log.add(new Seen(type, data, atMillis));
            logBytes += weight;
        }
        return read(type, data, atMillis);
    }

    /**
     * As {@link #accept(String, String, long)}, with the data asked for only when it is read: once the log is full and
     * recognition has given up on a stream that is not an answer, a flood's events are not decoded for it.
     */
    public synchronized boolean accept(String type, Supplier<String> data, long atMillis) {
        if (logBytes + 32 > MAX_LOG_BYTES && gaveUp()) return false; // neither the log nor the answer would take it
        return accept(type, data.get(), atMillis);
    }

    private boolean gaveUp() {
        return dialect == null && (probes >= MAX_PROBES || mode.candidates.isEmpty());
    }

    private boolean read(String type, String data, long atMillis) {
        if (gaveUp()) return false;
        if (firstEventAt == Long.MIN_VALUE) firstEventAt = atMillis;
        JsonNode json = looksLikeJson(data) ? parse(data) : null;
        if (dialect == null) {
            probes++;
            if (json == null || !json.isObject()) return false;
            for (Dialect d : mode.candidates) {
                if (d.recognises(type, json)) {
                    dialect = d;
                    break;
                }
            }
            if (dialect == null) return false;
        }
        if (!draft.endMarker.isEmpty()) {
            draft.skipped++; // after its end marker nothing belongs to the answer
            changed = true;
            return true;
        }
        boolean hadOutput = draft.hasOutput();
        Dialect.Kind kind = dialect.apply(type, data, json, draft);
        if (kind == Dialect.Kind.FOREIGN) {
            draft.skipped++;
        } else {
            lastEventAt = atMillis;
            if (kind == Dialect.Kind.CHUNK) timing.chunk(atMillis);
        }
        if (!hadOutput && draft.hasOutput()) firstTokenAt = atMillis;
        changed = true;
        return true;
    }

    /**
     * The attempt's stream ended.
     *
     * @param cleanly the server ended it normally (not a network error, not a close by the user)
     */
    public synchronized void streamEnded(boolean cleanly) {
        if (ended) return;
        ended = true;
        endedCleanly = cleanly;
        if (dialect != null) changed = true;
    }

    /** Whether something changed since the last call; resets. */
    public synchronized boolean takeChanged() {
        boolean c = changed;
        changed = false;
        return c;
    }

    /** The format in use for this attempt, or null when none (yet). */
    public synchronized LlmFormat format() {
        return dialect == null ? null : dialect.format();
    }

    /**
     * When the answer says its stream is over (its end marker, a finish reason on every choice, or an error): why, in
     * words, so the caller can decline to reconnect. Null while it is not over, or with no format.
     */
    public synchronized String completion() {
        if (dialect == null) return null;
        if (draft.failed()) return "the answer carried an error (" + draft.error + ")";
        if (!draft.endMarker.isEmpty()) return "the answer is complete (" + draft.endMarker + ")";
        if (draft.allFinished()) return "the answer is complete (finish reason " + draft.firstFinishReason() + ")";
        return null;
    }

    /** The answer so far, or null when no format is in use for this attempt. */
    public synchronized Answer snapshot() {
        if (dialect == null) return null;
        Answer.State state = state();
        long first = firstTokenAt == Long.MIN_VALUE ? -1 : since(firstTokenAt);
        long total = lastEventAt == Long.MIN_VALUE ? -1 : since(lastEventAt);
        long ttfb = ttfbMs >= 0 ? ttfbMs : firstEventAt == Long.MIN_VALUE ? -1 : since(firstEventAt);
        double perSecond = -1;
        if (draft.outputTokens > 0 && firstTokenAt != Long.MIN_VALUE && lastEventAt > firstTokenAt) {
            perSecond = draft.outputTokens * 1000.0 / (lastEventAt - firstTokenAt);
        }
        Answer.Timing t = new Answer.Timing(ttfb, first, total, timing.chunks(), perSecond, timing.percentile(0.5),
                timing.percentile(0.95), timing.max(), timing.series());
        return draft.snapshot(dialect.format(), state, t);
    }

    private long since(long at) {
        long base = startedAt != Long.MIN_VALUE ? startedAt : firstEventAt;
        return Math.max(0, at - base);
    }

    /**
     * Whether the stream has said its last word: its end marker, or an error, or (Gemini, which has no marker) a finish
     * reason on every candidate. Unlike {@link #completion()}, a finish reason alone is not enough where a marker
     * follows (usage comes after OpenAI's finish reason): a client that stops reading here loses nothing.
     */
    public synchronized boolean over() {
        if (dialect == null) return false;
        return draft.failed() || !draft.endMarker.isEmpty() || dialect.format() == LlmFormat.GEMINI && draft.allFinished();
    }

    private Answer.State state() {
        if (draft.failed()) return Answer.State.FAILED;
        if (!draft.endMarker.isEmpty()) return Answer.State.FINISHED;
        LlmFormat f = dialect.format();
        if (f == LlmFormat.GEMINI && draft.allFinished()) return Answer.State.FINISHED;
        if (!ended) return Answer.State.STREAMING;
        // Without an end marker, only a clean end of a stream whose every choice said why it stopped is whole.
        boolean whole = f == LlmFormat.JSON_PATH || f == LlmFormat.OPENAI_CHAT && draft.allFinished();
        return endedCleanly && whole ? Answer.State.FINISHED : Answer.State.INCOMPLETE;
    }

    private static boolean looksLikeJson(String data) {
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '{' || c == '[') return true;
            if (!Character.isWhitespace(c)) return false;
        }
        return false;
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
