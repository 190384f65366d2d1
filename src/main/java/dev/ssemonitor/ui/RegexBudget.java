package dev.ssemonitor.ui;

import java.util.regex.Pattern;

/**
 * A regex search that gives up: a pattern of nested repeats ({@code (x+x+)+y}) backtracks for ever on a row it almost
 * matches, and the filter runs on the FX thread over every kept row. Each search may read the row's characters a
 * bounded number of times (many times its length, far more than any sane pattern needs); past that, or when the
 * search runs out of stack, it stops and the budget says so, once and for all. FX thread.
 */
final class RegexBudget {
    /** Character reads a search may make: this many, plus {@link #READS_PER_CHAR} for each character of the row. */
    static final long BASE_READS = 200_000;
    static final long READS_PER_CHAR = 64;

    private static final RuntimeException GIVE_UP = new RuntimeException("regex budget spent", null, false, false) {};

    private final Pattern pattern;
    private boolean spent;

    RegexBudget(Pattern pattern) {
        this.pattern = pattern;
    }

    /** Whether the pattern is found in {@code text}; false once the budget is spent (see {@link #spent()}). */
    boolean find(String text) {
        if (spent) return false;
        Counted chars = new Counted(text, BASE_READS + READS_PER_CHAR * text.length());
        try {
            return pattern.matcher(chars).find();
        } catch (RuntimeException e) {
            if (e != GIVE_UP) throw e;
            spent = true;
            return false;
        } catch (StackOverflowError e) {
            // java.util.regex recurses once a character for a repeated group: (a|b)* over a long event runs out of
            // stack. That search is unwound by now; it counts as one that gave up.
            spent = true;
            return false;
        }
    }

    /** Whether a search ran out of reads: its answers, and all after it, mean nothing. */
    boolean spent() {
        return spent;
    }

    /** The text, counting each character read; throws {@link #GIVE_UP} past the limit. */
    private static final class Counted implements CharSequence {
        private final String text;
        private final int from;
        private final int to;
        private final long[] left;

        Counted(String text, long reads) {
            this(text, 0, text.length(), new long[] {reads});
        }

        private Counted(String text, int from, int to, long[] left) {
            this.text = text;
            this.from = from;
            this.to = to;
            this.left = left;
        }

        @Override
        public char charAt(int index) {
            if (--left[0] < 0) throw GIVE_UP;
            return text.charAt(from + index);
        }

        @Override
        public int length() {
            return to - from;
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Counted(text, from + start, from + end, left);
        }

        @Override
        public String toString() {
            return text.substring(from, to);
        }
    }
}
