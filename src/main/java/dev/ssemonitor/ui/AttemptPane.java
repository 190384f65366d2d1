package dev.ssemonitor.ui;

import javafx.beans.InvalidationListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * The Attempt tab: the attempt selected in the timeline, in full ({@link AttemptReport}), kept current while it goes
 * on (its response arrives, it ends). FX thread.
 */
final class AttemptPane {
    private AttemptPane() {}

    static void bind(TableView<AttemptRow> table, TabPane side, Tab tab, Label title, Button copy, Waterfall waterfall,
                     TextArea text) {
        InvalidationListener refresh = o -> show(table.getSelectionModel().getSelectedItem(), title, copy, waterfall, text);
        table.getSelectionModel().selectedItemProperty().addListener((o, old, row) -> {
            if (old != null) {
                old.statusProperty().removeListener(refresh);
                old.endReasonProperty().removeListener(refresh);
                old.timeToFirstByteProperty().removeListener(refresh);
            }
            if (row != null) {
                row.statusProperty().addListener(refresh);
                row.endReasonProperty().addListener(refresh);
                row.timeToFirstByteProperty().addListener(refresh);
                side.getSelectionModel().select(tab);
            }
            show(row, title, copy, waterfall, text);
        });
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(text.getText());
            Clipboard.getSystemClipboard().setContent(c);
        });
    }

    private static void show(AttemptRow row, Label title, Button copy, Waterfall waterfall, TextArea text) {
        copy.setDisable(row == null);
        if (row == null) {
            title.setText("Select a connection attempt below");
            waterfall.show(java.util.List.of());
            text.clear();
            return;
        }
        title.setText(AttemptReport.title(row));
        waterfall.show(AttemptReport.phases(row));
        double scroll = text.getScrollTop();
        text.setText(AttemptReport.text(row));
        text.setScrollTop(scroll);
    }
}
