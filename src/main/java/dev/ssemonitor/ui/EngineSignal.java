package dev.ssemonitor.ui;

import dev.ssemonitor.client.AttemptSummary;
import dev.ssemonitor.client.ErrorBody;
import dev.ssemonitor.client.ReadyState;
import dev.ssemonitor.client.RedirectInfo;
import dev.ssemonitor.client.RequestInfo;
import dev.ssemonitor.client.ResponseInfo;

/**
 * What the engine thread hands the FX thread, through {@link EngineInbox}: rows, and the signals that change the
 * connection's state. An event row carries the last event ID of its dispatch; a change of ID with no row, and the
 * reconnection time, travel as latest values instead (see the inbox). One closed vocabulary.
 */
sealed interface EngineSignal permits MessageRow, EngineSignal.StateChanged, EngineSignal.AttemptStarted, EngineSignal.AttemptRedirected, EngineSignal.AttemptResponded,
        EngineSignal.AttemptBody, EngineSignal.AttemptEnded, EngineSignal.ReconnectScheduled, EngineSignal.RowsSkipped {

    /**
     * Rows the inbox had no room for, in the stream just before the next row queued: the list numbers that row by its
     * place in the stream, not by how many rows got through, and the counters count them where they were. Queued
     * only after a drop, never once per row.
     */
    record RowsSkipped(long events, long comments, long otherRows) implements EngineSignal {
        long rows() {
            return events + comments + otherRows;
        }
    }

    record StateChanged(ReadyState state, String reason, long time) implements EngineSignal {}

    record AttemptStarted(RequestInfo request) implements EngineSignal {}

    record AttemptRedirected(RedirectInfo redirect, long time) implements EngineSignal {}

    record AttemptResponded(ResponseInfo response, long time) implements EngineSignal {}

    /** The start of a refused response's body. */
    record AttemptBody(ErrorBody body, long time) implements EngineSignal {}

    record AttemptEnded(AttemptSummary summary, long time) implements EngineSignal {}

    record ReconnectScheduled(long delayMillis, String why, long time) implements EngineSignal {}
}
