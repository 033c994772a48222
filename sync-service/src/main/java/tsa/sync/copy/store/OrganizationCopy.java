package tsa.sync.copy.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import tsa.runtime.dynamo.SchemaVersion;

/**
 * The operational copy of a OneRoster {@code organizations} row, one item of {@code organizations-dev} keyed by
 * {@code sourced_id}; the attributes are the row's columns. {@code date_last_modified} is the column's timestamp as
 * ISO-8601 text. The free-form {@code metadata} column is not copied.
 */
public record OrganizationCopy(
        String sourcedId,
        String status,
        String dateLastModified,
        String name,
        String type,
        String identifier,
        String parentId,
        String schemaVersion) {

    public static final String SOURCED_ID = "sourced_id";
    public static final String STATUS = "status";
    public static final String DATE_LAST_MODIFIED = "date_last_modified";
    public static final String NAME = "name";
    public static final String TYPE = "type";
    public static final String IDENTIFIER = "identifier";
    public static final String PARENT_ID = "parent_id";

    public static final TableSchema<OrganizationCopy> SCHEMA = StaticImmutableTableSchema.builder(
                    OrganizationCopy.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(
                    String.class,
                    a -> a.name(SOURCED_ID)
                            .getter(OrganizationCopy::sourcedId)
                            .setter(Builder::sourcedId)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name(STATUS).getter(OrganizationCopy::status).setter(Builder::status))
            .addAttribute(
                    String.class,
                    a -> a.name(DATE_LAST_MODIFIED)
                            .getter(OrganizationCopy::dateLastModified)
                            .setter(Builder::dateLastModified))
            .addAttribute(
                    String.class,
                    a -> a.name(NAME).getter(OrganizationCopy::name).setter(Builder::name))
            .addAttribute(
                    String.class,
                    a -> a.name(TYPE).getter(OrganizationCopy::type).setter(Builder::type))
            .addAttribute(
                    String.class,
                    a -> a.name(IDENTIFIER).getter(OrganizationCopy::identifier).setter(Builder::identifier))
            .addAttribute(
                    String.class,
                    a -> a.name(PARENT_ID).getter(OrganizationCopy::parentId).setter(Builder::parentId))
            .addAttribute(SchemaVersion.attribute(
                    OrganizationCopy.class, Builder.class, OrganizationCopy::schemaVersion, Builder::schemaVersion))
            .build();

    /** A new item, at the current schema version. */
    public static Builder builder() {
        return new Builder().schemaVersion(SchemaVersion.CURRENT);
    }

    public Builder toBuilder() {
        return new Builder()
                .sourcedId(sourcedId)
                .status(status)
                .dateLastModified(dateLastModified)
                .name(name)
                .type(type)
                .identifier(identifier)
                .parentId(parentId)
                .schemaVersion(schemaVersion);
    }

    public static final class Builder {
        private String sourcedId;
        private String status;
        private String dateLastModified;
        private String name;
        private String type;
        private String identifier;
        private String parentId;
        private String schemaVersion;

        private Builder() {}

        public Builder sourcedId(String sourcedId) {
            this.sourcedId = sourcedId;
            return this;
        }

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Builder dateLastModified(String dateLastModified) {
            this.dateLastModified = dateLastModified;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder identifier(String identifier) {
            this.identifier = identifier;
            return this;
        }

        public Builder parentId(String parentId) {
            this.parentId = parentId;
            return this;
        }

        public Builder schemaVersion(String schemaVersion) {
            this.schemaVersion = schemaVersion;
            return this;
        }

        public OrganizationCopy build() {
            return new OrganizationCopy(
                    sourcedId, status, dateLastModified, name, type, identifier, parentId, schemaVersion);
        }
    }
}
