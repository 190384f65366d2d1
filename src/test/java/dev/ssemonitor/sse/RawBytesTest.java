package dev.ssemonitor.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte searches behind the parser and the filter: eight bytes at a time, and the same answers as one byte at a time. */
class RawBytesTest {
    @Test
    void theFirstOfTwoBytesIsFoundAtEveryOffsetAndEveryLength() {
        for (int length = 0; length <= 40; length++) {
            for (int at = 0; at < length; at++) {
                for (int other = -1; other < length; other++) {
                    byte[] b = new byte[length];
                    java.util.Arrays.fill(b, (byte) 'a');
                    b[at] = '\n';
                    if (other >= 0) b[other] = '\r';
                    int expected = other >= 0 ? Math.min(at, other) : at;
                    for (int from = 0; from <= length; from++) {
                        int want = from <= expected ? expected : naive(b, from, length, (byte) '\n', (byte) '\r');
                        assertThat(RawBytes.indexOfEither(b, from, length, (byte) '\n', (byte) '\r'))
                                .as("length %d, LF at %d, CR at %d, from %d", length, at, other, from).isEqualTo(want);
                        assertThat(RawBytes.indexOfLineEnd(b, from, length))
                                .as("line end: length %d, LF at %d, CR at %d, from %d", length, at, other, from).isEqualTo(want);
                    }
                }
            }
        }
    }

    @Test
    void bytesAboveSevenBitsAndNeighboursOfTheSoughtByteAreNotTakenForIt() {
        // 0x0A's neighbours in value (0x09, 0x0B), its high-bit twin 0x8A and 0xFF around it, on both sides of a word.
        Random random = new Random(13);
        byte[] confusable = {0x09, 0x0B, (byte) 0x8A, (byte) 0xFF, 0x00, 0x0C, (byte) 0x8D, 0x0D - 1};
        for (int round = 0; round < 5_000; round++) {
            byte[] b = new byte[1 + random.nextInt(48)];
            for (int i = 0; i < b.length; i++) b[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : confusable[random.nextInt(confusable.length)];
            int from = random.nextInt(b.length + 1);
            assertThat(RawBytes.indexOfEither(b, from, b.length, (byte) '\n', (byte) '\r'))
                    .as("round %d", round).isEqualTo(naive(b, from, b.length, (byte) '\n', (byte) '\r'));
            assertThat(RawBytes.indexOfLineEnd(b, from, b.length))
                    .as("line end: round %d", round).isEqualTo(naive(b, from, b.length, (byte) '\n', (byte) '\r'));
        }
    }

    @Test
    void dataContainsAgreesWithTheDecodedDataOnRandomEvents() {
        Random random = new Random(7);
        String alphabet = "0123456789:; dat\n\r\u00e9";
        String[] needles = {"1", "12", "123", "0", ":", "3;", "99999", "a", ";;;;;;;;;;"};
        for (int round = 0; round < 3_000; round++) {
            StringBuilder wire = new StringBuilder();
            if (random.nextBoolean()) wire.append("id: ").append(random.nextInt(100_000)).append('\n');
            wire.append("data: ");
            int len = random.nextInt(60);
            for (int i = 0; i < len; i++) wire.append(alphabet.charAt(random.nextInt(alphabet.length())));
            wire.append(random.nextBoolean() ? "\n" : "\r\n").append('\n');
            byte[] bytes = wire.toString().getBytes(StandardCharsets.UTF_8);
            RawBytes raw = RawBytes.copyOf(bytes, bytes.length);
            String data = raw.data();
            for (String needle : needles) {
                int answer = raw.dataContains(needle.getBytes(StandardCharsets.US_ASCII));
                if (answer >= 0) {
                    assertThat(answer == 1).as("%s in %s", needle, wire.toString().replace("\r", "\\r").replace("\n", "\\n"))
                            .isEqualTo(data.contains(needle));
                }
            }
        }
    }

    private static int naive(byte[] b, int from, int to, byte x, byte y) {
        int i = from;
        while (i < to && b[i] != x && b[i] != y) i++;
        return i;
    }
}
