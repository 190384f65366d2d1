package dev.ssemonitor.ui;

import dev.ssemonitor.export.CsvWriter;
import dev.ssemonitor.export.NdjsonWriter;
import dev.ssemonitor.sse.ServerSentEvent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * What File ▸ Export writes: the rows a tab keeps, oldest first, as NDJSON or CSV. The NDJSON holds every record kind
 * {@code watch} prints (each attempt's request, redirects, response, refused body, end and the wait after it, merged
 * with the rows in time order, and the assembled answer of an LLM stream), so a window session and a {@code watch}
 * recording are one format. Written off the FX thread, to a temporary file moved into place, so a failed export never
 * leaves half a file.
 */
public final class SessionExport {
    public enum Format {
        NDJSON("ndjson"), CSV("csv");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    private static final Executor WRITER = runnable -> {
        Thread t = new Thread(runnable, "sse-monitor export");
        t.setDaemon(true);
        t.start();
    };

    private SessionExport() {}

    /** The answer an LLM stream assembled, to export after everything else. */
    record Assembled(int attempt, dev.ssemonitor.llm.Answer answer) {}

    /**
     * Writes {@code rows} (and, as NDJSON, what the engine said of each attempt) in the background; completes with the
     * number of rows written.
     */
    static CompletableFuture<Integer> writeAsync(List<MessageRow> rows, List<AttemptRow.Said> attempts, Path file, Format format) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                write(rows, attempts, file, format);
                return rows.size();
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, WRITER);
    }

    static void write(List<MessageRow> rows, List<AttemptRow.Said> attempts, Path file, Format format) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        try {
            if (format == Format.NDJSON) writeNdjson(rows, attempts, tmp);
            else writeCsv(rows, tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeNdjson(List<MessageRow> rows, List<AttemptRow.Said> attempts, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file)); NdjsonWriter w = new NdjsonWriter(out)) {
            // Back in the order the engine reported them: each attempt record before the first row numbered after it.
            int a = 0;
            for (MessageRow r : rows) {
                while (a < attempts.size() && attempts.get(a).afterRow() < r.seq()) said(w, attempts.get(a++));
                // A refused body is its attempt's response-body record, as watch writes it, not an error as well.
                if (!(r.kind() == MessageRow.Kind.ERROR && MessageRow.BODY.equals(r.type()))) record(w, r);
            }
            while (a < attempts.size()) said(w, attempts.get(a++));
            if (w.broken()) throw new IOException("could not write " + file);
        }
    }

    private static void said(NdjsonWriter w, AttemptRow.Said s) {
        Object what = s.what();
        long t = s.time();
        if (what instanceof dev.ssemonitor.client.RequestInfo r) w.request(r, t);
        else if (what instanceof dev.ssemonitor.client.RedirectInfo r) w.redirect(r, t);
        else if (what instanceof dev.ssemonitor.client.ResponseInfo r) w.response(r, t);
        else if (what instanceof dev.ssemonitor.client.ErrorBody b) w.responseBody(b, t);
        else if (what instanceof dev.ssemonitor.client.AttemptSummary e) w.attemptEnd(e, t);
        else if (what instanceof AttemptRow.Reconnect r) w.reconnect(r.delayMillis(), r.why(), t);
        else if (what instanceof Assembled a) w.assembled(a.attempt(), a.answer(), t);
    }

    private static void record(NdjsonWriter w, MessageRow r) {
        switch (r.kind()) {
            case EVENT -> w.event(new ServerSentEvent(r.type(), r.text(), r.id()), r.time());
            case COMMENT -> w.comment(r.text(), r.time());
            case RETRY -> w.retry(r.retryMillis(), r.time());
            case STATE -> w.state(r.state(), r.text(), r.time());
            case ERROR -> w.error(r.text(), r.time());
        }
    }

    /** The rows as NDJSON lines, the records {@code watch} prints: what "Copy as JSON" puts on the clipboard. */
    static String ndjson(List<MessageRow> rows) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (NdjsonWriter w = new NdjsonWriter(out)) {
            for (MessageRow r : rows) record(w, r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // in memory: cannot happen
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    /** A file name that says what and when: {@code sse-127.0.0.1-8088-sse-20261202-031500.ndjson}. */
    static String suggestedName(String shortLabel, Format format, java.time.LocalDateTime at) {
        String what = shortLabel.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        if (what.length() > 60) what = what.substring(0, 60);
        return "sse-" + (what.isEmpty() ? "session" : what) + "-"
                + at.format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "." + format.extension();
    }

    private static void writeCsv(List<MessageRow> rows, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8); CsvWriter csv = new CsvWriter(out)) {
            csv.row("seq", "time", "kind", "type", "id", "data", "size", "gap_ms");
            for (MessageRow r : rows) {
                csv.row(r.seq(), Instant.ofEpochMilli(r.time()), r.kind().name().toLowerCase(Locale.ROOT),
                        Formats.typeLabel(r), r.id(), Formats.rowText(r), r.size(), r.gapMillis() < 0 ? "" : r.gapMillis());
            }
        }
    }
}
