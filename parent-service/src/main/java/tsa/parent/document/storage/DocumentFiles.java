package tsa.parent.document.storage;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import tsa.parent.document.config.DocumentSettings;
import tsa.runtime.problem.ProblemException;

/**
 * The document files in S3. Files never pass through this service: parents {@code PUT} them to a presigned URL and
 * readers {@code GET} them from one; this service only signs those URLs and checks, with a {@code HEAD}, that an
 * upload arrived. Built on the plain SDK with the url-connection HTTP client (stack.md: no Quarkus S3 extension is
 * served; the netty and apache clients must stay off the classpath).
 */
@ApplicationScoped
public class DocumentFiles {

    private static final Logger LOG = Logger.getLogger(DocumentFiles.class);

    /** A presigned URL: where, until when, and the headers the request must send as signed. */
    public record SignedUrl(String url, Instant expiresAt, Map<String, String> headers) {}

    /** What S3 holds under a key. */
    public record StoredObject(long size, String contentType) {}

    private final DocumentSettings settings;
    private final S3Client s3;
    private final S3Presigner presigner;

    @Inject
    public DocumentFiles(DocumentSettings settings) {
        this.settings = settings;
        DocumentSettings.S3 config = settings.s3();
        Region region = Region.of(config.region());
        AwsCredentialsProvider credentials = credentials(config);
        var client = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().build())
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(config.pathStyleAccess())
                // Checksums only where S3 requires them: the SDK's default trailing checksums on every request
                // are not understood by every S3-compatible server, and this client sends no bodies anyway.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        var signer = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(config.pathStyleAccess())
                        .build());
        config.endpointOverride().ifPresent(endpoint -> {
            client.endpointOverride(endpoint);
            signer.endpointOverride(endpoint);
        });
        this.s3 = client.build();
        this.presigner = signer.build();
    }

    private static AwsCredentialsProvider credentials(DocumentSettings.S3 config) {
        if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    config.accessKeyId().get(), config.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** Creates the bucket at start-up when it is missing (another instance may create it at the same moment). */
    void createBucket(@Observes StartupEvent started) {
        if (!settings.s3().createBucket()) {
            return;
        }
        String bucket = settings.s3().bucket();
        try {
            s3.headBucket(r -> r.bucket(bucket));
            return;
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
        }
        try {
            String region = settings.s3().region();
            if (Region.US_EAST_1.id().equals(region)) {
                s3.createBucket(r -> r.bucket(bucket));
            } else {
                s3.createBucket(r -> r.bucket(bucket)
                        .createBucketConfiguration(
                                c -> c.locationConstraint(BucketLocationConstraint.fromValue(region))));
            }
            LOG.infof("created the document bucket %s", bucket);
        } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException alreadyThere) {
            LOG.debugf("the document bucket %s was created meanwhile", bucket);
        }
    }

    /**
     * A URL to {@code PUT} exactly this file to: its content type and length are signed, so S3 refuses another
     * type or size (servers that check no signatures leave that to {@link #stored}).
     */
    public SignedUrl uploadUrl(String key, String contentType, long size) {
        PresignedPutObjectRequest signed =
                presigner.presignPutObject(p -> p.signatureDuration(settings.uploadUrlExpiry())
                        .putObjectRequest(r -> r.bucket(settings.s3().bucket())
                                .key(key)
                                .contentType(contentType)
                                .contentLength(size)));
        return new SignedUrl(signed.url().toString(), signed.expiration(), sendableHeaders(signed.signedHeaders()));
    }

    /** A URL to {@code GET} the file from, answered as a download under its (sanitised) name. */
    public SignedUrl downloadUrl(String key, String fileName, String contentType) {
        PresignedGetObjectRequest signed =
                presigner.presignGetObject(p -> p.signatureDuration(settings.downloadUrlExpiry())
                        .getObjectRequest(r -> r.bucket(settings.s3().bucket())
                                .key(key)
                                .responseContentDisposition("attachment; filename=\"" + fileName + "\"")
                                .responseContentType(contentType)));
        return new SignedUrl(signed.url().toString(), signed.expiration(), Map.of());
    }

    /** The object under {@code key}, if there is one. */
    public Optional<StoredObject> stored(String key) {
        try {
            HeadObjectResponse head =
                    s3.headObject(r -> r.bucket(settings.s3().bucket()).key(key));
            return Optional.of(
                    new StoredObject(head.contentLength() == null ? -1 : head.contentLength(), head.contentType()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            LOG.warnf("HEAD of a document file failed with %d: %s", e.statusCode(), e.getMessage());
            throw ProblemException.unavailable("the document store can't be reached; try again");
        } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
            LOG.warnf("HEAD of a document file failed: %s", e.getMessage());
            throw ProblemException.unavailable("the document store can't be reached; try again");
        }
    }

    /**
     * The signed headers a client must send itself: not {@code host} or {@code content-length}, which every HTTP
     * client sets (browsers and java.net.http refuse to let callers set them).
     */
    private static Map<String, String> sendableHeaders(Map<String, List<String>> signed) {
        Map<String, String> headers = new LinkedHashMap<>();
        signed.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                headers.put(canonical(name), String.join(",", values));
            }
        });
        return headers;
    }

    private static String canonical(String header) {
        return header.equalsIgnoreCase("content-type") ? "Content-Type" : header;
    }

    @PreDestroy
    void close() {
        presigner.close();
        s3.close();
    }

    /** For tests and logs: the bucket in use. */
    public String bucket() {
        return settings.s3().bucket();
    }
}
