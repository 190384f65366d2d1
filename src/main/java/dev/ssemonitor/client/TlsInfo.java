package dev.ssemonitor.client;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import okhttp3.Handshake;

/**
 * What a TLS connection negotiated, and the certificates the server showed, as words and numbers.
 *
 * @param chain    the server's chain, its own certificate first
 * @param verified false when the user asked to skip verification: the chain was shown, not checked
 */
public record TlsInfo(String version, String cipherSuite, List<Cert> chain, boolean verified) {
    public TlsInfo {
        chain = List.copyOf(chain);
    }

    /**
     * One certificate of the chain.
     *
     * @param names its subject alternative names (DNS names and IP addresses)
     */
    public record Cert(String subject, String issuer, long notBeforeMillis, long notAfterMillis, List<String> names,
                       boolean selfSigned) {
        public Cert {
            names = List.copyOf(names);
        }
    }

    /** @param shown the chain as the server sent it, for when OkHttp's cleaned chain is empty (nothing trusted) */
    static TlsInfo of(Handshake h, List<Cert> shown, boolean verified) {
        if (h == null) return null;
        List<Cert> chain = describe(h.peerCertificates());
        return new TlsInfo(h.tlsVersion().javaName(), h.cipherSuite().javaName(), chain.isEmpty() ? shown : chain, verified);
    }

    static List<Cert> describe(Collection<? extends Certificate> certificates) {
        List<Cert> out = new ArrayList<>();
        for (Certificate c : certificates) {
            if (c instanceof X509Certificate x) out.add(describe(x));
        }
        return out;
    }

    static Cert describe(X509Certificate c) {
        List<String> names = new ArrayList<>();
        try {
            if (c.getSubjectAlternativeNames() != null) {
                for (List<?> san : c.getSubjectAlternativeNames()) {
                    if (san.size() >= 2 && san.get(1) instanceof String name) names.add(name);
                }
            }
        } catch (CertificateParsingException e) {
            // no readable names: the subject still says who it is for
        }
        String subject = c.getSubjectX500Principal().getName();
        String issuer = c.getIssuerX500Principal().getName();
        return new Cert(subject, issuer, c.getNotBefore().getTime(), c.getNotAfter().getTime(), names, subject.equals(issuer));
    }
}
