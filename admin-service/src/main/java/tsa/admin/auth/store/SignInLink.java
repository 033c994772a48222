package tsa.admin.auth.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import tsa.runtime.dynamo.SchemaVersion;

/**
 * An item of the sign-in table ({@code SIGN_IN_TABLE}, architecture.md) keyed by {@code link_id}: a single-use
 * sign-in link ({@code kind = "link"}; {@code token_hash} is the hex SHA-256 of its secret, never the secret;
 * {@code used_at} set once it is exchanged). The table also holds two kinds of bookkeeping items that
 * {@link SignInStore} reads and writes directly: rate-limit logs ({@code kind = "rate_limit"}, {@code issued_at} =
 * the epoch milliseconds of the links counted in the last window, {@code version} for the conditional write) and
 * the pointer to the newest link of an address and portal ({@code kind = "newest_link"}, {@code newest_link_id}).
 * {@code expiration_time} is the TTL, in epoch seconds, for all of them.
 */
public record SignInLink(
        String linkId,
        String kind,
        String email,
        String portal,
        String tokenHash,
        Long expirationTime,
        String createdAt,
        String usedAt,
        String mailStatus,
        String schemaVersion) {

    public static final String LINK_ID = "link_id";
    public static final String KIND = "kind";
    public static final String EMAIL = "email";
    public static final String PORTAL = "portal";
    public static final String TOKEN_HASH = "token_hash";
    public static final String EXPIRATION_TIME = "expiration_time";
    public static final String CREATED_AT = "created_at";
    public static final String USED_AT = "used_at";
    public static final String MAIL_STATUS = "mail_status";
    public static final String ISSUED_AT = "issued_at";
    public static final String VERSION = "version";
    public static final String NEWEST_LINK_ID = "newest_link_id";

    /** {@code kind} of a sign-in link. */
    public static final String KIND_LINK = "link";
    /** {@code kind} of a rate-limit log (per client address, per address and client, per address). */
    public static final String KIND_RATE_LIMIT = "rate_limit";
    /** {@code kind} of the pointer to an address's newest link for a portal: only that link can be exchanged. */
    public static final String KIND_NEWEST_LINK = "newest_link";

    public static final TableSchema<SignInLink> SCHEMA = StaticImmutableTableSchema.builder(
                    SignInLink.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(
                    String.class,
                    a -> a.name(LINK_ID)
                            .getter(SignInLink::linkId)
                            .setter(Builder::linkId)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class, a -> a.name(KIND).getter(SignInLink::kind).setter(Builder::kind))
            .addAttribute(
                    String.class, a -> a.name(EMAIL).getter(SignInLink::email).setter(Builder::email))
            .addAttribute(
                    String.class, a -> a.name(PORTAL).getter(SignInLink::portal).setter(Builder::portal))
            .addAttribute(
                    String.class,
                    a -> a.name(TOKEN_HASH).getter(SignInLink::tokenHash).setter(Builder::tokenHash))
            .addAttribute(
                    Long.class,
                    a -> a.name(EXPIRATION_TIME)
                            .getter(SignInLink::expirationTime)
                            .setter(Builder::expirationTime))
            .addAttribute(
                    String.class,
                    a -> a.name(CREATED_AT).getter(SignInLink::createdAt).setter(Builder::createdAt))
            .addAttribute(
                    String.class,
                    a -> a.name(USED_AT).getter(SignInLink::usedAt).setter(Builder::usedAt))
            .addAttribute(
                    String.class,
                    a -> a.name(MAIL_STATUS).getter(SignInLink::mailStatus).setter(Builder::mailStatus))
            .addAttribute(SchemaVersion.attribute(
                    SignInLink.class, Builder.class, SignInLink::schemaVersion, Builder::schemaVersion))
            .build();

    /** A new item, at the current schema version. */
    public static Builder builder() {
        return new Builder().schemaVersion(SchemaVersion.CURRENT);
    }

    public Builder toBuilder() {
        return new Builder()
                .linkId(linkId)
                .kind(kind)
                .email(email)
                .portal(portal)
                .tokenHash(tokenHash)
                .expirationTime(expirationTime)
                .createdAt(createdAt)
                .usedAt(usedAt)
                .mailStatus(mailStatus)
                .schemaVersion(schemaVersion);
    }

    public static final class Builder {
        private String linkId;
        private String kind;
        private String email;
        private String portal;
        private String tokenHash;
        private Long expirationTime;
        private String createdAt;
        private String usedAt;
        private String mailStatus;
        private String schemaVersion;

        private Builder() {}

        public Builder linkId(String linkId) {
            this.linkId = linkId;
            return this;
        }

        public Builder kind(String kind) {
            this.kind = kind;
            return this;
        }

        public Builder email(String email) {
            this.email = email;
            return this;
        }

        public Builder portal(String portal) {
            this.portal = portal;
            return this;
        }

        public Builder tokenHash(String tokenHash) {
            this.tokenHash = tokenHash;
            return this;
        }

        public Builder expirationTime(Long expirationTime) {
            this.expirationTime = expirationTime;
            return this;
        }

        public Builder createdAt(String createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder usedAt(String usedAt) {
            this.usedAt = usedAt;
            return this;
        }

        public Builder mailStatus(String mailStatus) {
            this.mailStatus = mailStatus;
            return this;
        }

        public Builder schemaVersion(String schemaVersion) {
            this.schemaVersion = schemaVersion;
            return this;
        }

        public SignInLink build() {
            return new SignInLink(
                    linkId,
                    kind,
                    email,
                    portal,
                    tokenHash,
                    expirationTime,
                    createdAt,
                    usedAt,
                    mailStatus,
                    schemaVersion);
        }
    }
}
