package dev.ssemonitor.ui;

import javafx.scene.shape.Polyline;

/**
 * A one-minute line of events per second, redrawn once a second. Its colours come from CSS ({@code .sparkline .line},
 * {@code .sparkline .baseline}), so the themes set them.
 */
public final class Sparkline extends SmallChart {
    private final Polyline line;
    private RateHistory history;

    public Sparkline() {
        this(new Polyline());
    }

    private Sparkline(Polyline line) {
        super("sparkline", line, "line");
        this.line = line;
    }

    void show(RateHistory values) {
        history = values;
        requestLayout();
    }

    @Override
    void draw(double w, double h) {
        line.getPoints().clear();
        if (history == null || history.size() < 2) return;
        double max = Math.max(1, history.max());
        double step = w / (history.capacity() - 1);
        double x0 = w - step * (history.size() - 1);
        Double[] points = new Double[history.size() * 2];
        for (int i = 0; i < history.size(); i++) {
            points[2 * i] = x0 + i * step;
            points[2 * i + 1] = h - 1 - (h - 3) * history.get(i) / max;
        }
        line.getPoints().setAll(points);
    }

    @Override
    protected double computePrefWidth(double height) {
        return 150;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 20;
    }
}
