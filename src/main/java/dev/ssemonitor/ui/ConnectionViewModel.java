package dev.ssemonitor.ui;

import dev.ssemonitor.client.AttemptSummary;
import dev.ssemonitor.client.CurlCommand;
import dev.ssemonitor.client.EventSource;
import dev.ssemonitor.client.EventSourceConfig;
import dev.ssemonitor.client.EventSourceListener;
import dev.ssemonitor.client.Header;
import dev.ssemonitor.client.ReadyState;
import dev.ssemonitor.client.ReconnectPolicy;
import dev.ssemonitor.client.RequestInfo;
import dev.ssemonitor.client.ResponseInfo;
import dev.ssemonitor.export.CsvWriter;
import dev.ssemonitor.export.NdjsonWriter;
import dev.ssemonitor.sse.ServerSentEvent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The state of one connection tab: the request the user is editing, the EventSource's readyState, the live rows, the
 * attempt timeline, filters and counters. Holds properties, never nodes; unit-tested without the toolkit.
 *
 * <p>Threading: the engine calls the listener on its own thread, which only enqueues. {@link #drain(long)} runs on
 * the FX thread once per pulse and applies everything queued in one batch (one {@code addAll}), so the FX thread
 * never gets a task per event. Counters count everything; the row list keeps only the newest {@link #maxRowsProperty()}
 * rows and counts what it dropped.
 */
public final class ConnectionViewModel {
    public static final int DEFAULT_MAX_ROWS = 100_000;
    static final long QUIET_WARNING_MILLIS = 10_000;
    private static final int MAX_SIGNALS_PER_DRAIN = 250_000;

    // ---- the request being edited
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty method = new SimpleStringProperty("GET");
    private final StringProperty body = new SimpleStringProperty("");
    private final StringProperty contentType = new SimpleStringProperty("application/json");
    private final StringProperty initialLastEventId = new SimpleStringProperty("");
    private final ObjectProperty<ReconnectPolicy> policy = new SimpleObjectProperty<>(ReconnectPolicy.BROWSER);
    private final StringProperty readTimeoutSeconds = new SimpleStringProperty("");
    private final StringProperty maxAttempts = new SimpleStringProperty("");
    private final ObservableList<HeaderRow> headers = FXCollections.observableArrayList();

    // ---- connection state
    private final ReadOnlyObjectWrapper<ReadyState> readyState = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper stateReason = new ReadOnlyStringWrapper("Not connected");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper lastEventId = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper reconnectionTime = new ReadOnlyLongWrapper(3000);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("New connection");

    // ---- rows and timeline
    private final ObservableList<MessageRow> rows = FXCollections.observableArrayList();
    private final FilteredList<MessageRow> visibleRows = new FilteredList<>(rows);
    private final ArrayDeque<MessageRow> heldWhilePaused = new ArrayDeque<>();
    private final ObservableList<AttemptRow> attempts = FXCollections.observableArrayList();
    private final ObservableList<String> eventTypes = FXCollections.observableArrayList();
    private final Set<String> seenTypes = new HashSet<>();

    // ---- filters
    private final StringProperty filterText = new SimpleStringProperty("");
    private final BooleanProperty filterRegex = new SimpleBooleanProperty(false);
    private final StringProperty filterType = new SimpleStringProperty("");
    private final BooleanProperty showComments = new SimpleBooleanProperty(true);
    private final BooleanProperty showConnection = new SimpleBooleanProperty(true);
    private final BooleanProperty paused = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper filterError = new ReadOnlyStringWrapper("");
    private final IntegerProperty maxRows = new SimpleIntegerProperty(DEFAULT_MAX_ROWS);

    // ---- counters
    private final ReadOnlyLongWrapper events = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper comments = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper bytes = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper reconnects = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper held = new ReadOnlyLongWrapper();
    private final ReadOnlyDoubleWrapper eventsPerSecond = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper bytesPerSecond = new ReadOnlyDoubleWrapper();
    private final ReadOnlyLongWrapper quietMillis = new ReadOnlyLongWrapper();
    private final ReadOnlyBooleanWrapper quietWarning = new ReadOnlyBooleanWrapper(false);
    private final RateHistory history = new RateHistory(60);
    private final ReadOnlyLongWrapper historyVersion = new ReadOnlyLongWrapper();

    private final ConcurrentLinkedQueue<Object> inbox = new ConcurrentLinkedQueue<>();
    private final BiFunction<EventSourceConfig, EventSourceListener, EventSource> connector;
    private final Settings settings;

    private EventSource source;
    private long bytesFromEarlierSources;
    private long seq;
    private long lastEventTime = -1;
    private long lastCommentTime = -1;
    private long lastActivity;
    private long nextTick;
    private long eventsAtTick;
    private long bytesAtTick;

    /** Signals the engine thread queues besides rows. */
    private record StateSignal(ReadyState state, String reason, long time) {}

    private record RetrySignal(long millis) {}

    private record LastIdSignal(String id) {}

    private record AttemptStart(RequestInfo request) {}

    private record AttemptResponse(ResponseInfo response) {}

    private record AttemptEnd(AttemptSummary summary) {}

    private record ReconnectSignal(long delay) {}

    public ConnectionViewModel(Settings settings) {
        this(settings, EventSource::connect);
    }

    /** @param connector opens a source (the real engine; tests may wrap it) */
    public ConnectionViewModel(Settings settings, BiFunction<EventSourceConfig, EventSourceListener, EventSource> connector) {
        this.settings = settings;
        this.connector = connector;
        this.maxRows.set(settings.maxRows);
        Runnable refilter = () -> visibleRows.setPredicate(buildPredicate());
        filterText.addListener((o, a, b) -> refilter.run());
        filterRegex.addListener((o, a, b) -> refilter.run());
        filterType.addListener((o, a, b) -> refilter.run());
        showComments.addListener((o, a, b) -> refilter.run());
        showConnection.addListener((o, a, b) -> refilter.run());
        paused.addListener((o, was, now) -> {
            if (!now) releaseHeldRows();
        });
        maxRows.addListener((o, a, b) -> trim());
        url.addListener((o, a, b) -> title.set(titleFor(b)));
    }

    // ------------------------------------------------------------------ actions

    /** Connects with the request as edited; a bad request leaves a message and no connection. */
    public void connect() {
        EventSourceConfig config;
        try {
            config = buildConfig();
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        message.set("");
        disconnect();
        if (source != null) bytesFromEarlierSources += source.bytesReceived();
        settings.remember(config.url().toString(), config.method(), config.body(), config.headers());
        active.set(true);
        source = connector.apply(config, new Listener());
    }

    /** Closes the connection; readyState becomes CLOSED with the reason "disconnected by the user". */
    public void disconnect() {
        if (source != null && source.readyState() != ReadyState.CLOSED) source.close("disconnected by the user");
    }

    public void clear() {
        rows.clear();
        heldWhilePaused.clear();
        held.set(0);
        attempts.clear();
        dropped.set(0);
    }

    /** Fills the request from a {@code curl} command line; false (with a message) when it is not one. */
    public boolean applyCurl(String commandLine) {
        CurlCommand c;
        try {
            c = CurlCommand.parse(commandLine);
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return false;
        }
        url.set(c.url());
        method.set(c.method());
        headers.clear();
        for (Header h : c.headers()) {
            if (h.name().equalsIgnoreCase("Content-Type") && c.body() != null) contentType.set(h.value());
            else headers.add(new HeaderRow(h.name(), h.value()));
        }
        body.set(c.body() == null ? "" : c.body());
        message.set(c.warnings().isEmpty() ? "" : "From curl: " + String.join("; ", c.warnings()));
        return true;
    }

    /** The remembered requests, newest first. */
    public List<Settings.Recent> settingsRecent() {
        return List.copyOf(settings.recent);
    }

    /** Fills the request from a remembered one. */
    public void applyRecent(Settings.Recent r) {
        url.set(r.url);
        method.set(r.method);
        body.set(r.body == null ? "" : r.body);
        headers.clear();
        for (Header h : r.headers) headers.add(new HeaderRow(h.name(), h.value()));
    }

    EventSourceConfig buildConfig() {
        EventSourceConfig.Builder b = EventSourceConfig.builder(url.get());
        b.method(method.get() == null || method.get().isBlank() ? "GET" : method.get());
        for (HeaderRow h : headers) {
            if (!h.name().isBlank()) b.header(h.name(), h.value());
        }
        String text = body.get();
        if (text != null && !text.isEmpty()) b.body(text, contentType.get());
        if (!initialLastEventId.get().isEmpty()) b.lastEventId(initialLastEventId.get());
        b.policy(policy.get());
        String timeout = readTimeoutSeconds.get().strip();
        if (!timeout.isEmpty()) {
            double seconds;
            try {
                seconds = Double.parseDouble(timeout);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Read timeout is a number of seconds, not '" + timeout + "'");
            }
            if (seconds < 0) throw new IllegalArgumentException("Read timeout cannot be negative");
            b.readTimeout(Duration.ofMillis(Math.round(seconds * 1000)));
        }
        String attempts = maxAttempts.get().strip();
        if (!attempts.isEmpty()) {
            int n;
            try {
                n = Integer.parseInt(attempts);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 0) throw new IllegalArgumentException("Give up after is a whole number of attempts, not '" + attempts + "'");
            b.maxReconnectAttempts(n);
        }
        b.captureRawLines(true);
        return b.build();
    }

    // ------------------------------------------------------------------ FX-thread drain

    /**
     * Applies everything the engine queued since the last call: once per pulse, on the FX thread.
     *
     * @return how many rows were added to the list (or held, while paused)
     */
    public int drain(long nowMillis) {
        List<MessageRow> batch = null;
        Object signal;
        int n = 0;
        while (n++ < MAX_SIGNALS_PER_DRAIN && (signal = inbox.poll()) != null) {
            if (signal instanceof MessageRow row) {
                if (batch == null) batch = new ArrayList<>();
                number(row);
                batch.add(row);
            } else if (signal instanceof LastIdSignal l) {
                pendingLastEventId = l.id(); // per event on most streams: set once per drain
            } else {
                if (signal instanceof AttemptStart || signal instanceof AttemptEnd) publishCounts();
                apply(signal);
            }
        }
        publishCounts();
        int added = batch == null ? 0 : batch.size();
        if (batch != null) append(batch);
        if (nowMillis >= nextTick) tick(nowMillis);
        return added;
    }

    // Counted per row in plain fields, published to the properties once per drain: a property set per event would
    // re-run every binding on it (the status bar's formatting) thousands of times a pulse.
    private long pendingEvents;
    private long pendingComments;
    private long pendingAttemptEvents;
    private String pendingLastEventId;

    private void number(MessageRow row) {
        long gap = -1;
        switch (row.kind()) {
            case EVENT -> {
                pendingEvents++;
                pendingAttemptEvents++;
                if (lastEventTime >= 0) gap = row.time() - lastEventTime;
                lastEventTime = row.time();
                if (seenTypes.add(row.type())) {
                    int at = 0;
                    while (at < eventTypes.size() && eventTypes.get(at).compareTo(row.type()) < 0) at++;
                    eventTypes.add(at, row.type());
                }
            }
            case COMMENT -> {
                pendingComments++;
                // Comments are usually heartbeats: their own gap shows how regular they are.
                if (lastCommentTime >= 0) gap = row.time() - lastCommentTime;
                lastCommentTime = row.time();
            }
            default -> {
                // counted elsewhere
            }
        }
        if (row.kind() != MessageRow.Kind.STATE) lastActivity = row.time();
        row.number(++seq, gap);
    }

    private void publishCounts() {
        if (pendingEvents > 0) events.set(events.get() + pendingEvents);
        if (pendingComments > 0) comments.set(comments.get() + pendingComments);
        if (pendingAttemptEvents > 0 && !attempts.isEmpty()) last().countEvents(pendingAttemptEvents);
        if (pendingLastEventId != null) lastEventId.set(pendingLastEventId);
        pendingEvents = 0;
        pendingComments = 0;
        pendingAttemptEvents = 0;
        pendingLastEventId = null;
    }

    private void apply(Object signal) {
        if (signal instanceof StateSignal s) {
            readyState.set(s.state());
            stateReason.set(s.reason());
            if (s.state() == ReadyState.OPEN) {
                lastActivity = s.time();
                if (!attempts.isEmpty()) last().opened(s.time());
            }
            if (s.state() == ReadyState.CLOSED) active.set(false);
        } else if (signal instanceof RetrySignal r) {
            reconnectionTime.set(r.millis());
        } else if (signal instanceof AttemptStart a) {
            RequestInfo r = a.request();
            attempts.add(new AttemptRow(r.attempt(), r.startedAtMillis(), r.method(), r.url(), r.lastEventId()));
        } else if (signal instanceof AttemptResponse a) {
            if (!attempts.isEmpty()) last().responded(a.response().status());
        } else if (signal instanceof AttemptEnd a) {
            AttemptSummary s = a.summary();
            if (!attempts.isEmpty()) last().ended(s.openMillis(), s.timeToFirstByteMillis(), s.bytes(), s.events(), s.endReason());
        } else if (signal instanceof ReconnectSignal r) {
            reconnects.set(reconnects.get() + 1);
            if (!attempts.isEmpty()) last().reconnectIn(r.delay());
        }
    }

    private AttemptRow last() {
        return attempts.get(attempts.size() - 1);
    }

    private void append(List<MessageRow> batch) {
        if (paused.get()) {
            heldWhilePaused.addAll(batch);
            while (heldWhilePaused.size() > maxRows.get()) {
                heldWhilePaused.removeFirst();
                dropped.set(dropped.get() + 1);
            }
            held.set(heldWhilePaused.size());
            return;
        }
        int max = maxRows.get();
        if (batch.size() >= max) {
            // The whole list turns over: replace it in one change.
            dropped.set(dropped.get() + rows.size() + batch.size() - max);
            rows.setAll(batch.subList(batch.size() - max, batch.size()));
            return;
        }
        rows.addAll(batch);
        trim();
    }

    private void trim() {
        int excess = rows.size() - maxRows.get();
        if (excess > 0) {
            rows.remove(0, excess);
            dropped.set(dropped.get() + excess);
        }
    }

    private void releaseHeldRows() {
        if (heldWhilePaused.isEmpty()) return;
        List<MessageRow> batch = new ArrayList<>(heldWhilePaused);
        heldWhilePaused.clear();
        held.set(0);
        append(batch);
    }

    private void tick(long now) {
        boolean first = nextTick == 0;
        nextTick = now + 1000;
        long totalBytes = bytesFromEarlierSources + (source == null ? 0 : source.bytesReceived());
        bytes.set(totalBytes);
        if (first) {
            eventsAtTick = events.get();
            bytesAtTick = totalBytes;
            return;
        }
        long perSecond = events.get() - eventsAtTick;
        eventsPerSecond.set(perSecond);
        bytesPerSecond.set(totalBytes - bytesAtTick);
        eventsAtTick = events.get();
        bytesAtTick = totalBytes;
        history.add(perSecond);
        historyVersion.set(historyVersion.get() + 1);
        long lastByte = source == null ? 0 : source.lastByteAtMillis();
        long quiet = readyState.get() == ReadyState.OPEN ? now - Math.max(lastActivity, lastByte) : 0;
        quietMillis.set(Math.max(0, quiet));
        quietWarning.set(quiet >= QUIET_WARNING_MILLIS);
    }

    // ------------------------------------------------------------------ filtering

    private Predicate<MessageRow> buildPredicate() {
        boolean comments = showComments.get();
        boolean connection = showConnection.get();
        String type = filterType.get() == null ? "" : filterType.get();
        String text = filterText.get() == null ? "" : filterText.get();
        Predicate<String> matches = null;
        filterError.set("");
        if (!text.isEmpty() && filterRegex.get()) {
            try {
                Pattern pattern = Pattern.compile(text);
                matches = v -> pattern.matcher(v).find();
            } catch (PatternSyntaxException e) {
                filterError.set("Bad regex: " + e.getDescription());
            }
        } else if (!text.isEmpty()) {
            matches = v -> containsIgnoreCase(v, text);
        }
        Predicate<String> m = matches;
        return row -> {
            switch (row.kind()) {
                case COMMENT, RETRY -> {
                    if (!comments) return false;
                }
                case STATE, ERROR -> {
                    if (!connection) return false;
                }
                default -> {
                    // events always take part
                }
            }
            if (!type.isEmpty() && (row.kind() != MessageRow.Kind.EVENT || !row.type().equals(type))) return false;
            return m == null || m.test(row.data()) || m.test(row.type()) || m.test(row.id());
        };
    }

    /** Case-insensitive substring test without a regex: refiltering 100,000 rows happens on a keystroke. */
    static boolean containsIgnoreCase(String haystack, String needle) {
        int n = needle.length();
        if (n == 0) return true;
        char first = needle.charAt(0);
        char lower = Character.toLowerCase(first);
        char upper = Character.toUpperCase(first);
        for (int i = 0, last = haystack.length() - n; i <= last; i++) {
            char c = haystack.charAt(i);
            if ((c == lower || c == upper || c == first) && haystack.regionMatches(true, i, needle, 0, n)) return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ export

    public enum ExportFormat { NDJSON, CSV }

    /** Writes every retained row (and rows held while paused), oldest first. */
    public void export(Path file, ExportFormat format) throws IOException {
        List<MessageRow> all = new ArrayList<>(rows);
        all.addAll(heldWhilePaused);
        if (format == ExportFormat.NDJSON) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
                 NdjsonWriter w = new NdjsonWriter(out)) {
                for (MessageRow r : all) {
                    switch (r.kind()) {
                        case EVENT -> w.event(new ServerSentEvent(r.type(), r.data(), r.id()), r.time());
                        case COMMENT -> w.comment(r.data(), r.time());
                        case RETRY -> w.retry(Long.parseLong(r.data().replace(" ms", "")), r.time());
                        case STATE -> w.state(ReadyState.valueOf(r.type()), r.data(), r.time());
                        case ERROR -> w.error(r.data(), r.time());
                    }
                }
                if (w.broken()) throw new IOException("could not write " + file);
            }
        } else {
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8); CsvWriter csv = new CsvWriter(out)) {
                csv.row("seq", "time", "kind", "type", "id", "data", "size", "gap_ms");
                for (MessageRow r : all) {
                    csv.row(r.seq(), Instant.ofEpochMilli(r.time()), r.kind().name().toLowerCase(Locale.ROOT), r.type(),
                            r.id(), r.data(), r.size(), r.gapMillis() < 0 ? "" : r.gapMillis());
                }
            }
        }
    }

    // ------------------------------------------------------------------ engine side

    /** Runs on the engine thread: turns reports into queued rows and signals, nothing more. */
    private final class Listener implements EventSourceListener {
        @Override
        public void onReadyStateChange(ReadyState state, String reason) {
            long now = System.currentTimeMillis();
            inbox.add(new StateSignal(state, reason, now));
            inbox.add(new MessageRow(MessageRow.Kind.STATE, now, state.name(), "", reason, List.of()));
        }

        @Override
        public void onRequest(RequestInfo request) {
            inbox.add(new AttemptStart(request));
        }

        @Override
        public void onResponse(ResponseInfo response) {
            inbox.add(new AttemptResponse(response));
        }

        @Override
        public void onEvent(ServerSentEvent e) {
            inbox.add(new MessageRow(MessageRow.Kind.EVENT, System.currentTimeMillis(), e.type(), e.lastEventId(), e.data(),
                    e.rawLines()));
        }

        @Override
        public void onComment(String comment) {
            inbox.add(new MessageRow(MessageRow.Kind.COMMENT, System.currentTimeMillis(), "comment", "", comment,
                    List.of(":" + comment)));
        }

        @Override
        public void onRetry(long ms) {
            inbox.add(new RetrySignal(ms));
            inbox.add(new MessageRow(MessageRow.Kind.RETRY, System.currentTimeMillis(), "retry", "", ms + " ms",
                    List.of("retry: " + ms)));
        }

        @Override
        public void onLastEventIdChange(String id) {
            inbox.add(new LastIdSignal(id));
        }

        @Override
        public void onError(String text, Throwable cause) {
            inbox.add(new MessageRow(MessageRow.Kind.ERROR, System.currentTimeMillis(), "error", "", text, List.of()));
        }

        @Override
        public void onAttemptEnd(AttemptSummary summary) {
            inbox.add(new AttemptEnd(summary));
        }

        @Override
        public void onReconnectScheduled(long delayMillis, String why) {
            inbox.add(new ReconnectSignal(delayMillis));
        }
    }

    static String titleFor(String url) {
        try {
            okhttp3.HttpUrl u = EventSourceConfig.parseUrl(url);
            String path = u.encodedPath();
            return u.host() + (u.port() == okhttp3.HttpUrl.defaultPort(u.scheme()) ? "" : ":" + u.port())
                    + (path.equals("/") ? "" : path);
        } catch (IllegalArgumentException e) {
            return url.isBlank() ? "New connection" : url;
        }
    }

    // ------------------------------------------------------------------ properties

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty methodProperty() {
        return method;
    }

    public StringProperty bodyProperty() {
        return body;
    }

    public StringProperty contentTypeProperty() {
        return contentType;
    }

    public StringProperty initialLastEventIdProperty() {
        return initialLastEventId;
    }

    public ObjectProperty<ReconnectPolicy> policyProperty() {
        return policy;
    }

    public StringProperty readTimeoutSecondsProperty() {
        return readTimeoutSeconds;
    }

    /** Consecutive failed reconnects before giving up; empty or 0 for never. */
    public StringProperty maxAttemptsProperty() {
        return maxAttempts;
    }

    public ObservableList<HeaderRow> headers() {
        return headers;
    }

    /** Null until the first connection. */
    public ReadOnlyObjectProperty<ReadyState> readyStateProperty() {
        return readyState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stateReasonProperty() {
        return stateReason.getReadOnlyProperty();
    }

    /** A line for the user: why a URL or option was refused, or what a paste changed. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True from connect() until the source is CLOSED. */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastEventIdProperty() {
        return lastEventId.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty reconnectionTimeProperty() {
        return reconnectionTime.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Every retained row, oldest first. */
    public ObservableList<MessageRow> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    /** The rows that pass the filters: what the table shows. */
    public ObservableList<MessageRow> visibleRows() {
        return visibleRows;
    }

    public ObservableList<AttemptRow> attempts() {
        return attempts;
    }

    public ObservableList<String> eventTypes() {
        return eventTypes;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public BooleanProperty filterRegexProperty() {
        return filterRegex;
    }

    /** Empty for all types. */
    public StringProperty filterTypeProperty() {
        return filterType;
    }

    public BooleanProperty showCommentsProperty() {
        return showComments;
    }

    public BooleanProperty showConnectionProperty() {
        return showConnection;
    }

    /** Paused: rows keep arriving and counting but are held back, so the list stands still. */
    public BooleanProperty pausedProperty() {
        return paused;
    }

    public ReadOnlyStringProperty filterErrorProperty() {
        return filterError.getReadOnlyProperty();
    }

    public IntegerProperty maxRowsProperty() {
        return maxRows;
    }

    public ReadOnlyLongProperty eventsProperty() {
        return events.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty commentsProperty() {
        return comments.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty bytesProperty() {
        return bytes.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty reconnectsProperty() {
        return reconnects.getReadOnlyProperty();
    }

    /** Rows dropped from the list to keep it bounded (they were counted all the same). */
    public ReadOnlyLongProperty droppedProperty() {
        return dropped.getReadOnlyProperty();
    }

    /** Rows held back while paused. */
    public ReadOnlyLongProperty heldProperty() {
        return held.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty eventsPerSecondProperty() {
        return eventsPerSecond.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty bytesPerSecondProperty() {
        return bytesPerSecond.getReadOnlyProperty();
    }

    /** While OPEN, how long nothing has arrived (no event, comment or byte). */
    public ReadOnlyLongProperty quietMillisProperty() {
        return quietMillis.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty quietWarningProperty() {
        return quietWarning.getReadOnlyProperty();
    }

    /** Events per second over the last minute; {@link #historyVersionProperty()} ticks when it changes. */
    public RateHistory history() {
        return history;
    }

    public ReadOnlyLongProperty historyVersionProperty() {
        return historyVersion.getReadOnlyProperty();
    }
}
