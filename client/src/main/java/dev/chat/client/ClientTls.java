package dev.chat.client;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * The client side of TLS for one session: the chat connection and its TCP data connections are
 * wrapped with the same {@link ServerTrust}, so a data connection must present the certificate the
 * session trusted. Handshakes run on the calling thread.
 */
final class ClientTls {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final String host;
    private final ServerTrust trust;
    private final SSLContext context;

    ClientTls(String host, int port, TlsOptions options) throws IOException {
        this.host = host;
        this.trust = new ServerTrust(host + ":" + port, options);
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[]{trust}, null);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set TLS up: " + e.getMessage(), e);
        }
    }

    /** A TLS client handshake over the connected {@code raw}; closing the result closes {@code raw}. */
    SSLSocket handshake(Socket raw) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, host, raw.getPort(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the system trust store checks the host name
        if (!host.isEmpty() && Character.isLetter(host.charAt(host.length() - 1))) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    /** The fingerprint of the certificate this session trusts. */
    String fingerprint() {
        return trust.trustedFingerprint();
    }
}
