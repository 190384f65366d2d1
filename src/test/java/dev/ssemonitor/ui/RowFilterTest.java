package dev.ssemonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

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
}
