package dev.ssemonitor.client;

import dev.ssemonitor.sse.ServerSentEvent;
import java.io.IOException;
import java.util.function.UnaryOperator;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;

/**
 * A drop-in for {@code okhttp3.sse.EventSources.createFactory(client)} whose sources reconnect like a browser:
 * <pre>{@code EventSource.Factory factory = new ReconnectingEventSourceFactory(client);}</pre>
 *
 * <p>It calls the plain {@link okhttp3.sse.EventSourceListener}: {@code onOpen} for every (re)connection,
 * {@code onEvent} with the last event ID (null when empty) and the type (null for the default "message", as okhttp-sse
 * does). Unlike okhttp-sse, the end of a stream or a network error does not end the source: it reconnects with
 * Last-Event-ID. {@code onClosed} is called when the server says stop (HTTP 204); {@code onFailure} when the source
 * fails for good (an HTTP error, a wrong Content-Type, a give-up). After either, no further calls are made, and
 * {@code cancel()} makes none.
 */
public final class ReconnectingEventSourceFactory implements okhttp3.sse.EventSource.Factory {
    private final OkHttpClient client;
    private final UnaryOperator<EventSourceConfig.Builder> customizer;

    public ReconnectingEventSourceFactory(OkHttpClient client) {
        this(client, UnaryOperator.identity());
    }

    /** @param customizer adjusts each source's config (policy, read timeout, ...) after it is taken from the request */
    public ReconnectingEventSourceFactory(OkHttpClient client, UnaryOperator<EventSourceConfig.Builder> customizer) {
        this.client = client;
        this.customizer = customizer;
    }

    @Override
    public okhttp3.sse.EventSource newEventSource(Request request, okhttp3.sse.EventSourceListener listener) {
        // A drop-in for okhttp-sse users who want a browser's reconnects, POST streams included.
        EventSourceConfig.Builder builder = EventSourceConfig.builder(request.url()).method(request.method())
                .policy(ReconnectPolicy.BROWSER);
        Headers headers = request.headers();
        for (int i = 0; i < headers.size(); i++) {
            if (headers.name(i).equalsIgnoreCase("Last-Event-ID")) builder.lastEventId(headers.value(i));
            else builder.header(headers.name(i), headers.value(i));
        }
        if (request.body() != null) {
            try {
                Buffer buffer = new Buffer();
                request.body().writeTo(buffer);
                builder.body(buffer.readUtf8(), request.body().contentType() == null ? null
                        : request.body().contentType().toString());
            } catch (IOException e) {
                throw new IllegalArgumentException("could not read the request body", e);
            }
        }
        Handle handle = new Handle(request);
        handle.source = EventSource.connect(client, customizer.apply(builder).build(), new Adapter(handle, listener));
        return handle;
    }

    private static final class Handle implements okhttp3.sse.EventSource {
        private final Request request;
        volatile EventSource source;
        volatile boolean cancelled;

        Handle(Request request) {
            this.request = request;
        }

        @Override
        public Request request() {
            return request;
        }

        @Override
        public void cancel() {
            cancelled = true;
            EventSource s = source;
            if (s != null) s.close("cancelled");
        }
    }

    private static final class Adapter implements EventSourceListener {
        private final Handle handle;
        private final okhttp3.sse.EventSourceListener delegate;
        private Response lastResponse;
        private String failure;

        Adapter(Handle handle, okhttp3.sse.EventSourceListener delegate) {
            this.handle = handle;
            this.delegate = delegate;
        }

        @Override
        public void onResponse(ResponseInfo info) {
            Headers.Builder headers = new Headers.Builder();
            for (Header h : info.headers()) headers.addUnsafeNonAscii(h.name(), h.value());
            lastResponse = new Response.Builder()
                    .request(handle.request)
                    .protocol(protocol(info.protocol()))
                    .code(info.status())
                    .message(info.message())
                    .headers(headers.build())
                    .build();
        }

        @Override
        public void onError(String message, Throwable cause) {
            failure = message;
        }

        @Override
        public void onReadyStateChange(ReadyState state, String reason) {
            if (state == ReadyState.OPEN) {
                delegate.onOpen(handle, lastResponse);
            } else if (state == ReadyState.CLOSED) {
                if (handle.cancelled) {
                    return;
                }
                if (lastResponse != null && lastResponse.code() == 204) {
                    delegate.onClosed(handle);
                } else {
                    delegate.onFailure(handle, new IOException(failure != null ? failure : reason), lastResponse);
                }
            }
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            String type = ServerSentEvent.DEFAULT_TYPE.equals(event.type()) ? null : event.type();
            String id = event.lastEventId().isEmpty() ? null : event.lastEventId();
            delegate.onEvent(handle, id, type, event.data());
        }

        private static Protocol protocol(String name) {
            try {
                return Protocol.get(name);
            } catch (IOException e) {
                return Protocol.HTTP_1_1;
            }
        }
    }
}
