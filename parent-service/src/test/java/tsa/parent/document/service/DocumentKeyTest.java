package tsa.parent.document.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A parent's file name never shapes an S3 key or a download header beyond one safe path segment. */
class DocumentKeyTest {

    @Test
    void aFileNameBecomesOneSafeSegmentUnderItsEnrollmentAndDocument() {
        assertThat(Documents.keyOf("enr-1", "doc-1", "Physical exam.pdf"))
                .isEqualTo("enrollments/enr-1/documents/doc-1/Physical_exam.pdf");
        assertThat(Documents.keyName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(Documents.keyName("C:\\Users\\me\\scan.png")).isEqualTo("scan.png");
        assertThat(Documents.keyName("Café résumé.pdf")).isEqualTo("Cafe_resume.pdf");
        assertThat(Documents.keyName("\"quoted\"; x=y.pdf")).isEqualTo("quoted_x_y.pdf");
        assertThat(Documents.keyName("..hidden")).isEqualTo("hidden");
        assertThat(Documents.keyName("///")).isEqualTo("file");
        assertThat(Documents.keyName("日本語")).isEqualTo("file");
    }

    @Test
    void aLongNameKeepsItsExtension() {
        String name = Documents.keyName("a".repeat(300) + ".jpeg");
        assertThat(name).hasSize(Documents.KEY_NAME_MAX).endsWith(".jpeg");
    }
}
