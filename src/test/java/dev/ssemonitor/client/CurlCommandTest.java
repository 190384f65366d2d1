package dev.ssemonitor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CurlCommandTest {
    @Test
    void readsADevToolsCopyAsCurl() {
        CurlCommand c = CurlCommand.parse("curl 'https://api.example.com/v1/chat' \\\n"
                + "  -H 'authorization: Bearer sk-1' \\\n  -H \"Accept: text/event-stream\" \\\n"
                + "  --data-raw '{\"stream\":true,\"q\":\"it''s\"}' \\\n  --compressed -N");
        assertThat(c.url()).isEqualTo("https://api.example.com/v1/chat");
        assertThat(c.method()).isEqualTo("POST");
        assertThat(c.headers()).containsExactly(new Header("authorization", "Bearer sk-1"),
                new Header("Accept", "text/event-stream"));
        assertThat(c.body()).isEqualTo("{\"stream\":true,\"q\":\"its\"}");
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void explicitMethodUserAndEscapes() {
        CurlCommand c = CurlCommand.parse("curl -X report --url http://h/x -u ada:pw -d $'a\\nb' -d c --max-time 5 --weird");
        assertThat(c.method()).isEqualTo("REPORT");
        assertThat(c.url()).isEqualTo("http://h/x");
        assertThat(c.headers()).containsExactly(new Header("Authorization", "Basic YWRhOnB3"));
        assertThat(c.body()).isEqualTo("a\nb&c");
        assertThat(c.warnings()).containsExactly("ignored --max-time 5", "ignored --weird");
    }

    @Test
    void clearErrors() {
        assertThatThrownBy(() -> CurlCommand.parse("wget http://x")).hasMessageContaining("start with 'curl'");
        assertThatThrownBy(() -> CurlCommand.parse("curl -H")).hasMessageContaining("-H needs a value");
        assertThatThrownBy(() -> CurlCommand.parse("curl 'http://x")).hasMessageContaining("Unclosed ' quote");
        assertThatThrownBy(() -> CurlCommand.parse("curl -N")).hasMessageContaining("no URL");
    }
}
