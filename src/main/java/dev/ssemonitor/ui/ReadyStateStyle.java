package dev.ssemonitor.ui;

import dev.ssemonitor.client.ReadyState;
import javafx.scene.Node;

/**
 * How a readyState looks and reads: one style class per state (coloured by the theme's CSS), shared by the badge and
 * the tab's dot, and the words of the badge and its tooltip.
 */
final class ReadyStateStyle {
    private static final String IDLE = "state-idle";

    private ReadyStateStyle() {}

    /** Gives {@code node} the style class of a readyState (state-0/1/2), or state-idle before any connection. */
    static void apply(Node node, ReadyState s) {
        node.getStyleClass().removeAll(IDLE, "state-0", "state-1", "state-2");
        node.getStyleClass().add(s == null ? IDLE : "state-" + s.code());
    }

    /** @param reconnectInSeconds while waiting to reconnect, the seconds left (then the badge shows them); else -1 */
    static String badgeText(ReadyState s, long reconnectInSeconds) {
        if (s == null) return "– IDLE";
        String text = s.code() + " " + s.name();
        return s == ReadyState.CONNECTING && reconnectInSeconds > 0
                ? text + " · retry in " + Formats.countdown(reconnectInSeconds) : text;
    }

    static String describe(ReadyState s) {
        if (s == null) return "Not connected yet. Enter a URL and press Enter.";
        return switch (s) {
            case CONNECTING -> "0 CONNECTING: opening the connection, or waiting to reconnect after it dropped.";
            case OPEN -> "1 OPEN: the response was 200 text/event-stream and events are being delivered.";
            case CLOSED -> "2 CLOSED: the connection failed for good or was closed; no reconnect will follow.";
        };
    }
}
