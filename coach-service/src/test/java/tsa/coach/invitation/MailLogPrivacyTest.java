package tsa.coach.invitation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import tsa.coach.profile.service.CoachProfiles;
import tsa.testsupport.DataStores;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;
import tsa.testsupport.TestTokens;

/**
 * A parent invitation whose mail can't be sent (the SMTP server is stopped): the request answers at once without a
 * mail status, the record then says {@code failed}, and what the application logged about it (WARN and DEBUG) names
 * the mail's kind and a masked address, never the address, the student's name or the subject.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@TestProfile(TightMailLimit.class)
class MailLogPrivacyTest {

    @Inject
    CoachProfiles profiles;

    /** Collects every record logged under {@code tsa}, formatted as the console would show its message. */
    static final class Captured extends Handler {
        final List<LogRecord> records = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        List<String> lines() {
            return records.stream()
                    .map(r -> r.getLevel() + " " + r.getLoggerName() + " "
                            + (r instanceof ExtLogRecord ext ? ext.getFormattedMessage() : r.getMessage())
                            + (r.getThrown() == null ? "" : " " + r.getThrown()))
                    .toList();
        }
    }

    @Test
    void aFailedInvitationMailIsRecordedAndLoggedWithoutTheAddressOrTheStudentsName() throws Exception {
        ReferenceData.loadSchools(DataStores.shared().postgres());
        String coachId = "coach-" + UUID.randomUUID();
        profiles.createFromOnboarding(
                coachId,
                coachId + "@coaches.example",
                "Casey",
                "Jordan",
                null,
                ReferenceData.SCHOOL_AUSTIN,
                List.of("basketball"),
                List.of("invite_parents"));
        String coach = TestTokens.coach(coachId + "@coaches.example", coachId, "invitation-of-" + coachId);
        String parent = "jonathan.doe-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String student = "Zebediah Quuxworth";

        Captured captured = new Captured();
        captured.setLevel(Level.ALL);
        Logger tsa = Logger.getLogger("tsa");
        tsa.addHandler(captured);
        try {
            DataStores.shared().mail().close();
            Response created = given().auth()
                    .oauth2(coach)
                    .contentType(ContentType.JSON)
                    .body(Map.of("parentEmail", parent, "studentName", student, "sport", "basketball"))
                    .post("/api/coach/parent-invitations");
            created.then().statusCode(201);
            // answered before the mail had an outcome: it goes out after the write, off the request thread
            assertThat(created.jsonPath().getString("mailStatus")).isNull();
            String id = created.jsonPath().getString("invitationId");

            String mailStatus = null;
            Instant deadline = Instant.now().plusSeconds(30);
            while (mailStatus == null && Instant.now().isBefore(deadline)) {
                mailStatus = given().auth()
                        .oauth2(coach)
                        .get("/api/coach/parent-invitations/" + id)
                        .jsonPath()
                        .getString("mailStatus");
                if (mailStatus == null) {
                    Thread.sleep(50);
                }
            }
            assertThat(mailStatus).isEqualTo("failed");
        } finally {
            tsa.removeHandler(captured);
        }

        List<String> lines = captured.lines();
        List<String> mailLines = lines.stream()
                .filter(l -> l.contains("tsa.runtime.mail.MailSender"))
                .toList();
        assertThat(mailLines)
                .as("the failure was logged, at WARN and per attempt at DEBUG")
                .anySatisfy(l -> assertThat(l)
                        .startsWith("WARN")
                        .contains("parent-invitation")
                        .contains("j***@example.org"))
                .anySatisfy(l ->
                        assertThat(l).startsWith("DEBUG").contains("attempt").contains("j***@example.org"));
        assertThat(lines)
                .allSatisfy(l -> assertThat(l)
                        .doesNotContain(parent)
                        .doesNotContain("jonathan.doe")
                        .doesNotContain("Zebediah")
                        .doesNotContain("Quuxworth")
                        .doesNotContain("Your invitation to enroll"));
    }
}
