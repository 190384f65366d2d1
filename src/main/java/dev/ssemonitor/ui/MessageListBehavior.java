package dev.ssemonitor.ui;

import java.util.List;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * How the message list behaves under the user's hands: following the newest row (and letting go of it), the row
 * menu, and copying. The state (following, unseen rows) is the view-model's; this only reads gestures. FX thread.
 */
final class MessageListBehavior {
    private final ConnectionViewModel vm;
    private final TableView<MessageRow> messages;
    private final ToggleButton follow;
    private final Button newRows;

    MessageListBehavior(ConnectionViewModel vm, TableView<MessageRow> messages, ToggleButton follow, Button newRows) {
        this.vm = vm;
        this.messages = messages;
        this.follow = follow;
        this.newRows = newRows;
    }

    ContextMenu rowMenu() {
        MenuItem copyData = new MenuItem("Copy Data");
        copyData.setAccelerator(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN));
        copyData.setOnAction(e -> copySelected());
        MenuItem copyJson = new MenuItem("Copy as JSON (NDJSON)");
        copyJson.setAccelerator(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        copyJson.setOnAction(e -> copySelectedAsJson());
        MenuItem copyId = new MenuItem("Copy Id");
        copyId.setOnAction(e -> copyText(selected().stream().map(MessageRow::id).filter(id -> !id.isEmpty()).toList()));
        MenuItem onlyType = new MenuItem("Show Only This Type");
        onlyType.setMnemonicParsing(false);
        onlyType.setOnAction(e -> {
            MessageRow row = messages.getSelectionModel().getSelectedItem();
            if (row != null && row.kind() == MessageRow.Kind.EVENT) {
                vm.filter().types().retainAll(java.util.Set.of(row.type()));
                vm.filter().types().add(row.type());
            }
        });
        ContextMenu menu = new ContextMenu(copyData, copyJson, copyId, new SeparatorMenuItem(), onlyType);
        menu.setOnShowing(e -> {
            MessageRow row = messages.getSelectionModel().getSelectedItem();
            boolean none = row == null;
            copyData.setDisable(none);
            copyJson.setDisable(none);
            copyId.setDisable(none || selected().stream().allMatch(r -> r.id().isEmpty()));
            boolean event = !none && row.kind() == MessageRow.Kind.EVENT;
            onlyType.setDisable(!event);
            onlyType.setText(event ? "Show Only Type '" + row.type() + "'" : "Show Only This Type");
        });
        return menu;
    }

    /**
     * Following keeps the newest row in view. Scrolling up, paging up or selecting a row stops it, visibly (the Follow
     * button pops out and "N new" counts what arrives); End, the button, or scrolling back to the bottom resumes it.
     */
    void bindFollow() {
        follow.selectedProperty().bindBidirectional(vm.followingProperty());
        newRows.textProperty().bind(Bindings.createStringBinding(() -> String.format("↓ %,d new", vm.unseenProperty().get()),
                vm.unseenProperty()));
        newRows.visibleProperty().bind(vm.followingProperty().not().and(vm.unseenProperty().greaterThan(0)));
        newRows.managedProperty().bind(newRows.visibleProperty());
        // After the user scrolls (wheel or scroll bar), the position decides: away from the bottom stops following,
        // back at the bottom resumes it.
        messages.addEventFilter(ScrollEvent.SCROLL, e -> {
            // Up: stop at once, before the next pulse can scroll back down. Down: resume if it reached the bottom.
            if (e.getDeltaY() > 0) vm.followingProperty().set(false);
            else Platform.runLater(this::followIfAtBottom);
        });
        messages.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (e.getTarget() instanceof Node n && insideScrollBar(n)) Platform.runLater(this::followIfAtBottom);
        });
        messages.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case UP, PAGE_UP, HOME -> vm.followingProperty().set(false);
                case END -> followNewest();
                default -> {
                    // other keys leave following as it is
                }
            }
        });
        messages.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            // A row picked, or the scroll bar grabbed: the user is looking somewhere, so the list must hold still.
            if (e.getTarget() instanceof Node n && (insideRow(n) || insideScrollBar(n))) vm.followingProperty().set(false);
        });
        vm.followingProperty().addListener((o, was, on) -> {
            if (on) scrollToNewest();
        });
    }

    private void followIfAtBottom() {
        if (!(messages.lookup(".virtual-flow") instanceof VirtualFlow<?> flow)) return;
        IndexedCell<?> last = flow.getLastVisibleCell();
        int newest = vm.visibleRows().size() - 1;
        boolean atBottom = newest < 0 || (last != null && last.getIndex() >= newest);
        vm.followingProperty().set(atBottom);
    }

    private static boolean insideScrollBar(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p instanceof ScrollBar) return true;
        }
        return false;
    }

    private static boolean insideRow(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p instanceof TableRow<?> row) return !row.isEmpty();
        }
        return false;
    }

    void followNewest() {
        messages.getSelectionModel().clearSelection();
        vm.followingProperty().set(true);
        scrollToNewest();
    }

    /**
     * Brings the newest row into view, after this pulse's layout: before it the table has not counted the rows just
     * added, and a scroll to one of them would stop a row short (the last row of a stream that has ended would stay
     * hidden).
     */
    void scrollToNewest() {
        AfterLayout.run(messages, () -> {
            int last = vm.visibleRows().size() - 1;
            if (last >= 0) messages.scrollTo(last);
        });
    }

    private List<MessageRow> selected() {
        return List.copyOf(messages.getSelectionModel().getSelectedItems());
    }

    /** The selected rows' data, one row a line (Ctrl+C). */
    void copySelected() {
        copyText(selected().stream().map(Formats::rowText).toList());
    }

    /** The selected rows as the NDJSON records watch prints (Ctrl+Shift+C). */
    void copySelectedAsJson() {
        List<MessageRow> rows = selected();
        if (!rows.isEmpty()) copyText(List.of(SessionExport.ndjson(rows)));
    }

    private static void copyText(List<String> lines) {
        if (lines.isEmpty()) return;
        ClipboardContent content = new ClipboardContent();
        content.putString(String.join("\n", lines));
        Clipboard.getSystemClipboard().setContent(content);
    }
}
