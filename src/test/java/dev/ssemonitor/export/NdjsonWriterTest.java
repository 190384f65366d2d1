package dev.ssemonitor.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ssemonitor.sse.ServerSentEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-built event line is byte for byte what Jackson writes, and every other record still comes in order. */
class NdjsonWriterTest {
    private static String jackson(ServerSentEvent e, long t) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build()
                .createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("kind", "event");
            g.writeStringField("type", e.type());
            g.writeStringField("data", e.data());
            g.writeStringField("lastEventId", e.lastEventId());
            g.writeNumberField("t", t);
            g.writeEndObject();
        }
        return out.toString(StandardCharsets.UTF_8) + "\n";
    }

    private static String ours(ServerSentEvent e, long t) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (NdjsonWriter w = new NdjsonWriter(out)) {
            w.event(e, t);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eventLinesAreWhatJacksonWrites() throws Exception {
        List<String> samples = new ArrayList<>();
        StringBuilder ascii = new StringBuilder();
        for (char c = 0; c < 0x80; c++) ascii.append(c);
        samples.add(ascii.toString());
        samples.addAll(List.of("", "plain", "{\"message\":\"Current time is 10:41:07\"}", "é € 日本", "😀 and 🌊", "\u2028\u2029",
                "back\\slash \"quoted\"", "x".repeat(5000)));
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            StringBuilder s = new StringBuilder();
            for (int j = random.nextInt(300); j > 0; j--) {
                int kind = random.nextInt(4);
                if (kind == 0) s.append((char) random.nextInt(0x80));
                else if (kind == 1) s.append((char) (0x80 + random.nextInt(0xD800 - 0x80)));
                else if (kind == 2) s.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000));
                else s.append((char) (0xE000 + random.nextInt(0x2000)));
            }
            samples.add(s.toString());
        }
        for (String s : samples) {
            ServerSentEvent e = new ServerSentEvent(s.isEmpty() ? "message" : "t" + s.length(), s, s.length() > 10 ? s.substring(0, 5) : s);
            assertThat(ours(e, 1_796_000_000_000L)).as("%s", s).isEqualTo(jackson(e, 1_796_000_000_000L));
        }
    }

    @Test
    void anEscapeOrAWideCharacterIsFoundWhereverItFallsInARunOfPlainText() throws Exception {
        // Plain ASCII is passed over eight bytes at a time: each character that needs a look, at each offset in the
        // eight and near the end, must still be seen.
        String[] odd = {"\"", "\\", "\n", "\r", "\t", "\u0000", "\u001f", "\u007f", "?", "é", "€", "😀", "\ud83d", " ", "~", "@"};
        for (String c : odd) {
            for (int len = 16; len <= 40; len++) {
                for (int at = 0; at < len; at++) {
                    String s = "a".repeat(at) + c + "z".repeat(len - at);
                    ServerSentEvent e = new ServerSentEvent("message", s, "1");
                    assertThat(ours(e, 7)).as("%s at %d of %d", c, at, len).isEqualTo(jackson(e, 7));
                }
            }
        }
    }

    @Test
    void twoCharactersThatNeedALookAreBothSeenWhereverTheyFall() throws Exception {
        // After an escape, eight at a time starts again from the next byte: a second escape, or a character beyond
        // ASCII, anywhere after the first (in the same eight or the next) must still be seen.
        String[] odd = {"\"", "\\", "\n", "\u0001", "?", "é", "😀", "\ud83d"};
        for (String first : odd) {
            for (String second : odd) {
                for (int at = 0; at < 12; at++) {
                    for (int gap = 0; gap < 12; gap++) {
                        String s = "a".repeat(at) + first + "b".repeat(gap) + second + "z".repeat(20);
                        ServerSentEvent e = new ServerSentEvent("message", s, "1");
                        assertThat(ours(e, 7)).as("%s at %d, %s %d after", first, at, second, gap).isEqualTo(jackson(e, 7));
                    }
                }
            }
        }
    }

    @Test
    void eachEventOfOneWriterCarriesItsOwnType() throws Exception {
        // The type's written form is kept from one event to the next: a new type, even an equal one, is written anew.
        String[] types = {"message", "message", new String("message"), "tick", "t\"q", "message", "é", "é", ""};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder expected = new StringBuilder();
        try (NdjsonWriter w = new NdjsonWriter(out)) {
            for (int i = 0; i < types.length; i++) {
                ServerSentEvent e = new ServerSentEvent(types[i], "d" + i, String.valueOf(i));
                w.event(e, i);
                expected.append(jackson(e, i));
            }
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    @Test
    void eightBytesNeedALookExactlyWhenOneOfThemWould() {
        Random random = new Random(7);
        for (int round = 0; round < 200_000; round++) {
            long x = 0;
            boolean expected = false;
            for (int k = 0; k < 8; k++) {
                // Mostly printable ASCII, so the words without a flagged byte are common too.
                int b = random.nextInt(10) == 0 ? random.nextInt(256) : 0x20 + random.nextInt(0x5F);
                x |= (long) b << (8 * k);
                expected |= b < 0x20 || b == '"' || b == '\\' || b == '?';
            }
            assertThat(JsonLine.needsLook(x)).as("%016x", x).isEqualTo(expected);
        }
    }

    @Test
    void everyByteThatNeedsALookIsFlaggedAndNoOther() {
        // Bytes beyond ASCII often: their low seven bits can look like a quote or a control character, and are not one.
        Random random = new Random(11);
        for (int round = 0; round < 200_000; round++) {
            long x = 0;
            long expected = 0;
            for (int k = 0; k < 8; k++) {
                int b = random.nextInt(4) == 0 ? random.nextInt(256) : 0x20 + random.nextInt(0x5F);
                x |= (long) b << (8 * k);
                if (b < 0x20 || b == '"' || b == '\\' || b == '?') expected |= 0x80L << (8 * k);
            }
            assertThat(JsonLine.lookMask(x)).as("%016x", x).isEqualTo(expected);
        }
        for (int b = 0; b < 256; b++) {
            boolean look = b < 0x20 || b == '"' || b == '\\' || b == '?';
            for (int k = 0; k < 8; k++) {
                long x = 0x6161616161616161L & ~(0xFFL << (8 * k)) | (long) b << (8 * k);
                assertThat(JsonLine.lookMask(x)).as("byte %02x at %d", b, k).isEqualTo(look ? 0x80L << (8 * k) : 0);
            }
        }
    }

    @Test
    void longTextIsWrittenWholeWhereverItsSurrogatePairsAndEscapesFall() throws Exception {
        // The line is built in slices of a few thousand chars: a pair or an escape on a slice's edge stays whole.
        for (int at : new int[] {8190, 8191, 8192, 8193, 16383, 16384}) {
            String s = "a".repeat(at) + "😀\"\u0001é" + "b".repeat(20_000) + "🌊";
            ServerSentEvent e = new ServerSentEvent("message", s, "1");
            assertThat(ours(e, 7)).as("pair at %d", at).isEqualTo(jackson(e, 7));
        }
        String huge = "q\"".repeat(1 << 20); // 2 M chars, half of them escaped
        ServerSentEvent e = new ServerSentEvent("message", huge, "");
        assertThat(ours(e, 7)).isEqualTo(jackson(e, 7));
    }

    @Test
    void theTimeIsWrittenAsJacksonWritesANumber() throws Exception {
        ServerSentEvent e = new ServerSentEvent("message", "x", "");
        for (long t : new long[] {0, 9, 10, 99, 100, -1, -10, 1_796_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertThat(ours(e, t)).as("t=%d", t).isEqualTo(jackson(e, t));
        }
    }

    @Test
    void aLoneSurrogateIsEscapedAndReadsBackTheSame() throws Exception {
        ServerSentEvent e = new ServerSentEvent("message", "a\ud83d b \ude00", "");
        String line = ours(e, 1);
        assertThat(line).contains("a\\uD83D b \\uDE00");
        JsonNode back = new ObjectMapper().readTree(line);
        assertThat(back.get("data").asText()).isEqualTo("a\ud83d b \ude00");
        // Long enough for the bulk path, where a lone surrogate and a real '?' both arrive as '?' bytes; with a
        // character beyond ASCII too, where the bytes cannot say which '?' was which.
        for (String s : new String[] {"why? " + "x".repeat(40) + "\ud83d? end?", "é? " + "y".repeat(40) + "\ude00 ?"}) {
            String written = ours(new ServerSentEvent("message", s, ""), 1);
            assertThat(new ObjectMapper().readTree(written).get("data").asText()).as("%s", s).isEqualTo(s);
            assertThat(written).contains(s.indexOf('\ud83d') >= 0 ? "\\uD83D? end?" : "\\uDE00 ?");
        }
    }

    @Test
    void gatheredEventRecordsReachTheStreamAtTheFlushWithoutAClose() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NdjsonWriter w = new NdjsonWriter(out, 5);
        ServerSentEvent e = new ServerSentEvent("message", "only one", "1");
        w.event(e, 3);
        // Waits for the flush thread, at most 10 s: a record gathered for a batch must not wait for more records.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (out.size() == 0 && System.nanoTime() < deadline) Thread.sleep(5);
        synchronized (w) { // the writer's lock: the flush has finished writing
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(jackson(e, 3));
        }
        // Past one batch (32 KiB) they go out without waiting for the flush.
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        NdjsonWriter big = new NdjsonWriter(many, 60_000);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            ServerSentEvent x = new ServerSentEvent("message", "event " + i + " " + "p".repeat(100), String.valueOf(i));
            big.event(x, i);
            expected.append(jackson(x, i));
        }
        synchronized (big) {
            assertThat(many.size()).isGreaterThan(64 * 1024);
            assertThat(expected.toString()).startsWith(many.toString(StandardCharsets.UTF_8));
        }
        big.close();
        assertThat(many.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    @Test
    void eventsAndOtherRecordsKeepTheirOrder() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (NdjsonWriter w = new NdjsonWriter(out, 50)) {
            w.comment("one", 1);
            w.event(new ServerSentEvent("message", "two", ""), 2);
            w.retry(3, 3);
            w.event(new ServerSentEvent("message", "four", ""), 4);
            w.error("five", 5);
        }
        List<String> kinds = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) kinds.add(new ObjectMapper().readTree(l).get("kind").asText());
        assertThat(kinds).containsExactly("comment", "event", "retry", "event", "error");
    }
}
