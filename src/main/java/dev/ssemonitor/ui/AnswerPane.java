package dev.ssemonitor.ui;

import dev.ssemonitor.llm.Answer;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.VBox;

/**
 * Binds the Message view to an {@link AnswerViewModel}: the answer text (appended to, not replaced, while it grows, so
 * the caret and scroll stay), the reasoning, each tool call, the timing and the gap chart. FX thread.
 */
final class AnswerPane {
    private static final List<String> STATE_CLASSES = List.of("answer-streaming", "answer-finished", "answer-failed",
            "answer-incomplete");

    private AnswerPane() {}

    record Nodes(Label heading, ChoiceBox<AnswerViewModel.Reading> reading, TextField path, Label message, Button copy,
                 Label timing, Label tokens, Label gaps, GapChart chart, Label error, TitledPane reasoningPane,
                 TextArea reasoning, TextArea text, TitledPane toolsPane, VBox tools, TitledPane choicesPane,
                 VBox choices, Label placeholder) {}

    static void bind(AnswerViewModel vm, Nodes n) {
        n.reading().getItems().setAll(AnswerViewModel.Reading.values());
        n.reading().valueProperty().bindBidirectional(vm.readingProperty());
        n.path().textProperty().bindBidirectional(vm.pathProperty());
        n.path().visibleProperty().bind(vm.readingProperty().isEqualTo(AnswerViewModel.Reading.JSON_PATH));
        n.path().managedProperty().bind(n.path().visibleProperty());
        n.path().setOnAction(e -> vm.apply());
        n.message().textProperty().bind(vm.messageProperty());
        showWhenText(n.message());
        n.heading().textProperty().bind(vm.headingProperty());
        vm.stateProperty().addListener((o, a, s) -> {
            n.heading().getStyleClass().removeAll(STATE_CLASSES);
            if (s != null) n.heading().getStyleClass().add(STATE_CLASSES.get(s.ordinal()));
        });
        n.copy().disableProperty().bind(vm.textProperty().isEmpty());
        n.copy().setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(vm.textProperty().get());
            Clipboard.getSystemClipboard().setContent(c);
        });
        n.timing().textProperty().bind(vm.timingProperty());
        showWhenText(n.timing());
        n.tokens().textProperty().bind(vm.tokensProperty());
        showWhenText(n.tokens());
        n.gaps().textProperty().bind(vm.gapsProperty());
        showWhenText(n.gaps());
        vm.gapSeriesProperty().addListener((o, a, g) -> n.chart().show(g));
        n.chart().visibleProperty().bind(vm.gapsProperty().isNotEmpty());
        n.chart().managedProperty().bind(n.chart().visibleProperty());
        n.error().textProperty().bind(vm.errorProperty());
        showWhenText(n.error());
        n.text().setText(vm.textProperty().get());
        vm.textProperty().addListener((o, a, t) -> grow(n.text(), a, t));
        vm.reasoningProperty().addListener((o, a, t) -> grow(n.reasoning(), a, t));
        // An answer over with reasoning and no text (cut during thinking): the reasoning is what there is to read.
        vm.stateProperty().addListener((o, a, state) -> {
            if (state != null && state != Answer.State.STREAMING && vm.textProperty().get().isEmpty()
                    && !vm.reasoningProperty().get().isEmpty()) {
                n.reasoningPane().setExpanded(true);
            }
        });
        n.reasoningPane().visibleProperty().bind(vm.reasoningProperty().isNotEmpty());
        n.reasoningPane().managedProperty().bind(n.reasoningPane().visibleProperty());
        n.reasoningPane().textProperty().bind(Bindings.createStringBinding(() -> "Reasoning ("
                + String.format("%,d", vm.reasoningProperty().get().length()) + " characters)", vm.reasoningProperty()));
        vm.toolCalls().addListener((ListChangeListener<Answer.ToolCall>) c -> showTools(vm, n));
        n.toolsPane().visibleProperty().bind(Bindings.isNotEmpty(vm.toolCalls()));
        n.toolsPane().managedProperty().bind(n.toolsPane().visibleProperty());
        vm.otherChoices().addListener((ListChangeListener<Answer.Choice>) c -> showChoices(vm, n));
        n.choicesPane().visibleProperty().bind(Bindings.isNotEmpty(vm.otherChoices()));
        n.choicesPane().managedProperty().bind(n.choicesPane().visibleProperty());
        n.placeholder().visibleProperty().bind(vm.presentProperty().not());
        n.placeholder().managedProperty().bind(n.placeholder().visibleProperty());
        n.text().visibleProperty().bind(vm.presentProperty());
        n.text().managedProperty().bind(n.text().visibleProperty());
    }

    /** Appends what is new when the text grew, so the user's scroll position and selection stay put. */
    private static void grow(TextArea area, String before, String after) {
        if (after.startsWith(before) && area.getLength() == before.length()) area.appendText(after.substring(before.length()));
        else area.setText(after);
    }

    private static void showTools(AnswerViewModel vm, Nodes n) {
        n.toolsPane().setText(vm.toolCalls().size() == 1 ? "Tool call" : vm.toolCalls().size() + " tool calls");
        List<javafx.scene.Node> items = new ArrayList<>();
        for (Answer.ToolCall t : vm.toolCalls()) {
            Label title = new Label((t.name().isEmpty() ? "(unnamed)" : t.name()) + (t.id().isEmpty() ? "" : "  · " + t.id())
                    + (Boolean.FALSE.equals(t.validJson()) ? "  · arguments are not valid JSON" : ""));
            title.getStyleClass().add(Boolean.FALSE.equals(t.validJson()) ? "tool-call-invalid" : "tool-call-title");
            title.setMnemonicParsing(false);
            TextArea args = new TextArea(t.pretty());
            args.setEditable(false);
            args.setWrapText(true);
            args.getStyleClass().add("mono");
            args.setPrefRowCount(Math.min(14, 1 + (int) t.pretty().chars().filter(ch -> ch == '\n').count()));
            items.add(title);
            items.add(args);
        }
        n.tools().getChildren().setAll(items);
    }

    private static void showChoices(AnswerViewModel vm, Nodes n) {
        n.choicesPane().setText("Other choices (" + vm.otherChoices().size() + ")");
        List<javafx.scene.Node> items = new ArrayList<>();
        for (Answer.Choice c : vm.otherChoices()) {
            Label title = new Label("Choice " + c.index() + (c.finishReason().isEmpty() ? "" : " · " + c.finishReason()));
            TextArea text = new TextArea(c.text());
            text.setEditable(false);
            text.setWrapText(true);
            text.setPrefRowCount(3);
            items.add(title);
            items.add(text);
        }
        n.choices().getChildren().setAll(items);
    }

    private static void showWhenText(Label label) {
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }
}
