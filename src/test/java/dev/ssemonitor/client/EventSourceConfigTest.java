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
    void aUrlWithoutASchemeIsHttpAsCurlAssumes() {
        assertThat(EventSourceConfig.parseUrl("localhost:8088/sse")).hasToString("http://localhost:8088/sse");
        assertThat(EventSourceConfig.parseUrl("127.0.0.1:8088")).hasToString("http://127.0.0.1:8088/");
        assertThat(EventSourceConfig.parseUrl("api.example.com/v1/stream?x=1")).hasToString("http://api.example.com/v1/stream?x=1");
        assertThat(EventSourceConfig.parseUrl("HTTPS://Example.com/s")).hasToString("https://example.com/s");
    }

    @Test
    void aMistypedSchemeIsNamedNotTurnedIntoAHost() {
        assertThatThrownBy(() -> EventSourceConfig.parseUrl("htp:/x"))
                .hasMessage("Not an http(s) URL: 'htp:/x' (event streams are served over HTTP; did you mean http:// ?)");
        assertThatThrownBy(() -> EventSourceConfig.parseUrl("ftp://example.com/feed"))
                .hasMessage("Not an http(s) URL: 'ftp://example.com/feed' (event streams are served over HTTP)");
        assertThat(EventSourceConfig.parseUrl("http:/example.com/x")).as("as a browser reads it").hasToString("http://example.com/x");
        assertThatThrownBy(() -> EventSourceConfig.parseAbsoluteUrl("nope")).hasMessage("Not an absolute http(s) URL: 'nope'");
        assertThatThrownBy(() -> EventSourceConfig.parseUrl("not a url")).hasMessage("Not a valid URL: 'not a url'");
        assertThatThrownBy(() -> EventSourceConfig.parseUrl("\u001b[2J x")).as("a terminal escape is not echoed raw")
                .hasMessage("Not a valid URL: '\\x1b[2J x'");
    }

    @Test
    void secretsAreMaskedButTheSchemeStays() {
        assertThat(Header.mask("Authorization", "Bearer abc")).isEqualTo("Bearer ••••••");
        assertThat(Header.mask("Cookie", "session=1")).isEqualTo("••••••");
        assertThat(Header.mask("X-API-Key", "k")).isEqualTo("••••••");
        assertThat(Header.mask("Accept", "text/event-stream")).isEqualTo("text/event-stream");
    }
}
