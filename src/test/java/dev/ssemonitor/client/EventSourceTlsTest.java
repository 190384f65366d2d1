package dev.ssemonitor.client;

import static dev.ssemonitor.testing.RawServer.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssemonitor.testing.RawServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS as a user meets it: certificates generated here, served by a byte-level server on 127.0.0.1. */
class EventSourceTlsTest {
    private static final long DAY = TimeUnit.DAYS.toMillis(1);
    private static final HeldCertificate CA = new HeldCertificate.Builder().commonName("Test Root CA").certificateAuthority(0).build();
    private static final HeldCertificate BY_CA = new HeldCertificate.Builder().commonName("stream.test")
            .addSubjectAlternativeName("127.0.0.1").signedBy(CA).build();
    private static final HeldCertificate SELF_SIGNED = new HeldCertificate.Builder().commonName("self.test")
            .addSubjectAlternativeName("127.0.0.1").build();
    private static final HeldCertificate OTHER_HOST = new HeldCertificate.Builder().commonName("elsewhere.test")
            .addSubjectAlternativeName("elsewhere.test").signedBy(CA).build();
    private static final HeldCertificate EXPIRED = new HeldCertificate.Builder().commonName("old.test")
            .addSubjectAlternativeName("127.0.0.1").validityInterval(System.currentTimeMillis() - 30 * DAY,
                    System.currentTimeMillis() - 2 * DAY).signedBy(CA).build();

    @TempDir
    Path dir;
    private RawServer server;
    private EventSource source;
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void close() throws Exception {
        if (source != null) source.close();
        if (server != null) server.close();
    }

    private RawServer serving(HeldCertificate cert, HeldCertificate... intermediates) throws Exception {
        HandshakeCertificates tls = new HandshakeCertificates.Builder().heldCertificate(cert, intermediates
                .length == 0 ? new java.security.cert.X509Certificate[0] : java.util.Arrays.stream(intermediates)
                .map(HeldCertificate::certificate).toArray(java.security.cert.X509Certificate[]::new)).build();
        server = new RawServer(tls.sslContext().getServerSocketFactory());
        server.enqueue(stream("data: over tls\n\n"));
        return server;
    }

    private Path pem(String name, HeldCertificate cert) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, cert.certificatePem());
        return p;
    }

    private void open(EventSourceConfig.Builder b) {
        source = EventSource.connect(b.reconnectionTime(Duration.ofMillis(20)).build(), listener);
    }

    @Test
    void aSelfSignedCertificateIsRefusedInWordsAndNotRetried() throws Exception {
        serving(SELF_SIGNED);
        open(EventSourceConfig.builder(server.url("/sse")));
        String error = listener.nextStartingWith("error ");
        assertThat(error).isEqualTo("error the server's certificate is not trusted: self-signed, issued to CN=self.test; trust "
                + "its CA's PEM file (Request options ▸ Trust certificates; watch --cacert FILE), or skip verification for "
                + "this connection (Request options; watch -k)");
        assertThat(listener.next()).startsWith("state CLOSED the server's certificate is not trusted");
        assertThat(source.awaitTermination(5000)).isTrue();
    }

    @Test
    void trustingTheCertificatesPemFileConnectsAndShowsTheHandshake() throws Exception {
        serving(SELF_SIGNED);
        open(EventSourceConfig.builder(server.url("/sse")).trustCertificates(pem("self.pem", SELF_SIGNED)));
        assertThat(listener.nextStartingWith("state OPEN")).isNotNull();
        assertThat(listener.next()).isEqualTo("event message  over tls");
        ResponseInfo r = listener.responses.get(0);
        assertThat(r.tls()).isNotNull();
        assertThat(r.tls().version()).startsWith("TLSv1.");
        assertThat(r.tls().cipherSuite()).startsWith("TLS_");
        assertThat(r.tls().chain()).singleElement().satisfies(c -> {
            assertThat(c.subject()).isEqualTo("CN=self.test");
            assertThat(c.names()).containsExactly("127.0.0.1");
            assertThat(c.selfSigned()).isTrue();
            assertThat(c.notAfterMillis()).isGreaterThan(System.currentTimeMillis());
        });
        assertThat(r.phases().tlsMs()).as("a TLS phase was timed").isGreaterThanOrEqualTo(0);
        assertThat(r.phases().connectMs()).isGreaterThanOrEqualTo(0);
        assertThat(r.phases().reusedConnection()).isFalse();
    }

    @Test
    void aCaFileTrustsWhatTheCaSignedAndTheChainIsShown() throws Exception {
        serving(BY_CA, CA);
        open(EventSourceConfig.builder(server.url("/sse")).trustCertificates(pem("ca.pem", CA)));
        assertThat(listener.nextStartingWith("state OPEN")).isNotNull();
        assertThat(listener.responses.get(0).tls().chain()).extracting(TlsInfo.Cert::subject)
                .containsExactly("CN=stream.test", "CN=Test Root CA");
    }

    @Test
    void withoutTheCaTheRefusalNamesTheIssuer() throws Exception {
        serving(BY_CA, CA);
        open(EventSourceConfig.builder(server.url("/sse")));
        assertThat(listener.nextStartingWith("error ")).startsWith("error the server's certificate is not trusted: issued to "
                + "CN=stream.test by CN=Test Root CA, a CA this machine does not trust; trust its CA's PEM file");
    }

    @Test
    void aCertificateForAnotherHostSaysWhichHostItIsFor() throws Exception {
        serving(OTHER_HOST, CA);
        open(EventSourceConfig.builder(server.url("/sse")).trustCertificates(pem("ca.pem", CA)));
        assertThat(listener.nextStartingWith("error ")).isEqualTo("error the server's certificate is not for 127.0.0.1: it is "
                + "for elsewhere.test");
        assertThat(listener.next()).startsWith("state CLOSED");
    }

    @Test
    void anExpiredCertificateSaysWhenItExpired() throws Exception {
        serving(EXPIRED, CA);
        open(EventSourceConfig.builder(server.url("/sse")).trustCertificates(pem("ca.pem", CA)));
        assertThat(listener.nextStartingWith("error ")).startsWith("error the server's certificate expired on ")
                .endsWith("(issued to CN=old.test)");
    }

    @Test
    void aKeyBesideTheCertificateIsSkippedAndAnExpiredCertificateTrustedDirectlyIsStillRefused() throws Exception {
        Path both = dir.resolve("both.pem");
        Files.writeString(both, SELF_SIGNED.privateKeyPkcs8Pem() + SELF_SIGNED.certificatePem());
        serving(SELF_SIGNED);
        open(EventSourceConfig.builder(server.url("/sse")).trustCertificates(both));
        assertThat(listener.nextStartingWith("state OPEN")).isNotNull();
        source.close();
        server.close();
        HeldCertificate oldSelf = new HeldCertificate.Builder().commonName("old-self.test").addSubjectAlternativeName("127.0.0.1")
                .validityInterval(System.currentTimeMillis() - 30 * DAY, System.currentTimeMillis() - 2 * DAY).build();
        serving(oldSelf);
        RecordingListener second = new RecordingListener();
        source = EventSource.connect(EventSourceConfig.builder(server.url("/sse")).trustCertificates(pem("old.pem", oldSelf))
                .build(), second);
        assertThat(second.nextStartingWith("error ")).startsWith("error the server's certificate expired on ");
    }

    @Test
    void insecureConnectsToAnyCertificateWhenAsked() throws Exception {
        serving(OTHER_HOST);
        open(EventSourceConfig.builder(server.url("/sse")).insecure(true));
        assertThat(listener.nextStartingWith("state OPEN")).isNotNull();
        assertThat(listener.responses.get(0).tls().chain().get(0).subject()).isEqualTo("CN=elsewhere.test");
        assertThat(listener.responses.get(0).tls().verified()).as("said: the chain was not checked").isFalse();
    }

    @Test
    void aHandshakeThatNeverFinishesTimesOutAndSaysSo() throws Exception {
        server = new RawServer(); // plain TCP: it reads the ClientHello as a request head that never ends
        open(EventSourceConfig.builder(server.url("/sse").replace("http:", "https:"))
                .responseTimeout(Duration.ofMillis(500)).maxReconnectAttempts(1).policy(ReconnectPolicy.RESILIENT));
        assertThat(listener.nextStartingWith("error ")).isEqualTo("error the TLS handshake did not finish within 0.5 s (127.0.0.1:"
                + server.port() + ")");
    }

    @Test
    void aPemFileThatIsNotOneIsRefusedWhenTheRequestIsBuilt() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello\n");
        Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "");
        Path big = dir.resolve("big.pem");
        Files.write(big, new byte[(int) TlsTrust.MAX_PEM_BYTES + 1]);
        EventSourceConfig.Builder b = EventSourceConfig.builder("https://127.0.0.1:1/");
        assertThatThrownBy(() -> b.trustCertificates(text)).hasMessageContaining("notes.txt")
                .hasMessageContaining("certificate");
        assertThatThrownBy(() -> b.trustCertificates(empty)).hasMessageContaining("empty.pem");
        assertThatThrownBy(() -> b.trustCertificates(big)).hasMessageContaining("larger than 1 MiB");
        assertThatThrownBy(() -> b.trustCertificates(dir.resolve("../nowhere/ca.pem"))).hasMessageStartingWith("no certificate file");
        assertThatThrownBy(() -> b.trustCertificates(dir)).hasMessageEndingWith("is a folder, not a certificate file");
        Path keyOnly = dir.resolve("key.pem");
        Files.writeString(keyOnly, SELF_SIGNED.privateKeyPkcs8Pem());
        assertThatThrownBy(() -> b.trustCertificates(keyOnly)).hasMessageEndingWith("holds a private key, not a certificate");
    }
}
