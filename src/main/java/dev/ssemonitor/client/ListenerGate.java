package dev.ssemonitor.client;

import java.util.function.Consumer;

/**
 * Enforces the listener contract: calls in order, one at a time, and nothing after CLOSED (the terminal rule). A
 * listener that throws is logged and ignored, so one bad callback cannot stop the stream.
 */
final class ListenerGate {
    private static final System.Logger LOG = System.getLogger(EventSource.class.getName());

    private final EventSourceListener listener;
    private final Object lock = new Object();
    private boolean terminated; // guarded by lock
    private volatile ReadyState readyState = ReadyState.CONNECTING;

    ListenerGate(EventSourceListener listener) {
        this.listener = listener;
    }

    ReadyState readyState() {
        return readyState;
    }

    void changeState(ReadyState state, String reason) {
        synchronized (lock) {
            if (terminated) return;
            readyState = state;
            safely(l -> l.onReadyStateChange(state, reason));
        }
    }

    /** CLOSED with its reason, once; every later call is dropped. */
    void terminate(String reason) {
        synchronized (lock) {
            if (terminated) return;
            readyState = ReadyState.CLOSED;
            safely(l -> l.onReadyStateChange(ReadyState.CLOSED, reason));
            terminated = true;
        }
    }

    void deliver(Consumer<EventSourceListener> call) {
        synchronized (lock) {
            if (terminated) return;
            safely(call);
        }
    }

    private void safely(Consumer<EventSourceListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "an EventSourceListener threw; ignored", e);
        }
    }
}
