package tsa.parent.document;

import static org.assertj.core.api.Assertions.assertThat;
import static tsa.parent.document.DocumentFixtures.PDF;
import static tsa.parent.document.DocumentFixtures.confirm;
import static tsa.parent.document.DocumentFixtures.downloadUrl;
import static tsa.parent.document.DocumentFixtures.family;
import static tsa.parent.document.DocumentFixtures.get;
import static tsa.parent.document.DocumentFixtures.pdf;
import static tsa.parent.document.DocumentFixtures.put;
import static tsa.parent.document.DocumentFixtures.queryParam;
import static tsa.parent.document.DocumentFixtures.read;
import static tsa.parent.document.DocumentFixtures.startUpload;
import static tsa.parent.document.DocumentFixtures.started;
import static tsa.parent.document.DocumentFixtures.uploadRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tsa.parent.document.DocumentFixtures.Family;
import tsa.parent.document.DocumentFixtures.Started;
import tsa.parent.document.store.DocumentStore;
import tsa.parent.document.store.ParentDocument;
import tsa.parent.enrollment.OtherServicesStub;
import tsa.parent.enrollment.store.EnrollmentStore;
import tsa.testsupport.RealDataStores;

/** A parent uploads a file through the presigned URL, confirms it, and it comes back byte for byte. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(OtherServicesStub.class)
class DocumentUploadTest {

    @Inject
    EnrollmentStore enrollments;

    @Inject
    DocumentStore documents;

    @Test
    void anUploadedFileIsConfirmedAndDownloadsByteForByte() {
        Family family = family(enrollments);
        byte[] file = pdf(70_000);

        Response created = startUpload(
                family.parentToken(),
                family.enrollmentId(),
                uploadRequest("Physical exam (2026).pdf", file.length, PDF));
        Started upload = started(created);
        assertThat(created.header("Location")).endsWith("/api/parent/documents/" + upload.documentId());
        assertThat(created.jsonPath().getString("document.enrollmentId")).isEqualTo(family.enrollmentId());
        assertThat(created.jsonPath().getString("document.parentEmail")).isEqualTo(family.parentEmail());
        assertThat(created.jsonPath().getString("document.documentType")).isEqualTo("medical");
        assertThat(created.jsonPath().getString("document.fileName")).isEqualTo("Physical exam (2026).pdf");
        assertThat(created.jsonPath().getLong("document.fileSize")).isEqualTo(file.length);
        assertThat(created.jsonPath().getString("document.uploadStatus")).isEqualTo("processing");
        assertThat(created.jsonPath().getString("document.verificationStatus")).isEqualTo("pending");
        assertThat(created.jsonPath().getString("uploadMethod")).isEqualTo("PUT");
        assertThat(upload.headers()).containsEntry("Content-Type", PDF);

        ParentDocument stored = documents.find(upload.documentId()).orElseThrow();
        assertThat(stored.s3Key())
                .isEqualTo("enrollments/" + family.enrollmentId() + "/documents/" + upload.documentId()
                        + "/Physical_exam_2026_.pdf");
        assertThat(stored.version()).isEqualTo(1L);

        assertThat(put(upload, file)).isEqualTo(200);
        Response confirmed = confirm(family.parentToken(), upload.documentId());
        confirmed.then().statusCode(200);
        assertThat(confirmed.jsonPath().getString("uploadStatus")).isEqualTo("uploaded");
        assertThat(confirmed.jsonPath().getString("uploadedAt")).isNotBlank();
        assertThat(read(family.parentToken(), upload.documentId()).jsonPath().getString("uploadStatus"))
                .isEqualTo("uploaded");

        Response download = downloadUrl(family.parentToken(), upload.documentId());
        download.then().statusCode(200);
        HttpResponse<byte[]> fetched = get(download.jsonPath().getString("downloadUrl"));
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(file);
        assertThat(fetched.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"Physical_exam_2026_.pdf\"");
    }

    @Test
    void confirmingBeforeTheFileArrivedIs409AndLeavesItProcessing() {
        Family family = family(enrollments);
        Started upload = started(
                startUpload(family.parentToken(), family.enrollmentId(), uploadRequest("id.png", 1234, "image/png")));

        Response early = confirm(family.parentToken(), upload.documentId());
        early.then().statusCode(409);
        assertThat(early.jsonPath().getString("detail")).contains("not been uploaded");
        assertThat(read(family.parentToken(), upload.documentId()).jsonPath().getString("uploadStatus"))
                .isEqualTo("processing");
        downloadUrl(family.parentToken(), upload.documentId()).then().statusCode(409);
    }

    @Test
    void aFileOfAnotherSizeThanDeclaredIs409UntilTheDeclaredFileIsUploaded() {
        Family family = family(enrollments);
        byte[] file = pdf(5000);
        Started upload = started(startUpload(
                family.parentToken(), family.enrollmentId(), uploadRequest("consent.pdf", file.length, PDF)));

        assertThat(put(upload, java.util.Arrays.copyOf(file, 4999))).isEqualTo(200);
        Response wrongSize = confirm(family.parentToken(), upload.documentId());
        wrongSize.then().statusCode(409);
        assertThat(wrongSize.jsonPath().getString("detail")).contains("4999 bytes", "5000");

        assertThat(put(upload, file)).isEqualTo(200);
        confirm(family.parentToken(), upload.documentId()).then().statusCode(200);
    }

    @Test
    void aFileOfAnotherTypeThanDeclaredIs409() {
        Family family = family(enrollments);
        byte[] file = pdf(500);
        Started upload = started(
                startUpload(family.parentToken(), family.enrollmentId(), uploadRequest("scan.pdf", file.length, PDF)));

        assertThat(put(new Started(upload.documentId(), upload.uploadUrl(), Map.of("Content-Type", "text/html")), file))
                .isEqualTo(200);
        Response wrongType = confirm(family.parentToken(), upload.documentId());

        wrongType.then().statusCode(409);
        assertThat(wrongType.jsonPath().getString("detail")).contains("text/html");
        assertThat(read(family.parentToken(), upload.documentId()).jsonPath().getString("uploadStatus"))
                .isEqualTo("processing");
    }

    @Test
    void confirmingAgainChangesNothing() {
        Family family = family(enrollments);
        byte[] file = pdf(100);
        Started upload = started(
                startUpload(family.parentToken(), family.enrollmentId(), uploadRequest("x.pdf", file.length, PDF)));
        put(upload, file);

        String first =
                confirm(family.parentToken(), upload.documentId()).jsonPath().getString("uploadedAt");
        ParentDocument afterFirst = documents.find(upload.documentId()).orElseThrow();
        Response again = confirm(family.parentToken(), upload.documentId());

        again.then().statusCode(200);
        assertThat(again.jsonPath().getString("uploadedAt")).isEqualTo(first);
        assertThat(documents.find(upload.documentId()).orElseThrow()).isEqualTo(afterFirst);
        assertThat(afterFirst.version()).isEqualTo(2L);
    }

    @Test
    void presignedUrlsLiveAsLongAsConfiguredAndSignTheDeclaredFile() {
        Family family = family(enrollments);
        byte[] file = pdf(300);
        Response created =
                startUpload(family.parentToken(), family.enrollmentId(), uploadRequest("a.pdf", file.length, PDF));
        Started upload = started(created);

        // The configured upload expiry (PT5M); S3Mock checks no signatures, so the URL itself is what is asserted.
        assertThat(queryParam(upload.uploadUrl(), "X-Amz-Expires")).isEqualTo("300");
        assertThat(queryParam(upload.uploadUrl(), "X-Amz-SignedHeaders").split(";"))
                .contains("content-length", "content-type", "host");
        Instant signedAt = signingTime(upload.uploadUrl());
        // X-Amz-Date has whole seconds; the expiry keeps the signing clock's milliseconds.
        assertThat(Instant.parse(created.jsonPath().getString("uploadUrlExpiresAt"))
                        .truncatedTo(ChronoUnit.SECONDS))
                .isEqualTo(signedAt.plus(Duration.ofMinutes(5)));

        put(upload, file);
        confirm(family.parentToken(), upload.documentId()).then().statusCode(200);
        Response download = downloadUrl(family.parentToken(), upload.documentId());
        String url = download.jsonPath().getString("downloadUrl");
        assertThat(queryParam(url, "X-Amz-Expires")).isEqualTo("300");
        assertThat(Instant.parse(download.jsonPath().getString("expiresAt")).truncatedTo(ChronoUnit.SECONDS))
                .isEqualTo(signingTime(url).plus(Duration.ofMinutes(5)));
    }

    private static Instant signingTime(String url) {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC)
                .parse(queryParam(url, "X-Amz-Date"), Instant::from);
    }
}
