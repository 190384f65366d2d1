package dev.ssemonitor.ui;

import dev.ssemonitor.client.RedirectInfo;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The connection-attempt timeline: one row per attempt, its later columns filling in as it goes on. FX thread. */
final class AttemptTable {
    private AttemptTable() {}

    @SuppressWarnings("unchecked")
    static void configure(TableView<AttemptRow> table, ConnectionViewModel vm) {
        table.setItems(vm.attempts());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN);
        for (TableColumn<AttemptRow, ?> c : table.getColumns()) {
            TableColumn<AttemptRow, Object> column = (TableColumn<AttemptRow, Object>) c;
            column.setCellValueFactory(v -> cell(c.getId(), v.getValue()));
        }
        // "Ended because" is prose that may not fit: its tooltip has it whole.
        TableColumn<AttemptRow, Object> reason = (TableColumn<AttemptRow, Object>) table.getColumns().get(table.getColumns().size() - 1);
        reason.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                String text = empty || item == null ? null : item.toString();
                setText(text);
                setTooltip(text == null || text.isEmpty() ? null : new javafx.scene.control.Tooltip(text));
            }
        });
        vm.attempts().addListener((ListChangeListener<AttemptRow>) c -> {
            AfterLayout.run(table, () -> {
                if (!vm.attempts().isEmpty()) table.scrollTo(vm.attempts().size() - 1);
            });
        });
    }

    private static ObservableValue<Object> cell(String column, AttemptRow a) {
        return switch (column) {
            case "attemptColumn" -> constant(a.attempt());
            case "attemptStartedColumn" -> constant(Formats.clock(a.started()));
            case "attemptStatusColumn" -> Bindings.createObjectBinding(() -> {
                // Each followed redirect first, then the final status: "307 → 200".
                StringBuilder s = new StringBuilder();
                for (RedirectInfo r : a.redirects()) s.append(r.status()).append(" → ");
                return s.append(a.statusProperty().get() == 0 ? "–" : a.statusProperty().get()).toString();
            }, a.statusProperty(), a.redirects());
            case "attemptLastIdColumn" -> constant(a.lastEventIdSent().isEmpty() ? "(none)" : a.lastEventIdSent());
            case "attemptOpenColumn" -> Bindings.createObjectBinding(() -> a.openMillisProperty().get() >= 0
                            ? Formats.duration(a.openMillisProperty().get())
                            : a.openedAtProperty().get() > 0 && a.endReasonProperty().get().isEmpty() ? "open" : "–",
                    a.openMillisProperty(), a.openedAtProperty(), a.endReasonProperty());
            case "attemptTtfbColumn" -> text(a.timeToFirstByteProperty(), v -> v.longValue() < 0 ? "–" : v + " ms");
            case "attemptEventsColumn" -> text(a.eventsProperty(), Object::toString);
            case "attemptBytesColumn" -> text(a.bytesProperty(), v -> Formats.bytes(v.longValue()));
            case "attemptDelayColumn" -> text(a.reconnectDelayProperty(), v -> v.longValue() < 0 ? "" : v + " ms");
            case "attemptReasonColumn" -> text(a.endReasonProperty(), s -> s);
            default -> throw new IllegalStateException("no cells for column " + column);
        };
    }

    private static ObservableValue<Object> constant(Object value) {
        return new ReadOnlyObjectWrapper<>(value);
    }

    private static <T> ObservableValue<Object> text(ObservableValue<T> value, Function<T, String> format) {
        return Bindings.createObjectBinding(() -> format.apply(value.getValue()), value);
    }
}
