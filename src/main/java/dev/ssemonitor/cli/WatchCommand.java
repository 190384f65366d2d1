package dev.ssemonitor.cli;

import dev.ssemonitor.client.EventSource;
import dev.ssemonitor.client.EventSourceConfig;
import dev.ssemonitor.client.EventSourceListener;
import dev.ssemonitor.client.ReadyState;
import dev.ssemonitor.client.ReconnectPolicy;
import dev.ssemonitor.export.NdjsonWriter;
import dev.ssemonitor.llm.Answer;
import dev.ssemonitor.llm.AnswerAssembler;
import dev.ssemonitor.llm.LlmFormat;
import dev.ssemonitor.sse.ServerSentEvent;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Connect like a browser's EventSource and print everything that happens.", "",
                "One JSON object per line, as it happens: kind is state, request, redirect, response, response-body, "
                        + "event, comment, retry, error, reconnect or attempt-end (and assembled, with --assemble); t is "
                        + "epoch milliseconds.", "",
                "Exit status: 0 after --max-events or --duration (2 if it never connected), when the server "
                        + "answers 204 (its way to say stop), when a --once stream ends, or when an --assemble answer is finished; 2 when the connection "
                        + "fails, with the reason on stderr; 64 on bad usage."})
public final class WatchCommand implements Callable<Integer> {
    private static final long MAX_HEADER_FILE = 1 << 20;

    /** Exit code when the connection ends CLOSED by failure. */
    public static final int FAILED = 2;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "The event stream URL (http or https).")
    String url;

    @Option(names = {"-X", "--method"}, paramLabel = "M", description = "HTTP method (default GET; POST with --data).")
    String method;

    @Option(names = {"-H", "--header"}, paramLabel = "'Name: value'", description = {"A request header; repeatable.",
            "@FILE reads headers from a file, one a line, so secrets stay off the command line."})
    List<String> headers = new ArrayList<>();

    @Option(names = {"-d", "--data"}, paramLabel = "BODY", description = "A request body (implies POST).")
    String data;

    @Option(names = "--content-type", paramLabel = "TYPE", defaultValue = "application/json",
            description = "Content-Type of --data (default: ${DEFAULT-VALUE}).")
    String contentType;

    @Option(names = "--last-event-id", paramLabel = "ID", description = "Send this Last-Event-ID on the first request.")
    String lastEventId;

    @Option(names = "--policy", paramLabel = "browser|resilient|once",
            description = {"browser: exactly EventSource; resilient: also retry HTTP errors with backoff; once: never "
                    + "reconnect.", "Default: once with --data (a reconnect would send the body again), else browser."})
    String policy;

    @Option(names = "--once", description = "One stream, no reconnect (the same as --policy once).")
    boolean once;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "0",
            description = "Give up after N consecutive failed reconnects (0: never).")
    int maxAttempts;

    @Option(names = "--read-timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "Treat this long without a byte as a network error (0: no timeout).")
    double readTimeout;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Connect timeout (default: ${DEFAULT-VALUE}).")
    double connectTimeout;

    @Option(names = "--response-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Once connected, wait this long for the response head (0: for ever; default: ${DEFAULT-VALUE}).")
    double responseTimeout;

    @Option(names = "--max-events", paramLabel = "N", description = "Exit 0 after N events.")
    Long maxEvents;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Exit 0 after this many seconds.")
    Double duration;

    @Option(names = "--events-only", description = "Print only event records.")
    boolean eventsOnly;

    @Option(names = "--cacert", paramLabel = "PEM-FILE",
            description = "Also trust the certificates in this PEM file: a private CA, or a server's self-signed certificate.")
    java.nio.file.Path cacert;

    @Option(names = {"-k", "--insecure"}, description = "Skip certificate verification for this connection (any "
            + "certificate, any host name). Said on stderr: anyone on the path can read and change the stream.")
    boolean insecure;

    @Option(names = "--assemble", description = {"LLM token streams: after each stream, one 'assembled' record with the "
            + "answer, its reasoning, tool calls, finish reason, usage and timing (printed with --events-only too).",
            "The format is recognised on its own: OpenAI Chat Completions or Responses, Anthropic Messages, Gemini. "
                    + "A stream that said it is over ([DONE], message_stop …) is not reconnected."})
    boolean assemble;

    @Option(names = "--assemble-format", paramLabel = "FORMAT",
            description = "Read the stream as this format instead of recognising it: openai, openai-responses, "
                    + "anthropic or gemini (implies --assemble).")
    String assembleFormat;

    @Option(names = "--assemble-path", paramLabel = "JSONPATH",
            description = "Any other JSON stream: the answer is what this JSONPath finds in each event, joined, e.g. "
                    + "'$.token.text' (implies --assemble).")
    String assemblePath;

    @Option(names = "--show-secrets", description = "Print Authorization, Cookie and API-key header values unmasked.")
    boolean showSecrets;

    @Option(names = "--proxy", paramLabel = "[http://]HOST:PORT",
            description = "Send requests through this HTTP proxy (default: the JVM's, e.g. -Dhttps.proxyHost).")
    String proxy;

    @Option(names = "--max-event-size", paramLabel = "MiB", defaultValue = "64",
            description = "Fail when one event grows past this (default: ${DEFAULT-VALUE} MiB).")
    long maxEventMiB;

    @Override
    public Integer call() throws Exception {
        EventSourceConfig config;
        OkHttpClient client;
        AnswerAssembler assembler;
        try {
            config = buildConfig();
            client = buildClient();
            assembler = buildAssembler();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("sse-monitor watch: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return MainCommand.USAGE;
        }
        java.io.PrintWriter err = spec.commandLine().getErr();
        if (config.insecure()) {
            err.println("sse-monitor watch: WARNING: certificate verification is OFF for this connection (--insecure): "
                    + "anyone on the network path can read and change the stream");
            err.flush();
        }
        AtomicReference<String> printedError = new AtomicReference<>();
        OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        NdjsonWriter writer = new NdjsonWriter(stdout, 2);
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong events = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicBoolean stoppedByUs = new AtomicBoolean();
        AtomicBoolean serverSaidStop = new AtomicBoolean();
        AtomicBoolean lastStreamEnded = new AtomicBoolean();
        AtomicBoolean opened = new AtomicBoolean();
        AtomicBoolean hinted = new AtomicBoolean();
        AtomicReference<String> lastError = new AtomicReference<>();
        AtomicReference<EventSource> holder = new AtomicReference<>();
        AtomicReference<Answer.State> lastAnswer = new AtomicReference<>();

        EventSourceListener listener = new EventSourceListener() {
            @Override
            public void onReadyStateChange(ReadyState state, String reason) {
                if (state == ReadyState.OPEN) opened.set(true);
                if (!eventsOnly) writer.onReadyStateChange(state, reason);
                if (state == ReadyState.CLOSED) {
                    // Under the once policy, a stream the server ended normally is a success, like a 204.
                    boolean onceDone = config.policy() == ReconnectPolicy.ONCE && lastStreamEnded.get();
                    // So is an answer the stream said is finished; one that carried an error is not.
                    boolean answered = lastAnswer.get() == Answer.State.FINISHED;
                    // An answer that failed, or that a once stream cut short, is not what was asked for.
                    boolean answerFailed = lastAnswer.get() == Answer.State.FAILED
                            || lastAnswer.get() == Answer.State.INCOMPLETE && onceDone && !stoppedByUs.get();
                    if (answerFailed) {
                        failure.set(lastAnswer.get() == Answer.State.INCOMPLETE
                                ? "the answer is incomplete: the stream ended before the answer did (" + reason + ")" : reason);
                    } else if (!stoppedByUs.get() && !serverSaidStop.get() && !onceDone && !answered) {
                        failure.set(reason);
                    }
                    done.countDown();
                }
            }

            /**
             * When the bytes that completed what the parser reports arrived: the engine reads the clock once for each
             * read, not once for each of the hundreds of events a read of a flood holds. Before connect() has
             * returned the source is not known yet: the clock then.
             */
            private long arrivedAt() {
                EventSource source = holder.get();
                return source != null ? source.lastByteAtMillis() : System.currentTimeMillis();
            }

            @Override
            public void onEvent(ServerSentEvent event) {
                if (assembler != null && assembler.accept(event.type(), event.data(), System.currentTimeMillis())) {
                    String over = assembler.completion();
                    EventSource source = holder.get();
                    if (over != null && source != null) source.settle(over);
                    // The stream said its last word: stop reading, whether or not the server closes it.
                    if (over != null && assembler.over() && source != null) source.close(over);
                }
                long n = events.incrementAndGet();
                if (maxEvents != null && n > maxEvents) return;
                writer.event(event, arrivedAt());
                if (writer.broken()) {
                    // stdout was closed (e.g. `| head`): nobody is reading, so stop quietly.
                    stoppedByUs.set(true);
                    EventSource source = holder.get();
                    if (source != null) source.close("stdout closed");
                    return;
                }
                if (maxEvents != null && n == maxEvents) {
                    stoppedByUs.set(true);
                    // Before connect() has returned the source is not known yet; call() closes it then.
                    EventSource source = holder.get();
                    if (source != null) source.close("received --max-events " + maxEvents);
                }
            }

            @Override
            public void onRequest(dev.ssemonitor.client.RequestInfo r) {
                if (assembler != null) assembler.start(r.startedAtMillis());
                if (!eventsOnly) writer.onRequest(r);
            }

            @Override
            public void onResponse(dev.ssemonitor.client.ResponseInfo r) {
                serverSaidStop.set(r.status() == 204);
                if (!eventsOnly) writer.onResponse(r);
            }

            @Override
            public void onComment(String c) {
                if (!eventsOnly) writer.comment(c, arrivedAt());
            }

            @Override
            public void onRetry(long ms) {
                if (!eventsOnly) writer.retry(ms, arrivedAt());
            }

            @Override
            public void onErrorBody(dev.ssemonitor.client.ErrorBody b) {
                if (!eventsOnly) writer.onErrorBody(b);
            }

            @Override
            public void onRedirect(dev.ssemonitor.client.RedirectInfo r) {
                if (!eventsOnly) writer.onRedirect(r);
            }

            @Override
            public void onError(String message, Throwable cause) {
                lastError.set(message);
                if (!eventsOnly) {
                    writer.onError(message, cause);
                } else if (!serverSaidStop.get()) { // a 204 is the server's clean "stop", not an error
                    // Only events go to stdout, but a failing connection must not be silent: say it where people look.
                    err.println("sse-monitor watch: " + message);
                    err.flush();
                    printedError.set(message);
                }
            }

            @Override
            public void onAttemptEnd(dev.ssemonitor.client.AttemptSummary s) {
                lastStreamEnded.set(s.streamEnded());
                if (!eventsOnly) writer.onAttemptEnd(s);
                if (assembler != null) {
                    assembler.firstByte(s.timeToFirstByteMillis());
                    assembler.streamEnded(s.streamEnded());
                    Answer answer = assembler.snapshot();
                    lastAnswer.set(answer == null ? null : answer.state());
                    if (answer != null) writer.assembled(s.attempt(), answer);
                }
            }

            @Override
            public void onReconnectScheduled(long delay, String why) {
                if (!eventsOnly) writer.onReconnectScheduled(delay, why);
                // A stream that never opened and is tried again, as a browser would, for ever: a typo in the host must
                // not look like a hang. Said once, on stderr, with the way out.
                if (!opened.get() && hinted.compareAndSet(false, true)) {
                    String error = lastError.get();
                    err.println("sse-monitor watch: " + (error == null || eventsOnly ? "" : error + "; ") + "not connected,"
                            + " trying again every " + delay + " ms as a browser would (--once or --max-attempts=N gives up)");
                    err.flush();
                }
            }
        };

        EventSource source = EventSource.connect(client, config, listener);
        holder.set(source);
        if (assembler != null && assembler.completion() != null) source.settle(assembler.completion());
        if (maxEvents != null && events.get() >= maxEvents) source.close("received --max-events " + maxEvents);
        Thread hook = new Thread(() -> {
            stoppedByUs.set(true);
            source.close("interrupted (Ctrl+C or a signal to stop)");
            try {
                writer.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        boolean finished = duration == null ? awaitForever(done) : done.await(Math.round(duration * 1000), TimeUnit.MILLISECONDS);
        if (!finished) {
            stoppedByUs.set(true);
            // A run that never reached the stream did not do what was asked, even if the time is up.
            if (!opened.get()) failure.set("never connected in " + duration + " s" + (lastError.get() == null ? ""
                    : ": " + lastError.get()));
            source.close("ran for --duration " + duration + " s");
        }
        source.awaitTermination(2000);
        writer.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Ctrl+C or SIGTERM came while we finished: the hook runs anyway, and that is fine
        }
        if (failure.get() != null) {
            if (!failure.get().equals(printedError.get())) {
                err.println("sse-monitor watch: " + failure.get());
                err.flush();
            }
            return FAILED;
        }
        return 0;
    }

    private static boolean awaitForever(CountDownLatch done) throws InterruptedException {
        done.await();
        return true;
    }

    EventSourceConfig buildConfig() {
        EventSourceConfig.Builder b = EventSourceConfig.builder(url);
        if (once && policy != null && !policy.equalsIgnoreCase("once")) {
            throw new IllegalArgumentException("--once and --policy " + policy + " contradict each other");
        }
        String chosen = once ? "once" : policy;
        if (chosen != null) {
            b.policy(switch (chosen.toLowerCase(java.util.Locale.ROOT)) {
                case "browser" -> ReconnectPolicy.BROWSER;
                case "resilient" -> ReconnectPolicy.RESILIENT;
                case "once" -> ReconnectPolicy.ONCE;
                default -> throw new IllegalArgumentException("--policy is browser, resilient or once, not '" + policy + "'");
            });
        }
        b.maxReconnectAttempts(maxAttempts);
        if (method != null) b.method(method);
        else if (data != null) b.method("POST");
        for (String h : headers) {
            if (h.startsWith("@")) {
                for (String line : headerFile(h.substring(1))) b.header(line);
            } else {
                b.header(h);
            }
        }
        if (data != null) b.body(data, contentType);
        if (lastEventId != null) b.lastEventId(lastEventId);
        b.readTimeout(seconds(readTimeout, "--read-timeout")).connectTimeout(seconds(connectTimeout, "--connect-timeout"))
                .responseTimeout(seconds(responseTimeout, "--response-timeout"));
        long largestMiB = EventSourceConfig.largestEventBytes() >> 20;
        if (maxEventMiB < 1 || maxEventMiB > largestMiB) {
            throw new IllegalArgumentException("--max-event-size is from 1 to " + largestMiB + " MiB in this JVM (its heap is "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MiB), not " + maxEventMiB);
        }
        b.maxEventBytes(maxEventMiB << 20);
        b.revealSecrets(showSecrets);
        if (cacert != null && insecure) throw new IllegalArgumentException("--cacert and --insecure contradict each other: give one");
        if (cacert != null) {
            try {
                b.trustCertificates(cacert);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--cacert: " + e.getMessage());
            }
        }
        b.insecure(insecure);
        if (maxEvents != null && maxEvents < 1) throw new IllegalArgumentException("--max-events is at least 1, not " + maxEvents);
        if (maxAttempts < 0) throw new IllegalArgumentException("--max-attempts cannot be negative (0: never give up)");
        if (duration != null && (!(duration >= 0.001) || !Double.isFinite(duration))) {
            // 0 (or less than a millisecond) would end the run before it could connect: a typo, not a wish.
            throw new IllegalArgumentException("--duration is a number of seconds, at least 0.001, not " + duration);
        }
        return b.build();
    }

    /** The answer assembler --assemble asks for, or null without it. */
    AnswerAssembler buildAssembler() {
        if (assembleFormat != null && assemblePath != null) {
            throw new IllegalArgumentException("--assemble-format and --assemble-path are two ways to say the format: give one");
        }
        if (assemblePath != null) {
            try {
                return AnswerAssembler.path(assemblePath);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--assemble-path: " + e.getMessage());
            }
        }
        if (assembleFormat != null) {
            LlmFormat f;
            try {
                f = LlmFormat.fromId(assembleFormat);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--assemble-format: " + e.getMessage());
            }
            if (f == LlmFormat.JSON_PATH) throw new IllegalArgumentException("--assemble-format jsonpath: give --assemble-path");
            return AnswerAssembler.of(f);
        }
        return assemble ? AnswerAssembler.auto() : null;
    }

    /**
     * Builds the shared HTTP client and the record writer's JSON factory on a second thread while picocli reads the
     * command line on the first: both are class loading, a fifth of a second each, and a script's {@code watch} pays
     * them on every run. Whichever thread gets to the client first builds it; the other waits for that one.
     */
    static void warmUpInBackground() {
        Thread t = new Thread(() -> {
            EventSource.defaultClient();
            try (NdjsonWriter w = new NdjsonWriter(OutputStream.nullOutputStream())) {
                w.comment("warm-up", 0);
            } catch (IOException | RuntimeException e) {
                // Only a head start: the run builds what it needs itself, and says so if it cannot.
            }
        }, "watch-warm-up");
        t.setDaemon(true);
        t.start();
    }

    OkHttpClient buildClient() {
        if (proxy == null) return EventSource.defaultClient();
        String p = proxy.strip().replaceFirst("(?i)^http://", "").replaceFirst("/+$", "");
        int colon = p.lastIndexOf(':');
        int port;
        try {
            port = colon > 0 ? Integer.parseInt(p.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) throw new IllegalArgumentException("--proxy is HOST:PORT, not '" + proxy + "'");
        return EventSource.defaultClient().newBuilder()
                .proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.substring(0, colon), port)))
                .build();
    }

    private static Duration seconds(double s, String option) {
        if (Double.isNaN(s)) throw new IllegalArgumentException(option + " is a number of seconds, not NaN");
        if (s < 0) throw new IllegalArgumentException(option + " cannot be negative");
        long most = EventSourceConfig.MAX_TIMEOUT.toSeconds();
        if (s > most) throw new IllegalArgumentException(option + " can be at most " + most + " s (24 days), not " + s);
        return Duration.ofMillis(Math.round(s * 1000));
    }

    /** {@code -H @FILE}: one "Name: value" a line, so secrets stay off the command line (which others can read). */
    private static List<String> headerFile(String name) {
        java.nio.file.Path file = java.nio.file.Path.of(name);
        try {
            if (java.nio.file.Files.size(file) > MAX_HEADER_FILE) {
                throw new IllegalArgumentException("header file " + name + " is larger than 1 MiB");
            }
            List<String> lines = new ArrayList<>();
            for (String line : java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) lines.add(l);
            }
            return lines;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("no header file " + name);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read header file " + name + ": " + e.getMessage());
        }
    }
}
