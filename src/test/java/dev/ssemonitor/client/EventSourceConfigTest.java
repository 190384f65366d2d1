package dev.ssemonitor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventSourceConfigTest {
    @Test
    void lastEventIdHeaderBecomesTheInitialLastEventId() {
        EventSourceConfig c = EventSourceConfig.builder("http://127.0.0.1:1/s").header("last-event-id: 7").header("X-A: b").build();
        assertThat(c.lastEventId()).isEqualTo("7");
        assertThat(c.headers()).containsExactly(new Header("X-A", "b"));
    }

    @Test
    void refusesWhatCannotBeSentWithAMessageForTheUser() {
        assertThatThrownBy(() -> EventSourceConfig.builder("  ")).hasMessage("Enter a URL, e.g. http://127.0.0.1:8088/sse");
        assertThatThrownBy(() -> EventSourceConfig.builder("ws://h/x")).hasMessageStartingWith("Not an http(s) URL");
        assertThatThrownBy(() -> EventSourceConfig.builder("http://").build()).hasMessage("Not a valid URL: 'http://'");
        assertThatThrownBy(() -> EventSourceConfig.builder("http://h/").body("x", null).build())
                .hasMessage("GET cannot carry a body: use POST (or another method)");
        assertThatThrownBy(() -> EventSourceConfig.builder("http://h/").header("no colon")).hasMessageContaining("Name: value");
        assertThatThrownBy(() -> EventSourceConfig.builder("http://h/").method("GE T")).hasMessage("Not an HTTP method: 'GE T'");
        assertThatThrownBy(() -> EventSourceConfig.builder("http://h/").lastEventId("a\0b")).hasMessageContaining("NUL");
    }

    @Test
    void secretsAreMaskedButTheSchemeStays() {
        assertThat(Header.mask("Authorization", "Bearer abc")).isEqualTo("Bearer ••••••");
        assertThat(Header.mask("Cookie", "session=1")).isEqualTo("••••••");
        assertThat(Header.mask("X-API-Key", "k")).isEqualTo("••••••");
        assertThat(Header.mask("Accept", "text/event-stream")).isEqualTo("text/event-stream");
    }
}
