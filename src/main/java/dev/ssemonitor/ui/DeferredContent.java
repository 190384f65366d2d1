package dev.ssemonitor.ui;

import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TitledPane;

/**
 * Keeps a hidden pane's content out of the scene until it is first shown. A node in the scene gets its CSS and its
 * skin when the window first lays out, shown or not: the side tabs, the event views other than Text and the closed
 * request options cost a third of a second of start-up that way. The content is built and bound as before (from
 * FXML, by its controller); only its joining the scene waits.
 */
final class DeferredContent {
    private DeferredContent() {}

    /** A tab that is not selected gets its content back when it is selected first. */
    static void untilSelected(Tab tab) {
        if (tab.isSelected() || tab.getContent() == null) return;
        Node content = tab.getContent();
        tab.setContent(null);
        once(tab.selectedProperty(), () -> tab.setContent(content));
    }

    /** A closed titled pane gets its content back when it is opened first. */
    static void untilExpanded(TitledPane pane) {
        if (pane.isExpanded() || pane.getContent() == null) return;
        Node content = pane.getContent();
        pane.setContent(null);
        once(pane.expandedProperty(), () -> pane.setContent(content));
    }

    private static void once(ObservableBooleanValue shown, Runnable attach) {
        shown.addListener(new InvalidationListener() {
            @Override
            public void invalidated(Observable o) {
                if (!shown.get()) return;
                shown.removeListener(this);
                attach.run();
            }
        });
    }
}
