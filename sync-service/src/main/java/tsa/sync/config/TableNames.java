package tsa.sync.config;

import io.smallrye.config.ConfigMapping;

/** Names of the DynamoDB tables sync-service owns, from the seed's environment variables. */
@ConfigMapping(prefix = "tsa.tables")
public interface TableNames {

    /** {@code ORGANIZATIONS_TABLE}, default {@code organizations-dev}. */
    String organizations();

    /** {@code STUDENTS_TABLE}, default {@code students-dev}. */
    String students();
}
