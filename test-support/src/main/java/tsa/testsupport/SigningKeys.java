package tsa.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Throwaway key pairs for tests and the local run, made once at start: the user-session key (admin-service alone
 * signs sessions with it) and the service key (every service signs its calls with it). Written as PKCS#8 PEM files
 * and one JWKS holding both public keys, as production mounts them from a Kubernetes Secret. Never committed.
 */
public final class SigningKeys {

    public static final String ISSUER = "https://auth.tsa.test";
    public static final String AUDIENCE = "tsa-platform";
    public static final String USER_KEY_ID = "tsa-user";
    public static final String SERVICE_KEY_ID = "tsa-service";

    private static SigningKeys shared;

    private final KeyPair user;
    private final KeyPair service;
    private final Path dir;

    private SigningKeys(KeyPair user, KeyPair service, Path dir) {
        this.user = user;
        this.service = service;
        this.dir = dir;
    }

    public static synchronized SigningKeys shared() {
        if (shared == null) {
            shared = generate(ProjectLayout.work("keys-" + ProcessHandle.current().pid()));
        }
        return shared;
    }

    public static SigningKeys generate(Path dir) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            SigningKeys keys = new SigningKeys(generator.generateKeyPair(), generator.generateKeyPair(), dir);
            keys.write();
            return keys;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public KeyPair user() {
        return user;
    }

    public KeyPair service() {
        return service;
    }

    public Path userPrivateKey() {
        return dir.resolve("user-private.pem");
    }

    public Path servicePrivateKey() {
        return dir.resolve("service-private.pem");
    }

    public Path jwks() {
        return dir.resolve("jwks.json");
    }

    /** What every service needs to verify tokens and sign its own service tokens. */
    public Map<String, String> verifierAndServiceConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mp.jwt.verify.publickey.location", jwks().toString());
        config.put("tsa.security.issuer", ISSUER);
        config.put("tsa.security.audience", AUDIENCE);
        config.put("tsa.security.service-key.id", SERVICE_KEY_ID);
        config.put("tsa.security.service-key.private-key-location", servicePrivateKey().toString());
        config.put("tsa.security.user-key.id", USER_KEY_ID);
        return config;
    }

    /** What admin-service adds: the user-session private key. */
    public Map<String, String> sessionSignerConfig() {
        return Map.of("tsa.security.user-key.private-key-location", userPrivateKey().toString());
    }

    private void write() {
        try {
            Files.createDirectories(dir);
            Files.writeString(userPrivateKey(), pem(user));
            Files.writeString(servicePrivateKey(), pem(service));
            Files.writeString(jwks(), "{\"keys\":[" + jwk(user, USER_KEY_ID) + "," + jwk(service, SERVICE_KEY_ID) + "]}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static String jwk(KeyPair pair, String kid) {
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
                + unsigned(key.getModulus()) + "\",\"e\":\"" + unsigned(key.getPublicExponent()) + "\"}";
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0 && bytes.length > 1) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
