package io.authroutes.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * The {@code providers.<id>.ssl.*} block: which CAs a provider's HTTPS server is trusted by (an
 * on-premises Mobile SMARTS with its own CA), and which client certificate is shown to a server that
 * asks for one (mTLS). Without it the JVM's default CAs apply and no client certificate is sent.
 * Hostname verification is always on: there is no option to trust every certificate.
 *
 * <p>Stores are PKCS12 or JKS files, read once at start-up so that a wrong path or password stops the
 * start with the key to fix. Passwords are declared secret in {@link ProviderOptions}, so the provider's redactor
 * masks them; Camel's parameters print them as stars.
 * Not for applications (public for the component's HTTP client); may change.
 */
public record ProviderTls(String providerId, Optional<Path> truststore, Optional<Path> keystore,
                          SSLContextParameters parameters) {

    public static final String TRUSTSTORE = "ssl.truststore";
    public static final String TRUSTSTORE_PASSWORD = "ssl.truststorePassword";
    public static final String KEYSTORE = "ssl.keystore";
    public static final String KEYSTORE_PASSWORD = "ssl.keystorePassword";
    /** The private key's own password, when it differs from the keystore's. */
    static final String KEY_PASSWORD = "ssl.keyPassword";


    /** The provider's TLS settings, or empty when it sets none (the JVM's defaults apply). */
    public static Optional<ProviderTls> load(ProviderProperties properties, CamelContext context) {
        Optional<Path> truststore = properties.optional(TRUSTSTORE).map(Path::of);
        Optional<Path> keystore = properties.optional(KEYSTORE).map(Path::of);
        if (truststore.isEmpty() && keystore.isEmpty()) {
            for (String option : new String[] {TRUSTSTORE_PASSWORD, KEYSTORE_PASSWORD, KEY_PASSWORD}) {
                if (properties.optional(option).isPresent()) {
                    throw new ProviderConfigurationException(properties.providerId(), properties.key(option)
                            + " is set but " + properties.key(option.startsWith("ssl.trust") ? TRUSTSTORE : KEYSTORE)
                            + " is not; set the store's path too");
                }
            }
            return Optional.empty();
        }
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setCamelContext(context);
        truststore.ifPresent(path -> {
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setKeyStore(store(properties, TRUSTSTORE, TRUSTSTORE_PASSWORD, path, context));
            parameters.setTrustManagers(trust);
        });
        keystore.ifPresent(path -> {
            KeyStoreParameters store = store(properties, KEYSTORE, KEYSTORE_PASSWORD, path, context);
            String keyPassword = properties.optional(KEY_PASSWORD).isPresent() ? KEY_PASSWORD : KEYSTORE_PASSWORD;
            requirePrivateKey(properties, path, store, keyPassword);
            KeyManagersParameters keys = new KeyManagersParameters();
            keys.setCamelContext(context);
            keys.setKeyStore(store);
            // the value, not a {{placeholder}}: Camel logs every placeholder it resolves at DEBUG, value included
            keys.setKeyPassword(properties.required(keyPassword));
            parameters.setKeyManagers(keys);
        });
        return Optional.of(new ProviderTls(properties.providerId(), truststore, keystore, parameters));
    }

    /** What the provider's TLS settings are, for comparing two providers on one server; no password. */
    public String describe() {
        return "truststore=" + truststore.map(Path::toString).orElse("JVM default")
                + ", keystore=" + keystore.map(Path::toString).orElse("none");
    }

    private static KeyStoreParameters store(ProviderProperties properties, String pathOption, String passwordOption,
                                            Path path, CamelContext context) {
        if (!Files.isReadable(path)) {
            throw new ProviderConfigurationException(properties.providerId(), properties.key(pathOption)
                    + " names " + path.toAbsolutePath() + ", which is not a readable file");
        }
        char[] password = properties.optional(passwordOption).map(String::toCharArray).orElseThrow(() ->
                new ProviderConfigurationException(properties.providerId(), properties.key(passwordOption)
                        + " is not set; it opens " + properties.key(pathOption)));
        KeyStore keyStore;
        try (InputStream in = Files.newInputStream(path)) {
            // PKCS12 by default; the JDK reads JKS files through the same type (keystore.type.compat)
            keyStore = KeyStore.getInstance(KeyStore.getDefaultType());
            keyStore.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new ProviderConfigurationException(properties.providerId(), properties.key(pathOption) + " ("
                    + path + ") cannot be opened: " + reason(e) + "; check " + properties.key(passwordOption)
                    + " and that the file is PKCS12 or JKS");
        }
        KeyStoreParameters parameters = new KeyStoreParameters();
        parameters.setCamelContext(context);
        parameters.setKeyStore(keyStore);
        return parameters;
    }

    private static void requirePrivateKey(ProviderProperties properties, Path path, KeyStoreParameters store,
                                          String passwordOption) {
        try {
            KeyStore keyStore = store.createKeyStore();
            char[] password = properties.required(passwordOption).toCharArray();
            boolean found = false;
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias)) {
                    keyStore.getKey(alias, password);
                    found = true;
                }
            }
            if (!found) {
                throw new ProviderConfigurationException(properties.providerId(), properties.key(KEYSTORE) + " ("
                        + path + ") holds no private key; it must hold the client certificate with its key");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new ProviderConfigurationException(properties.providerId(), "the private key in "
                    + properties.key(KEYSTORE) + " cannot be read: " + reason(e) + "; check " + properties.key(passwordOption));
        }
    }

    /** The class of a key store failure: its message may quote the store but never a password. */
    private static String reason(Exception e) {
        Throwable root = e.getCause() != null ? e.getCause() : e;
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " (" + root.getMessage() + ")");
    }
}
