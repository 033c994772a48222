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
    STUDENT_COPY_DIFFERS;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
