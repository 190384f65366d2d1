package dev.ssemonitor.ui;

import javafx.beans.value.ObservableValue;
import javafx.beans.value.WritableValue;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;

/**
 * A text cell for the headers table that writes what is typed into the row as it is typed. JavaFX's
 * TextFieldTableCell keeps an edit only when Enter is pressed, so a header typed before clicking Connect (or pressing
 * Ctrl+Enter) would be lost. Esc restores the value the edit started from; Tab moves on to the next cell.
 */
final class EditingCell<S> extends TableCell<S, String> {
    private final TextField field = new TextField();
    private String original;

    EditingCell() {
        field.textProperty().addListener((o, a, text) -> {
            if (isEditing()) write(text);
        });
        field.setOnAction(e -> commitEdit(field.getText()));
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                write(original);
                cancelEdit();
                e.consume();
            } else if (e.getCode() == KeyCode.TAB) {
                // Tab goes on to the next cell of the row (Shift+Tab back), editing it, as in a spreadsheet: the keys
                // typed next belong there, not to whatever the focus would otherwise land on.
                int at = getTableView().getVisibleLeafIndex(getTableColumn()) + (e.isShiftDown() ? -1 : 1);
                if (at >= 0 && at < getTableView().getVisibleLeafColumns().size()) {
                    commitEdit(field.getText());
                    getTableView().edit(getIndex(), getTableView().getVisibleLeafColumn(at));
                    e.consume();
                }
            }
        });
        field.focusedProperty().addListener((o, had, has) -> {
            if (!has && isEditing()) commitEdit(field.getText());
        });
    }

    @SuppressWarnings("unchecked")
    private void write(String text) {
        ObservableValue<String> value = getTableColumn().getCellObservableValue(getIndex());
        if (value instanceof WritableValue<?> w) ((WritableValue<String>) w).setValue(text);
    }

    @Override
    public void startEdit() {
        if (!isEditable() || !getTableView().isEditable() || !getTableColumn().isEditable()) return;
        super.startEdit();
        if (!isEditing()) return;
        original = getItem() == null ? "" : getItem();
        field.setText(original);
        setText(null);
        setGraphic(field);
        field.requestFocus();
        field.selectAll();
    }

    @Override
    public void cancelEdit() {
        super.cancelEdit();
        setText(getItem());
        setGraphic(null);
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        if (empty) {
            setText(null);
            setGraphic(null);
        } else if (isEditing()) {
            setText(null);
            setGraphic(field);
        } else {
            setText(item);
            setGraphic(null);
        }
    }
}
