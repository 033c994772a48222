package tsa.parent.document;

import static org.assertj.core.api.Assertions.assertThat;
import static tsa.parent.document.DocumentFixtures.PDF;
import static tsa.parent.document.DocumentFixtures.admin;
import static tsa.parent.document.DocumentFixtures.family;
import static tsa.parent.document.DocumentFixtures.read;
import static tsa.parent.document.DocumentFixtures.startUpload;
import static tsa.parent.document.DocumentFixtures.started;
import static tsa.parent.document.DocumentFixtures.uploadRequest;
import static tsa.parent.document.DocumentFixtures.verify;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tsa.parent.document.DocumentFixtures.Family;
import tsa.parent.document.store.DocumentStore;
import tsa.parent.document.store.ParentDocument;
import tsa.parent.enrollment.OtherServicesStub;
import tsa.parent.enrollment.store.EnrollmentStore;
import tsa.testsupport.RealDataStores;

/** The assigned coach or an admin approves or rejects a confirmed upload, once; admins' decisions are audited. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(OtherServicesStub.class)
class DocumentVerificationTest {

    private static final Map<String, Object> APPROVE = Map.of("verificationStatus", "approved");

    @Inject
    EnrollmentStore enrollments;

    @Inject
    DocumentStore documents;

    @AfterEach
    void auditBack() {
        AuditRecordsStub.outage(false);
    }

    @Test
    void theAssignedCoachApprovesAndTheUploadBecomesVerified() {
        Family family = family(enrollments);
        String documentId = DocumentAccessTest.uploadedDocument(family);

        Response approved = verify(family.coachToken(), documentId, APPROVE);

        approved.then().statusCode(200);
        assertThat(approved.jsonPath().getString("verificationStatus")).isEqualTo("approved");
        assertThat(approved.jsonPath().getString("uploadStatus")).isEqualTo("verified");
        assertThat(approved.jsonPath().getString("verifiedBy")).isEqualTo(family.coachEmail());
        assertThat(approved.jsonPath().getString("verifiedAt")).isNotBlank();
        assertThat(read(family.parentToken(), documentId).jsonPath().getString("uploadStatus"))
                .isEqualTo("verified");
        // A coach's decision is no admin action.
        assertThat(AuditRecordsStub.recordsAbout(documentId)).isEmpty();
    }

    @Test
    void aDecisionIsFinal() {
        Family family = family(enrollments);
        String documentId = DocumentAccessTest.uploadedDocument(family);
        verify(family.coachToken(), documentId, APPROVE).then().statusCode(200);
        ParentDocument approved = documents.find(documentId).orElseThrow();

        Response again = verify(
                family.coachToken(), documentId, Map.of("verificationStatus", "rejected", "note", "changed my mind"));
        again.then().statusCode(409);
        verify(admin(), documentId, APPROVE).then().statusCode(409);

        assertThat(again.jsonPath().getString("detail")).contains("approved", "rejected");
        assertThat(documents.find(documentId).orElseThrow()).isEqualTo(approved);
    }

    @Test
    void aRejectionNeedsANoteAndLeavesTheUploadUploaded() {
        Family family = family(enrollments);
        String documentId = DocumentAccessTest.uploadedDocument(family);

        Response withoutNote = verify(family.coachToken(), documentId, Map.of("verificationStatus", "rejected"));
        withoutNote.then().statusCode(400);
        assertThat(withoutNote.jsonPath().getList("errors.field")).containsExactly("note");
        Response blankNote =
                verify(family.coachToken(), documentId, Map.of("verificationStatus", "rejected", "note", "   "));
        blankNote.then().statusCode(400);

        Response rejected = verify(
                family.coachToken(),
                documentId,
                Map.of("verificationStatus", "rejected", "note", "The scan is unreadable"));
        rejected.then().statusCode(200);
        assertThat(rejected.jsonPath().getString("verificationStatus")).isEqualTo("rejected");
        assertThat(rejected.jsonPath().getString("uploadStatus")).isEqualTo("uploaded");
        assertThat(documents.find(documentId).orElseThrow().verificationNote()).isEqualTo("The scan is unreadable");
        verify(family.coachToken(), documentId, APPROVE).then().statusCode(409);
    }

    @Test
    void nothingIsVerifiedBeforeItsUploadIsConfirmed() {
        Family family = family(enrollments);
        String documentId = started(
                        startUpload(family.parentToken(), family.enrollmentId(), uploadRequest("late.pdf", 10, PDF)))
                .documentId();

        Response early = verify(family.coachToken(), documentId, APPROVE);

        early.then().statusCode(409);
        assertThat(read(family.parentToken(), documentId).jsonPath().getString("verificationStatus"))
                .isEqualTo("pending");
    }

    @Test
    void anAdminsDecisionIsRecordedBeforeItIsWritten() {
        Family family = family(enrollments);
        String documentId = DocumentAccessTest.uploadedDocument(family);

        Response rejected = verify(admin(), documentId, Map.of("verificationStatus", "rejected", "note", "expired ID"));

        rejected.then().statusCode(200);
        assertThat(rejected.jsonPath().getString("verifiedBy")).isEqualTo("admin@tsa.example");
        List<Map<String, Object>> records = AuditRecordsStub.recordsAbout(documentId);
        assertThat(records).hasSize(1);
        assertThat(records.get(0))
                .containsEntry("actionType", "update")
                .containsEntry("resourceType", "document")
                .containsEntry("beforeState", Map.of("uploadStatus", "uploaded", "verificationStatus", "pending"))
                .containsEntry(
                        "afterState",
                        Map.of(
                                "uploadStatus",
                                "uploaded",
                                "verificationStatus",
                                "rejected",
                                "verifiedBy",
                                "admin@tsa.example",
                                "note",
                                "expired ID"));
    }

    @Test
    void anAdminsDecisionWithoutAnAuditRecordChangesNothing() {
        Family family = family(enrollments);
        String documentId = DocumentAccessTest.uploadedDocument(family);
        ParentDocument before = documents.find(documentId).orElseThrow();
        AuditRecordsStub.outage(true);

        verify(admin(), documentId, APPROVE).then().statusCode(503);

        assertThat(documents.find(documentId).orElseThrow()).isEqualTo(before);
    }
}
