package dev.ssemonitor.ui;

import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;

/**
 * The gaps between an answer's chunks, one bar per gap in arrival order (each bar the largest of the gaps it stands
 * for when there are more than the chart is wide), so a stall stands out. Colours from CSS: {@code .gap-chart .bar},
 * {@code .gap-chart .baseline}.
 */
public final class GapChart extends SmallChart {
    private final Path bars;
    private long[] gaps = new long[0];

    public GapChart() {
        this(new Path());
    }

    private GapChart(Path bars) {
        super("gap-chart", bars, "bar");
        this.bars = bars;
    }

    void show(long[] series) {
        gaps = series == null ? new long[0] : series;
        requestLayout();
    }

    @Override
    void draw(double w, double h) {
        if (gaps.length == 0 || w <= 0) {
            bars.getElements().clear();
            return;
        }
        long max = 1;
        for (long g : gaps) max = Math.max(max, g);
        double step = Math.min(6, w / gaps.length);
        bars.setStrokeWidth(Math.max(1, Math.floor(step) - 1));
        PathElement[] elements = new PathElement[gaps.length * 2];
        for (int i = 0; i < gaps.length; i++) {
            double x = Math.floor(i * step) + bars.getStrokeWidth() / 2;
            elements[2 * i] = new MoveTo(x, h - 1);
            elements[2 * i + 1] = new LineTo(x, h - 1 - Math.max(1, (h - 3) * gaps[i] / max));
        }
        bars.getElements().setAll(elements);
    }

    @Override
    protected double computePrefWidth(double height) {
        return 200;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 36;
    }
}
