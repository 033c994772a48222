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
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Throwaway key pairs for tests and the local run, made once at start: the user-session key (admin-service alone
 * signs sessions with it) and one service key per service (each service signs its calls with its own). Written as
 * PKCS#8 PEM files and one JWKS holding the five public keys, as production mounts them from a Kubernetes Secret.
 * Never committed.
 */
public final class SigningKeys {

    public static final String ISSUER = "https://auth.tsa.test";
    public static final String AUDIENCE = "tsa-platform";
    public static final String USER_KEY_ID = "tsa-user";
    /** The four services, each with its own key. */
    public static final List<String> SERVICES =
            List.of("admin-service", "coach-service", "parent-service", "sync-service");

    private static SigningKeys shared;

    private final KeyPair user;
    private final Map<String, KeyPair> services;
    private final Path dir;

    private SigningKeys(KeyPair user, Map<String, KeyPair> services, Path dir) {
        this.user = user;
        this.services = services;
        this.dir = dir;
    }

    public static synchronized SigningKeys shared() {
        if (shared == null) {
            shared = generate(
                    ProjectLayout.work("keys-" + ProcessHandle.current().pid()));
        }
        return shared;
    }

    public static SigningKeys generate(Path dir) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            Map<String, KeyPair> services = new LinkedHashMap<>();
            for (String service : SERVICES) {
                services.put(service, generator.generateKeyPair());
            }
            SigningKeys keys = new SigningKeys(generator.generateKeyPair(), Map.copyOf(services), dir);
            keys.write();
            return keys;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code kid} of a service's key, by the platform's naming rule (the services' default configuration). */
    public static String serviceKeyId(String service) {
        return "svc-" + service;
    }

    public KeyPair user() {
        return user;
    }

    /** The key pair of one of the four {@link #SERVICES}. */
    public KeyPair service(String service) {
        KeyPair pair = services.get(service);
        if (pair == null) {
            throw new IllegalArgumentException("no such service: " + service + "; one of " + SERVICES);
        }
        return pair;
    }

    public Path userPrivateKey() {
        return dir.resolve("user-private.pem");
    }

    public Path servicePrivateKey(String service) {
        service(service);
        return dir.resolve(service + "-private.pem");
    }

    public Path jwks() {
        return dir.resolve("jwks.json");
    }

    /**
     * What a service needs to verify tokens and sign its own service tokens: the one JWKS and its own private key.
     * The key ids are left to the services' defaults, as in production.
     */
    public Map<String, String> verifierAndServiceConfig(String service) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mp.jwt.verify.publickey.location", jwks().toString());
        config.put("tsa.security.issuer", ISSUER);
        config.put("tsa.security.audience", AUDIENCE);
        config.put(
                "tsa.security.service-key.private-key-location",
                servicePrivateKey(service).toString());
        config.put("tsa.security.user-key.id", USER_KEY_ID);
        return config;
    }

    /** What admin-service adds: the user-session private key. */
    public Map<String, String> sessionSignerConfig() {
        return Map.of(
                "tsa.security.user-key.private-key-location", userPrivateKey().toString());
    }

    private void write() {
        try {
            Files.createDirectories(dir);
            Files.writeString(userPrivateKey(), pem(user));
            List<String> jwks = new ArrayList<>();
            jwks.add(jwk(user, USER_KEY_ID));
            for (String service : SERVICES) {
                Files.writeString(servicePrivateKey(service), pem(service(service)));
                jwks.add(jwk(service(service), serviceKeyId(service)));
            }
            Files.writeString(jwks(), "{\"keys\":[" + String.join(",", jwks) + "]}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(pair.getPrivate().getEncoded())
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
