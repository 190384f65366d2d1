package dev.ssemonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssemonitor.client.AttemptSummary;
import dev.ssemonitor.client.ErrorBody;
import dev.ssemonitor.client.Header;
import dev.ssemonitor.client.PhaseTimes;
import dev.ssemonitor.client.RedirectInfo;
import dev.ssemonitor.client.RequestInfo;
import dev.ssemonitor.client.ResponseInfo;
import dev.ssemonitor.client.TlsInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Attempt tab's text and waterfall, from what the engine reported. */
class AttemptReportTest {
    private static final long JAN_2027 = 1_798_761_600_000L;

    private static AttemptRow refused() {
        AttemptRow a = new AttemptRow(new RequestInfo(2, 1000, "POST", "https://api.test/v1/stream",
                List.of(new Header("Accept", "text/event-stream"), new Header("Authorization", "Bearer ••••••")), "41"), 0);
        a.redirected(new RedirectInfo(2, 307, "https://api.test/v1/stream", "https://eu.api.test/v1/stream",
                List.of(), false), 1010, 0);
        a.responded(new ResponseInfo(2, 401, "Unauthorized", "h2", "https://eu.api.test/v1/stream",
                List.of(new Header("content-type", "application/json")), List.of(new Header("Accept", "text/event-stream")),
                40, new PhaseTimes(3, 5, 12, 1, 19, false),
                new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", List.of(new TlsInfo.Cert("CN=eu.api.test", "CN=Test CA",
                        JAN_2027 - 86_400_000L * 90, JAN_2027, List.of("eu.api.test"), false)), true)), 1050, 0);
        a.body(new ErrorBody(2, 401, "application/json", "{\"error\":{\"message\":\"Invalid API key\"}}", false), 1051, 0);
        a.ended(new AttemptSummary(2, 401, 0, 0, 0, -1, "HTTP 401 Unauthorized", false), 1052, 0);
        return a;
    }

    @Test
    void saysWhatWasSentAndWhatCameBackAsAnHttpToolDoes() {
        String text = AttemptReport.text(refused());
        assertThat(text).contains("Request\n  POST https://api.test/v1/stream\n  Accept: text/event-stream\n"
                + "  Authorization: Bearer ••••••\n  (Last-Event-ID sent: 41)\n");
        assertThat(text).contains("Redirect 307\n  https://api.test/v1/stream\n  → https://eu.api.test/v1/stream\n");
        assertThat(text).contains("Response  (https://eu.api.test/v1/stream)\n  HTTP/2 401 Unauthorized\n"
                + "  content-type: application/json\n");
        assertThat(text).contains("Timing\n  DNS 3 ms · connect 5 ms · TLS 12 ms · request sent 1 ms · waiting (response head) 19 ms");
        assertThat(text).contains("TLS\n  TLSv1.3 · TLS_AES_128_GCM_SHA256\n  1. CN=eu.api.test\n     issued by CN=Test CA\n"
                + "     valid 2026-10-03 to 2027-01-01\n     names: eu.api.test\n");
        assertThat(text).as("a JSON body, pretty").contains("Body of the refused response, application/json\n  {\n"
                + "    \"error\" : {\n      \"message\" : \"Invalid API key\"\n    }\n  }");
        assertThat(text).contains("Ended\n  HTTP 401 Unauthorized\n");
    }

    @Test
    void theWaterfallLaysThePhasesEndToEnd() {
        assertThat(AttemptReport.phases(refused())).containsExactly(
                new AttemptReport.Phase("DNS", "phase-dns", 0, 3),
                new AttemptReport.Phase("Connect", "phase-connect", 3, 8),
                new AttemptReport.Phase("TLS", "phase-tls", 8, 20),
                new AttemptReport.Phase("Send", "phase-send", 20, 21),
                new AttemptReport.Phase("Wait", "phase-wait", 21, 40));
        AttemptRow waiting = new AttemptRow(new RequestInfo(1, 0, "GET", "http://x.test/", List.of(), ""), 0);
        assertThat(AttemptReport.phases(waiting)).isEmpty();
        assertThat(AttemptReport.text(waiting)).contains("Response\n  waiting for the response head…");
    }

    @Test
    void theHexViewShowsEveryByteAndStopsAtItsBound() {
        dev.ssemonitor.sse.RawBytes raw = new dev.ssemonitor.sse.ServerSentEvent("message", "x", "",
                List.of("data: é")).raw();
        assertThat(Formats.hex(raw)).isEqualTo("000000  64 61 74 61 3a 20 c3 a9  0a 0a" + " ".repeat(18) + "  data: ....\n");
        byte[] many = new byte[Formats.HEX_MAX_BYTES + 100];
        java.util.Arrays.fill(many, (byte) 'a');
        StringBuilder line = new StringBuilder();
        for (byte b : many) line.append((char) b);
        dev.ssemonitor.sse.RawBytes big = dev.ssemonitor.sse.RawBytes.ofLines(List.of(line.toString()));
        assertThat(Formats.hex(big)).endsWith("… 101 more bytes\n");
    }

    @Test
    void anEventsSizeIsItsBytesOnTheWire() {
        MessageRow row = MessageRow.event(0, new dev.ssemonitor.sse.ServerSentEvent("message", "\uFFFD", "",
                List.of("id: 1", "data: \uFFFD")));
        // "id: 1\n" + "data: " + EF BF BD + "\n" + the blank line
        assertThat(row.size()).isEqualTo(6 + 6 + 3 + 1 + 1);
    }
}
