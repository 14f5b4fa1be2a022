package io.shardgate.kinesis;

import java.util.Objects;

/**
 * TLS for the Kinesis listener; the gateway binds {@code kinesis.tls} to this record. With a key store the listener
 * speaks HTTPS only, choosing HTTP/2 or HTTP/1.1 by ALPN; without one it speaks cleartext HTTP/1.1 and h2c.
 *
 * @param keyStore the key store file holding the server's private key and certificate chain; empty: no TLS
 * @param keyStorePassword the key store's password, also used for the key
 * @param keyStoreType the key store's type as {@link java.security.KeyStore} names it ({@code PKCS12}, {@code JKS})
 */
public record KinesisTlsConfig(String keyStore, String keyStorePassword, String keyStoreType) {

    public static final String DEFAULT_KEY_STORE_TYPE = "PKCS12";

    public KinesisTlsConfig {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        Objects.requireNonNull(keyStoreType, "keyStoreType");
        if (keyStoreType.isBlank()) {
            throw new IllegalArgumentException("keyStoreType must not be blank");
        }
    }

    /** No TLS. */
    public static KinesisTlsConfig disabled() {
        return new KinesisTlsConfig("", "", DEFAULT_KEY_STORE_TYPE);
    }

    /** Whether the listener speaks TLS. */
    public boolean enabled() {
        return !keyStore.isBlank();
    }

    @Override
    public String toString() {
        return "KinesisTlsConfig[keyStore=" + keyStore + ", keyStoreType=" + keyStoreType + "]";
    }
}
