package tsa.sync.copy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.sync.SyncFixtures.assertProblem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import tsa.model.Student;
import tsa.sync.StubServices;
import tsa.sync.SyncFixtures;
import tsa.sync.copy.service.OperationalCopies;
import tsa.sync.copy.store.StudentCopy;
import tsa.sync.copy.store.StudentCopyStore;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.TestTokens;

/**
 * parent-service's announcement of an Ed-Fi student it has written ({@code POST /internal/student-changes}): the
 * {@code students-dev} copy follows the PostgreSQL row, as often as it is announced.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(StubServices.class)
class StudentChangeIntakeTest {

    private static final String PATH = "/internal/student-changes";

    @Inject
    StudentCopyStore copies;

    @Test
    void theCopyAppearsFromTheStudentRowAndFollowsItsChanges() {
        String student = newStudent("Sam", "Lopez");
        assertThat(copies.find(student)).isNull();

        assertThat(announce(student).statusCode()).isEqualTo(202);

        StudentCopy copy = copies.find(student);
        assertThat(copy).isNotNull();
        assertThat(copy).isEqualTo(OperationalCopies.copyOf(row(student)));
        assertThat(copy.firstName()).isEqualTo("Sam");
        assertThat(copy.lastName()).isEqualTo("Lopez");
        assertThat(copy.birthDate()).isEqualTo("2014-03-02");
        assertThat(copy.races()).containsExactly(Map.of("raceDescriptor", "White"));
        assertThat(copy.lastModifiedDate()).isNotNull();
        assertThat(copy.schemaVersion()).isEqualTo("v1");

        SyncFixtures.sql("UPDATE students SET first_name = 'Samuel' WHERE student_unique_id = ?", student);
        assertThat(announce(student).statusCode()).isEqualTo(202);

        assertThat(copies.find(student).firstName()).isEqualTo("Samuel");
        assertThat(copies.find(student)).isEqualTo(OperationalCopies.copyOf(row(student)));
    }

    @Test
    void announcingTheSameStudentAgainLeavesTheSameCopy() {
        String student = newStudent("Alex", "Rivera");
        assertThat(announce(student).statusCode()).isEqualTo(202);
        StudentCopy first = copies.find(student);

        Response again = announce(student);

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.asString()).isEmpty();
        assertThat(copies.find(student)).isEqualTo(first);
    }

    @Test
    void theAnnouncementIsTakenWithTheAcceptHeaderOfParentServicesGeneratedClient() {
        String student = newStudent("Ana", "Diaz");

        Response taken = given().auth()
                .oauth2(TestTokens.service("parent-service"))
                .contentType("application/json")
                .accept("application/problem+json")
                .body("{\"studentUniqueId\":\"" + student + "\"}")
                .post(PATH);

        assertThat(taken.statusCode()).as(taken.asString()).isEqualTo(202);
        assertThat(copies.find(student)).isNotNull();
    }

    @Test
    void anUnknownStudentIs404AndWritesNoCopy() {
        String unknown = "S-unknown-" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);

        assertProblem(announce(unknown), 404);

        assertThat(copies.find(unknown)).isNull();
    }

    @Test
    void aBadBodyIs400ProblemNamingTheField() {
        for (String body : List.of(
                "{}",
                "{\"studentUniqueId\":\"\"}",
                "{\"studentUniqueId\":\"   \"}",
                "{\"studentUniqueId\":\"" + "x".repeat(51) + "\"}",
                "{\"studentUniqueId\":42}",
                "{\"studentUniqueId\":\"S-1\",\"extra\":true}")) {
            Response response = send(TestTokens.service("parent-service"), body);
            assertProblem(response, 400);
            assertThat(response.jsonPath().getList("errors.field", String.class))
                    .as(body)
                    .isNotEmpty();
        }
        for (String body : List.of("", "not json", "[]", "{\"studentUniqueId\":\"S-1\"} trailing")) {
            assertProblem(send(TestTokens.service("parent-service"), body), 400);
        }
    }

    @Test
    void onlyParentServiceMayAnnounceAStudent() {
        String student = newStudent("Jo", "Kim");
        String body = "{\"studentUniqueId\":\"" + student + "\"}";
        for (String other : List.of("coach-service", "admin-service", "sync-service")) {
            assertProblem(send(TestTokens.service(other), body), 403);
        }
        for (String user : List.of(
                SyncFixtures.admin(),
                TestTokens.coach("c@example.com", "c", "i"),
                TestTokens.parent("p@example.com", "i"))) {
            assertProblem(send(user, body), 403);
        }
        assertProblem(given().contentType(ContentType.JSON).body(body).post(PATH), 401);
        assertThat(copies.find(student)).isNull();
    }

    private static String newStudent(String firstName, String lastName) {
        String id = "S-" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        SyncFixtures.sql(
                "INSERT INTO students (student_unique_id, student_usi, first_name, last_name, birth_date,"
                        + " races) VALUES (?, ?, ?, ?, DATE '2014-03-02', '[{\"raceDescriptor\": \"White\"}]'::jsonb)",
                id,
                ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999),
                firstName,
                lastName);
        return id;
    }

    private static Student row(String id) {
        return QuarkusTransaction.requiringNew().call(() -> Student.findById(id));
    }

    private static Response announce(String studentUniqueId) {
        return send(TestTokens.service("parent-service"), Map.of("studentUniqueId", studentUniqueId));
    }

    private static Response send(String token, Object body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(PATH);
    }
}
