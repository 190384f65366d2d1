package dev.ssemonitor.ui;

import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.scene.shape.Shape;

/** A chart a line high: a baseline along the bottom and one shape drawn over it, both styled by CSS. */
public abstract class SmallChart extends Region {
    private final Line baseline = new Line();

    SmallChart(String styleClass, Shape drawn, String drawnClass) {
        getStyleClass().add(styleClass);
        drawn.getStyleClass().add(drawnClass);
        baseline.getStyleClass().add("baseline");
        drawn.setManaged(false);
        baseline.setManaged(false);
        getChildren().addAll(baseline, drawn);
    }

    @Override
    protected final void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        baseline.setStartX(0);
        baseline.setEndX(w);
        baseline.setStartY(h - 0.5);
        baseline.setEndY(h - 0.5);
        draw(w, h);
    }

    /** Redraws the shape for this size. */
    abstract void draw(double w, double h);
}
