package tsa.parent.document.service;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import tsa.runtime.state.StatusMachine;

/**
 * A document's {@code verification_status} (seed: {@code pending|approved|rejected}). A decision is final: a
 * rejected file is replaced by uploading a new document, so that what was approved is never silently changed.
 */
public enum VerificationStatus implements StatusMachine<VerificationStatus> {
    PENDING("pending"),
    APPROVED("approved"),
    REJECTED("rejected");

    private final String value;

    VerificationStatus(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    public static Optional<VerificationStatus> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

    public static VerificationStatus stored(String value) {
        return of(value).orElseThrow(() -> new IllegalStateException("unknown verification_status " + value));
    }

    @Override
    public Set<VerificationStatus> next() {
        return switch (this) {
            case PENDING -> Set.of(APPROVED, REJECTED);
            case APPROVED, REJECTED -> Set.of();
        };
    }
}
