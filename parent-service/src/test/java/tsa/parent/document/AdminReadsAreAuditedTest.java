package tsa.parent.document;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.parent.document.DocumentFixtures.PDF;
import static tsa.parent.document.DocumentFixtures.admin;
import static tsa.parent.document.DocumentFixtures.checked;
import static tsa.parent.document.DocumentFixtures.family;
import static tsa.parent.document.DocumentFixtures.list;
import static tsa.parent.document.DocumentFixtures.read;
import static tsa.parent.document.DocumentFixtures.startUpload;
import static tsa.parent.document.DocumentFixtures.started;
import static tsa.parent.document.DocumentFixtures.uploadRequest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tsa.parent.document.DocumentFixtures.Family;
import tsa.parent.enrollment.OtherServicesStub;
import tsa.parent.enrollment.store.EnrollmentStore;
import tsa.testsupport.RealDataStores;

/**
 * An admin's read of a family's personal data in parent-service (an enrollment, a parent's or a coach's enrollments,
 * an enrollment's documents, a document, a parent's or a coach's appointments) is one {@code view} record in
 * admin-service's audit trail first (lists: the query and the count, never an item); with the trail down it is a 503
 * and nothing is answered. The family's own reads are not recorded.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(OtherServicesStub.class)
class AdminReadsAreAuditedTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EnrollmentStore enrollments;

    @Inject
    CircuitBreakerMaintenance circuits;

    @AfterEach
    void trailBack() {
        AuditRecordsStub.outage(false);
        circuits.resetAll();
    }

    @Test
    void anAdminsReadOfAnEnrollmentAndOfAnEnrollmentsListsIsOneViewRecordEach() {
        Family family = family(enrollments);
        int before = AuditRecordsStub.records().size();

        Response one = get(admin(), "/api/parent/enrollments/" + family.enrollmentId(), Map.of());
        Response byParent = get(admin(), "/api/parent/enrollments", Map.of("parentEmail", family.parentEmail()));
        Response byCoach = get(
                admin(),
                "/api/parent/enrollments",
                Map.of("coachId", family.enrollment().coachId()));

        one.then().statusCode(200);
        byParent.then().statusCode(200);
        assertThat(byParent.jsonPath().getList("items.enrollmentId")).containsExactly(family.enrollmentId());
        byCoach.then().statusCode(200);
        List<Map<String, Object>> added = added(before);
        assertThat(added).hasSize(3);
        assertThat(added.get(0))
                .containsEntry("actionType", "view")
                .containsEntry("resourceType", "enrollment")
                .containsEntry("resourceId", family.enrollmentId());
        assertThat(added.get(1))
                .containsEntry("actionType", "view")
                .containsEntry("resourceType", "parent")
                .containsEntry("resourceId", family.parentEmail());
        assertThat(summary(added.get(1)))
                .containsEntry("query", Map.of("parentEmail", true))
                .containsEntry("returned", 1)
                .containsEntry("more", false);
        assertThat(added.get(2))
                .containsEntry("resourceType", "coach")
                .containsEntry("resourceId", family.enrollment().coachId());
        assertThat(summary(added.get(2))).containsEntry("returned", 1);
        // Nothing the family wrote is in the records: not the child's name, not the sport.
        assertThat(JSON.valueToTree(added).toString()).doesNotContain("Sam Lopez", "soccer");

        // The family's own reads are not an admin's.
        get(family.parentToken(), "/api/parent/enrollments/" + family.enrollmentId(), Map.of())
                .then()
                .statusCode(200);
        get(family.coachToken(), "/api/parent/enrollments", Map.of()).then().statusCode(200);
        assertThat(AuditRecordsStub.records()).hasSize(before + 3);
    }

    @Test
    void anAdminsReadOfAnEnrollmentsDocumentsAndOfADocumentIsRecorded() {
        Family family = family(enrollments);
        String documentId = started(startUpload(
                        family.parentToken(), family.enrollmentId(), uploadRequest("physical.pdf", 100, PDF)))
                .documentId();
        int before = AuditRecordsStub.records().size();

        Response documents = list(admin(), family.enrollmentId(), Map.of());
        Response document = read(admin(), documentId);

        documents.then().statusCode(200);
        document.then().statusCode(200);
        List<Map<String, Object>> added = added(before);
        assertThat(added).hasSize(2);
        assertThat(added.get(0))
                .containsEntry("actionType", "view")
                .containsEntry("resourceType", "enrollment")
                .containsEntry("resourceId", family.enrollmentId());
        assertThat(summary(added.get(0))).containsEntry("returned", 1);
        assertThat(added.get(1))
                .containsEntry("actionType", "view")
                .containsEntry("resourceType", "document")
                .containsEntry("resourceId", documentId);
        assertThat(JSON.valueToTree(added).toString()).doesNotContain("physical.pdf");

        read(family.parentToken(), documentId).then().statusCode(200);
        list(family.coachToken(), family.enrollmentId(), Map.of()).then().statusCode(200);
        assertThat(AuditRecordsStub.records()).hasSize(before + 2);
    }

    @Test
    void anAdminsReadOfAppointmentsIsOneRecordOfTheQueryAndTheCount() {
        Family family = family(enrollments);
        int before = AuditRecordsStub.records().size();

        Response ofParent = get(
                admin(),
                "/api/parent/appointments",
                Map.of("parentEmail", family.parentEmail(), "from", "2026-12-01", "to", "2026-12-31"));
        Response ofCoach = get(
                admin(),
                "/api/parent/appointments",
                Map.of("coachId", family.enrollment().coachId()));

        ofParent.then().statusCode(200);
        ofCoach.then().statusCode(200);
        List<Map<String, Object>> added = added(before);
        assertThat(added).hasSize(2);
        assertThat(added.get(0))
                .containsEntry("actionType", "view")
                .containsEntry("resourceType", "parent")
                .containsEntry("resourceId", family.parentEmail());
        assertThat(summary(added.get(0)))
                .containsEntry("query", Map.of("from", "2026-12-01", "to", "2026-12-31", "parentEmail", true))
                .containsEntry("returned", 0);
        assertThat(added.get(1))
                .containsEntry("resourceType", "coach")
                .containsEntry("resourceId", family.enrollment().coachId());
    }

    @Test
    void withTheAuditTrailDownAnAdminsReadIs503AndAnswersNothing() {
        Family family = family(enrollments);
        AuditRecordsStub.outage(true);

        Response refused = get(admin(), "/api/parent/enrollments/" + family.enrollmentId(), Map.of());

        refused.then().statusCode(503).contentType("application/problem+json");
        assertThat(refused.asString()).doesNotContain(family.parentEmail(), "Sam Lopez");
        // The parent's own read does not need the trail.
        get(family.parentToken(), "/api/parent/enrollments/" + family.enrollmentId(), Map.of())
                .then()
                .statusCode(200);
    }

    private static Response get(String token, String path, Map<String, ?> query) {
        return checked(
                "GET", path, given().auth().oauth2(token).queryParams(query).get(path));
    }

    private static List<Map<String, Object>> added(int before) {
        List<Map<String, Object>> all = AuditRecordsStub.records();
        return all.subList(before, all.size());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> summary(Map<String, Object> record) {
        return (Map<String, Object>) record.get("afterState");
    }
}
