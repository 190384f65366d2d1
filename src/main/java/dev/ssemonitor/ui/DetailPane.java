package dev.ssemonitor.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;

/**
 * The selected row in full: as text, as pretty JSON with a tree, as the field lines received (bytes that are not
 * UTF-8 marked ⟨ff⟩, not hidden), and as a hex dump of those bytes. FX thread.
 */
final class DetailPane {
    private final Label title;
    private final Button copy;
    private final TextArea text;
    private final TreeView<String> json;
    private final TextArea raw;
    private final TextArea hex;

    DetailPane(Label title, Button copy, TextArea text, TreeView<String> json, TextArea raw, TextArea hex) {
        this.title = title;
        this.copy = copy;
        this.text = text;
        this.json = json;
        this.raw = raw;
        this.hex = hex;
    }

    void show(MessageRow row) {
        copy.setDisable(row == null);
        if (row == null) {
            title.setText("Select a message");
            text.clear();
            raw.clear();
            hex.clear();
            json.setRoot(null);
            return;
        }
        title.setText("#" + row.seq() + " " + row.kind().name().toLowerCase(Locale.ROOT) + " · " + Formats.typeLabel(row)
                + (row.id().isEmpty() ? "" : " · id " + row.id()) + " · " + row.size() + " B");
        raw.setText(row.raw().marked());
        hex.setText(Formats.hex(row.raw()));
        String data = Formats.rowText(row);
        JsonNode parsed = JsonTree.parse(data);
        if (parsed == null) {
            text.setText(data);
            json.setRoot(new TreeItem<>("Not JSON"));
        } else {
            text.setText(JsonTree.pretty(parsed));
            json.setRoot(JsonTree.of(parsed));
        }
    }
}
