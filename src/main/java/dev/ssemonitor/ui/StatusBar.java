package dev.ssemonitor.ui;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;

/** The bottom line of a tab: counters, rates with their sparkline, reconnects, last ID, silence, rows kept. */
final class StatusBar {
    private StatusBar() {}

    static void bind(ConnectionViewModel vm, Label events, Label rate, Sparkline sparkline, Label bytes, Label reconnects,
                     Label lastId, Label quiet, Label rows) {
        TrafficStats traffic = vm.traffic();
        RowBuffer buffer = vm.rowBuffer();
        events.textProperty().bind(Bindings.createStringBinding(() -> String.format("%,d events", vm.eventsProperty().get()),
                vm.eventsProperty()));
        rate.textProperty().bind(Bindings.createStringBinding(() -> Formats.rate(traffic.eventsPerSecondProperty().get()),
                traffic.eventsPerSecondProperty()));
        bytes.textProperty().bind(Bindings.createStringBinding(() -> Formats.bytes(vm.bytesProperty().get()) + " · "
                + Formats.bytes((long) traffic.bytesPerSecondProperty().get()) + "/s",
                vm.bytesProperty(), traffic.bytesPerSecondProperty()));
        reconnects.textProperty().bind(Bindings.createStringBinding(() -> vm.reconnectsProperty().get()
                + (vm.reconnectsProperty().get() == 1 ? " reconnect · " : " reconnects · ")
                + "retry " + vm.reconnectionTimeProperty().get() + " ms", vm.reconnectsProperty(), vm.reconnectionTimeProperty()));
        lastId.textProperty().bind(Bindings.createStringBinding(() -> vm.lastEventIdProperty().get().isEmpty() ? ""
                : "Last-Event-ID " + Formats.clip(vm.lastEventIdProperty().get(), Formats.LINE_FIELD_CHARS),
                vm.lastEventIdProperty()));
        quiet.textProperty().bind(Bindings.createStringBinding(() -> traffic.quietMillisProperty().get() < 2000 ? ""
                : "quiet for " + traffic.quietMillisProperty().get() / 1000 + " s", traffic.quietMillisProperty()));
        traffic.quietWarningProperty().addListener((o, a, warn) -> {
            if (warn) quiet.getStyleClass().add("warning");
            else quiet.getStyleClass().remove("warning");
        });
        rows.textProperty().bind(Bindings.createStringBinding(() -> {
            int kept = vm.rows().size();
            int shown = vm.visibleRows().size();
            String s = shown == kept ? String.format("%,d rows", kept) : String.format("%,d of %,d rows shown", shown, kept);
            s += " · " + Formats.bytes(buffer.keptBytesProperty().get());
            if (buffer.droppedProperty().get() > 0) {
                s += String.format(" (%,d oldest dropped to stay under %,d rows / %s)", buffer.droppedProperty().get(),
                        buffer.maxRowsProperty().get(), Formats.bytes(buffer.maxBytes()));
            }
            if (buffer.heldProperty().get() > 0) {
                s += String.format(buffer.pausedProperty().get() ? " · %,d held while paused" : " · %,d held while you read",
                        buffer.heldProperty().get());
            }
            return s;
        }, vm.rows(), vm.visibleRows(), buffer.droppedProperty(), buffer.heldProperty(), buffer.keptBytesProperty(),
                buffer.maxRowsProperty(), buffer.pausedProperty()));
        traffic.historyVersionProperty().addListener((o, a, b) -> sparkline.show(traffic.history()));
        sparkline.show(traffic.history());
    }
}
