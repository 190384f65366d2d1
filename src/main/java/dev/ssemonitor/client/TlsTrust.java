package dev.ssemonitor.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * Which servers' certificates a source trusts: the platform's CAs (the default), those plus the certificates of a PEM
 * file the user names, or, only when the user asks for it, any certificate at all. Whatever it trusts, it remembers
 * the chain the server showed, so a refusal can say whose certificate it was.
 */
final class TlsTrust implements X509TrustManager {
    static final long MAX_PEM_BYTES = 1 << 20;

    /** Where the trust comes from; asked once, at the first handshake (reading the platform's CAs takes a while). */
    @FunctionalInterface
    private interface Source {
        X509TrustManager get() throws GeneralSecurityException, IOException;
    }

    private final boolean trustAll;
    private final Source source;
    private volatile X509TrustManager delegate;
    private volatile X509Certificate[] lastChain;

    private TlsTrust(boolean trustAll, Source source) {
        this.trustAll = trustAll;
        this.source = source;
    }

    /**
     * Sets up {@code builder} for the config's trust; the trust it installed, to ask about the chain afterwards. A
     * user's PEM file is read at once, so a bad one is refused before connecting; the platform's CAs and the TLS
     * context are set up at the first handshake, so a plain {@code http:} stream never pays for them (a fifth of a
     * second of {@code watch}'s start-up).
     */
    static TlsTrust install(OkHttpClient.Builder builder, EventSourceConfig config) {
        TlsTrust trust;
        if (config.insecure()) {
            trust = new TlsTrust(true, () -> null);
        } else if (config.trustedCertificates() != null) {
            X509TrustManager withFile;
            try {
                withFile = withExtra(readPem(config.trustedCertificates()));
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
            }
            trust = new TlsTrust(false, () -> withFile);
        } else {
            trust = new TlsTrust(false, TlsTrust::platformDefault);
        }
        return trust.installIn(builder, config.insecure());
    }

    /** The platform's trust, set up at the first handshake: for a client that {@link #install} will set up again. */
    static OkHttpClient.Builder platformTrust(OkHttpClient.Builder builder) {
        new TlsTrust(false, TlsTrust::platformDefault).installIn(builder, false);
        return builder;
    }

    private TlsTrust installIn(OkHttpClient.Builder builder, boolean anyHost) {
        builder.sslSocketFactory(new LazySslSocketFactory(() -> {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {this}, null);
            return tls.getSocketFactory();
        }), this);
        if (anyHost) builder.hostnameVerifier((host, session) -> true);
        return this;
    }

    private X509TrustManager delegate() throws CertificateException {
        X509TrustManager d = delegate;
        if (d == null) {
            try {
                delegate = d = source.get();
            } catch (GeneralSecurityException | IOException e) {
                throw new CertificateException("cannot read the trusted certificates: " + e.getMessage(), e);
            }
        }
        return d;
    }

    /**
     * The certificates of a PEM file, checked: present, at most 1 MiB, at least one certificate.
     *
     * @throws IllegalArgumentException with words for the user
     */
    static List<X509Certificate> readPem(Path file) {
        try {
            if (Files.isDirectory(file)) throw new IllegalArgumentException(file + " is a folder, not a certificate file");
            if (!Files.exists(file)) throw new IllegalArgumentException("no certificate file " + file);
            if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + " is not a regular file");
            if (Files.size(file) > MAX_PEM_BYTES) throw new IllegalArgumentException(file + " is larger than 1 MiB: not a certificate file");
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_PEM_BYTES + 1);
            }
            String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (text.contains("-----BEGIN")) {
                // PEM: only the CERTIFICATE blocks (a key block beside them is skipped, as curl does).
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "-----BEGIN CERTIFICATE-----[\\s\\S]*?-----END CERTIFICATE-----").matcher(text);
                StringBuilder certs = new StringBuilder();
                while (m.find()) certs.append(m.group()).append('\n');
                if (certs.length() == 0) {
                    throw new IllegalArgumentException(file + (text.contains("PRIVATE KEY") ? " holds a private key, not a certificate"
                            : " holds no certificate (PEM: -----BEGIN CERTIFICATE-----)"));
                }
                bytes = certs.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            List<X509Certificate> out = new ArrayList<>();
            Collection<? extends java.security.cert.Certificate> all = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new java.io.ByteArrayInputStream(bytes));
            for (var c : all) {
                if (c instanceof X509Certificate x) out.add(x);
            }
            if (out.isEmpty()) throw new IllegalArgumentException(file + " holds no certificate (PEM: -----BEGIN CERTIFICATE-----)");
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + " is not a PEM certificate file: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static X509TrustManager withExtra(List<X509Certificate> extra) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        // The platform's CAs stay trusted: the file adds to them (curl's --cacert replaces them; a user who trusts a
        // private CA for one server still expects public ones to work after a redirect).
        X509TrustManager platform = platformDefault();
        for (X509Certificate ca : platform.getAcceptedIssuers()) store.setCertificateEntry("platform-" + i++, ca);
        for (X509Certificate c : extra) store.setCertificateEntry("user-" + i++, c);
        return platform(store);
    }

    private static volatile X509TrustManager platformDefault;

    /** The platform's trust, read once: loading its CAs costs tens of milliseconds, and every source needs it. */
    private static X509TrustManager platformDefault() throws GeneralSecurityException {
        X509TrustManager tm = platformDefault;
        if (tm == null) platformDefault = tm = platform(null);
        return tm;
    }

    private static X509TrustManager platform(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        for (TrustManager tm : f.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) return x;
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** The chain the server showed last, its own certificate first; empty before any handshake. */
    List<TlsInfo.Cert> lastChain() {
        X509Certificate[] chain = lastChain;
        return chain == null ? List.of() : TlsInfo.describe(List.of(chain));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        lastChain = chain.clone();
        if (trustAll) return;
        delegate().checkServerTrusted(chain, authType);
        // A certificate trusted directly (the user's PEM) is a trust anchor, and PKIX does not check an anchor's dates:
        // an expired one must not pass for that.
        if (chain.length > 0) chain[0].checkValidity();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this client does not accept client certificates");
    }

    /**
     * The CAs, once the first handshake has read them; none before. OkHttp asks when a client is built, for the chain
     * cleaner of certificate pinning, which no source of ours uses; the handshake's check does not ask.
     */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        X509TrustManager d = trustAll ? null : delegate;
        return d == null ? new X509Certificate[0] : d.getAcceptedIssuers();
    }
}
