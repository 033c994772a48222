package tsa.parent.document.service;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import tsa.runtime.state.StatusMachine;

/**
 * A document's {@code upload_status} (seed: {@code uploaded|processing|verified}): {@code processing} from the
 * moment the upload URL is handed out, {@code uploaded} once the file is confirmed in S3, {@code verified} once a
 * coach or admin approves it. A rejected document stays {@code uploaded}.
 */
public enum UploadStatus implements StatusMachine<UploadStatus> {
    PROCESSING("processing"),
    UPLOADED("uploaded"),
    VERIFIED("verified");

    private final String value;

    UploadStatus(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    public static Optional<UploadStatus> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

    /** Stored values are this enum's own; anything else is a corrupt item, not a client error. */
    public static UploadStatus stored(String value) {
        return of(value).orElseThrow(() -> new IllegalStateException("unknown upload_status " + value));
    }

    /** Whether the file is known to be in S3 (confirming it again changes nothing). */
    public boolean isConfirmed() {
        return this != PROCESSING;
    }

    @Override
    public Set<UploadStatus> next() {
        return switch (this) {
            case PROCESSING -> Set.of(UPLOADED);
            case UPLOADED -> Set.of(VERIFIED);
            case VERIFIED -> Set.of();
        };
    }
}
