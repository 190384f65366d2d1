package dev.ssemonitor.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlMaskTest {
    @Test
    void masksUserinfoAndSecretLookingQueryValues() {
        assertThat(UrlMask.mask("https://alice:hunter2@api.example/v1/stream?access_token=abc&model=gpt&KEY=k&x-sig=s#frag"))
                .isEqualTo("https://••••••@api.example/v1/stream?access_token=••••••&model=gpt&KEY=••••••&x-sig=••••••#frag");
        assertThat(UrlMask.mask("http://127.0.0.1:8088/sse?a=1&b")).isEqualTo("http://127.0.0.1:8088/sse?a=1&b");
        assertThat(UrlMask.mask("http://h/?%74oken=secret")).as("an encoded name is judged decoded")
                .isEqualTo("http://h/?%74oken=••••••");
        assertThat(UrlMask.mask("http://h/?api%ZZkey=secret")).as("a stray % does not hide a key").isEqualTo("http://h/?api%ZZkey=••••••");
        assertThat(UrlMask.mask("not a url")).isEqualTo("not a url");
        assertThat(UrlMask.mask("http://h/redirect?code=301&to=/sse")).as("a status code is no secret")
                .isEqualTo("http://h/redirect?code=301&to=/sse");
        assertThat(UrlMask.mask(okhttp3.HttpUrl.get("http://h/?token=t"), true)).isEqualTo("http://h/?token=t");
    }
}
