package dev.ssemonitor.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLSocketFactory;

/**
 * An SSL socket factory that builds the real one when the first TLS socket is asked for: setting up a TLS context
 * loads and initialises a few hundred classes, which a source that only ever speaks plain HTTP should not wait for.
 */
final class LazySslSocketFactory extends SSLSocketFactory {
    @FunctionalInterface
    interface Maker {
        SSLSocketFactory make() throws GeneralSecurityException;
    }

    private final Maker maker;
    private volatile SSLSocketFactory real;

    LazySslSocketFactory(Maker maker) {
        this.maker = maker;
    }

    private SSLSocketFactory real() throws IOException {
        SSLSocketFactory f = real;
        if (f == null) {
            synchronized (this) {
                f = real;
                if (f == null) {
                    try {
                        real = f = maker.make();
                    } catch (GeneralSecurityException e) {
                        throw new IOException("cannot set up TLS: " + e.getMessage(), e);
                    }
                }
            }
        }
        return f;
    }

    private SSLSocketFactory realOrFail() {
        try {
            return real();
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return realOrFail().getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return realOrFail().getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return real().createSocket();
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return real().createSocket(s, host, port, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return real().createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return real().createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return real().createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return real().createSocket(address, port, localAddress, localPort);
    }
}
