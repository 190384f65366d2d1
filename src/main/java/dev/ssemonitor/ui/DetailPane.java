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

    /** Characters a text view shows at most; the rest is named, not shown. */
    static final int SHOWN_CHARS = 256 * 1024;
    /** Data parsed for the JSON tree at most. */
    static final int MAX_JSON_CHARS = 2 * 1024 * 1024;

    static String cap(String s) {
        return s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS)
                + String.format("%n… %,d more characters not shown (Copy data copies them all)", s.length() - SHOWN_CHARS);
    }

    private static String markedHead(MessageRow row) {
        return dev.ssemonitor.sse.RawBytes.ofBytes(row.raw(), SHOWN_CHARS).marked();
    }

    static String title(MessageRow row) {
        int max = Formats.LINE_FIELD_CHARS;
        return "#" + row.seq() + " " + row.kind().name().toLowerCase(Locale.ROOT)
                + " · " + Formats.clip(Formats.typeLabel(row), max)
                + (row.id().isEmpty() ? "" : " · id " + Formats.clip(row.id(), max)) + " · " + row.size() + " B";
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
        title.setText(title(row));
        // A text area slows down with its text: a 10 MiB event shown whole froze the window for seconds. What is shown
        // is capped; Copy data still copies all of it.
        raw.setText(cap(row.raw().length() > SHOWN_CHARS ? markedHead(row) : row.raw().marked()));
        hex.setText(Formats.hex(row.raw()));
        String data = Formats.rowText(row);
        JsonNode parsed = data.length() <= MAX_JSON_CHARS ? JsonTree.parse(data) : null;
        if (parsed == null) {
            text.setText(cap(data));
            json.setRoot(new TreeItem<>(data.length() > MAX_JSON_CHARS ? "Too large to show as a tree ("
                    + Formats.bytes(data.length()) + ")" : "Not JSON"));
        } else {
            text.setText(cap(JsonTree.pretty(parsed)));
            json.setRoot(JsonTree.of(parsed));
        }
    }
}
