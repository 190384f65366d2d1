package dev.ssemonitor.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesPerFailureAndCapsWithJitterInTheUpperHalf() {
        // random returns its largest value: the top of each window.
        assertThat(Backoff.delay(1000, 1, 30_000, n -> n - 1)).isEqualTo(1000);
        assertThat(Backoff.delay(1000, 2, 30_000, n -> n - 1)).isEqualTo(2000);
        assertThat(Backoff.delay(1000, 5, 30_000, n -> n - 1)).isEqualTo(16_000);
        assertThat(Backoff.delay(1000, 6, 30_000, n -> n - 1)).isEqualTo(30_000);
        assertThat(Backoff.delay(1000, 60, 30_000, n -> n - 1)).isEqualTo(30_000);
        // and its smallest: the bottom half is never used.
        assertThat(Backoff.delay(1000, 1, 30_000, n -> 0)).isEqualTo(500);
        assertThat(Backoff.delay(1000, 60, 30_000, n -> 0)).isEqualTo(15_000);
        assertThat(Backoff.delay(0, 3, 30_000, n -> 0)).isZero();
    }
}
