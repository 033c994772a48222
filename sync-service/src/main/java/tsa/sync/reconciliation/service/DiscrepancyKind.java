package tsa.sync.reconciliation.service;

import java.util.Locale;

/** The contract's {@code DiscrepancyKind}s. */
public enum DiscrepancyKind {
    PROFILE_WITHOUT_USER,
    USER_DIFFERS_FROM_PROFILE,
    USER_WITHOUT_PROFILE,
    SCHOOL_WITHOUT_ORGANIZATION,
    ORGANIZATION_COPY_MISSING,
    ORGANIZATION_COPY_DIFFERS,
    STUDENT_COPY_MISSING,
    STUDENT_COPY_DIFFERS,
    /** An active enrollment without a {@code studentUniqueId}, or whose {@code students} row is absent. */
    ENROLLMENT_WITHOUT_STUDENT,
    /** An active enrollment whose student has no {@code student_school_associations} row. */
    ENROLLMENT_WITHOUT_SCHOOL_ASSOCIATION;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
