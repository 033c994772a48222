package tsa.parent.document;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tsa.parent.enrollment.store.Enrollment;
import tsa.parent.enrollment.store.EnrollmentStore;
import tsa.testsupport.ContractOperations;
import tsa.testsupport.ContractResponses;
import tsa.testsupport.TestTokens;

/**
 * Set-up and calls shared by the document tests: enrollments written straight into their store (the enrollment flow
 * is not what these tests are about), sessions for the people involved, the documents API over HTTP, and plain
 * HTTP to the presigned S3 URLs, as a portal would use them.
 */
final class DocumentFixtures {

    static final Path CONTRACT = ContractOperations.contract("parent-service");
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String PDF = "application/pdf";

    private DocumentFixtures() {}

    /** A family: the parent's address, the assigned coach, their enrollment, and their sessions. */
    record Family(Enrollment enrollment, String parentToken, String coachToken, String coachEmail) {

        String enrollmentId() {
            return enrollment.enrollmentId();
        }

        String parentEmail() {
            return enrollment.parentEmail();
        }
    }

    static Family family(EnrollmentStore enrollments) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String parentEmail = "parent-" + suffix + "@tsa.example";
        String coachId = "coach-" + suffix;
        String coachEmail = "coach-" + suffix + "@tsa.example";
        Enrollment enrollment = Enrollment.builder()
                .enrollmentId(UUID.randomUUID().toString())
                .parentEmail(parentEmail)
                .studentName("Sam Lopez")
                .studentAge(11)
                .sport("soccer")
                .coachId(coachId)
                .enrollmentStatus("pending")
                .paymentStatus("pending")
                .createdAt("2026-12-01T10:00:00.000Z")
                .invitationId("pinv-" + suffix)
                .schoolId("255901001")
                .version(1L)
                .build();
        if (!enrollments.insert(enrollment)) {
            throw new IllegalStateException("enrollment id taken");
        }
        return new Family(
                enrollment,
                TestTokens.parent(parentEmail, "pinv-" + suffix),
                TestTokens.coach(coachEmail, coachId, "cinv-" + suffix),
                coachEmail);
    }

    static String otherParent() {
        return TestTokens.parent("stranger-" + UUID.randomUUID() + "@tsa.example", "pinv-other");
    }

    static String otherCoach() {
        String id = UUID.randomUUID().toString();
        return TestTokens.coach("coach-" + id + "@tsa.example", "coach-" + id, "cinv-other");
    }

    static String admin() {
        return TestTokens.admin("admin@tsa.example");
    }

    static Map<String, Object> uploadRequest(String fileName, long size, String contentType) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("documentType", "medical");
        body.put("fileName", fileName);
        body.put("fileSize", size);
        body.put("contentType", contentType);
        return body;
    }

    static Response startUpload(String token, String enrollmentId, Object body) {
        return checked(
                "POST",
                "/api/parent/enrollments/" + enrollmentId + "/documents",
                given().auth()
                        .oauth2(token)
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post("/api/parent/enrollments/{id}/documents", enrollmentId));
    }

    static Response confirm(String token, String documentId) {
        return checked(
                "POST",
                "/api/parent/documents/" + documentId + "/uploaded",
                given().auth().oauth2(token).post("/api/parent/documents/{id}/uploaded", documentId));
    }

    static Response read(String token, String documentId) {
        return checked(
                "GET",
                "/api/parent/documents/" + documentId,
                given().auth().oauth2(token).get("/api/parent/documents/{id}", documentId));
    }

    static Response downloadUrl(String token, String documentId) {
        return checked(
                "GET",
                "/api/parent/documents/" + documentId + "/download-url",
                given().auth().oauth2(token).get("/api/parent/documents/{id}/download-url", documentId));
    }

    static Response verify(String token, String documentId, Object body) {
        return checked(
                "POST",
                "/api/parent/documents/" + documentId + "/verification",
                given().auth()
                        .oauth2(token)
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post("/api/parent/documents/{id}/verification", documentId));
    }

    static Response list(String token, String enrollmentId, Map<String, ?> query) {
        return checked(
                "GET",
                "/api/parent/enrollments/" + enrollmentId + "/documents",
                given().auth()
                        .oauth2(token)
                        .queryParams(query)
                        .get("/api/parent/enrollments/{id}/documents", enrollmentId));
    }

    static Response listOfParent(String token, Map<String, ?> query) {
        return checked(
                "GET",
                "/api/parent/documents",
                given().auth().oauth2(token).queryParams(query).get("/api/parent/documents"));
    }

    /** Every answer of parent-service must be one its contract allows. */
    static Response checked(String method, String path, Response response) {
        ContractResponses.assertValid(CONTRACT, method, path, response.statusCode(), response.asString());
        return response;
    }

    /** A started upload: its id and presigned URL, with the headers the URL was signed for. */
    record Started(String documentId, String uploadUrl, Map<String, String> headers) {}

    static Started started(Response created) {
        created.then().statusCode(201);
        return new Started(
                created.jsonPath().getString("document.documentId"),
                created.jsonPath().getString("uploadUrl"),
                created.jsonPath().getMap("uploadHeaders"));
    }

    /** PUTs the bytes to a presigned URL as a browser would (plain HTTP, the signed headers, nothing else). */
    static int put(Started upload, byte[] bytes) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upload.uploadUrl()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        upload.headers().forEach(request::header);
        return send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static HttpResponse<byte[]> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A file of {@code size} bytes that starts like a PDF. */
    static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        new java.util.Random(size).nextBytes(bytes);
        byte[] magic = "%PDF-1.7\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, bytes, 0, Math.min(magic.length, size));
        return bytes;
    }

    /** A query parameter of a URL, decoded. */
    static String queryParam(String url, String name) {
        String query = URI.create(url).getRawQuery();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
