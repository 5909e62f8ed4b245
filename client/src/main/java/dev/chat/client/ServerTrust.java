package dev.chat.client;

import dev.chat.wire.Fingerprint;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Decides whether to trust the daemon's certificate, in this order: the certificate this session
 * already trusted (its data connections); with {@code --tls-ca}, that CA and nothing else; the
 * system trust store (with a host name check); else trust on first use, as ssh does: a
 * {@code --tls-fingerprint} pin, the known hosts entry (a different fingerprint is refused with
 * {@link ServerChangedException}), or the user's {@link TrustDecision}, remembered in known hosts.
 * One per session; called on the connecting thread during handshakes.
 */
final class ServerTrust extends X509ExtendedTrustManager {
    private final String hostPort;
    private final TlsOptions options;
    private final X509ExtendedTrustManager authorities;
    /** The fingerprint this session trusted; its data connections must present the same certificate. */
    private volatile String trusted;

    ServerTrust(String hostPort, TlsOptions options) throws IOException {
        this.hostPort = hostPort;
        this.options = options;
        this.authorities = authorities(options);
    }

    /** The fingerprint trusted, once a handshake succeeded. */
    String trustedFingerprint() {
        return trusted;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        String seen = Fingerprint.of(chain[0].getEncoded());
        if (seen.equals(trusted)) {
            return;
        }
        if (trusted != null) {
            throw new CertificateException("the data connection presents " + seen + ", not the session's " + trusted);
        }
        try {
            authorities.checkServerTrusted(chain, authType, socket);
            trusted = seen;
            return;
        } catch (CertificateException e) {
            if (options.caFile() != null) {
                throw e; // a CA was named: it alone decides
            }
        }
        trustOnFirstUse(seen);
        trusted = seen;
    }

    private void trustOnFirstUse(String seen) throws CertificateException {
        Optional<String> known;
        try {
            known = options.knownHosts().fingerprint(hostPort);
        } catch (IOException e) {
            throw new CertificateException("cannot read " + options.knownHosts().file() + ": " + e.getMessage(), e);
        }
        String pin = options.fingerprint();
        if (pin != null && !pin.equals(seen)) {
            throw new CertificateException("the TLS certificate of " + hostPort + " is " + seen
                    + ", not the expected " + pin + " (--tls-fingerprint)");
        }
        if (known.isPresent()) {
            if (known.get().equals(seen)) {
                return;
            }
            throw new ServerChangedException(hostPort, known.get(), seen, options.knownHosts().file());
        }
        if (pin == null && !options.decision().trustNewServer(hostPort, seen)) {
            throw new CertificateException("the TLS certificate of " + hostPort + " (" + seen + ") is not trusted;"
                    + " check it with the server's operator ('chatd --fingerprint'), then connect with --tls-fingerprint " + seen);
        }
        try {
            options.knownHosts().add(hostPort, seen);
        } catch (IOException e) {
            throw new CertificateException("cannot remember the server in " + options.knownHosts().file() + ": "
                    + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager authorities(TlsOptions options) throws IOException {
        try {
            KeyStore store = null;
            if (options.caFile() != null) {
                store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                try (InputStream in = Files.newInputStream(options.caFile())) {
                    int i = 0;
                    for (Certificate certificate : java.security.cert.CertificateFactory.getInstance("X.509")
                            .generateCertificates(in)) {
                        store.setCertificateEntry("ca-" + i++, certificate);
                    }
                    if (i == 0) {
                        throw new IOException(options.caFile() + " holds no PEM certificate");
                    }
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IOException("the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the CA certificates: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("sockets only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("sockets only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a client trusts servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a client trusts servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client trusts servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
