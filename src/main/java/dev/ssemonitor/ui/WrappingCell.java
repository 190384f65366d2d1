package dev.ssemonitor.ui;

import javafx.scene.control.Control;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;

/**
 * A table cell for prose: the text wraps onto more lines (the row grows) instead of ending in "…", and its tooltip
 * has it whole. A Text node does the wrapping, as a Labeled cell wraps only where it is given the height.
 */
final class WrappingCell<S> extends TableCell<S, String> {
    private final Text text = new Text();

    private WrappingCell() {
        text.wrappingWidthProperty().bind(widthProperty().subtract(12));
        text.fillProperty().bind(textFillProperty()); // the theme's colour, dark or light
        text.fontProperty().bind(fontProperty());
        setPrefHeight(Control.USE_COMPUTED_SIZE);
    }

    static <S> WrappingCell<S> create() {
        return new WrappingCell<>();
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        text.setText(empty || item == null ? "" : item);
        setGraphic(empty ? null : text);
        setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
    }
}
