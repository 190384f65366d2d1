package dev.ssemonitor.ui;

import java.util.Arrays;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** The live message list: its columns (typed values become words only here) and its row styling. FX thread. */
final class MessageTable {
    private static final PseudoClass[] KIND_PSEUDO = Arrays.stream(MessageRow.Kind.values())
            .map(k -> PseudoClass.getPseudoClass(k.name().toLowerCase(Locale.ROOT))).toArray(PseudoClass[]::new);

    private MessageTable() {}

    @SuppressWarnings("unchecked")
    static void configure(TableView<MessageRow> table, ConnectionViewModel vm) {
        table.setItems(vm.visibleRows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN);
        for (TableColumn<MessageRow, ?> c : table.getColumns()) {
            TableColumn<MessageRow, Object> column = (TableColumn<MessageRow, Object>) c;
            switch (c.getId()) {
                case "seqColumn" -> column.setCellValueFactory(v -> constant(v.getValue().seq()));
                case "timeColumn" -> column.setCellValueFactory(v -> constant(Formats.clock(v.getValue().time())));
                case "gapColumn" -> column.setCellValueFactory(v -> constant(v.getValue().gapMillis() < 0 ? ""
                        : String.valueOf(v.getValue().gapMillis())));
                case "typeColumn" -> column.setCellValueFactory(v -> constant(Formats.typeLabel(v.getValue())));
                case "idColumn" -> column.setCellValueFactory(v -> constant(v.getValue().id()));
                case "sizeColumn" -> column.setCellValueFactory(v -> constant(hasSize(v.getValue()) ? v.getValue().size() : null));
                case "dataColumn" -> column.setCellValueFactory(v -> constant(Formats.preview(Formats.rowText(v.getValue()))));
                default -> throw new IllegalStateException("no cells for column " + c.getId());
            }
        }
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(MessageRow row, boolean empty) {
                super.updateItem(row, empty);
                // Pseudo-classes, not style classes: rows get new items every frame while the list scrolls, and a
                // style-class change re-matches all CSS for the row.
                MessageRow.Kind kind = empty || row == null ? null : row.kind();
                for (MessageRow.Kind k : MessageRow.Kind.values()) pseudoClassStateChanged(KIND_PSEUDO[k.ordinal()], k == kind);
            }
        });
    }

    private static boolean hasSize(MessageRow row) {
        return row.kind() == MessageRow.Kind.EVENT || row.kind() == MessageRow.Kind.COMMENT;
    }

    private static ObservableValue<Object> constant(Object value) {
        return new ReadOnlyObjectWrapper<>(value);
    }
}
