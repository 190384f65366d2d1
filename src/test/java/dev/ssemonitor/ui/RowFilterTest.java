package dev.ssemonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssemonitor.sse.EventStreamHandler;
import dev.ssemonitor.sse.EventStreamParser;
import dev.ssemonitor.sse.ServerSentEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.Test;

class RowFilterTest {
    @Test
    void containsIgnoringCaseFindsLettersInEitherCaseAndEverythingElseAsIs() {
        assertThat(RowFilter.containsIgnoreCase("{\"n\":123,\"p\":\"x\"}", "123")).isTrue();
        assertThat(RowFilter.containsIgnoreCase("{\"n\":124}", "123")).isFalse();
        assertThat(RowFilter.containsIgnoreCase("Current Time is 10:41", "time IS")).isTrue();
        assertThat(RowFilter.containsIgnoreCase("ÉTÉ chaud", "été")).isTrue();
        assertThat(RowFilter.containsIgnoreCase("abc", "abcd")).isFalse();
        assertThat(RowFilter.containsIgnoreCase("anything", "")).isTrue();
        assertThat(RowFilter.containsIgnoreCase("id: 7", ": 7")).isTrue();
    }

    @Test
    void aNeedleWithoutLettersMatchesTheSameRowsFromTheBytesAsFromTheDecodedText() throws Exception {
        // Events as the wire makes them: several data lines, ids, types, bytes that are not UTF-8, CR line ends.
        Random random = new Random(7);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        String[] pieces = {"1", "12", "123", ":", " ", ": 1", "\"", "{\"n\":", "é", "日本", "😀", "x", "-", "0", "?"};
        for (int i = 0; i < 3000; i++) {
            if (random.nextInt(4) == 0) wire.writeBytes(("id: " + random.nextInt(200) + "\n").getBytes(StandardCharsets.UTF_8));
            if (random.nextInt(6) == 0) wire.writeBytes("event: t:1\n".getBytes(StandardCharsets.UTF_8));
            for (int line = 1 + (random.nextInt(5) == 0 ? 1 : 0); line > 0; line--) {
                wire.writeBytes((random.nextBoolean() ? "data: " : "data:").getBytes(StandardCharsets.UTF_8));
                for (int k = random.nextInt(8); k > 0; k--) {
                    if (random.nextInt(10) == 0) wire.write(0x80 + random.nextInt(0x7F)); // not UTF-8
                    else wire.writeBytes(pieces[random.nextInt(pieces.length)].getBytes(StandardCharsets.UTF_8));
                }
                wire.writeBytes((random.nextInt(5) == 0 ? "\r" : "\n").getBytes(StandardCharsets.UTF_8));
            }
            wire.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        }
        List<MessageRow> rows = new ArrayList<>();
        EventStreamParser parser = new EventStreamParser(new EventStreamHandler() {
            @Override
            public void onEvent(ServerSentEvent e) {
                rows.add(MessageRow.event(0, e));
            }
        }, 1 << 20, true);
        byte[] bytes = wire.toByteArray();
        parser.feed(bytes, 0, bytes.length);
        assertThat(rows).hasSizeGreaterThan(2000);
        RowFilter filter = new RowFilter(FXCollections.observableArrayList(rows));
        for (String needle : new String[] {"1", "12", "123", ":", " ", ": 1", "\"", "{\"n\":", "1\"", "-0", "?", "\uFFFD",
                "é"}) {
            filter.textProperty().set(needle);
            List<MessageRow> expected = rows.stream().filter(r -> Formats.rowText(r).contains(needle)
                    || Formats.typeLabel(r).contains(needle) || r.id().contains(needle)).toList();
            assertThat(filter.visible()).as("needle '%s'", needle).containsExactlyElementsOf(expected);
            assertThat(expected).as("needle '%s' matches some rows and not others", needle).isNotEmpty()
                    .hasSizeLessThan(rows.size());
        }
    }

    @Test
    void rowsAnsweredOnArrivalShowExactlyAsTheFilterSaysAfterItChanges() {
        // A flood's rows are tested as they arrive and the list takes them later: an answer kept from one filter must
        // never stand for the next one, nor for another tab's filter over the same rows.
        javafx.collections.ObservableList<MessageRow> source = FXCollections.observableArrayList();
        RowFilter filter = new RowFilter(source);
        RowFilter otherTab = new RowFilter(source);
        otherTab.textProperty().set("7");
        filter.textProperty().set("1");
        List<MessageRow> arriving = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            MessageRow row = MessageRow.event(0, new ServerSentEvent("message", "{\"n\":" + i + "}", String.valueOf(i)));
            filter.prepare(row);
            otherTab.prepare(row);
            arriving.add(row);
        }
        filter.textProperty().set("2"); // typed while the rows waited
        source.addAll(arriving);
        assertThat(filter.visible()).extracting(MessageRow::id).containsExactlyElementsOf(
                arriving.stream().map(MessageRow::id).filter(id -> id.contains("2")).toList());
        assertThat(otherTab.visible()).extracting(MessageRow::id).containsExactlyElementsOf(
                arriving.stream().map(MessageRow::id).filter(id -> id.contains("7")).toList());
        filter.textProperty().set("");
        assertThat(filter.visible()).hasSize(200);
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aRegexThatBacktracksForEverGivesUpSaysSoAndTheListShowsEveryRow() {
        // What froze the window: nested repeats over rows of 100 x's that almost match.
        javafx.collections.ObservableList<MessageRow> source = FXCollections.observableArrayList();
        for (int i = 0; i < 2_000; i++) {
            source.add(MessageRow.event(0, new ServerSentEvent("message", "x".repeat(100), String.valueOf(i))));
        }
        RowFilter filter = new RowFilter(source);
        filter.regexProperty().set(true);
        filter.textProperty().set("(x+x+)+y");
        assertThat(filter.errorProperty().get()).startsWith("Regex too slow").contains("text filter is off");
        assertThat(filter.visible()).as("the text filter is off, kinds and types still apply").hasSize(2_000);
        filter.showConnectionProperty().set(false); // another change rebuilds the filter: the regex gives up again
        assertThat(filter.errorProperty().get()).startsWith("Regex too slow");
        filter.textProperty().set("x{100}"); // a regex that ends quickly works as before
        assertThat(filter.errorProperty().get()).isEmpty();
        assertThat(filter.visible()).hasSize(2_000);
        filter.textProperty().set("^1[0-9]$");
        assertThat(filter.visible()).extracting(MessageRow::id).containsExactlyElementsOf(
                java.util.stream.IntStream.range(10, 20).mapToObj(String::valueOf).toList());
    }

    @Test
    void aRegexMayReadAnEventOfAMegabyteToTheEnd() {
        // The budget grows with the row: a plain search through a long event is not taken for a runaway one.
        javafx.collections.ObservableList<MessageRow> source = FXCollections.observableArrayList(
                MessageRow.event(0, new ServerSentEvent("message", "a".repeat(1 << 20) + "needle", "1")));
        RowFilter filter = new RowFilter(source);
        filter.regexProperty().set(true);
        filter.textProperty().set("a+needle$");
        assertThat(filter.errorProperty().get()).isEmpty();
        assertThat(filter.visible()).hasSize(1);
    }

    @Test
    void aRegexOverAHugeEventThatWouldBacktrackOrOverflowGivesUpTheSameWay() {
        javafx.collections.ObservableList<MessageRow> source = FXCollections.observableArrayList(
                MessageRow.event(0, new ServerSentEvent("message", "ab".repeat(1 << 19), "1")),
                MessageRow.event(0, new ServerSentEvent("message", "small", "2")));
        RowFilter filter = new RowFilter(source);
        filter.regexProperty().set(true);
        filter.textProperty().set("(a|b)*c");
        assertThat(filter.errorProperty().get()).startsWith("Regex too slow");
        assertThat(filter.visible()).hasSize(2);
    }
}
