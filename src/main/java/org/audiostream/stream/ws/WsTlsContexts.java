package org.audiostream.stream.ws;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds and caches client {@link SslContext}s (JDK provider) per {@link TlsSettings}; a file changed on
 * disk (certificate rotation) gives a new context. Threads: thread-safe.
 */
public final class WsTlsContexts {

    private record Key(TlsSettings settings, long caModified, long certModified, long keyModified) {
    }

    private final ConcurrentHashMap<Key, SslContext> cache = new ConcurrentHashMap<>();

    /**
     * @throws WsTlsSetupException naming the file or setting that could not be used
     */
    public SslContext get(TlsSettings settings) throws WsTlsSetupException {
        Key key = new Key(settings, modified("caFile", settings.caFile()), modified("clientCertFile",
                settings.clientCertFile()), modified("clientKeyFile", settings.clientKeyFile()));
        SslContext cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        SslContext built = build(settings);
        cache.keySet().removeIf(k -> k.settings().equals(settings));
        cache.put(key, built);
        return built;
    }

    private static SslContext build(TlsSettings s) throws WsTlsSetupException {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
        switch (s.trust()) {
            case CA_FILE -> {
                try {
                    b.trustManager(s.caFile().toFile());
                } catch (IllegalArgumentException e) {
                    throw new WsTlsSetupException("caFile=" + s.caFile() + " has no usable certificate: "
                            + e.getMessage());
                }
            }
            case NONE -> b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            case SYSTEM -> {
                // the JDK default trust store
            }
        }
        if (s.mutual()) {
            File cert = s.clientCertFile().toFile();
            File key = s.clientKeyFile().toFile();
            try {
                b.keyManager(cert, key);
            } catch (IllegalArgumentException e) {
                throw new WsTlsSetupException("clientCertFile=" + cert + " clientKeyFile=" + key
                        + " cannot be used (PEM certificate chain and PKCS#8 key expected): " + e.getMessage());
            }
        }
        // RFC 2818 host name check in the JDK engine; pointless without peer verification (NONE)
        b.endpointIdentificationAlgorithm(s.verifyHostname() && s.trust() != TlsSettings.Trust.NONE ? "HTTPS" : null);
        try {
            return b.build();
        } catch (Exception e) {
            throw new WsTlsSetupException("TLS context could not be built for " + s + ": " + e.getMessage());
        }
    }

    private static long modified(String name, Path file) throws WsTlsSetupException {
        if (file == null) {
            return 0;
        }
        if (!Files.isReadable(file)) {
            throw new WsTlsSetupException(name + "=" + file + " does not exist or is not readable");
        }
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (java.io.IOException e) {
            throw new WsTlsSetupException(name + "=" + file + " cannot be read: " + e.getMessage());
        }
    }

    /** The TLS settings cannot be turned into a context. */
    public static final class WsTlsSetupException extends Exception {
        WsTlsSetupException(String message) {
            super("WS TLS setup failed: " + message, null, false, false);
        }
    }
}
