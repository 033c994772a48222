package tsa.parent.document.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where document files live (S3) and what a parent may upload. */
@ConfigMapping(prefix = "tsa.documents")
public interface DocumentSettings {

    /** The bucket and how to reach it. */
    S3 s3();

    /** How long a presigned upload URL works; short, since the portal uploads right after asking. */
    @WithDefault("PT5M")
    Duration uploadUrlExpiry();

    /** How long a presigned download URL works. */
    @WithDefault("PT5M")
    Duration downloadUrlExpiry();

    /** The largest file a parent may declare, in bytes (10 MiB). */
    @WithDefault("10485760")
    long maxFileSize();

    /** The content types a parent may upload. */
    @WithDefault("application/pdf,image/jpeg,image/png")
    List<String> contentTypes();

    interface S3 {

        /** {@code DOCUMENTS_BUCKET}. */
        String bucket();

        /** {@code AWS_REGION}. */
        String region();

        /** An S3-compatible endpoint (the local run's and the tests' S3Mock); none for AWS itself. */
        Optional<URI> endpointOverride();

        /** Path-style addressing ({@code endpoint/bucket/key}), which S3-compatible servers need. */
        @WithDefault("false")
        boolean pathStyleAccess();

        /**
         * Static credentials (local and test only); without them the SDK's default chain applies (environment,
         * the pod's web identity, instance profile).
         */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** Create the bucket at start-up when it is missing, as the tables are. */
        @WithDefault("true")
        boolean createBucket();
    }
}
