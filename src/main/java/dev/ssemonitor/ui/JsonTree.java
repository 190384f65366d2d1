package dev.ssemonitor.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import javafx.scene.control.TreeItem;

/** Event data as JSON: parsed when it is JSON, pretty-printed, and as a collapsible tree of bounded size. */
final class JsonTree {
    static final int MAX_NODES = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonTree() {}

    /** The JSON object or array in {@code data}, or null when it is not one. */
    static JsonNode parse(String data) {
        String t = data.strip();
        if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) return null;
        try {
            return JSON.readTree(t);
        } catch (IOException e) {
            return null;
        }
    }

    static String pretty(JsonNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (IOException e) {
            return json.toString();
        }
    }

    /** The tree of {@code json}, at most {@link #MAX_NODES} nodes, its root expanded. */
    static TreeItem<String> of(JsonNode json) {
        TreeItem<String> root = item("(root)", json, new int[] {MAX_NODES});
        root.setExpanded(true);
        return root;
    }

    private static TreeItem<String> item(String name, JsonNode node, int[] budget) {
        budget[0]--;
        if (node.isObject()) {
            TreeItem<String> item = new TreeItem<>(name + "  {" + node.size() + "}");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext() && budget[0] > 0; ) {
                Map.Entry<String, JsonNode> f = it.next();
                item.getChildren().add(item(f.getKey(), f.getValue(), budget));
            }
            item.setExpanded(node.size() <= 20);
            return item;
        }
        if (node.isArray()) {
            TreeItem<String> item = new TreeItem<>(name + "  [" + node.size() + "]");
            for (int i = 0; i < node.size() && budget[0] > 0; i++) item.getChildren().add(item("[" + i + "]", node.get(i), budget));
            item.setExpanded(node.size() <= 20);
            return item;
        }
        return new TreeItem<>(name + ": " + node);
    }
}
