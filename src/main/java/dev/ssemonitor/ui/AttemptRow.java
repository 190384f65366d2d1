package dev.ssemonitor.ui;

import dev.ssemonitor.client.AttemptSummary;
import dev.ssemonitor.client.ErrorBody;
import dev.ssemonitor.client.RedirectInfo;
import dev.ssemonitor.client.RequestInfo;
import dev.ssemonitor.client.ResponseInfo;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One connection attempt in the timeline; its later columns fill in as the attempt goes on. It keeps what the engine
 * said of it (the request as sent, each redirect, the response head, the start of a refused body, the end record and
 * the wait that followed), with when each was said, for the attempt view and the export.
 */
public final class AttemptRow {
    /**
     * One thing the engine said of this attempt, when, and how many rows the tab had numbered by then (so an export
     * puts it back among the rows in the order the engine reported them).
     */
    record Said(long time, long afterRow, Object what) {}

    private final RequestInfo request;
    private final List<Said> said = new ArrayList<>();
    private ResponseInfo response;
    private ErrorBody errorBody;
    private AttemptSummary summary;
    private final int attempt;
    private final long started;
    private final String lastEventIdSent;
    private final String method;
    private final String url;
    private final ReadOnlyLongWrapper status = new ReadOnlyLongWrapper(0);
    private final ReadOnlyLongWrapper openedAt = new ReadOnlyLongWrapper(0);
    private final ReadOnlyLongWrapper openMillis = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyLongWrapper timeToFirstByte = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyLongWrapper bytes = new ReadOnlyLongWrapper(0);
    private final ReadOnlyLongWrapper events = new ReadOnlyLongWrapper(0);
    private final ReadOnlyLongWrapper reconnectDelay = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyStringWrapper endReason = new ReadOnlyStringWrapper("");
    private final ObservableList<RedirectInfo> redirects = FXCollections.observableArrayList();

    AttemptRow(RequestInfo request, long afterRow) {
        this.request = request;
        this.attempt = request.attempt();
        this.started = request.startedAtMillis();
        this.method = request.method();
        this.url = request.url();
        this.lastEventIdSent = request.lastEventId();
        said.add(new Said(started, afterRow, request));
    }

    /** The request as sent: method, URL and headers, secrets masked. */
    public RequestInfo request() {
        return request;
    }

    /** The response head, once it came; null before (or when none did). */
    public ResponseInfo response() {
        return response;
    }

    /** The start of a refused response's body; null when there was none. */
    public ErrorBody errorBody() {
        return errorBody;
    }

    /** The end record, once the attempt ended; null before. */
    public AttemptSummary summary() {
        return summary;
    }

    /** Everything the engine said of this attempt, in order: request, redirects, response, body, end, wait. */
    List<Said> said() {
        return List.copyOf(said);
    }

    public int attempt() {
        return attempt;
    }

    public long started() {
        return started;
    }

    public String method() {
        return method;
    }

    public String url() {
        return url;
    }

    public String lastEventIdSent() {
        return lastEventIdSent;
    }

    public ReadOnlyLongProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty openedAtProperty() {
        return openedAt.getReadOnlyProperty();
    }

    /** How long it stayed OPEN; -1 while it is still open or if it never opened. */
    public ReadOnlyLongProperty openMillisProperty() {
        return openMillis.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty timeToFirstByteProperty() {
        return timeToFirstByte.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty bytesProperty() {
        return bytes.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty eventsProperty() {
        return events.getReadOnlyProperty();
    }

    /** The wait applied before the next attempt; -1 when none followed. */
    public ReadOnlyLongProperty reconnectDelayProperty() {
        return reconnectDelay.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty endReasonProperty() {
        return endReason.getReadOnlyProperty();
    }

    /** The redirects this attempt followed, in order. */
    public ObservableList<RedirectInfo> redirects() {
        return FXCollections.unmodifiableObservableList(redirects);
    }

    void redirected(RedirectInfo r, long at, long afterRow) {
        redirects.add(r);
        said.add(new Said(at, afterRow, r));
    }

    void responded(ResponseInfo r, long at, long afterRow) {
        response = r;
        said.add(new Said(at, afterRow, r));
        status.set(r.status());
    }

    void body(ErrorBody b, long at, long afterRow) {
        errorBody = b;
        said.add(new Said(at, afterRow, b));
    }

    void opened(long at) {
        openedAt.set(at);
    }

    void countEvents(long n) {
        events.set(events.get() + n);
    }

    /** While the attempt is under way: what has arrived so far. */
    void live(long byteCount, long ttfb) {
        if (!endReason.get().isEmpty()) return;
        if (byteCount > bytes.get()) bytes.set(byteCount);
        if (ttfb >= 0 && timeToFirstByte.get() < 0) timeToFirstByte.set(ttfb);
    }

    void ended(AttemptSummary s, long at, long afterRow) {
        summary = s;
        said.add(new Said(at, afterRow, s));
        openMillis.set(openedAt.get() > 0 ? s.openMillis() : -1);
        timeToFirstByte.set(s.timeToFirstByteMillis());
        bytes.set(s.bytes());
        events.set(s.events());
        endReason.set(s.endReason());
    }

    /** The wait before the next attempt, and why (as {@code watch}'s reconnect record says it). */
    record Reconnect(long delayMillis, String why) {}

    void reconnectIn(long delay, String why, long at, long afterRow) {
        said.add(new Said(at, afterRow, new Reconnect(delay, why)));
        reconnectDelay.set(delay);
    }
}
