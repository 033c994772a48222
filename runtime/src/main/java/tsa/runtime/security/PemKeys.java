package tsa.runtime.security;

import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;

/** Reads PKCS#8 PEM private keys from a file path ({@code file:} optional) or a classpath resource. */
final class PemKeys {

    private PemKeys() {}

    static PrivateKey readPrivateKey(String location) {
        try {
            return KeyUtils.decodePrivateKey(read(location));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not a PKCS#8 RSA private key: " + location, e);
        }
    }

    private static String read(String location) {
        String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
        try {
            if (Files.isRegularFile(Path.of(path))) {
                return Files.readString(Path.of(path), StandardCharsets.US_ASCII);
            }
            String resource = path.startsWith("classpath:") ? path.substring("classpath:".length()) : path;
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("no key at " + location);
                }
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read key " + location, e);
        }
    }
}
