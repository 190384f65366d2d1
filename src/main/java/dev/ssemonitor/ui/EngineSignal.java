package dev.ssemonitor.ui;

import dev.ssemonitor.client.AttemptSummary;
import dev.ssemonitor.client.ReadyState;
import dev.ssemonitor.client.RequestInfo;
import dev.ssemonitor.client.ResponseInfo;

/**
 * What the engine thread hands the FX thread, through {@link EngineInbox}: rows, and the signals that change the
 * connection's state. One closed vocabulary, so the drain's {@code switch} is checked for every kind.
 */
sealed interface EngineSignal permits MessageRow, EngineSignal.StateChanged, EngineSignal.RetryChanged,
        EngineSignal.LastIdChanged, EngineSignal.AttemptStarted, EngineSignal.AttemptResponded,
        EngineSignal.AttemptEnded, EngineSignal.ReconnectScheduled {

    record StateChanged(ReadyState state, String reason, long time) implements EngineSignal {}

    record RetryChanged(long millis) implements EngineSignal {}

    record LastIdChanged(String id) implements EngineSignal {}

    record AttemptStarted(RequestInfo request) implements EngineSignal {}

    record AttemptResponded(ResponseInfo response) implements EngineSignal {}

    record AttemptEnded(AttemptSummary summary) implements EngineSignal {}

    record ReconnectScheduled(long delayMillis, String why) implements EngineSignal {}
}
