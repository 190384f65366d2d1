package dev.ssemonitor.client;

import dev.ssemonitor.sse.ServerSentEvent;
import java.util.function.Consumer;
import java.util.function.Supplier;

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
        terminate(reason, () -> null);
    }

    /**
     * CLOSED, after the end record of an attempt still under way ({@code pendingAttempt} claims it, or gives null).
     * The claim is made under the same lock as {@link #endAttempt}, so an attempt ends exactly once, always before
     * CLOSED.
     */
    void terminate(String reason, Supplier<AttemptSummary> pendingAttempt) {
        synchronized (lock) {
            if (terminated) return;
            AttemptSummary pending = pendingAttempt.get();
            if (pending != null) safely(l -> l.onAttemptEnd(pending));
            readyState = ReadyState.CLOSED;
            safely(l -> l.onReadyStateChange(ReadyState.CLOSED, reason));
            terminated = true;
        }
    }

    /** The attempt's end record, if {@code claim} still has it (a close may have ended the attempt already). */
    void endAttempt(Supplier<AttemptSummary> claim) {
        synchronized (lock) {
            if (terminated) return;
            AttemptSummary s = claim.get();
            if (s != null) safely(l -> l.onAttemptEnd(s));
        }
    }

    void deliver(Consumer<EventSourceListener> call) {
        synchronized (lock) {
            if (terminated) return;
            safely(call);
        }
    }

    /** {@link #deliver} of one event: the call a flood makes 50,000 times a second and more, without a lambda. */
    void deliverEvent(ServerSentEvent event) {
        synchronized (lock) {
            if (terminated) return;
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                threw(e);
            }
        }
    }

    /** A new last event ID and the event that brought it, in that order, in one step: each call is safe on its own. */
    void deliverLastEventIdThenEvent(String id, ServerSentEvent event) {
        synchronized (lock) {
            if (terminated) return;
            try {
                listener.onLastEventIdChange(id);
            } catch (RuntimeException e) {
                threw(e);
            }
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                threw(e);
            }
        }
    }

    private void safely(Consumer<EventSourceListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            threw(e);
        }
    }

    private static void threw(RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "an EventSourceListener threw; ignored", e);
    }
}
