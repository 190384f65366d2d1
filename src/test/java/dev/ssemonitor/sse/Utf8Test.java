package dev.ssemonitor.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {
    /**
     * The WHATWG Encoding standard's UTF-8 decoder, step by step as the standard writes it (bytes needed, lower and
     * upper boundary), one U+FFFD per error, a byte that ends a sequence early read again: what browsers do.
     */
    private static String whatwg(byte[] in) {
        StringBuilder out = new StringBuilder();
        int codePoint = 0;
        int needed = 0;
        int seen = 0;
        int lower = 0x80;
        int upper = 0xBF;
        for (int i = 0; i < in.length; i++) {
            int b = in[i] & 0xFF;
            if (needed == 0) {
                if (b <= 0x7F) {
                    out.append((char) b);
                } else if (b >= 0xC2 && b <= 0xDF) {
                    needed = 1;
                    codePoint = b & 0x1F;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    if (b == 0xE0) lower = 0xA0;
                    if (b == 0xED) upper = 0x9F;
                    needed = 2;
                    codePoint = b & 0xF;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    if (b == 0xF0) lower = 0x90;
                    if (b == 0xF4) upper = 0x8F;
                    needed = 3;
                    codePoint = b & 0x7;
                } else {
                    out.append('\uFFFD');
                }
                continue;
            }
            if (b < lower || b > upper) {
                codePoint = needed = seen = 0;
                lower = 0x80;
                upper = 0xBF;
                out.append('\uFFFD');
                i--; // the byte is read again, as the start of what follows
                continue;
            }
            lower = 0x80;
            upper = 0xBF;
            codePoint = (codePoint << 6) | (b & 0x3F);
            if (++seen == needed) {
                out.appendCodePoint(codePoint);
                codePoint = needed = seen = 0;
            }
        }
        if (needed != 0) out.append('\uFFFD');
        return out.toString();
    }

    private static void same(byte[] b) {
        String expected = whatwg(b);
        assertThat(Utf8.decode(b, 0, b.length)).as("bytes %s", hex(b)).isEqualTo(expected);
        // And from the middle of a larger array, as the parser hands it lines.
        byte[] padded = new byte[b.length + 4];
        padded[0] = padded[1] = 'x';
        padded[padded.length - 1] = padded[padded.length - 2] = (byte) 0xED;
        System.arraycopy(b, 0, padded, 2, b.length);
        assertThat(Utf8.decode(padded, 2, b.length)).as("bytes %s inside an array", hex(b)).isEqualTo(expected);
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) s.append(String.format("%02x ", x & 0xFF));
        return s.toString().trim();
    }

    @Test
    void aSurrogateInThreeBytesIsThreeReplacementCharactersAsInABrowser() {
        byte[] b = {'<', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '>'};
        assertThat(Utf8.decode(b, 0, b.length)).isEqualTo("<\uFFFD\uFFFD\uFFFD>");
        byte[] low = {(byte) 0xED, (byte) 0xBF, (byte) 0xBF, (byte) 0xE2, (byte) 0x82, (byte) 0xAC};
        assertThat(Utf8.decode(low, 0, low.length)).isEqualTo("\uFFFD\uFFFD\uFFFD€");
        byte[] fine = {(byte) 0xED, (byte) 0x9F, (byte) 0xBF}; // U+D7FF, the last before the surrogates
        assertThat(Utf8.decode(fine, 0, fine.length)).isEqualTo("\uD7FF");
    }

    @Test
    void everySequenceOfUpToTwoBytesDecodesAsTheStandardSays() {
        for (int a = 0; a < 256; a++) {
            same(new byte[] {(byte) a});
            for (int b = 0; b < 256; b++) same(new byte[] {(byte) a, (byte) b});
        }
    }

    @Test
    void longerSequencesOfTheBytesOnEveryBoundaryDecodeAsTheStandardSays() {
        int[] edges = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED,
                0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
        for (int a : edges) for (int b : edges) for (int c : edges) {
            same(new byte[] {(byte) a, (byte) b, (byte) c});
            for (int d : edges) same(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        }
        Random random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            byte[] b = new byte[1 + random.nextInt(24)];
            for (int i = 0; i < b.length; i++) b[i] = (byte) edges[random.nextInt(edges.length)];
            same(b);
        }
    }
}
