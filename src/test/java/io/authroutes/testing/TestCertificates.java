package io.authroutes.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A private CA made with the JDK's keytool in a test's directory: a server certificate for 127.0.0.1 and
 * localhost, a client certificate, the truststore holding the CA, and an unrelated CA's truststore.
 * PKCS12 files, one password each.
 */
public final class TestCertificates {

    public static final String PASSWORD = "changeit-tls-7c1";

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    public static TestCertificates create(Path dir) {
        TestCertificates certificates = new TestCertificates(dir);
        certificates.ca("ca", "CN=authroutes test CA");
        certificates.ca("other-ca", "CN=unrelated CA");
        certificates.signed("server", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
        certificates.signed("client", "CN=authroutes client", "EKU=clientAuth");
        certificates.truststore("truststore.p12", "ca");
        certificates.truststore("other-truststore.p12", "other-ca");
        return certificates;
    }

    /** The CA everything here is signed by, as a truststore. */
    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    /** A truststore holding a CA that signed nothing here. */
    public Path otherCaTruststore() {
        return dir.resolve("other-truststore.p12");
    }

    /** The client certificate with its key, signed by the CA. */
    public Path clientKeystore() {
        return dir.resolve("client.p12");
    }

    /** What the HTTPS server presents; it trusts client certificates signed by the CA. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(dir.resolve("server.p12")), PASSWORD.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(truststore()));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("test certificates unusable", e);
        }
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private void ca(String name, String dname) {
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-dname", dname, "-ext", "bc:c", "-validity", "2",
                "-keystore", name + ".p12");
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", name + ".p12", "-file", name + ".pem");
    }

    private void signed(String name, String dname, String extension) {
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-dname", dname, "-validity", "2", "-keystore", name + ".p12");
        keytool("-certreq", "-alias", name, "-keystore", name + ".p12", "-file", name + ".csr");
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-infile", name + ".csr", "-outfile", name + ".pem",
                "-ext", extension, "-validity", "2");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", name + ".p12");
        keytool("-importcert", "-alias", name, "-file", name + ".pem", "-keystore", name + ".p12");
    }

    private void truststore(String file, String ca) {
        keytool("-importcert", "-noprompt", "-alias", ca, "-file", ca + ".pem", "-keystore", file);
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
