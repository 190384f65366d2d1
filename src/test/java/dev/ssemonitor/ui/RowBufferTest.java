package dev.ssemonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssemonitor.sse.ServerSentEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a tab keeps, bounded by rows and by bytes, without the toolkit. */
class RowBufferTest {
    private static List<MessageRow> events(int n, int dataChars) {
        List<MessageRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(MessageRow.event(i, new ServerSentEvent("message", "x".repeat(dataChars), String.valueOf(i))));
        }
        return rows;
    }

    @Test
    void bigEventsAreBoundedByBytesNotOnlyByCount() {
        int weight = events(1, 100_000).get(0).weight();
        RowBuffer buffer = new RowBuffer(100_000, 10L * weight);
        for (int i = 0; i < 50; i++) buffer.append(events(3, 100_000));
        assertThat(buffer.rows()).hasSize(10);
        assertThat(buffer.droppedProperty().get()).isEqualTo(140);
        assertThat(buffer.keptBytesProperty().get()).isLessThanOrEqualTo(buffer.maxBytes());
        // One batch larger than the whole bound keeps its newest rows only.
        buffer.append(events(25, 100_000));
        assertThat(buffer.rows()).hasSize(10);
        assertThat(buffer.droppedProperty().get()).isEqualTo(165);
    }

    @Test
    void heldRowsCountTowardTheSameBound() {
        int weight = events(1, 1000).get(0).weight();
        RowBuffer buffer = new RowBuffer(100_000, 20L * weight);
        buffer.append(events(5, 1000));
        buffer.pausedProperty().set(true);
        for (int i = 0; i < 10; i++) buffer.append(events(5, 1000));
        assertThat(buffer.rows()).as("the list stands still while paused").hasSize(5);
        assertThat(buffer.heldProperty().get()).isEqualTo(15);
        assertThat(buffer.droppedProperty().get()).isEqualTo(35);
        buffer.pausedProperty().set(false);
        assertThat(buffer.rows()).hasSize(20);
        assertThat(buffer.keptBytesProperty().get()).isEqualTo(20L * weight);
    }

    @Test
    void theRowBoundStillHolds() {
        RowBuffer buffer = new RowBuffer(100, Long.MAX_VALUE);
        for (int i = 0; i < 30; i++) buffer.append(events(7, 10));
        assertThat(buffer.rows()).hasSize(100);
        assertThat(buffer.droppedProperty().get()).isEqualTo(110);
        buffer.maxRowsProperty().set(40);
        assertThat(buffer.rows()).hasSize(40);
        assertThat(buffer.droppedProperty().get()).isEqualTo(170);
    }

    @Test
    void ratesAverageOverFiveSecondsSoASlowStreamIsNotOneOrZeroPerSecond() {
        TrafficStats t = new TrafficStats();
        long events = 0;
        for (int second = 0; second <= 20; second++) {
            if (second % 5 == 0) events++; // one event every 5 s
            t.sample(second * 1000L, events, events * 40, -1);
        }
        assertThat(t.eventsPerSecondProperty().get()).isEqualTo(0.2);
        assertThat(Formats.rate(t.eventsPerSecondProperty().get())).isEqualTo("0.2/s");
        assertThat(Formats.rate(12_345.6)).isEqualTo("12,346/s");
    }

    @Test
    void releasingRowsHeldWhilePausedIsNoBurstOfArrivals() {
        // Rates come from the arrival counters, which count while paused: resuming adds rows, not arrivals.
        TrafficStats t = new TrafficStats();
        for (int second = 0; second <= 10; second++) t.sample(second * 1000L, second * 100L, 0, -1);
        assertThat(t.eventsPerSecondProperty().get()).isEqualTo(100.0);
    }

    @Test
    void aBigBufferTrimsItsOldestInBatchesAndCountsEveryDrop() {
        RowBuffer buffer = new RowBuffer(10_000, Long.MAX_VALUE);
        buffer.append(events(8_000, 10));
        buffer.append(events(2_500, 10));
        assertThat(buffer.rows()).as("within a tenth over: not trimmed yet").hasSize(10_500);
        assertThat(buffer.droppedProperty().get()).isZero();
        buffer.append(events(600, 10));
        assertThat(buffer.rows()).as("past it: back to the bound in one go").hasSize(10_000);
        assertThat(buffer.droppedProperty().get()).isEqualTo(1_100);
        RowBuffer small = new RowBuffer(100, Long.MAX_VALUE);
        small.append(events(150, 10));
        assertThat(small.rows()).as("a small bound is exact").hasSize(100);
    }

    @Test
    void atRestABigBufferSettlesToItsBoundButNotUnderTheReadersEyes() {
        RowBuffer buffer = new RowBuffer(10_000, Long.MAX_VALUE);
        List<MessageRow> first = events(8_000, 10);
        buffer.append(first);
        buffer.append(events(2_500, 10));
        buffer.holdingProperty().set(true); // the user reads older rows: nothing may slide
        buffer.settle();
        assertThat(buffer.rows()).hasSize(10_500);
        buffer.holdingProperty().set(false);
        buffer.pausedProperty().set(true);
        buffer.settle();
        assertThat(buffer.rows()).hasSize(10_500);
        buffer.pausedProperty().set(false);
        assertThat(buffer.settle()).as("how many went: the view scrolls on it").isEqualTo(500);
        assertThat(buffer.rows()).hasSize(10_000);
        assertThat(buffer.droppedProperty().get()).isEqualTo(500);
        assertThat(buffer.rows().get(0)).as("the oldest went").isSameAs(first.get(500));
    }
}
