package dev.ssemonitor.ui;

import dev.ssemonitor.client.RedirectInfo;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One connection attempt in the timeline; its later columns fill in as the attempt goes on. */
public final class AttemptRow {
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

    AttemptRow(int attempt, long started, String method, String url, String lastEventIdSent) {
        this.attempt = attempt;
        this.started = started;
        this.method = method;
        this.url = url;
        this.lastEventIdSent = lastEventIdSent;
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

    void redirected(RedirectInfo r) {
        redirects.add(r);
    }

    void responded(int code) {
        status.set(code);
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

    void ended(long openMs, long ttfb, long byteCount, long eventCount, String reason) {
        openMillis.set(openedAt.get() > 0 ? openMs : -1);
        timeToFirstByte.set(ttfb);
        bytes.set(byteCount);
        events.set(eventCount);
        endReason.set(reason);
    }

    void reconnectIn(long delay) {
        reconnectDelay.set(delay);
    }
}
