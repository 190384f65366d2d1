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

    private final X509TrustManager delegate; // null: trust everything (insecure)
    private volatile X509Certificate[] lastChain;

    private TlsTrust(X509TrustManager delegate) {
        this.delegate = delegate;
    }

    /** Sets up {@code builder} for the config's trust; the trust it installed, to ask about the chain afterwards. */
    static TlsTrust install(OkHttpClient.Builder builder, EventSourceConfig config) {
        try {
            X509TrustManager base;
            if (config.insecure()) {
                base = null;
            } else if (config.trustedCertificates() != null) {
                base = withExtra(readPem(config.trustedCertificates()));
            } else {
                base = platformDefault();
            }
            TlsTrust trust = new TlsTrust(base);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trust}, null);
            builder.sslSocketFactory(tls.getSocketFactory(), trust);
            if (config.insecure()) builder.hostnameVerifier((host, session) -> true);
            return trust;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
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
        if (delegate == null) return;
        delegate.checkServerTrusted(chain, authType);
        // A certificate trusted directly (the user's PEM) is a trust anchor, and PKIX does not check an anchor's dates:
        // an expired one must not pass for that.
        if (chain.length > 0) chain[0].checkValidity();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this client does not accept client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate == null ? new X509Certificate[0] : delegate.getAcceptedIssuers();
    }
}
