package dev.ssemonitor.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * What a person sees, written down for {@code scripts/desktop-check.sh}: every window's size, every label or button
 * whose text is cut to "…", how many rows each table shows, and the Message view's heading. On only when the {@code sse.monitor.audit} system
 * property names a file; then it rewrites that file (atomically) once a second. The window manager's own geometry is
 * checked by the script; this says what only the app can see.
 */
final class LayoutAudit {
    static final String PROPERTY = "sse.monitor.audit";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static long written;

    private LayoutAudit() {}

    /** Starts writing the audit if the property asks for it. FX thread. */
    static void startIfAsked() {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) return;
        Path target = Path.of(file);
        Timeline timeline = new Timeline(new KeyFrame(Duration.seconds(1), e -> write(target)));
        timeline.setCycleCount(Timeline.INDEFINITE);
        timeline.play();
    }

    private static void write(Path target) {
        ObjectNode root = snapshot();
        try {
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), root);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.getLogger(LayoutAudit.class.getName()).log(System.Logger.Level.WARNING, "audit: " + e.getMessage());
        }
    }

    /** Every showing window, as the audit describes it. FX thread. */
    static ObjectNode snapshot() {
        ObjectNode root = JSON.createObjectNode();
        root.put("seq", ++written); // so a reader can wait for a snapshot taken after a change it made
        ArrayNode windows = root.putArray("windows");
        for (Window w : Window.getWindows()) {
            if (!w.isShowing() || w.getScene() == null) continue;
            ObjectNode o = windows.addObject();
            o.put("title", w instanceof Stage s ? s.getTitle() : "");
            o.put("width", w.getScene().getWidth());
            o.put("height", w.getScene().getHeight());
            ArrayNode cut = o.putArray("truncated");
            ArrayNode tables = o.putArray("tables");
            ObjectNode texts = o.putObject("texts");
            visit(w.getScene().getRoot(), cut, tables, texts);
        }
        return root;
    }

    /** The texts the script waits on (the Message view's heading): by id, when shown. */
    private static boolean watched(String id) {
        return id != null && id.startsWith("answer");
    }

    private static void visit(Node node, ArrayNode cut, ArrayNode tables, ObjectNode texts) {
        if (!node.isVisible()) return;
        if (node.getStyleClass().contains("table-cell")) return; // data cells elide long values on purpose
        if (node instanceof Labeled l && watched(node.getId())) texts.put(node.getId(), l.getText());
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            Node text = l.lookup(".text");
            if (text instanceof Text shown && !shown.getText().equals(l.getText()) && shown.getText().endsWith(l.getEllipsisString())) {
                ObjectNode c = cut.addObject();
                c.put("id", node.getId() == null ? node.getClass().getSimpleName() : node.getId());
                c.put("text", l.getText());
                c.put("shown", shown.getText());
            }
        }
        if (node instanceof TableView<?> table) {
            ObjectNode t = tables.addObject();
            t.put("id", table.getId() == null ? "" : table.getId());
            t.put("items", table.getItems().size());
            t.put("rowsShown", rowsShown(table));
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) visit(child, cut, tables, texts);
        }
    }

    /** How many rows fit in the table's viewport: its height below the header over one row's height. */
    private static int rowsShown(TableView<?> table) {
        double rowHeight = 0;
        for (Node n : table.lookupAll(".table-row-cell")) {
            if (n instanceof TableRow<?> row && row.getHeight() > 0) {
                rowHeight = row.getHeight();
                break;
            }
        }
        Node header = table.lookup(".column-header-background");
        double headerHeight = header == null ? 0 : header.getLayoutBounds().getHeight();
        if (rowHeight <= 0) return 0;
        return (int) Math.floor((table.getHeight() - headerHeight - 2) / rowHeight);
    }
}
