package dev.ssemonitor.ui;

import dev.ssemonitor.client.EventSourceConfig;
import dev.ssemonitor.client.Header;
import dev.ssemonitor.client.ReadyState;
import dev.ssemonitor.client.ReconnectPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One connection tab: the request being edited ({@link RequestForm}), the source's readyState and counters, the kept
 * rows ({@link RowBuffer}) and what the filter shows ({@link RowFilter}), the attempt timeline, and the rates
 * ({@link TrafficStats}). Holds properties, never nodes; unit-tested without the toolkit.
 *
 * <p>Threading: the engine reports to an {@link EngineInbox}, which only queues. {@link #drain(long)} runs on the FX
 * thread once per pulse and applies everything queued in one batch (one {@code addAll}), so the FX thread never gets
 * a task per event. Counters count everything; the rows are bounded.
 *
 * <p>Each connect starts a new source from a clean state: no counter, attempt, Last-Event-ID or reconnection time of
 * the previous source carries over.
 */
public final class ConnectionViewModel {
    static final int MAX_SIGNALS_PER_DRAIN = 250_000;
    /**
     * Under a flood (more than {@value #FLOOD_ROWS} rows waiting), the list takes new rows at most every
     * {@value #FLOOD_PUBLISH_MILLIS} ms instead of every pulse: a table that shifts every row costs a layout of every
     * visible cell, whatever the number of rows added, so four of those a second leave the frames to the rest of the
     * window (against 100 ms, the median frame at 50,000 events/s halved). Counters still count every pulse; a slow
     * stream's rows still show at once.
     */
    static final int FLOOD_ROWS = 100;
    static final long FLOOD_PUBLISH_MILLIS = 250;

    private final Settings settings;
    private final StreamConnector connector;
    private final long maxQueuedBytes;
    private final RequestForm request = new RequestForm();
    private final RowBuffer buffer;
    private final RowFilter filter;
    private final TrafficStats traffic = new TrafficStats();

    private final ReadOnlyObjectWrapper<ReadyState> readyState = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper stateReason = new ReadOnlyStringWrapper("Not connected");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper insecure = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper lastEventId = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper reconnectionTime = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("New connection");
    private final ReadOnlyStringWrapper connectedUrl = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper events = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper comments = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper bytes = new ReadOnlyLongWrapper();
    private final BooleanProperty following = new SimpleBooleanProperty(true);
    private final ReadOnlyLongWrapper unseen = new ReadOnlyLongWrapper();
    private final AttemptTimeline timeline = new AttemptTimeline();
    private final AnswerViewModel answer = new AnswerViewModel();
    private final ObservableList<String> eventTypes = FXCollections.observableArrayList();
    private final Set<String> seenTypes = new HashSet<>();

    private StreamConnector.Connection source;
    private EngineInbox inbox;
    private long seq;
    private long lastEventTime = -1;
    private long lastCommentTime = -1;
    private long lastActivity;
    private List<MessageRow> unpublished = new ArrayList<>();
    private long publishedAt;

    // Counted per row in plain fields, published to the properties once per drain: a property set per event would
    // re-run every binding on it (the status bar's formatting) thousands of times a pulse.
    private long pendingEvents;
    private long pendingComments;
    private long pendingAttemptEvents;
    private String pendingLastEventId;

    public ConnectionViewModel(Settings settings) {
        this(settings, StreamConnector.engine());
    }

    public ConnectionViewModel(Settings settings, StreamConnector connector) {
        this(settings, connector, new EngineInbox().maxQueuedBytes());
    }

    /** @param maxQueuedBytes how far (in row bytes) the engine may run ahead of the FX thread before rows are dropped */
    ConnectionViewModel(Settings settings, StreamConnector connector, long maxQueuedBytes) {
        this.settings = settings;
        this.connector = connector;
        this.maxQueuedBytes = maxQueuedBytes;
        this.buffer = new RowBuffer(settings.maxRows);
        this.filter = new RowFilter(buffer.rows());
        reconnectionTime.set(ReconnectPlan.DEFAULT_RECONNECTION_TIME_MILLIS);
        // The title names what the tab is connected to; until it first connects, what is typed. A URL that was
        // refused never renames a tab that is streaming something else.
        request.urlProperty().addListener((o, a, b) -> {
            if (source == null) title.set(EventSourceConfig.shortLabel(b));
        });
        // Not following: the list stands still (new rows held, as when paused) and "N new" counts them.
        buffer.holdingProperty().bind(following.not());
        unseen.bind(Bindings.when(following).then(0L).otherwise(buffer.heldProperty()));
    }

    // ---- actions

    /** Connects with the request as edited, as a new source; a bad request leaves a message and no connection. */
    public void connect() {
        EventSourceConfig config;
        try {
            config = request.toConfig();
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        message.set("");
        if (source != null) {
            disconnect();
            drain(System.currentTimeMillis()); // the old source's last reports (its CLOSED) belong to it
        }
        startFresh(config);
        title.set(EventSourceConfig.shortLabel(config.urlText()));
        connectedUrl.set(config.urlText());
        settings.remember(config.urlText(), config.method(), config.body(), config.headers());
        active.set(true);
        insecure.set(config.insecure());
        inbox = new EngineInbox(maxQueuedBytes, answer.newAssembler());
        source = connector.open(config, inbox);
        inbox.bind(source);
    }

    /** Closes the connection; readyState becomes CLOSED with the reason "disconnected by the user". */
    public void disconnect() {
        if (source != null && active.get()) source.close("disconnected by the user");
    }

    /** While waiting to reconnect: reconnect now instead (the wait is skipped, Last-Event-ID still sent). */
    public void reconnectNow() {
        if (source != null && active.get()) source.restart();
    }

    /** Empties the list and the timeline; counters keep counting. */
    public void clear() {
        unpublished = new ArrayList<>();
        buffer.clear();
        timeline.clear();
    }

    /** Fills the request from a {@code curl} command line; false (with a message) when it is not one. */
    public boolean applyCurl(String commandLine) {
        try {
            message.set(request.applyCurl(commandLine));
            return true;
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return false;
        }
    }

    /** Fills the request from a remembered one, saying so when its secrets were not remembered. */
    public void applyRecent(Settings.Recent r) {
        request.applyRecent(r);
        message.set(r.url.contains(Header.MASK) ? "This URL's secret parts were not remembered (" + Header.MASK
                + "): type them in before connecting." : "");
    }

    /** The remembered requests, newest first. */
    public List<Settings.Recent> recentRequests() {
        return List.copyOf(settings.recent);
    }

    /**
     * Writes every kept row (held ones too) in the background, with (as NDJSON) each attempt's records and the assembled
     * answer; completes with the number of rows written.
     */
    public CompletableFuture<Integer> export(Path file, SessionExport.Format format) {
        publishRows(); // rows a flood held back for the next publish belong in the file too
        List<AttemptRow.Said> said = new ArrayList<>();
        for (AttemptRow a : timeline.rows()) said.addAll(a.said());
        said.sort(java.util.Comparator.comparingLong(AttemptRow.Said::afterRow));
        dev.ssemonitor.llm.Answer answer = answer().answer();
        if (answer != null && !timeline.rows().isEmpty()) {
            said.add(new AttemptRow.Said(System.currentTimeMillis(), Long.MAX_VALUE,
                    new SessionExport.Assembled(timeline.rows().get(timeline.rows().size() - 1).attempt(), answer)));
        }
        return SessionExport.writeAsync(buffer.snapshot(), said, file, format);
    }

    private void startFresh(EventSourceConfig config) {
        unpublished = new ArrayList<>();
        publishedAt = 0;
        buffer.clear();
        timeline.reset();
        eventTypes.clear();
        seenTypes.clear();
        events.set(0);
        comments.set(0);
        bytes.set(0);
        lastEventId.set(config.lastEventId());
        reconnectionTime.set(config.reconnectionTimeMillis());
        traffic.reset();
        following.set(true);
        seq = 0;
        lastEventTime = -1;
        lastCommentTime = -1;
        lastActivity = 0;
    }

    // ---- FX-thread drain

    /**
     * Applies everything the engine queued since the last call: once per pulse, on the FX thread.
     *
     * @return how many rows were added to the list (or held, while paused), plus how many old ones left it once a
     *     flood had passed: non-zero whenever the list changed, so a view that follows the newest row scrolls to it
     */
    public int drain(long nowMillis) {
        List<MessageRow> batch = unpublished;
        EngineSignal signal;
        int n = 0;
        boolean emptied = false;
        while (inbox != null && n++ < MAX_SIGNALS_PER_DRAIN) {
            signal = inbox.poll();
            if (signal == null) {
                emptied = true;
                break;
            }
            if (signal instanceof MessageRow row) {
                number(row);
                filter.prepare(row);
                batch.add(row);
                // The event's own ID, the EventSource's at its dispatch: the counter and the ID move together.
                if (row.kind() == MessageRow.Kind.EVENT) pendingLastEventId = row.id();
            } else if (signal instanceof EngineSignal.RowsSkipped skipped) {
                skip(skipped);
            } else {
                if (signal instanceof EngineSignal.AttemptStarted || signal instanceof EngineSignal.AttemptEnded) {
                    publishCounts();
                }
                apply(signal, nowMillis);
            }
        }
        if (inbox != null) {
            if (emptied) {
                // Caught up with the engine: the rows it skipped since its last queued one, and an ID that came with
                // no event (or with a skipped one). Not before: under a flood that outruns one drain they belong after
                // rows still queued, and the counters would run ahead of the list and of each other.
                EngineSignal.RowsSkipped trailing = inbox.takeSkips();
                if (trailing != null) skip(trailing);
                String id = inbox.takeLastEventId();
                if (id != null) pendingLastEventId = id;
            }
            long retry = inbox.takeRetryMillis();
            if (retry >= 0) reconnectionTime.set(retry);
        }
        publishCounts();
        filter.settle();
        int added = 0;
        boolean flood = batch.size() > FLOOD_ROWS && nowMillis - publishedAt < FLOOD_PUBLISH_MILLIS && nowMillis >= publishedAt;
        if (!batch.isEmpty() && !flood) {
            added = publishRows();
            publishedAt = nowMillis;
        }
        if (added <= FLOOD_ROWS && unpublished.isEmpty()) added += buffer.settle();
        timeline.tick(nowMillis);
        answer.refresh(nowMillis, false);
        if (source != null) {
            bytes.set(source.bytesReceived());
            timeline.live(source.attemptBytes(), source.attemptTimeToFirstByteMillis());
        }
        long quietSince = readyState.get() == ReadyState.OPEN && source != null
                ? Math.max(lastActivity, source.lastByteAtMillis()) : -1;
        traffic.sample(nowMillis, events.get(), bytes.get(), quietSince);
        return added;
    }

    /** Hands the rows drained so far to the list; how many. */
    private int publishRows() {
        int n = unpublished.size();
        if (n > 0) {
            buffer.append(unpublished);
            unpublished = new ArrayList<>();
        }
        return n;
    }

    /** Rows the inbox had no room for, at their place in the stream: numbered past, and counted. */
    private void skip(EngineSignal.RowsSkipped skipped) {
        seq += skipped.rows();
        pendingEvents += skipped.events();
        pendingAttemptEvents += skipped.events();
        pendingComments += skipped.comments();
        buffer.countDropped(skipped.rows());
    }

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
            case RETRY, STATE, ERROR -> {
                // no gap: they are not traffic
            }
        }
        if (row.kind() != MessageRow.Kind.STATE) lastActivity = row.time();
        row.number(++seq, gap);
    }

    private void publishCounts() {
        if (pendingEvents > 0) events.set(events.get() + pendingEvents);
        if (pendingComments > 0) comments.set(comments.get() + pendingComments);
        timeline.countEvents(pendingAttemptEvents);
        if (pendingLastEventId != null) lastEventId.set(pendingLastEventId);
        pendingEvents = 0;
        pendingComments = 0;
        pendingAttemptEvents = 0;
        pendingLastEventId = null;
    }

    private void apply(EngineSignal signal, long nowMillis) {
        if (signal instanceof EngineSignal.StateChanged s) {
            readyState.set(s.state());
            stateReason.set(s.reason());
            timeline.stateChanged(s.state(), s.time());
            if (s.state() == ReadyState.OPEN) lastActivity = s.time();
            if (s.state() == ReadyState.CLOSED) active.set(false);
        } else {
            timeline.apply(signal, nowMillis, seq);
        }
    }

    // ---- parts and properties

    public RequestForm request() {
        return request;
    }

    /** The Message view: the answer an LLM token stream on this connection spells. */
    public AnswerViewModel answer() {
        return answer;
    }

    public RowBuffer rowBuffer() {
        return buffer;
    }

    public RowFilter filter() {
        return filter;
    }

    public TrafficStats traffic() {
        return traffic;
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

    /**
     * Whether the connection running now skips certificate verification: what the source was opened with, whatever the
     * options say since (they apply on the next Connect). False once it is CLOSED.
     */
    public javafx.beans.binding.BooleanBinding insecureProperty() {
        return insecure.getReadOnlyProperty().and(active.getReadOnlyProperty());
    }

    public ReadOnlyStringProperty lastEventIdProperty() {
        return lastEventId.getReadOnlyProperty();
    }

    /** The reconnection time the current source will wait: its default until the server sends {@code retry:}. */
    public ReadOnlyLongProperty reconnectionTimeProperty() {
        return reconnectionTime.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The URL of the source this tab runs (as parsed: a scheme added when it had none); empty before the first. */
    public ReadOnlyStringProperty connectedUrlProperty() {
        return connectedUrl.getReadOnlyProperty();
    }

    /** Every row kept and shown (not the ones held while paused), oldest first. */
    public ObservableList<MessageRow> rows() {
        return FXCollections.unmodifiableObservableList(buffer.rows());
    }

    /** The rows that pass the filter: what the table shows. */
    public ObservableList<MessageRow> visibleRows() {
        return filter.visible();
    }

    public ObservableList<AttemptRow> attempts() {
        return timeline.rows();
    }

    /** Every event type seen on this source, sorted. */
    public ObservableList<String> eventTypes() {
        return eventTypes;
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
        return timeline.reconnectsProperty();
    }

    /** Whether the list keeps its newest row in view; the user turns it off by scrolling up or selecting a row. */
    public BooleanProperty followingProperty() {
        return following;
    }

    /** Rows that arrived since following stopped and wait to be shown: the "N new" the view offers to jump to. */
    public ReadOnlyLongProperty unseenProperty() {
        return unseen.getReadOnlyProperty();
    }

    /** While waiting to reconnect, the seconds left; -1 otherwise. */
    public ReadOnlyLongProperty reconnectInSecondsProperty() {
        return timeline.reconnectInSecondsProperty();
    }
}
