package dev.ssemonitor.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.List;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;
import okhttp3.Request;

/**
 * OkHttp's view of one call, timed: DNS, connect, TLS, sending, waiting. One per call; the engine thread makes one call
 * at a time, and OkHttp reports a synchronous call's phases on that thread, but the watchdog reads the phase from its
 * own thread, hence volatile.
 */
final class PhaseRecorder extends EventListener {
    private static final long UNSET = Long.MIN_VALUE;
    /** The phase after the request is sent: a timeout there is the server's silence, said in its own words. */
    static final String WAITING = "waiting for the response head";

    private volatile long dnsStart = UNSET;
    private volatile long dnsEnd = UNSET;
    private volatile long connectStart = UNSET;
    private volatile long connectEnd = UNSET;
    private volatile long tlsStart = UNSET;
    private volatile long tlsEnd = UNSET;
    private volatile long sendStart = UNSET;
    private volatile long sendEnd = UNSET;
    private volatile long headStart = UNSET;
    private volatile boolean acquired;

    private static long now() {
        return System.nanoTime();
    }

    @Override
    public void dnsStart(Call call, String domainName) {
        dnsStart = now();
    }

    @Override
    public void dnsEnd(Call call, String domainName, List<java.net.InetAddress> inetAddressList) {
        dnsEnd = now();
    }

    @Override
    public void connectStart(Call call, InetSocketAddress inetSocketAddress, Proxy proxy) {
        if (connectStart == UNSET) connectStart = now(); // the first address tried: the whole connect counts
    }

    @Override
    public void secureConnectStart(Call call) {
        tlsStart = now();
    }

    @Override
    public void secureConnectEnd(Call call, Handshake handshake) {
        tlsEnd = now();
    }

    @Override
    public void connectEnd(Call call, InetSocketAddress inetSocketAddress, Proxy proxy, Protocol protocol) {
        connectEnd = now();
    }

    @Override
    public void connectFailed(Call call, InetSocketAddress inetSocketAddress, Proxy proxy, Protocol protocol, IOException ioe) {
        connectEnd = now();
    }

    @Override
    public void connectionAcquired(Call call, okhttp3.Connection connection) {
        acquired = true;
    }

    @Override
    public void requestHeadersStart(Call call) {
        if (sendStart == UNSET) sendStart = now();
    }

    @Override
    public void requestHeadersEnd(Call call, Request request) {
        sendEnd = now();
    }

    @Override
    public void requestBodyEnd(Call call, long byteCount) {
        sendEnd = now();
    }

    @Override
    public void responseHeadersStart(Call call) {
        headStart = now();
    }

    private static long ms(long from, long to) {
        return from == UNSET || to == UNSET ? -1 : Math.max(0, (to - from) / 1_000_000L);
    }

    /** The phases so far. */
    PhaseTimes times() {
        // A TCP connect without the TLS part: OkHttp's connect span includes the handshake.
        long connect = tlsStart != UNSET ? ms(connectStart, tlsStart) : ms(connectStart, connectEnd);
        return new PhaseTimes(ms(dnsStart, dnsEnd), connect, ms(tlsStart, tlsEnd), ms(sendStart, sendEnd),
                ms(sendEnd, headStart), acquired && connectStart == UNSET);
    }

    /** What the call is doing now, in words: for a timeout's message. */
    String phase() {
        if (dnsStart != UNSET && dnsEnd == UNSET) return "looking up the host name";
        if (tlsStart != UNSET && tlsEnd == UNSET) return "the TLS handshake";
        if (connectStart != UNSET && connectEnd == UNSET) return "connecting";
        if (sendStart != UNSET && sendEnd == UNSET) return "sending the request";
        return WAITING;
    }
}
