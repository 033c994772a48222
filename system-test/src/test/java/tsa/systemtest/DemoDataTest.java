package tsa.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tsa.testsupport.Eventually;
import tsa.testsupport.LocalSystem;
import tsa.testsupport.LocalSystem.Service;
import tsa.testsupport.demo.DemoData;

/**
 * The local run's demo loader against the four packaged services (started as the local run starts them, on free
 * ports): what it created, read back through the APIs, and the printed links, each redeeming exactly once to a
 * session of its portal's role.
 * The links are checked first: the other test asks for new links, which retire the printed ones.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoDataTest {

    private static LocalSystem system;
    private static DemoData.Loaded loaded;
    private static List<DemoData.SignInLink> links;

    @BeforeAll
    static void startAndLoad() {
        system = LocalSystem.start(false, "demo-data-test");
        DemoData demo = new DemoData(system);
        loaded = demo.load();
        links = demo.signInLinks();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    private static String url(Service service, String path) {
        return system.baseUrl(service) + path;
    }

    private static Response session(String token) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("token", token))
                .post(url(Service.ADMIN, "/api/auth/sessions"));
    }

    @Test
    @Order(1)
    void thePrintedLinksRedeemExactlyOnceToASessionOfTheirPortalsRole() {
        assertThat(links).extracting(DemoData.SignInLink::portal).containsExactly("admin", "coach", "parent");
        for (DemoData.SignInLink link : links) {
            assertThat(link.url()).contains("/auth?token=" + link.token());
            Response first = session(link.token());
            assertThat(first.statusCode()).as(link + ": " + first.asString()).isEqualTo(200);
            assertThat((String) first.path("role")).isEqualTo(link.portal());
            assertThat(session(link.token()).statusCode())
                    .as("second use of " + link)
                    .isEqualTo(401);
        }
    }

    @Test
    @Order(2)
    void theDemoHoldsTwoSyncedCoachesAndFourFamiliesInEveryEnrollmentState() {
        String admin = adminSession();
        assertThat(loaded.coachIds()).hasSize(2);
        // Both coaches reach OneRoster users (the sync is asynchronous) at the demo school.
        for (String coachEmail : DemoData.COACHES) {
            List<Map<String, Object>> rows = Eventually.value(
                    () -> given().auth()
                            .oauth2(admin)
                            .queryParam("email", coachEmail)
                            .get(url(Service.ADMIN, "/api/admin/users"))
                            .jsonPath()
                            .getList("items"),
                    found -> found != null
                            && found.stream()
                                    .anyMatch(row -> "teacher".equals(row.get("role"))
                                            && Boolean.TRUE.equals(row.get("enabledUser"))));
            assertThat(rows)
                    .as(coachEmail + " in users")
                    .extracting(row -> row.get("role") + "/" + row.get("enabledUser"))
                    .contains("teacher/true");
        }
        for (DemoData.DemoFamily family : DemoData.FAMILIES) {
            assertThat(given().auth()
                            .oauth2(admin)
                            .queryParam("email", family.parentEmail())
                            .get(url(Service.ADMIN, "/api/admin/users"))
                            .jsonPath()
                            .getList("items.role"))
                    .as(family.parentEmail() + " in users")
                    .contains("parent");
        }

        // Each enrollment is in its planned state, seen by the parent; each has its uploaded document.
        assertThat(loaded.enrollmentIds()).hasSize(4);
        assertThat(loaded.documentIds()).hasSize(4);
        assertThat(loaded.appointmentIds()).hasSize(4).doesNotHaveDuplicates();
        for (DemoData.DemoFamily family : DemoData.FAMILIES) {
            String enrollmentId = loaded.enrollmentIds().get(family.parentEmail());
            Response mine = given().auth()
                    .oauth2(parentSession(family.parentEmail()))
                    .get(url(Service.PARENT, "/api/parent/enrollments/" + enrollmentId));
            assertThat(mine.statusCode()).as(mine.asString()).isEqualTo(200);
            assertThat((String) mine.path("enrollmentStatus"))
                    .as(family.studentName())
                    .isEqualTo(family.enrollmentStatus());
        }
        assertThat(DemoData.FAMILIES)
                .extracting(DemoData.DemoFamily::enrollmentStatus)
                .containsExactlyInAnyOrder("pending", "active", "completed", "cancelled");
    }

    private static String adminSession() {
        return redeemFresh(DemoData.ADMIN, "admin");
    }

    private static String parentSession(String email) {
        return redeemFresh(email, "parent");
    }

    /** A new link for the address, read from its mailbox, redeemed. */
    private static String redeemFresh(String email, String portal) {
        int before = system.stores().mail().inbox(email).size();
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "portal", portal))
                .post(url(Service.ADMIN, "/api/auth/magic-links"))
                .then()
                .statusCode(202);
        List<tsa.testsupport.MailServer.Mail> inbox =
                Eventually.value(() -> system.stores().mail().inbox(email), mails -> mails.size() > before);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("/auth\\?token=([A-Za-z0-9._-]+)")
                .matcher(inbox.get(inbox.size() - 1).body());
        assertThat(link.find()).isTrue();
        return session(link.group(1)).then().statusCode(200).extract().path("accessToken");
    }
}
