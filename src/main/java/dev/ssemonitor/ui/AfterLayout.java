package dev.ssemonitor.ui;

import java.util.IdentityHashMap;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;

/** Runs a step once after the next layout pass of a node's scene, once however often it is asked for in a pulse. */
final class AfterLayout {
    private static final Map<Node, Runnable> PENDING = new IdentityHashMap<>();

    private AfterLayout() {}

    static void run(Node node, Runnable step) {
        Scene scene = node.getScene();
        if (scene == null) {
            Platform.runLater(step);
            return;
        }
        if (PENDING.put(node, step) != null) return; // already asked for this pulse: the newest step runs
        Runnable[] self = new Runnable[1];
        self[0] = () -> {
            scene.removePostLayoutPulseListener(self[0]);
            Runnable latest = PENDING.remove(node);
            if (latest != null) latest.run();
        };
        scene.addPostLayoutPulseListener(self[0]);
        Platform.requestNextPulse();
    }
}
