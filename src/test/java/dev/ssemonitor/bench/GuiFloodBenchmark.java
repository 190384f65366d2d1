package dev.ssemonitor.bench;

import dev.ssemonitor.stub.StubServer;
import dev.ssemonitor.ui.ConnectionViewModel;
import dev.ssemonitor.ui.MainWindowController;
import dev.ssemonitor.ui.MonitorApp;
import dev.ssemonitor.ui.Settings;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The real window, headless (Monocle, software rendering), connected to the stub's flood. Prints, from one run: FX frame
 * intervals of the idle window first and then under the flood (p50/p95/p99/max), events/s ingested, whether the counter
 * is exact, how long a filter keystroke takes to reach the screen (applied and the next frame drawn) while flooding,
 * the process's CPU use, log records JavaFX wrote, and heap per retained row.
 *
 * <p>Run: {@code scripts/bench-gui.sh [RATE] [SECONDS]} (defaults 50000 events/s for 20 s).
 */
public final class GuiFloodBenchmark {
    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("testfx.headless", "true");
        System.setProperty("headless.geometry", "1600x1200-32");

        MonitorApp.quietJavaFxLogs(); // as the app does at launch: records it drops are counted, and printed below
        StubServer stub = StubServer.start("127.0.0.1", 0, null);
        Settings settings = Settings.load(Files.createTempDirectory("sse-bench").resolve("settings.json"));
        settings.autoStartDemo = false;
        AtomicReference<ConnectionViewModel> vmRef = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(() -> {
            MainWindowController window = MonitorApp.show(new Stage(), settings);
            window.newTab();
            ConnectionViewModel vm = window.current().orElseThrow().viewModel();
            vm.request().urlProperty().set(stub.baseUrl() + "/flood?rate=" + rate + "&size=100");
            vmRef.set(vm);
            started.countDown();
        });
        started.await(30, TimeUnit.SECONDS);
        ConnectionViewModel vm = vmRef.get();
        java.util.concurrent.atomic.AtomicInteger logRecords = new java.util.concurrent.atomic.AtomicInteger();
        java.util.Map<String, Integer> logKinds = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.logging.Logger javafx = java.util.logging.Logger.getLogger("javafx");
        javafx.addHandler(new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                logRecords.incrementAndGet();
                String m = String.valueOf(r.getMessage());
                logKinds.merge(r.getLoggerName() + ": " + m.substring(0, Math.min(90, m.length())), 1, Integer::sum);
                if (Boolean.getBoolean("bench.logStacks")) {
                    StringBuilder st = new StringBuilder("stack of a JavaFX log record:");
                    for (StackTraceElement e : new Throwable().getStackTrace()) st.append("\n  ").append(e);
                    System.err.println(st);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });

        List<Long> frames = new ArrayList<>();
        // The frames that ended a keystroke's pulse (the filter applied to every row), kept apart as well.
        List<Long> keyFrames = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean keyPending = new java.util.concurrent.atomic.AtomicBoolean();
        // The two frames after a change of the list's rows (a flood's batch joining, or old rows leaving): the first
        // ends the pulse that laid the rows out, the second waited for them to be painted.
        List<Long> rowFrames = new ArrayList<>();
        // The late frames' spans (start, end; System.nanoTime), to tell which of them held a collector's pause.
        List<long[]> lateSpans = new ArrayList<>();
        GcPauses gcPauses = GcPauses.listen();
        java.util.concurrent.atomic.AtomicInteger rowsPending = new java.util.concurrent.atomic.AtomicInteger();
        onFx(() -> vm.visibleRows().addListener((javafx.collections.ListChangeListener<Object>) c -> rowsPending.set(2)));
        long[] last = {0};
        java.util.concurrent.atomic.AtomicReference<CountDownLatch> nextFrame = new java.util.concurrent.atomic.AtomicReference<>();
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (last[0] != 0) {
                    frames.add(now - last[0]);
                    if (now - last[0] > LATE_NANOS) lateSpans.add(new long[] {last[0], now});
                    boolean key = keyPending.getAndSet(false);
                    boolean rows = rowsPending.getAndUpdate(r -> Math.max(0, r - 1)) > 0;
                    if (key) keyFrames.add(now - last[0]);
                    else if (rows) rowFrames.add(now - last[0]);
                }
                last[0] = now;
                CountDownLatch waiting = nextFrame.getAndSet(null);
                if (waiting != null) waiting.countDown();
            }
        };
        // The idle window first (connected to nothing yet), for the same machine's baseline in the same run.
        int idleSeconds = Math.max(5, seconds / 2);
        onFx(timer::start);
        Thread.sleep(idleSeconds * 1000L);
        onFx(() -> {
            timer.stop();
            last[0] = 0;
        });
        long[] idle = frames.stream().mapToLong(Long::longValue).sorted().toArray();
        frames.clear();
        onFx(vm::connect);

        Thread.sleep(5_000); // warm-up
        long[] eventsAtStart = new long[1];
        onFx(() -> {
            eventsAtStart[0] = vm.eventsProperty().get();
            lateSpans.clear();
            timer.start();
        });
        long t0 = System.nanoTime();
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        java.util.Map<String, Long> threadCpu0 = threadCpu();
        long[] jitGc0 = jitAndGc();
        List<Long> keystrokes = new ArrayList<>();
        String[] typed = {"1", "12", "123", "12", "1", ""};
        // The second half apart too: the first seconds of a flood are the JIT's, compiling the flood's code paths.
        int[] framesAtHalf = {0};
        long cpuHalf = 0;
        long[] jitGcHalf = jitGc0;
        long tHalf = t0;
        for (int s = 0; s < seconds; s++) {
            if (s == seconds / 2) {
                onFx(() -> framesAtHalf[0] = frames.size());
                tHalf = System.nanoTime();
                cpuHalf = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
                jitGcHalf = jitAndGc();
            }
            Thread.sleep(1000);
            String text = typed[s % typed.length];
            long before = System.nanoTime();
            CountDownLatch drawn = new CountDownLatch(1);
            // What a keystroke in the filter field does, and then the next frame: the re-filtered list on screen.
            onFx(() -> {
                vm.filter().textProperty().set(text);
                keyPending.set(true);
                nextFrame.set(drawn);
            });
            if (!drawn.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("no frame within 30 s of a keystroke");
            keystrokes.add(System.nanoTime() - before);
        }
        long cpu1 = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        java.util.Map<String, Long> threadCpu1 = threadCpu();
        long[] jitGc1 = jitAndGc();
        long[] eventsAtEnd = new long[1];
        onFx(() -> {
            timer.stop();
            vm.filter().textProperty().set("");
            eventsAtEnd[0] = vm.eventsProperty().get();
        });
        long tEnd = System.nanoTime();
        double elapsed = (tEnd - t0) / 1e9;
        double ingested = (eventsAtEnd[0] - eventsAtStart[0]) / elapsed;

        onFx(vm::disconnect);
        Thread.sleep(500);
        long[] exact = new long[3];
        onFx(() -> {
            vm.drain(System.currentTimeMillis());
            exact[0] = vm.eventsProperty().get();
            List<dev.ssemonitor.ui.MessageRow> rows = vm.rows();
            String lastId = "";
            for (int i = rows.size() - 1; i >= 0; i--) {
                if (rows.get(i).kind() == dev.ssemonitor.ui.MessageRow.Kind.EVENT) {
                    lastId = rows.get(i).id();
                    break;
                }
            }
            exact[1] = Long.parseLong(lastId);
            exact[2] = rows.size();
        });
        long withRows = usedHeap();
        onFx(vm::clear);
        long withoutRows = usedHeap();

        long[] f = frames.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] late = frames.subList(framesAtHalf[0], frames.size()).stream().mapToLong(Long::longValue).sorted().toArray();
        double lateSeconds = (tEnd - tHalf) / 1e9;
        long[] k = keystrokes.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("flood: %,d events/s offered, 100-byte data, %d s measured, 2 cores shared by stub, engine and UI%n",
                rate, seconds);
        System.out.printf("ingested by the view-model: %,.0f events/s%n", ingested);
        System.out.printf("counter exact: %s (counted %,d, last id received %,d)%n", exact[0] == exact[1], exact[0], exact[1]);
        System.out.printf("FX frame interval ms, idle window (%d s): p50 %.1f  p95 %.1f  p99 %.1f  max %.1f  (%d frames)%n",
                idleSeconds, pct(idle, 50), pct(idle, 95), pct(idle, 99), idle[idle.length - 1] / 1e6, idle.length);
        System.out.printf("FX frame interval ms, flood: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f  (%d frames; 16.7 = 60 fps); "
                        + "flood p99 / idle p99 = %.2f%n", pct(f, 50), pct(f, 95), pct(f, 99), f[f.length - 1] / 1e6, f.length,
                pct(f, 99) / pct(idle, 99));
        long[] others = withoutOnce(f, keyFrames);
        System.out.printf("FX frame interval ms, flood, without the %d frames that applied a keystroke: p50 %.1f  p95 %.1f"
                        + "  p99 %.1f  max %.1f; p99 / idle p99 = %.2f%n", keyFrames.size(), pct(others, 50), pct(others, 95),
                pct(others, 99), others[others.length - 1] / 1e6, pct(others, 99) / pct(idle, 99));
        long lateAll = Arrays.stream(f).filter(v -> v > LATE_NANOS).count();
        long lateKey = keyFrames.stream().filter(v -> v > LATE_NANOS).count();
        long lateRows = rowFrames.stream().filter(v -> v > LATE_NANOS).count();
        System.out.printf("flood frames later than 1.5 vsyncs (25 ms): %d of %d (%.1f%%); after a keystroke %d of %d, in the two"
                        + " after new rows in the list %d of %d (%.0f%%), any other %d%n", lateAll, f.length, 100.0 * lateAll / f.length,
                lateKey, keyFrames.size(), lateRows, rowFrames.size(), 100.0 * lateRows / Math.max(1, rowFrames.size()),
                lateAll - lateKey - lateRows);
        List<long[]> pauses = gcPauses.snapshot();
        long lateWithGc = lateSpans.stream().filter(span -> pauses.stream().anyMatch(g -> g[0] < span[1] && g[1] > span[0]))
                .count();
        long[] floodPauses = pauses.stream().filter(g -> g[0] >= t0 && g[1] <= tEnd).mapToLong(g -> g[1] - g[0]).toArray();
        System.out.printf("late flood frames that held a collector's pause: %d of %d (%d pauses in the flood, longest %.1f ms)%n",
                lateWithGc, lateSpans.size(), floodPauses.length, Arrays.stream(floodPauses).max().orElse(0) / 1e6);
        System.out.printf("filter keystroke to the re-filtered list drawn, ms: median %.1f  p95 %.1f  max %.1f%n", pct(k, 50),
                pct(k, 95), k[k.length - 1] / 1e6);
        System.out.printf("process CPU during the flood (stub, engine and window): %.2f cores%n", (cpu1 - cpu0) / 1e9 / elapsed);
        System.out.printf("log records from JavaFX during the run: %d %s; dropped by the app's filter (known, harmless"
                + " JavaFX messages, see MonitorApp.quietJavaFxLogs): %d%n", logRecords.get(), logKinds,
                MonitorApp.quietedLogRecords());
        StringBuilder busiest = new StringBuilder();
        threadCpu1.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - threadCpu0.getOrDefault(e.getKey(), 0L)))
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .forEach(e -> busiest.append(String.format("%s %.2f, ", e.getKey(), e.getValue() / 1e9 / elapsed)));
        long javaThreads = threadCpu1.entrySet().stream()
                .mapToLong(e -> e.getValue() - threadCpu0.getOrDefault(e.getKey(), 0L)).sum();
        System.out.println("busiest threads during the flood, cores: " + busiest);
        System.out.printf("all Java threads %.2f cores; the JVM's own (GC, JIT) the rest, %.2f cores%n",
                javaThreads / 1e9 / elapsed, ((cpu1 - cpu0) - javaThreads) / 1e9 / elapsed);
        System.out.printf("JIT compiler time during the flood: %.1f s (%.2f s a second); GC: %d collections, %d ms of them%n",
                (jitGc1[0] - jitGc0[0]) / 1e3, (jitGc1[0] - jitGc0[0]) / 1e3 / elapsed, jitGc1[1] - jitGc0[1],
                jitGc1[2] - jitGc0[2]);
        System.out.printf("allocated during the flood by the threads alive at its end: %,.0f MB, %,.0f bytes an event%n",
                (jitGc1[3] - jitGc0[3]) / 1e6, (jitGc1[3] - jitGc0[3]) / (double) (eventsAtEnd[0] - eventsAtStart[0]));
        System.out.printf("second half of the flood (%.0f s): frame interval p50 %.1f  p95 %.1f  p99 %.1f, p99 / idle p99 = %.2f;"
                        + " CPU %.2f cores; JIT %.2f s a second%n", lateSeconds, pct(late, 50), pct(late, 95), pct(late, 99),
                pct(late, 99) / pct(idle, 99), (cpu1 - cpuHalf) / 1e9 / lateSeconds, (jitGc1[0] - jitGcHalf[0]) / 1e3 / lateSeconds);
        System.out.printf("rows retained: %,d; heap per retained row: %.0f bytes%n", exact[2],
                (withRows - withoutRows) / (double) exact[2]);
        Platform.exit();
        stub.close();
        System.exit(0);
    }

    private static final long LATE_NANOS = 25_000_000L;

    /** The collectors' stop-the-world pauses as they end, as spans of System.nanoTime (to the millisecond). */
    private static final class GcPauses {
        private final List<long[]> spans = new ArrayList<>();
        private final long jvmStartNanos = System.nanoTime()
                - java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;

        static GcPauses listen() {
            GcPauses p = new GcPauses();
            for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener((n, h) -> {
                    if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
                    var info = com.sun.management.GarbageCollectionNotificationInfo
                            .from((javax.management.openmbean.CompositeData) n.getUserData()).getGcInfo();
                    synchronized (p.spans) {
                        // The span widened by a millisecond each side: the times are whole milliseconds.
                        p.spans.add(new long[] {p.jvmStartNanos + (info.getStartTime() - 1) * 1_000_000L,
                                p.jvmStartNanos + (info.getEndTime() + 1) * 1_000_000L});
                    }
                }, null, null);
            }
            return p;
        }

        List<long[]> snapshot() {
            synchronized (spans) {
                return new ArrayList<>(spans);
            }
        }
    }

    /** The sorted intervals with each of {@code removed} taken out once. */
    private static long[] withoutOnce(long[] sorted, List<Long> removed) {
        List<Long> rest = new ArrayList<>();
        for (long v : sorted) rest.add(v);
        for (Long r : removed) rest.remove(r);
        return rest.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /**
     * The JIT's compile time so far (ms, summed over its threads), the collectors' count and time (ms), and the bytes
     * the live threads have allocated.
     */
    private static long[] jitAndGc() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long allocated = 0;
        for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) allocated += Math.max(0, b);
        long[] out = {java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), 0, 0, allocated};
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            out[1] += Math.max(0, gc.getCollectionCount());
            out[2] += Math.max(0, gc.getCollectionTime());
        }
        return out;
    }

    /** CPU time per live thread, by name (threads of one name summed). */
    private static java.util.Map<String, Long> threadCpu() {
        java.lang.management.ThreadMXBean t = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo info : t.getThreadInfo(t.getAllThreadIds())) {
            if (info == null) continue;
            long cpu = t.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) out.merge(info.getThreadName().replaceAll("[0-9]+", "N"), cpu, Long::sum);
        }
        return out;
    }

    private static void onFx(Runnable r) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.run();
            } finally {
                done.countDown();
            }
        });
        if (!done.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("FX thread did not answer in 30 s");
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) return Double.NaN;
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

}
