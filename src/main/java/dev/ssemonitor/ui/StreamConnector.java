package dev.ssemonitor.ui;

import dev.ssemonitor.client.EventSource;
import dev.ssemonitor.client.EventSourceConfig;
import dev.ssemonitor.client.EventSourceListener;

/**
 * Opens the source behind a tab. The real one is the engine's {@link EventSource}; view-model tests pass their own, so
 * they can play the engine's reports without a socket.
 */
@FunctionalInterface
public interface StreamConnector {
    /** What the view-model needs of an open source. */
    interface Connection {
        void close(String reason);

        /** Drops the connection or the wait before the next one and reconnects at once. */
        void restart();

        /** The stream under way said it is over: when it ends, no reconnect. Any thread. */
        default void settle(String why) {}

        /** Body bytes received so far, over every attempt. Any thread. */
        long bytesReceived();

        /** When the last body byte arrived (epoch ms), or 0 if none has. Any thread. */
        long lastByteAtMillis();

        /** Body bytes of the attempt under way, for the live timeline; 0 between attempts. Any thread. */
        default long attemptBytes() {
            return 0;
        }

        /** Time to the first body byte of the attempt under way, or -1. Any thread. */
        default long attemptTimeToFirstByteMillis() {
            return -1;
        }
    }

    /** Starts connecting at once; reports go to {@code listener} on the engine's thread. */
    Connection open(EventSourceConfig config, EventSourceListener listener);

    /** The engine over the shared default client. */
    static StreamConnector engine() {
        return (config, listener) -> {
            EventSource source = EventSource.connect(config, listener);
            return new Connection() {
                @Override
                public void close(String reason) {
                    source.close(reason);
                }

                @Override
                public void restart() {
                    source.restart();
                }

                @Override
                public void settle(String why) {
                    source.settle(why);
                }

                @Override
                public long bytesReceived() {
                    return source.bytesReceived();
                }

                @Override
                public long lastByteAtMillis() {
                    return source.lastByteAtMillis();
                }

                @Override
                public long attemptBytes() {
                    return source.attemptBytes();
                }

                @Override
                public long attemptTimeToFirstByteMillis() {
                    return source.attemptTimeToFirstByteMillis();
                }
            };
        };
    }
}
