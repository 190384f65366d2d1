package dev.ssemonitor.sse;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventStreamParserTest {

    private static List<String> parse(String stream) throws Exception {
        return parse(stream.getBytes(UTF_8));
    }

    private static List<String> parse(byte[] stream) throws Exception {
        Recorder r = new Recorder();
        EventStreamParser p = new EventStreamParser(r);
        p.feed(stream);
        return r.log;
    }

    @Test
    void dispatchesDataAtBlankLineWithDefaultType() throws Exception {
        assertThat(parse("data: {\"message\":\"Current time is 10:41:07\"}\n\n"))
                .containsExactly("event type=message id= data={\"message\":\"Current time is 10:41:07\"}");
    }

    /**
     * The line search looks at eight bytes at a time: a line of every length up to three words, at every offset of its
     * words, ends exactly at its first CR or LF, and at no byte that only looks like one (0x0B, 0x0C, 0x8A, 0x8D, 'J'
     * and 'M' share low bits with LF and CR).
     */
    @Test
    void everyLineLengthEndsAtItsLineEndAndAtNoByteLikeIt() throws Exception {
        byte[] alike = {0x0B, 0x0C, (byte) 0x8A, (byte) 0x8D, 'J', 'M', 0x09, 'x'};
        for (String end : List.of("\n", "\r", "\r\n")) {
            for (int len = 0; len <= 24; len++) {
                for (int lead = 0; lead < 8; lead++) {
                    byte[] value = new byte[len];
                    for (int i = 0; i < len; i++) value[i] = alike[(i + lead) % alike.length];
                    ByteArrayOutputStream wire = new ByteArrayOutputStream();
                    wire.writeBytes(("q".repeat(lead) + "\n").getBytes(UTF_8)); // an unknown field: moves the rest along
                    wire.writeBytes("data: ".getBytes(UTF_8));
                    wire.writeBytes(value);
                    wire.writeBytes((end + "data:z" + end + end).getBytes(UTF_8));
                    assertThat(parse(wire.toByteArray())).as("length %d, lead %d, end %s", len, lead, end.replace("\r", "CR")
                            .replace("\n", "LF")).containsExactly("event type=message id= data="
                            + Utf8.decode(value, 0, len) + "\nz");
                }
            }
        }
    }

    @Test
    void joinsDataLinesWithLfAndRemovesOnlyOneTrailingLf() throws Exception {
        assertThat(parse("data: a\ndata: b\n\ndata: c\ndata:\n\n"))
                .containsExactly("event type=message id= data=a\nb", "event type=message id= data=c\n");
    }

    @Test
    void emptyDataLineDispatchesEmptyString() throws Exception {
        assertThat(parse("data:\n\ndata\n\n")).containsExactly("event type=message id= data=", "event type=message id= data=");
    }

    @Test
    void eventWithoutDataDispatchesNothingAndItsTypeIsForgotten() throws Exception {
        assertThat(parse("event: ping\n\ndata: x\n\n")).containsExactly("event type=message id= data=x");
    }

    @Test
    void removesExactlyOneLeadingSpaceAndNeverATab() throws Exception {
        assertThat(parse("data:  two\n\ndata:\tt\n\ndata:none\n\n")).containsExactly(
                "event type=message id= data= two", "event type=message id= data=\tt", "event type=message id= data=none");
    }

    @Test
    void splitsFieldAndValueAtFirstColonOnly() throws Exception {
        assertThat(parse("data: a:b: c\n\n")).containsExactly("event type=message id= data=a:b: c");
    }

    @Test
    void fieldNamesAreCaseSensitiveAndUnknownFieldsIgnored() throws Exception {
        assertThat(parse("Data: no\nDATA: no\nfoo: bar\nevent: Up\ndata: yes\n\n"))
                .containsExactly("event type=Up id= data=yes");
    }

    @Test
    void namedEventKeepsItsType() throws Exception {
        assertThat(parse("event: add\ndata: 1\n\ndata: 2\n\n"))
                .containsExactly("event type=add id= data=1", "event type=message id= data=2");
    }

    @Test
    void reportsCommentsWithoutTheColon() throws Exception {
        assertThat(parse(": hello\n:\n:  two spaces\ndata: x\n\n"))
                .containsExactly("comment hello", "comment ", "comment  two spaces", "event type=message id= data=x");
    }

    @Test
    void retryAcceptsOnlyAsciiDigits() throws Exception {
        assertThat(parse("retry: 5000\nretry: +100\nretry: -1\nretry: 1.5\nretry: 1e3\nretry:\nretry: ١٢\nretry: 007\n\n"))
                .containsExactly("retry 5000", "retry 7");
    }

    @Test
    void hugeRetrySaturatesInsteadOfOverflowing() throws Exception {
        assertThat(parse("retry: 99999999999999999999999\n")).containsExactly("retry " + Long.MAX_VALUE);
    }

    @Test
    void lastEventIdPersistsAcrossEventsAndEmptyIdResetsIt() throws Exception {
        assertThat(parse("id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\n")).containsExactly(
                "lastEventId 1", "event type=message id=1 data=a", "event type=message id=1 data=b",
                "lastEventId ", "event type=message id= data=c");
    }

    @Test
    void idWithNulIsIgnored() throws Exception {
        assertThat(parse("id: 1\n\nid: a\0b\ndata: x\n\n"))
                .containsExactly("lastEventId 1", "event type=message id=1 data=x");
    }

    @Test
    void idWithoutDataUpdatesLastEventIdAtTheBlankLine() throws Exception {
        Recorder r = new Recorder();
        EventStreamParser p = new EventStreamParser(r);
        p.feed("id: 42\n".getBytes(UTF_8));
        assertThat(p.lastEventId()).isEmpty();
        p.feed("\n".getBytes(UTF_8));
        assertThat(p.lastEventId()).isEqualTo("42");
        assertThat(r.log).containsExactly("lastEventId 42");
    }

    @Test
    void incompleteEventAtEndOfStreamIsDiscardedAndItsIdDoesNotSurvive() throws Exception {
        Recorder r = new Recorder();
        EventStreamParser p = new EventStreamParser(r);
        p.feed("id: 1\ndata: a\n\nid: 2\ndata: lost\n".getBytes(UTF_8));
        p.endOfStream();
        assertThat(p.lastEventId()).isEqualTo("1");
        p.feed("data: b\n\n".getBytes(UTF_8));
        assertThat(r.log).containsExactly("lastEventId 1", "event type=message id=1 data=a", "event type=message id=1 data=b");
    }

    @Test
    void partialLineAtEndOfStreamDoesNotLeakIntoTheNextStream() throws Exception {
        Recorder r = new Recorder();
        EventStreamParser p = new EventStreamParser(r);
        p.feed("data: half".getBytes(UTF_8));
        p.endOfStream();
        p.feed("data: whole\n\n".getBytes(UTF_8));
        assertThat(r.log).containsExactly("event type=message id= data=whole");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r", "\r\n"})
    void everyLineEndingWorks(String eol) throws Exception {
        String s = "event: e" + eol + "data: a" + eol + "data: b" + eol + eol;
        assertThat(parse(s)).containsExactly("event type=e id= data=a\nb");
    }

    @Test
    void mixedLineEndingsAndLfCrIsTwoLineEnds() throws Exception {
        assertThat(parse("data: a\r\ndata: b\rdata: c\n\r")).containsExactly("event type=message id= data=a\nb\nc");
    }

    @Test
    void crAtTheEndOfAChunkDispatchesAtOnce() throws Exception {
        Recorder r = new Recorder();
        EventStreamParser p = new EventStreamParser(r);
        p.feed("data: now\r\r".getBytes(UTF_8));
        assertThat(r.log).containsExactly("event type=message id= data=now");
        // The LF that completes the CRLF arrives later: it must not count as another (blank) line.
        p.feed("\ndata: next\r\n".getBytes(UTF_8));
        p.feed("\r\n".getBytes(UTF_8));
        assertThat(r.log).containsExactly("event type=message id= data=now", "event type=message id= data=next");
    }

    @Test
    void leadingBomIsStrippedOnceEvenWhenSplit() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Recorder r = new Recorder();
        EventStreamParser p = new EventStreamParser(r);
        p.feed(bom, 0, 1);
        p.feed(bom, 1, 1);
        p.feed(bom, 2, 1);
        p.feed("data: a\n\n".getBytes(UTF_8));
        assertThat(r.log).containsExactly("event type=message id= data=a");
    }

    @Test
    void secondBomIsNotStripped() throws Exception {
        // With the second BOM kept, the first line's field name is "\uFEFFdata": unknown, so ignored.
        assertThat(parse("\uFEFF\uFEFFdata: a\n\ndata: b\n\n")).containsExactly("event type=message id= data=b");
        assertThat(parse("data: \uFEFFa\n\n")).containsExactly("event type=message id= data=\uFEFFa");
    }

    @Test
    void bomIsStrippedAgainOnTheNextConnection() throws Exception {
        Recorder r = new Recorder();
        EventStreamParser p = new EventStreamParser(r);
        p.feed("\uFEFFdata: a\n\n".getBytes(UTF_8));
        p.endOfStream();
        p.feed("\uFEFFdata: b\n\n".getBytes(UTF_8));
        assertThat(r.log).containsExactly("event type=message id= data=a", "event type=message id= data=b");
    }

    @Test
    void partialBomPrefixIsData() throws Exception {
        byte[] s = concat(new byte[] {(byte) 0xEF, (byte) 0xBB}, "data: x\n\n".getBytes(UTF_8));
        // EF BB is invalid UTF-8 before 'd': the field name decodes to U+FFFD + "data", an unknown field.
        assertThat(parse(s)).isEmpty();
        assertThat(parse(concat(new byte[] {(byte) 0xEF}, "\ndata: y\n\n".getBytes(UTF_8))))
                .containsExactly("event type=message id= data=y");
    }

    @Test
    void decodesUtf8WhateverTheBytesAndSplitsCharactersSafely() throws Exception {
        byte[] euro = "data: €😀\n\n".getBytes(UTF_8);
        Recorder r = new Recorder();
        EventStreamParser p = new EventStreamParser(r);
        for (byte b : euro) p.feed(new byte[] {b});
        assertThat(r.log).containsExactly("event type=message id= data=€😀");
    }

    @Test
    void invalidUtf8BecomesReplacementCharacter() throws Exception {
        byte[] s = concat("data: a".getBytes(UTF_8), new byte[] {(byte) 0xFF, (byte) 0xC3}, "b\n\n".getBytes(UTF_8));
        assertThat(parse(s)).containsExactly("event type=message id= data=a\uFFFD\uFFFDb");
        // Latin-1 bytes are not Latin-1 here: an event stream is always UTF-8.
        assertThat(parse("data: caf\u00e9\n\n".getBytes(ISO_8859_1))).containsExactly("event type=message id= data=caf\uFFFD");
        // A surrogate written in three bytes is three errors to a browser (Java's own decoder makes it one).
        byte[] surrogate = concat("data: <".getBytes(UTF_8), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, ">\n\n".getBytes(UTF_8));
        assertThat(parse(surrogate)).containsExactly("event type=message id= data=<\uFFFD\uFFFD\uFFFD>");
    }

    @Test
    void capturesTheBytesAsReceivedWithInvalidOnesMarkedWhereverTheChunksSplit() throws Exception {
        byte[] wire = {'d', 'a', 't', 'a', ':', ' ', 'a', (byte) 0xff, 'b', '\r', '\n', 'i', 'd', ':', ' ', '1', '\r', '\r', '\n',
                'd', 'a', 't', 'a', ':', ' ', (byte) 0xe2, (byte) 0x82, (byte) 0xac, '\n', '\n'};
        for (int chunk = 1; chunk <= wire.length; chunk++) {
            Recorder r = new Recorder();
            EventStreamParser p = new EventStreamParser(r, 1024, true);
            for (int at = 0; at < wire.length; at += chunk) p.feed(wire, at, Math.min(chunk, wire.length - at));
            assertThat(r.events).as("chunks of %d", chunk).hasSize(2);
            RawBytes first = r.events.get(0).raw();
            // Each line's end as sent (CRLF, then a lone CR), and the blank line as one byte whatever the chunks.
            assertThat(first.toArray()).as("the bytes as received").isEqualTo(new byte[] {'d', 'a', 't', 'a', ':', ' ', 'a',
                    (byte) 0xff, 'b', '\r', '\n', 'i', 'd', ':', ' ', '1', '\r', '\r'});
            assertThat(first.marked()).isEqualTo("data: a⟨ff⟩b\nid: 1");
            assertThat(r.events.get(0).data()).isEqualTo("a\uFFFDb");
            assertThat(r.events.get(1).raw().marked()).isEqualTo("data: €");
            assertThat(r.events.get(1).raw().length()).as("\"data: €\" and LF, and the blank line").isEqualTo(11);
            assertThat(r.events.get(1).rawLines()).containsExactly("data: €");
        }
    }

    @Test
    void theDataCanBeBuiltAgainFromTheKeptBytes() throws Exception {
        String[] lines = {"data: a", "data:b", "data", "data:", "data:  two spaces", "dat: no", "datax: no", "Data: no",
                ": comment", "id: 5", "event: e", "retry: 10", "data: caf\u00e9 😀", "data: x:y", "unknown"};
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 300; round++) {
            StringBuilder stream = new StringBuilder();
            for (int e = 0; e < 5; e++) {
                for (int l = random.nextInt(6); l >= 0; l--) {
                    stream.append(lines[random.nextInt(lines.length)]).append(new String[] {"\n", "\r", "\r\n"}[random.nextInt(3)]);
                }
                stream.append("\n");
            }
            byte[] bytes = stream.toString().getBytes(UTF_8);
            if (round % 3 == 0 && bytes.length > 8) bytes[random.nextInt(bytes.length)] = (byte) 0xff; // and a bad byte
            // Keeping the bytes, the parser reads the data from them when asked: what it reads must be what a parser
            // that decodes at dispatch hands out, event for event.
            Recorder kept = new Recorder();
            new EventStreamParser(kept, 1 << 20, true).feed(bytes);
            Recorder decoded = new Recorder();
            new EventStreamParser(decoded, 1 << 20, false).feed(bytes);
            assertThat(kept.events).as("round %d", round).hasSameSizeAs(decoded.events);
            for (int i = 0; i < kept.events.size(); i++) {
                ServerSentEvent k = kept.events.get(i);
                ServerSentEvent d = decoded.events.get(i);
                assertThat(k.data()).as("round %d, event %d", round, i).isEqualTo(d.data());
                assertThat(List.of(k.type(), k.lastEventId())).isEqualTo(List.of(d.type(), d.lastEventId()));
                assertThat(k).isEqualTo(new ServerSentEvent(d.type(), d.data(), d.lastEventId(), k.raw()));
            }
        }
    }

    @Test
    void keptBytesCountAgainstTheEventLimit() {
        Recorder r = new Recorder();
        EventStreamParser p = new EventStreamParser(r, 64, true);
        // Comment lines add no data, but they are kept: 30 of them must not get round a 64-byte limit.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
            for (int i = 0; i < 30; i++) p.feed(":x\n".getBytes(UTF_8));
        }).isInstanceOf(EventTooLargeException.class).hasMessageContaining("an event's lines");
    }

    @Test
    void capturesRawLinesWhenAsked() throws Exception {
        Recorder r = new Recorder();
        EventStreamParser p = new EventStreamParser(r, 1024, true);
        p.feed("event: e\nid: 7\ndata: a\n: note\n\ndata: b\n\n".getBytes(UTF_8));
        assertThat(r.events.get(0).rawLines()).containsExactly("event: e", "id: 7", "data: a", ": note");
        assertThat(r.events.get(1).rawLines()).containsExactly("data: b");
    }

    @Test
    void runawayLineIsAClearErrorNotOutOfMemory() throws Exception {
        EventStreamParser p = new EventStreamParser(new Recorder(), 1024, false);
        byte[] chunk = new byte[700];
        java.util.Arrays.fill(chunk, (byte) 'x');
        p.feed(chunk);
        assertThatThrownBy(() -> p.feed(chunk)).isInstanceOf(EventTooLargeException.class).hasMessageContaining("1 KiB");
    }

    @Test
    void theLimitMessageNamesWhatGrewTooLarge() {
        String big = "x".repeat(2000);
        assertThat(tooLarge(":" + big)).isEqualTo("a comment line exceeded the 1 KiB size limit; the stream was abandoned");
        assertThat(tooLarge("event: " + big)).startsWith("an event: line exceeded the 1 KiB size limit");
        assertThat(tooLarge("id: " + big)).startsWith("an id: line exceeded");
        assertThat(tooLarge("data: " + big)).startsWith("a data: line exceeded");
        assertThat(tooLarge("foo\u001b[31m: " + big)).as("the server's bytes are not echoed raw")
                .startsWith("a line of the unknown field 'foo??31m' exceeded");
        assertThat(tooLarge(big)).startsWith("a line with no field name end in sight exceeded");
    }

    private static String tooLarge(String line) {
        EventStreamParser p = new EventStreamParser(new Recorder(), 1024, false);
        byte[] bytes = line.getBytes(UTF_8);
        try {
            // Two chunks, so the name is found whether it is held already or still arriving.
            p.feed(bytes, 0, 3);
            p.feed(bytes, 3, bytes.length - 3);
        } catch (EventTooLargeException e) {
            return e.getMessage();
        }
        throw new AssertionError("no limit hit for " + line.substring(0, 20));
    }

    @Test
    void manyEmptyDataLinesHitTheLimitWhenRawLinesAreKept() throws Exception {
        // Kept lines cost their bytes and their line ends: empty data: lines must not get round a byte limit by being short.
        EventStreamParser p = new EventStreamParser(new Recorder(), 64 * 1024, true);
        byte[] lines = "data:\n".repeat(1000).getBytes(UTF_8);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) p.feed(lines);
        }).isInstanceOf(EventTooLargeException.class).hasMessageStartingWith("an event's lines exceeded");
    }

    @Test
    void runawayEventMadeOfManyDataLinesIsAlsoCapped() throws Exception {
        EventStreamParser p = new EventStreamParser(new Recorder(), 1000, false);
        byte[] line = ("data: " + "y".repeat(90) + "\n").getBytes(UTF_8);
        for (int i = 0; i < 10; i++) p.feed(line);
        assertThatThrownBy(() -> p.feed(line)).isInstanceOf(EventTooLargeException.class)
                .hasMessage("an event's data (11 data: lines) exceeded the 1000 byte size limit; the stream was abandoned");
    }

    @Test
    void eventsUnderTheCapPassWhole() throws Exception {
        Recorder r = new Recorder();
        EventStreamParser p = new EventStreamParser(r, 100, false);
        p.feed(("data: " + "z".repeat(90) + "\n\n").getBytes(UTF_8));
        assertThat(r.events).singleElement().extracting(ServerSentEvent::data).isEqualTo("z".repeat(90));
    }

    /** A stream exercising every rule at once; chunking it in any way must not change the transcript. */
    static byte[] torture() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes(("retry: 1500\r\n: comment\rid: 1\nevent: e\ndata: α\r\ndata:β€😀\r\r"
                + "id\r\n\r\ndata: x\n\ndata\ndata:\n\nid: z\0z\ndata: q\r\n\n").getBytes(UTF_8));
        out.writeBytes(new byte[] {'d', 'a', 't', 'a', ':', (byte) 0xF0, (byte) 0x9F, '\n', '\r'});
        out.writeBytes("data: tail\r".getBytes(UTF_8));
        return out.toByteArray();
    }

    @Test
    void splitAnywhereInTwoOrThreeChunksGivesTheSameTranscript() throws Exception {
        byte[] s = torture();
        List<String> whole = parse(s);
        assertThat(whole).contains("retry 1500", "comment comment", "event type=e id=1 data=α\nβ€😀",
                "event type=message id= data=\n", "event type=message id= data=\uFFFD");
        for (int a = 0; a <= s.length; a++) {
            for (int b = a; b <= s.length; b++) {
                Recorder r = new Recorder();
                EventStreamParser p = new EventStreamParser(r);
                p.feed(s, 0, a);
                p.feed(s, a, b - a);
                p.feed(s, b, s.length - b);
                assertThat(r.log).as("split at %d and %d", a, b).isEqualTo(whole);
            }
        }
    }

    @Test
    void randomChunkingsAndOneByteChunksGiveTheSameTranscript() throws Exception {
        byte[] s = torture();
        List<String> whole = parse(s);
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            Recorder r = new Recorder();
            EventStreamParser p = new EventStreamParser(r);
            int i = 0;
            while (i < s.length) {
                int n = round == 0 ? 1 : Math.min(s.length - i, random.nextInt(9));
                p.feed(s, i, n);
                i += n;
            }
            assertThat(r.log).as("round %d", round).isEqualTo(whole);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) out.writeBytes(part);
        return out.toByteArray();
    }
}
