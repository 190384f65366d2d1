package dev.ssemonitor.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every reconnect rule, without a socket: outcomes in, decisions out. */
class ReconnectPlanTest {
    private static final EventSourceConfig BROWSER = EventSourceConfig.builder("http://127.0.0.1/s").build();

    private static AttemptOutcome outcome(AttemptOutcome.End end, boolean opened, long openMillis) {
        return new AttemptOutcome(end, "why", opened ? 200 : 0, opened, 0, openMillis, -1);
    }

    private static AttemptOutcome ended() {
        return outcome(AttemptOutcome.End.STREAM_ENDED, true, 10);
    }

    private static AttemptOutcome refused() {
        return outcome(AttemptOutcome.End.NETWORK_ERROR, false, 0);
    }

    @Test
    void browserWaitsTheDefaultReconnectionTimeUntilTheServerSetsOne() {
        ReconnectPlan plan = new ReconnectPlan(BROWSER, n -> 0);
        ReconnectPlan.Decision first = plan.next(ended());
        assertThat(first.reconnect()).isTrue();
        assertThat(first.delayMillis()).isEqualTo(ReconnectPlan.DEFAULT_RECONNECTION_TIME_MILLIS).isEqualTo(3000);
        assertThat(first.why()).isEqualTo("reconnection time 3000 ms");
        plan.serverSetReconnectionTime(500);
        ReconnectPlan.Decision second = plan.next(ended());
        assertThat(second.delayMillis()).isEqualTo(500);
        assertThat(second.why()).isEqualTo("reconnection time 500 ms (set by retry:)");
        assertThat(second.reason()).isEqualTo("why");
    }

    @Test
    void aHugeRetryIsCappedNotOverflowedIntoAnImmediateReconnect() {
        ReconnectPlan plan = new ReconnectPlan(BROWSER, n -> 0);
        plan.serverSetReconnectionTime(Long.MAX_VALUE);
        assertThat(plan.next(ended()).delayMillis()).isEqualTo(ReconnectPlan.MAX_WAIT_MILLIS);
        ReconnectPlan resilient = new ReconnectPlan(BROWSER.toBuilder().policy(ReconnectPolicy.RESILIENT).build(), n -> n - 1);
        resilient.serverSetReconnectionTime(Long.MAX_VALUE);
        assertThat(resilient.next(refused()).delayMillis()).isEqualTo(30_000);
    }

    @Test
    void finalOutcomesStopWithTheirOwnReason() {
        ReconnectPlan plan = new ReconnectPlan(BROWSER, n -> 0);
        ReconnectPlan.Decision d = plan.next(new AttemptOutcome(AttemptOutcome.End.FINAL, "HTTP 404 Not Found", 404,
                false, 0, 0, -1));
        assertThat(d.reconnect()).isFalse();
        assertThat(d.reason()).isEqualTo("HTTP 404 Not Found");
    }

    @Test
    void givesUpAfterMaxConsecutiveFailuresAndAnOpenConnectionResetsTheCount() {
        ReconnectPlan plan = new ReconnectPlan(BROWSER.toBuilder().maxReconnectAttempts(2).build(), n -> 0);
        assertThat(plan.next(refused()).reconnect()).isTrue();
        assertThat(plan.next(refused()).reconnect()).isTrue();
        ReconnectPlan.Decision third = plan.next(refused());
        assertThat(third.reconnect()).isFalse();
        assertThat(third.reason()).isEqualTo("gave up after 2 reconnect attempts: why");

        ReconnectPlan reset = new ReconnectPlan(BROWSER.toBuilder().maxReconnectAttempts(1).build(), n -> 0);
        assertThat(reset.next(refused()).reconnect()).isTrue();
        assertThat(reset.next(ended()).reconnect()).as("it opened: the count starts again").isTrue();
        assertThat(reset.next(refused()).reconnect()).isFalse();
    }

    @Test
    void restartIsImmediateAndIsNotAFailure() {
        ReconnectPlan plan = new ReconnectPlan(BROWSER.toBuilder().maxReconnectAttempts(1).build(), n -> 0);
        for (int i = 0; i < 5; i++) {
            ReconnectPlan.Decision d = plan.next(outcome(AttemptOutcome.End.RESTART, false, 0));
            assertThat(d.reconnect()).isTrue();
            assertThat(d.delayMillis()).isZero();
            assertThat(d.why()).isEqualTo("restart requested");
        }
        assertThat(plan.next(refused()).reconnect()).isTrue();
    }

    @Test
    void resilientBacksOffAndResetsAfterALongLivedConnection() {
        EventSourceConfig config = BROWSER.toBuilder().policy(ReconnectPolicy.RESILIENT)
                .reconnectionTime(Duration.ofMillis(1000)).build();
        ReconnectPlan plan = new ReconnectPlan(config, n -> n - 1);
        assertThat(plan.next(refused()).delayMillis()).isEqualTo(1000);
        assertThat(plan.next(refused()).delayMillis()).isEqualTo(2000);
        ReconnectPlan.Decision third = plan.next(refused());
        assertThat(third.delayMillis()).isEqualTo(4000);
        assertThat(third.why()).isEqualTo("backoff after 3 consecutive failures (reconnection time 1000 ms, doubled, "
                + "capped at 30 s, with jitter)");
        // A connection that lived past the reset time starts the backoff over.
        assertThat(plan.next(outcome(AttemptOutcome.End.STREAM_ENDED, true, 61_000)).delayMillis()).isEqualTo(1000);
        // One that did not keeps doubling.
        assertThat(plan.next(outcome(AttemptOutcome.End.STREAM_ENDED, true, 10)).delayMillis()).isEqualTo(2000);
    }

    @Test
    void onlyTheResilientPolicyRetriesRefusalsAndNever204() {
        ReconnectPlan browser = new ReconnectPlan(BROWSER, n -> 0);
        ReconnectPlan resilient = new ReconnectPlan(BROWSER.toBuilder().policy(ReconnectPolicy.RESILIENT).build(), n -> 0);
        assertThat(browser.retriesRefusal(503, false)).isFalse();
        assertThat(resilient.retriesRefusal(503, false)).isTrue();
        assertThat(resilient.retriesRefusal(204, false)).isFalse();
        assertThat(resilient.retriesRefusal(302, true)).isFalse();
        assertThat(resilient.retriesRefusal(200, false)).as("a 200 with the wrong type").isFalse();
    }

    @Test
    void onceNeverReconnectsAndIsTheDefaultForARequestWithABody() {
        EventSourceConfig post = EventSourceConfig.builder("http://127.0.0.1/llm").method("POST").body("{}", "application/json").build();
        assertThat(post.policy()).isEqualTo(ReconnectPolicy.ONCE);
        ReconnectPlan plan = new ReconnectPlan(post, n -> 0);
        ReconnectPlan.Decision ended = plan.next(ended());
        assertThat(ended.reconnect()).isFalse();
        assertThat(ended.reason()).isEqualTo("why; the Once policy does not reconnect");
        assertThat(plan.next(refused()).reconnect()).isFalse();
        assertThat(plan.next(outcome(AttemptOutcome.End.RESTART, false, 0)).reconnect()).as("the user may ask for another").isTrue();
        assertThat(BROWSER.policy()).isEqualTo(ReconnectPolicy.BROWSER);
        assertThat(EventSourceConfig.builder("http://127.0.0.1/llm").method("POST").body("{}", null)
                .policy(ReconnectPolicy.BROWSER).build().policy()).as("chosen explicitly").isEqualTo(ReconnectPolicy.BROWSER);
    }
}
