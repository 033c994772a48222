package tsa.parent.document;

import static org.assertj.core.api.Assertions.assertThat;
import static tsa.parent.document.DocumentFixtures.PDF;
import static tsa.parent.document.DocumentFixtures.admin;
import static tsa.parent.document.DocumentFixtures.confirm;
import static tsa.parent.document.DocumentFixtures.downloadUrl;
import static tsa.parent.document.DocumentFixtures.family;
import static tsa.parent.document.DocumentFixtures.get;
import static tsa.parent.document.DocumentFixtures.list;
import static tsa.parent.document.DocumentFixtures.listOfParent;
import static tsa.parent.document.DocumentFixtures.otherCoach;
import static tsa.parent.document.DocumentFixtures.otherParent;
import static tsa.parent.document.DocumentFixtures.pdf;
import static tsa.parent.document.DocumentFixtures.put;
import static tsa.parent.document.DocumentFixtures.read;
import static tsa.parent.document.DocumentFixtures.startUpload;
import static tsa.parent.document.DocumentFixtures.started;
import static tsa.parent.document.DocumentFixtures.uploadRequest;
import static tsa.parent.document.DocumentFixtures.verify;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tsa.parent.document.DocumentFixtures.Family;
import tsa.parent.document.DocumentFixtures.Started;
import tsa.parent.enrollment.OtherServicesStub;
import tsa.parent.enrollment.store.EnrollmentStore;
import tsa.testsupport.RealDataStores;

/**
 * Who sees a document: its parent, the enrollment's assigned coach, admins (whose file access is audited as a
 * {@code view}); anyone else gets the 404 of a document that does not exist.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(OtherServicesStub.class)
class DocumentAccessTest {

    @Inject
    EnrollmentStore enrollments;

    @AfterEach
    void auditBack() {
        AuditRecordsStub.outage(false);
    }

    @Test
    void anotherParentOrCoachFindsNothing() {
        Family family = family(enrollments);
        String documentId = uploaded(family);
        Map<String, Object> approve = Map.of("verificationStatus", "approved");

        for (String stranger : List.of(otherParent(), otherCoach())) {
            read(stranger, documentId).then().statusCode(404);
            downloadUrl(stranger, documentId).then().statusCode(404);
            list(stranger, family.enrollmentId(), Map.of()).then().statusCode(404);
        }
        confirm(otherParent(), documentId).then().statusCode(404);
        startUpload(otherParent(), family.enrollmentId(), uploadRequest("b.pdf", 10, PDF))
                .then()
                .statusCode(404);
        verify(otherCoach(), documentId, approve).then().statusCode(404);
        assertThat(read(family.parentToken(), documentId).jsonPath().getString("verificationStatus"))
                .isEqualTo("pending");
    }

    @Test
    void theParentTheAssignedCoachAndAdminsReadIt() {
        Family family = family(enrollments);
        String documentId = uploaded(family);

        for (String reader : List.of(family.parentToken(), family.coachToken(), admin())) {
            Response document = read(reader, documentId);
            document.then().statusCode(200);
            assertThat(document.jsonPath().getString("documentId")).isEqualTo(documentId);
            assertThat(list(reader, family.enrollmentId(), Map.of()).jsonPath().getList("items.documentId"))
                    .containsExactly(documentId);
            Response url = downloadUrl(reader, documentId);
            url.then().statusCode(200);
            assertThat(get(url.jsonPath().getString("downloadUrl")).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void rolesOutsideAnOperationAre403() {
        Family family = family(enrollments);
        String documentId = uploaded(family);

        startUpload(family.coachToken(), family.enrollmentId(), uploadRequest("b.pdf", 10, PDF))
                .then()
                .statusCode(403);
        startUpload(admin(), family.enrollmentId(), uploadRequest("b.pdf", 10, PDF))
                .then()
                .statusCode(403);
        confirm(family.coachToken(), documentId).then().statusCode(403);
        confirm(admin(), documentId).then().statusCode(403);
        verify(family.parentToken(), documentId, Map.of("verificationStatus", "approved"))
                .then()
                .statusCode(403);
    }

    @Test
    void unknownDocumentsAndEnrollmentsAre404() {
        Family family = family(enrollments);
        for (String id : List.of("no-such-document", "guard#x", "x".repeat(300))) {
            read(admin(), id).then().statusCode(404);
            downloadUrl(admin(), id).then().statusCode(404);
            confirm(family.parentToken(), id).then().statusCode(404);
            verify(admin(), id, Map.of("verificationStatus", "approved")).then().statusCode(404);
            list(admin(), id, Map.of()).then().statusCode(404);
            startUpload(family.parentToken(), id, uploadRequest("b.pdf", 10, PDF))
                    .then()
                    .statusCode(404);
        }
        assertThat(AuditRecordsStub.recordsAbout("no-such-document")).isEmpty();
    }

    @Test
    void anAdminsDownloadIsAuditedAsAViewAndOthersAreNot() {
        Family family = family(enrollments);
        String documentId = uploaded(family);

        downloadUrl(family.parentToken(), documentId).then().statusCode(200);
        downloadUrl(family.coachToken(), documentId).then().statusCode(200);
        assertThat(AuditRecordsStub.recordsAbout(documentId)).isEmpty();
        // The admin's read of the record is a view of its own (AdminReadsAreAuditedTest), the download another.
        read(admin(), documentId).then().statusCode(200);
        assertThat(AuditRecordsStub.recordsAbout(documentId)).hasSize(1);

        downloadUrl(admin(), documentId).then().statusCode(200);
        List<Map<String, Object>> records = AuditRecordsStub.recordsAbout(documentId);
        assertThat(records).hasSize(2);
        assertThat(records.get(1))
                .containsEntry("actionType", "view")
                .containsEntry("resourceType", "document")
                .containsEntry("adminEmail", "admin@tsa.example");
        assertThat((String) records.get(1).get("actionDescription")).startsWith("download document");
        assertThat(records.get(1).get("sessionId")).isNotNull();
    }

    @Test
    void anAdminGetsNoUrlWhenTheAuditTrailIsDown() {
        Family family = family(enrollments);
        String documentId = uploaded(family);
        AuditRecordsStub.outage(true);

        Response refused = downloadUrl(admin(), documentId);

        refused.then().statusCode(503);
        assertThat(refused.asString()).doesNotContain("X-Amz");
        downloadUrl(family.parentToken(), documentId).then().statusCode(200);
    }

    @Test
    void aParentListsTheirOwnDocumentsAcrossEnrollmentsAndAdminsNameTheParentAndAreAudited() {
        Family family = family(enrollments);
        Family neighbour = family(enrollments);
        String mine = started(
                        startUpload(family.parentToken(), family.enrollmentId(), uploadRequest("mine.pdf", 10, PDF)))
                .documentId();
        started(startUpload(neighbour.parentToken(), neighbour.enrollmentId(), uploadRequest("n.pdf", 10, PDF)));

        assertThat(listOfParent(family.parentToken(), Map.of()).jsonPath().getList("items.documentId"))
                .containsExactly(mine);
        listOfParent(family.parentToken(), Map.of("parentEmail", neighbour.parentEmail()))
                .then()
                .statusCode(400);
        listOfParent(family.coachToken(), Map.of()).then().statusCode(403);
        listOfParent(admin(), Map.of()).then().statusCode(400);

        assertThat(AuditRecordsStub.recordsAbout(family.parentEmail())).isEmpty();
        assertThat(listOfParent(
                                admin(),
                                Map.of("parentEmail", family.parentEmail().toUpperCase()))
                        .jsonPath()
                        .getList("items.documentId"))
                .containsExactly(mine);
        List<Map<String, Object>> records = AuditRecordsStub.recordsAbout(family.parentEmail());
        assertThat(records).hasSize(1);
        assertThat(records.get(0)).containsEntry("actionType", "view").containsEntry("resourceType", "parent");

        AuditRecordsStub.outage(true);
        listOfParent(admin(), Map.of("parentEmail", family.parentEmail()))
                .then()
                .statusCode(503);
    }

    @Test
    void anEnrollmentsDocumentsComeInCursorPages() {
        Family family = family(enrollments);
        Family neighbour = family(enrollments);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            ids.add(started(startUpload(
                            family.parentToken(), family.enrollmentId(), uploadRequest("f" + i + ".pdf", 10, PDF)))
                    .documentId());
        }
        started(startUpload(neighbour.parentToken(), neighbour.enrollmentId(), uploadRequest("n.pdf", 10, PDF)));

        Response first = list(family.coachToken(), family.enrollmentId(), Map.of("limit", 2));
        first.then().statusCode(200);
        assertThat(first.jsonPath().getList("items")).hasSize(2);
        String cursor = first.jsonPath().getString("nextCursor");
        assertThat(cursor).isNotNull();
        Response second = list(family.coachToken(), family.enrollmentId(), Map.of("limit", 2, "cursor", cursor));
        second.then().statusCode(200);
        Set<String> seen = new HashSet<>(first.jsonPath().getList("items.documentId", String.class));
        seen.addAll(second.jsonPath().getList("items.documentId", String.class));
        // dynalite may hand out a cursor on a page that happens to end exactly at the last item.
        String third = second.jsonPath().getString("nextCursor");
        if (third != null) {
            Response last = list(family.coachToken(), family.enrollmentId(), Map.of("limit", 2, "cursor", third));
            assertThat(last.jsonPath().getList("items")).isEmpty();
            assertThat(last.jsonPath().getString("nextCursor")).isNull();
        }
        assertThat(seen).isEqualTo(ids);

        // A cursor belongs to the list that handed it out.
        list(neighbour.parentToken(), neighbour.enrollmentId(), Map.of("cursor", cursor))
                .then()
                .statusCode(400);
    }

    /** A document of the family whose file is uploaded and confirmed. */
    private static String uploaded(Family family) {
        byte[] file = pdf(64);
        Started upload = started(
                startUpload(family.parentToken(), family.enrollmentId(), uploadRequest("doc.pdf", file.length, PDF)));
        put(upload, file);
        confirm(family.parentToken(), upload.documentId()).then().statusCode(200);
        return upload.documentId();
    }

    static String uploadedDocument(Family family) {
        return uploaded(family);
    }
}
