package dev.ssemonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssemonitor.client.EventSourceListener;
import dev.ssemonitor.client.ReadyState;
import dev.ssemonitor.sse.ServerSentEvent;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flood that stops, played by hand with the clock in the test's hands (no socket, no toolkit). */
class FloodAtRestTest {
    @TempDir
    Path dir;

    @Test
    void whenAFloodStopsTheListSettlesToItsBoundAndSaysItChangedSoAFollowingViewScrolls() {
        FakeEngine fake = new FakeEngine();
        ConnectionViewModel vm = new ConnectionViewModel(Settings.load(dir.resolve("settings.json")), fake);
        vm.rowBuffer().maxRowsProperty().set(10_000);
        vm.request().urlProperty().set("http://127.0.0.1:1/flood");
        vm.connect();
        EventSourceListener engine = fake.last();
        engine.onReadyStateChange(ReadyState.OPEN, "HTTP 200 OK");
        long now = 1_000_000;
        int id = 0;
        // A flood: 500 rows waiting at each drain, taken every 300 ms; the list runs into the slack past its bound.
        for (int batch = 0; batch < 20; batch++) {
            for (int i = 0; i < 500; i++) engine.onEvent(new ServerSentEvent("message", "x", String.valueOf(++id)));
            vm.drain(now);
            now += 300;
        }
        assertThat(vm.rows().size()).as("within the slack a flood may use").isBetween(10_001, 11_000);
        // The user disconnects mid-flood: the last batch carries the rows still queued and the CLOSED row ...
        for (int i = 0; i < 400; i++) engine.onEvent(new ServerSentEvent("message", "x", String.valueOf(++id)));
        vm.disconnect();
        assertThat(vm.drain(now)).isGreaterThan(100);
        // ... and the next pulse, with nothing new, drops what the slack kept, and says the list changed.
        int before = vm.rows().size();
        assertThat(before).isGreaterThan(10_000);
        assertThat(vm.drain(now + 16)).as("rows that left the list").isEqualTo(before - 10_000);
        assertThat(vm.rows()).hasSize(10_000);
        assertThat(vm.rows().get(vm.rows().size() - 1).state()).isEqualTo(ReadyState.CLOSED);
        assertThat(vm.drain(now + 32)).as("at rest nothing more changes").isZero();
    }
}
