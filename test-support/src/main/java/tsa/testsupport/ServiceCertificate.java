package tsa.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway TLS certificate for the services in the local run and the system tests, made once at start with the
 * JDK's {@code keytool} (for {@code localhost} and {@code 127.0.0.1}), written as PEM files in the shapes
 * cert-manager mounts in production ({@code tls.crt}, {@code tls.key}, {@code ca.crt}). Self-signed, so it is its
 * own trust anchor: whoever trusts {@link #trustFile()} trusts the services and nothing else. Never committed.
 */
public final class ServiceCertificate {

    private final Path certificate;
    private final Path privateKey;
    private final Path trust;

    private ServiceCertificate(Path certificate, Path privateKey, Path trust) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.trust = trust;
    }

    public static ServiceCertificate generate(Path dir) {
        try {
            Files.createDirectories(dir);
            Path store = dir.resolve("tls.p12");
            Files.deleteIfExists(store);
            String password = UUID.randomUUID().toString();
            run(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair",
                    "-alias",
                    "tsa",
                    "-keyalg",
                    "RSA",
                    "-keysize",
                    "2048",
                    "-dname",
                    "CN=localhost",
                    "-ext",
                    "SAN=dns:localhost,ip:127.0.0.1",
                    "-validity",
                    "7",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    store.toString(),
                    "-storepass",
                    password,
                    "-keypass",
                    password));
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, password.toCharArray());
            }
            PrivateKey key = (PrivateKey) keyStore.getKey("tsa", password.toCharArray());
            Certificate cert = keyStore.getCertificate("tsa");
            Path certificate = dir.resolve("tls.crt");
            Path privateKey = dir.resolve("tls.key");
            Path trust = dir.resolve("ca.crt");
            Files.writeString(certificate, pem("CERTIFICATE", cert.getEncoded()));
            Files.writeString(privateKey, pem("PRIVATE KEY", key.getEncoded()));
            Files.writeString(trust, pem("CERTIFICATE", cert.getEncoded()));
            Files.delete(store);
            return new ServiceCertificate(certificate, privateKey, trust);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the services' TLS certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not read the services' TLS certificate", e);
        }
    }

    public Path certificateFile() {
        return certificate;
    }

    public Path privateKeyFile() {
        return privateKey;
    }

    /** The trust anchor (the certificate itself). */
    public Path trustFile() {
        return trust;
    }

    /** A TLS context that trusts the services' certificate and nothing else. */
    public SSLContext trustingContext() {
        try (InputStream in = Files.newInputStream(trust)) {
            X509Certificate anchor =
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            trustStore.setCertificateEntry("tsa", anchor);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while keytool ran", e);
        }
    }
}
