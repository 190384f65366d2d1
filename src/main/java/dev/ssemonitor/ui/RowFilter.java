package dev.ssemonitor.ui;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.transformation.FilteredList;

/** What the user filters the list by, and the filtered view it keeps up to date. FX thread. */
public final class RowFilter {
    private final StringProperty text = new SimpleStringProperty("");
    private final BooleanProperty regex = new SimpleBooleanProperty(false);
    private final ObservableSet<String> types = FXCollections.observableSet();
    private final BooleanProperty showComments = new SimpleBooleanProperty(true);
    private final BooleanProperty showConnection = new SimpleBooleanProperty(true);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final FilteredList<MessageRow> visible;
    /** Numbers each predicate of every filter, so a row's kept answer is never taken for another's. */
    private static final AtomicInteger GENERATIONS = new AtomicInteger();
    private Predicate<MessageRow> current;
    /** The regex search of the current predicate, when it has one. */
    private RegexBudget budget;

    RowFilter(ObservableList<MessageRow> rows) {
        visible = new FilteredList<>(rows);
        apply(true);
        for (Observable o : new Observable[] {text, regex, types, showComments, showConnection}) {
            o.addListener(x -> {
                apply(true);
                settle();
            });
        }
    }

    /** Builds the filter as it stands (without its text when {@code withText} is false) and refilters the list by it. */
    private void apply(boolean withText) {
        current = predicate(withText);
        visible.setPredicate(current);
    }

    /**
     * When the regex gave up on a row, drops the text from the filter (kinds and types still apply) and says why, so
     * the list is consistent again. Runs after each refilter and each drain: never while the list is changing.
     */
    void settle() {
        if (budget == null || !budget.spent()) return;
        String why = "Regex too slow: it gave up on a row, so the text filter is off (nested repeats such as (a+)+ can"
                + " take for ever)";
        apply(false);
        error.set(why);
    }

    /**
     * Answers the filter for a row on the pulse it arrives, before it joins the list: a flood's rows join in one batch
     * every 250 ms, and the list then finds each answered instead of testing 12,500 of them in one frame.
     */
    void prepare(MessageRow row) {
        current.test(row);
    }

    /** The rows that pass: what the table shows. */
    FilteredList<MessageRow> visible() {
        return visible;
    }

    /** The filter as it stands, without its text when {@code withText} is false; resets the error and regex budget. */
    private Predicate<MessageRow> predicate(boolean withText) {
        boolean comments = showComments.get();
        boolean connection = showConnection.get();
        Set<String> onlyTypes = Set.copyOf(types);
        String needle = text.get() == null || !withText ? "" : text.get();
        Predicate<String> matches = null;
        error.set("");
        budget = null;
        if (!needle.isEmpty() && regex.get()) {
            try {
                RegexBudget search = new RegexBudget(Pattern.compile(needle));
                budget = search;
                matches = search::find;
            } catch (PatternSyntaxException e) {
                error.set("Bad regex: " + e.getDescription());
            }
        } else if (!needle.isEmpty()) {
            matches = hasCase(needle) ? v -> containsIgnoreCase(v, needle) : v -> v.indexOf(needle) >= 0;
        }
        Predicate<String> m = matches;
        // A needle of ASCII without letters (ids, numbers, punctuation) is looked for in an event's bytes as they came.
        byte[] bytesNeedle = matches != null && !regex.get() && !hasCase(needle) && isPlainAscii(needle)
                ? needle.getBytes(java.nio.charset.StandardCharsets.US_ASCII) : null;
        int answersFor = GENERATIONS.updateAndGet(g -> g >= (1 << 30) ? 1 : g + 1);
        Predicate<MessageRow> test = row -> {
            switch (row.kind()) {
                case COMMENT, RETRY -> {
                    if (!comments) return false;
                }
                case STATE, ERROR -> {
                    if (!connection) return false;
                }
                case EVENT -> {
                    // events always take part
                }
            }
            if (!onlyTypes.isEmpty() && (row.kind() != MessageRow.Kind.EVENT || !onlyTypes.contains(row.type()))) return false;
            if (m == null) return true;
            int inText = bytesNeedle != null && row.kind() == MessageRow.Kind.EVENT ? row.textContains(bytesNeedle) : -1;
            if (inText == 1) return true;
            return (inText == 0 ? false : m.test(Formats.rowText(row))) || m.test(Formats.typeLabel(row)) || m.test(row.id());
        };
        return row -> row.passes(answersFor, test);
    }

    /**
     * Case-insensitive substring test without a regex: refiltering 100,000 rows happens on a keystroke. A needle with
     * no letters in it (digits, punctuation: ids, numbers) needs no case folding and takes the JDK's intrinsic
     * {@code indexOf}; otherwise the first character is looked for in both cases before the rest is compared.
     */
    static boolean containsIgnoreCase(String haystack, String needle) {
        int n = needle.length();
        if (n == 0) return true;
        if (!hasCase(needle)) return haystack.indexOf(needle) >= 0;
        char first = needle.charAt(0);
        char lower = Character.toLowerCase(first);
        char upper = Character.toUpperCase(first);
        for (int i = 0, last = haystack.length() - n; i <= last; i++) {
            char c = haystack.charAt(i);
            if ((c == lower || c == upper || c == first) && haystack.regionMatches(true, i, needle, 0, n)) return true;
        }
        return false;
    }

    /** ASCII and neither CR nor LF: what {@link RawBytes#dataContains} can look for. */
    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == '\n' || c == '\r') return false;
        }
        return true;
    }

    private static boolean hasCase(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.toLowerCase(c) != c || Character.toUpperCase(c) != c) return true;
        }
        return false;
    }

    public StringProperty textProperty() {
        return text;
    }

    public BooleanProperty regexProperty() {
        return regex;
    }

    /** The event types to show; empty for all of them. */
    public ObservableSet<String> types() {
        return types;
    }

    /** Whether anything narrows the list: text, types, or hidden kinds. */
    public boolean isActive() {
        return !text.get().isEmpty() || !types.isEmpty() || !showComments.get() || !showConnection.get();
    }

    public BooleanProperty showCommentsProperty() {
        return showComments;
    }

    public BooleanProperty showConnectionProperty() {
        return showConnection;
    }

    /** Why the regex does not compile; empty when it does. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
