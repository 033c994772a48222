package tsa.parent.document;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.parent.document.DocumentFixtures.PDF;
import static tsa.parent.document.DocumentFixtures.admin;
import static tsa.parent.document.DocumentFixtures.checked;
import static tsa.parent.document.DocumentFixtures.family;
import static tsa.parent.document.DocumentFixtures.list;
import static tsa.parent.document.DocumentFixtures.startUpload;
import static tsa.parent.document.DocumentFixtures.uploadRequest;
import static tsa.parent.document.DocumentFixtures.verify;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tsa.parent.document.DocumentFixtures.Family;
import tsa.parent.enrollment.OtherServicesStub;
import tsa.parent.enrollment.store.EnrollmentStore;
import tsa.testsupport.RealDataStores;

/** Bad input on every documents operation is a 400 problem naming the field, and writes nothing. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(OtherServicesStub.class)
class DocumentInputTest {

    @Inject
    EnrollmentStore enrollments;

    @Test
    void theConfiguredTypesAndSizeLimitHold() {
        Family family = family(enrollments);

        assertRefused(family, uploadRequest("big.pdf", 10 * 1024 * 1024 + 1, PDF), "fileSize");
        assertRefused(family, uploadRequest("empty.pdf", 0, PDF), "fileSize");
        assertRefused(family, uploadRequest("notes.txt", 10, "text/plain"), "contentType");
        assertRefused(family, uploadRequest("page.html", 10, "text/html"), "contentType");
        Map<String, Object> passport = uploadRequest("passport.pdf", 10, PDF);
        passport.put("documentType", "passport");
        assertRefused(family, passport, "documentType");

        for (String type : List.of(PDF, "image/jpeg", "image/png")) {
            startUpload(family.parentToken(), family.enrollmentId(), uploadRequest("ok", 10 * 1024 * 1024, type))
                    .then()
                    .statusCode(201);
        }
        for (String documentType : List.of("medical", "legal", "identification")) {
            Map<String, Object> request = uploadRequest("ok.pdf", 10, PDF);
            request.put("documentType", documentType);
            startUpload(family.parentToken(), family.enrollmentId(), request)
                    .then()
                    .statusCode(201);
        }
    }

    @Test
    void aMalformedUploadRequestNamesTheField() {
        Family family = family(enrollments);

        assertRefused(family, without("fileName"), "fileName");
        assertRefused(family, with("fileName", ""), "fileName");
        assertRefused(family, with("fileName", "two\nlines.pdf"), "fileName");
        assertRefused(family, with("fileName", "x".repeat(256)), "fileName");
        assertRefused(family, without("documentType"), "documentType");
        assertRefused(family, without("contentType"), "contentType");
        assertRefused(family, without("fileSize"), "fileSize");
        assertRefused(family, with("fileSize", "10"), "fileSize");
        assertRefused(family, with("fileSize", 1.5), "fileSize");
        assertRefused(family, with("documentType", 3), "documentType");
        assertRefused(family, with("s3Key", "elsewhere"), "s3Key");

        Response noBody = checked(
                "POST",
                "/api/parent/enrollments/" + family.enrollmentId() + "/documents",
                given().auth()
                        .oauth2(family.parentToken())
                        .contentType(ContentType.JSON)
                        .post("/api/parent/enrollments/{id}/documents", family.enrollmentId()));
        noBody.then().statusCode(400);
        assertThat(list(family.parentToken(), family.enrollmentId(), Map.of())
                        .jsonPath()
                        .getList("items"))
                .isEmpty();
    }

    @Test
    void aMalformedVerificationNamesTheField() {
        Family family = family(enrollments);
        String documentId = DocumentAccessTest.uploadedDocument(family);

        assertField(verify(family.coachToken(), documentId, Map.of()), "verificationStatus");
        assertField(
                verify(family.coachToken(), documentId, Map.of("verificationStatus", "pending")), "verificationStatus");
        assertField(verify(family.coachToken(), documentId, Map.of("verificationStatus", "yes")), "verificationStatus");
        assertField(
                verify(
                        family.coachToken(),
                        documentId,
                        Map.of("verificationStatus", "rejected", "note", "n".repeat(501))),
                "note");
        assertField(
                verify(
                        family.coachToken(),
                        documentId,
                        Map.of("verificationStatus", "approved", "verifiedBy", "me@tsa.example")),
                "verifiedBy");
        checked(
                        "POST",
                        "/api/parent/documents/" + documentId + "/verification",
                        given().auth()
                                .oauth2(admin())
                                .contentType(ContentType.JSON)
                                .post("/api/parent/documents/{id}/verification", documentId))
                .then()
                .statusCode(400);

        assertThat(DocumentFixtures.read(family.parentToken(), documentId)
                        .jsonPath()
                        .getString("verificationStatus"))
                .isEqualTo("pending");
    }

    @Test
    void badPagingParametersAre400() {
        Family family = family(enrollments);

        assertField(list(family.parentToken(), family.enrollmentId(), Map.of("limit", 0)), "limit");
        assertField(list(family.parentToken(), family.enrollmentId(), Map.of("limit", 101)), "limit");
        assertField(list(family.parentToken(), family.enrollmentId(), Map.of("limit", "ten")), "limit");
        assertField(list(family.parentToken(), family.enrollmentId(), Map.of("cursor", "not-a-cursor")), "cursor");
    }

    private static Map<String, Object> without(String field) {
        Map<String, Object> request = uploadRequest("a.pdf", 10, PDF);
        request.remove(field);
        return request;
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> request = new LinkedHashMap<>(uploadRequest("a.pdf", 10, PDF));
        request.put(field, value);
        return request;
    }

    private static void assertRefused(Family family, Map<String, Object> request, String field) {
        assertField(startUpload(family.parentToken(), family.enrollmentId(), request), field);
    }

    private static void assertField(Response response, String field) {
        response.then().statusCode(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getList("errors.field"))
                .as(response.asString())
                .contains(field);
    }
}
