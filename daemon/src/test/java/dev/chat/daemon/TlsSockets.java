package dev.chat.daemon;

import dev.chat.wire.Fingerprint;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/** JDK TLS client sockets for tests, trusting exactly the certificate with one fingerprint. */
final class TlsSockets {
    private TlsSockets() {
    }

    /** Connects to loopback {@code port} and completes a TLS handshake pinned to {@code fingerprint}. */
    static SSLSocket connect(int port, String fingerprint) throws IOException {
        Socket raw = new Socket();
        raw.connect(new InetSocketAddress("127.0.0.1", port), TestClient.READ_TIMEOUT_MILLIS);
        return over(raw, fingerprint);
    }

    /** A TLS client handshake over an already connected socket. */
    static SSLSocket over(Socket raw, String fingerprint) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new Pinned(fingerprint)}, null);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, "127.0.0.1", raw.getPort(), true);
            tls.setSoTimeout(TestClient.READ_TIMEOUT_MILLIS);
            tls.startHandshake();
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private record Pinned(String fingerprint) implements X509TrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            String seen = Fingerprint.of(chain[0].getEncoded());
            if (!seen.equals(fingerprint)) {
                throw new CertificateException("expected " + fingerprint + ", got " + seen);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
