package tsa.parent.config;

import io.smallrye.config.ConfigMapping;

/** Names of the DynamoDB tables parent-service owns, from the seed's environment variables. */
@ConfigMapping(prefix = "tsa.tables")
public interface TableNames {

    /** {@code ENROLLMENTS_TABLE}, default {@code tsa-parent-enrollmentsdev}. */
    String enrollments();

    /** {@code DOCUMENTS_TABLE}, default {@code tsa-parent-documentsdev}. */
    String documents();

    /** {@code SCHEDULING_TABLE}, default {@code tsa-parent-schedulingdev}. */
    String scheduling();
}
