package org.audiostream.stream.ws;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * TLS options for {@code wss://} targets, from mod_audio_stream's {@code STREAM_TLS_*} variables.
 * Threads: immutable.
 *
 * @param trust how the server certificate is checked
 * @param caFile the CA bundle (PEM) when {@code trust} is {@link Trust#CA_FILE}, else {@code null}
 * @param clientCertFile client certificate chain (PEM) for mutual TLS, or {@code null}
 * @param clientKeyFile client private key (PKCS#8 PEM) for mutual TLS, or {@code null}
 * @param verifyHostname {@code false} disables the RFC 2818 host name check
 *     ({@code STREAM_TLS_DISABLE_HOSTNAME_VALIDATION=true})
 */
public record TlsSettings(Trust trust, Path caFile, Path clientCertFile, Path clientKeyFile, boolean verifyHostname) {

    /** Where trust anchors come from ({@code STREAM_TLS_CA_FILE}). */
    public enum Trust {
        /** The JDK's default trust store ({@code SYSTEM}, the default). */
        SYSTEM,
        /** A PEM CA bundle file. */
        CA_FILE,
        /** No peer verification at all ({@code NONE}); for tests and closed networks only. */
        NONE
    }

    /** System trust store, host name checked, no client certificate. */
    public static final TlsSettings DEFAULT = new TlsSettings(Trust.SYSTEM, null, null, null, true);

    public TlsSettings {
        Objects.requireNonNull(trust, "trust");
        if ((trust == Trust.CA_FILE) != (caFile != null)) {
            throw new IllegalArgumentException("TLS settings rejected: caFile=" + caFile
                    + " must be given exactly when trust=CA_FILE (trust=" + trust + ")");
        }
        if ((clientCertFile == null) != (clientKeyFile == null)) {
            throw new IllegalArgumentException("TLS settings rejected: client certificate and key go together"
                    + " (cert=" + clientCertFile + ", key=" + clientKeyFile + ")");
        }
    }

    /**
     * Builds settings from the variable values; {@code caFileOrKeyword} is {@code SYSTEM}, {@code NONE}
     * (case-insensitive), a path, or {@code null}/blank for {@code SYSTEM}.
     */
    public static TlsSettings of(String caFileOrKeyword, Path clientCertFile, Path clientKeyFile,
            boolean verifyHostname) {
        String ca = caFileOrKeyword == null ? "" : caFileOrKeyword.strip();
        return switch (ca.toUpperCase(Locale.ROOT)) {
            case "", "SYSTEM" -> new TlsSettings(Trust.SYSTEM, null, clientCertFile, clientKeyFile, verifyHostname);
            case "NONE" -> new TlsSettings(Trust.NONE, null, clientCertFile, clientKeyFile, verifyHostname);
            default -> new TlsSettings(Trust.CA_FILE, Path.of(ca), clientCertFile, clientKeyFile, verifyHostname);
        };
    }

    /** {@code true} when a client certificate is presented. */
    public boolean mutual() {
        return clientCertFile != null;
    }
}
