package io.shardgate.kinesis.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

import io.shardgate.kinesis.KinesisTlsConfig;

/**
 * The server TLS context of the Kinesis listener: the key store's key and chain, the JDK's TLS, HTTP/2's cipher
 * suites, and ALPN offering {@code h2} then {@code http/1.1}.
 */
public final class KinesisTls {

    private KinesisTls() {}

    /**
     * Builds the context, reading the key store now.
     *
     * @throws IOException if the key store cannot be read or holds no usable key
     */
    public static SslContext serverContext(KinesisTlsConfig config) throws IOException {
        char[] password = config.keyStorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(config.keyStore()))) {
            KeyStore keyStore = KeyStore.getInstance(config.keyStoreType());
            keyStore.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, password);
            return SslContextBuilder.forServer(keys)
                    .sslProvider(SslProvider.JDK)
                    .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2,
                            ApplicationProtocolNames.HTTP_1_1))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the key store " + config.keyStore() + ": " + e.getMessage(), e);
        }
    }
}
