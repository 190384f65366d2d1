package dev.ssemonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatsTest {
    @Test
    void clipCutsToItsBoundWithAnEllipsisAndNeverSplitsACharacter() {
        assertThat(Formats.clip("abc", 3)).isEqualTo("abc");
        assertThat(Formats.clip("abcd", 3)).isEqualTo("abc…");
        // The bound falls between the two halves of 😀: the whole character goes, not half of it.
        assertThat(Formats.clip("ab\uD83D\uDE00c", 3)).isEqualTo("ab…");
        assertThat(Formats.clip("ab\uD83D\uDE00c", 4)).isEqualTo("ab\uD83D\uDE00…");
    }

    @Test
    void aPreviewIsOneLineOfAtMostItsBound() {
        String data = "a\nb\r" + "x".repeat(Formats.PREVIEW_CHARS);
        String preview = Formats.preview(data);
        assertThat(preview).startsWith("a⏎b␍x").endsWith("x…").doesNotContain("\n", "\r");
        assertThat(preview).hasSize(Formats.PREVIEW_CHARS + 1);
    }
}
