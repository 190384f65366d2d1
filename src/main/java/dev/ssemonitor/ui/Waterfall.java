package dev.ssemonitor.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/**
 * An attempt's phases side by side, each as wide as it took (at least a few pixels, so a 0 ms phase still shows),
 * labelled, coloured by CSS ({@code .waterfall .phase-dns} …). Like Chrome's Timing tab, on one line.
 */
public final class Waterfall extends Region {
    private final List<Region> bars = new ArrayList<>();
    private final List<Label> labels = new ArrayList<>();
    private List<AttemptReport.Phase> phases = List.of();

    public Waterfall() {
        getStyleClass().add("waterfall");
    }

    void show(List<AttemptReport.Phase> shown) {
        phases = shown;
        getChildren().clear();
        bars.clear();
        labels.clear();
        for (AttemptReport.Phase p : shown) {
            Region bar = new Region();
            bar.getStyleClass().addAll("phase", p.styleClass());
            Label label = new Label(p.name() + (p.name().endsWith("+") ? "" : " ") + (p.toMs() - p.fromMs()) + " ms");
            label.getStyleClass().addAll("phase-label", p.styleClass() + "-label");
            label.setMinWidth(Region.USE_PREF_SIZE);
            bars.add(bar);
            labels.add(label);
            getChildren().addAll(bar, label);
        }
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        if (phases.isEmpty() || w <= 0) return;
        double x0 = snappedLeftInset();
        double y0 = snappedTopInset();
        long total = Math.max(1, phases.get(phases.size() - 1).toMs());
        double scale = Math.max(0, w - MIN_BAR * phases.size()) / total;
        double x = x0;
        for (int i = 0; i < phases.size(); i++) {
            AttemptReport.Phase p = phases.get(i);
            double width = MIN_BAR + (p.toMs() - p.fromMs()) * scale;
            bars.get(i).resizeRelocate(x, y0, width, BAR_HEIGHT);
            x += width;
        }
        legend(w, true);
    }

    private static final double MIN_BAR = 3;
    private static final double BAR_HEIGHT = 10;

    /** Lays the labels out as a legend under the bars, wrapping; its height. */
    private double legend(double w, boolean place) {
        double x0 = snappedLeftInset();
        double lx = x0;
        double ly = snappedTopInset() + BAR_HEIGHT + 4;
        double lineHeight = 0;
        for (Label l : labels) {
            double lw = l.prefWidth(-1);
            double lh = l.prefHeight(lw);
            if (lx > x0 && lx + lw > x0 + w) {
                lx = x0;
                ly += lineHeight + 2;
            }
            if (place) l.resizeRelocate(lx, ly, lw, lh);
            lx += lw + 10;
            lineHeight = Math.max(lineHeight, lh);
        }
        return ly + lineHeight - snappedTopInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        if (phases.isEmpty()) return 0;
        double w = (width > 0 ? width : 300) - snappedLeftInset() - snappedRightInset();
        return snappedTopInset() + legend(w, false) + snappedBottomInset();
    }

    @Override
    public javafx.geometry.Orientation getContentBias() {
        return javafx.geometry.Orientation.HORIZONTAL; // the legend wraps: narrower is taller
    }

    @Override
    protected double computePrefWidth(double height) {
        return 300;
    }
}
