package dev.ssemonitor.ui;

import dev.ssemonitor.client.EventSourceConfig;
import dev.ssemonitor.client.EventSourceListener;
import dev.ssemonitor.client.ReadyState;
import java.util.ArrayList;
import java.util.List;

/** An engine a view-model test plays by hand: it keeps each source's listener and what the view-model asked of it. */
final class FakeEngine implements StreamConnector {
    final List<EventSourceListener> listeners = new ArrayList<>();
    final List<String> settled = new ArrayList<>();
    int restarts;

    @Override
    public Connection open(EventSourceConfig config, EventSourceListener listener) {
        listeners.add(listener);
        return new Connection() {
            @Override
            public void close(String reason) {
                listener.onReadyStateChange(ReadyState.CLOSED, reason); // the engine's contract: CLOSED before close() returns
            }

            @Override
            public void restart() {
                restarts++;
            }

            @Override
            public void settle(String why) {
                settled.add(why);
            }

            @Override
            public long bytesReceived() {
                return 0;
            }

            @Override
            public long lastByteAtMillis() {
                return 0;
            }
        };
    }

    /** The listener of the source opened last. */
    EventSourceListener last() {
        return listeners.get(listeners.size() - 1);
    }
}
