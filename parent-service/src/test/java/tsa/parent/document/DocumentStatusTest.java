package tsa.parent.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tsa.parent.document.service.UploadStatus;
import tsa.parent.document.service.VerificationStatus;
import tsa.runtime.problem.ProblemException;

/** The two document status enums are their transition tables; every pair is checked here. */
class DocumentStatusTest {

    @Test
    void uploadGoesProcessingUploadedVerifiedAndNeverBack() {
        Map<UploadStatus, Set<UploadStatus>> allowed = Map.of(
                UploadStatus.PROCESSING, Set.of(UploadStatus.UPLOADED),
                UploadStatus.UPLOADED, Set.of(UploadStatus.VERIFIED),
                UploadStatus.VERIFIED, Set.of());
        for (UploadStatus from : UploadStatus.values()) {
            for (UploadStatus to : UploadStatus.values()) {
                boolean expected = allowed.get(from).contains(to);
                assertThat(from.canBecome(to)).as(from + " -> " + to).isEqualTo(expected);
                if (!expected) {
                    assertThatThrownBy(() -> from.moveTo(to, "document upload"))
                            .isInstanceOf(ProblemException.class)
                            .satisfies(e ->
                                    assertThat(((ProblemException) e).status()).isEqualTo(409));
                }
            }
        }
        assertThat(EnumSet.allOf(UploadStatus.class))
                .extracting(UploadStatus::value)
                .containsExactly("processing", "uploaded", "verified");
        assertThat(UploadStatus.PROCESSING.isConfirmed()).isFalse();
        assertThat(UploadStatus.UPLOADED.isConfirmed()).isTrue();
        assertThat(UploadStatus.VERIFIED.isConfirmed()).isTrue();
    }

    @Test
    void aVerificationIsDecidedOnce() {
        for (VerificationStatus from : VerificationStatus.values()) {
            for (VerificationStatus to : VerificationStatus.values()) {
                boolean expected = from == VerificationStatus.PENDING && to != VerificationStatus.PENDING;
                assertThat(from.canBecome(to)).as(from + " -> " + to).isEqualTo(expected);
            }
        }
        assertThat(EnumSet.allOf(VerificationStatus.class))
                .extracting(VerificationStatus::value)
                .containsExactly("pending", "approved", "rejected");
    }
}
