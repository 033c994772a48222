package tsa.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tsa.testsupport.LocalSystem;
import tsa.testsupport.LocalSystem.Service;

/**
 * Each service's Swagger UI in a real browser (issue 24): headless Chromium loads the packaged service's
 * {@code <prefix>/swagger-ui}, executes one GET operation without authorising (the UI shows 401), then authorises
 * with a real session token of a role the operation admits and executes it again (the UI shows 200 and the caller's
 * data). Everything goes through the rendered DOM, the way a developer clicks through it.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SwaggerUiInBrowserTest {

    private static LocalSystem system;
    private static Journeys journeys;
    private static String admin;
    private static Journeys.OnboardedCoach coach;
    private static String parent;
    private static String parentEmail;
    private static String enrollmentId;

    @BeforeAll
    static void start() {
        system = LocalSystem.start(false, "swagger-ui-browser-test");
        journeys = new Journeys(system);
        admin = journeys.adminSignsIn(0);
        coach = journeys.coachOnboards(admin);
        parentEmail = "parent-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Response invitation = given().auth()
                .oauth2(coach.token())
                .contentType(ContentType.JSON)
                .body(Map.of("parentEmail", parentEmail, "studentName", "Sam Jordan", "sport", "basketball"))
                .post(journeys.url(Service.COACH, "/api/coach/parent-invitations"));
        invitation.then().statusCode(201);
        parent = journeys.session(journeys.lastLinkTo(parentEmail, 1))
                .then()
                .statusCode(200)
                .extract()
                .path("accessToken");
        Response enrollment = given().auth()
                .oauth2(parent)
                .contentType(ContentType.JSON)
                .body(Map.of("invitationId", invitation.path("invitationId")))
                .post(journeys.url(Service.PARENT, "/api/parent/enrollments"));
        assertThat(enrollment.statusCode()).as(enrollment.asString()).isEqualTo(201);
        enrollmentId = enrollment.path("enrollmentId");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void anAdminListsTheCoachsInvitationInAdminServicesSwaggerUi() throws Exception {
        String body =
                executeInSwaggerUi(Service.ADMIN, "listCoachInvitations", Map.of("coachEmail", coach.email()), admin);
        assertThat(body).contains(coach.email()).contains(coach.invitationId());
    }

    @Test
    void aCoachReadsTheirProfileInCoachServicesSwaggerUi() throws Exception {
        String body = executeInSwaggerUi(Service.COACH, "getMyProfile", Map.of(), coach.token());
        assertThat(body).contains(coach.email()).contains(coach.coachId());
    }

    @Test
    void aParentListsTheirEnrollmentsInParentServicesSwaggerUi() throws Exception {
        String body = executeInSwaggerUi(Service.PARENT, "listEnrollments", Map.of(), parent);
        assertThat(body).contains(enrollmentId).contains(parentEmail);
    }

    @Test
    void anAdminReadsTheSyncHealthInSyncServicesSwaggerUi() throws Exception {
        String body = executeInSwaggerUi(Service.SYNC, "getSyncStatus", Map.of(), admin);
        assertThat(body).contains("\"lagMillis\"");
    }

    /**
     * Opens the service's Swagger UI, executes the operation unauthorised (asserting 401), authorises with the bearer
     * token, executes it again (asserting 200) and returns the response body the UI shows.
     */
    private static String executeInSwaggerUi(
            Service service, String operationId, Map<String, String> parameters, String token) throws Exception {
        try (Chromium browser = Chromium.start(Path.of("target", "chromium"))) {
            try {
                browser.navigate(system.baseUrl(service) + service.prefix + "/swagger-ui");
                String operation = "document.querySelector('[id$=\"-" + operationId + "\"]')";
                browser.waitFor(operation + " !== null", operationId + " rendered");

                // Open the operation, "Try it out", fill the parameters.
                browser.evaluate(operation + ".querySelector('.opblock-summary-control').click()");
                browser.waitFor(operation + ".querySelector('.try-out__btn') !== null", "Try it out");
                browser.evaluate(operation + ".querySelector('.try-out__btn').click()");
                browser.waitFor(operation + ".querySelector('.execute') !== null", "Execute");
                parameters.forEach((name, value) -> {
                    String input = operation + ".querySelector('tr[data-param-name=\"" + name + "\"] input')";
                    browser.waitFor(input + " !== null", "parameter " + name);
                    type(browser, input, value);
                });

                assertThat(execute(browser, operation))
                        .as("status shown without authorising")
                        .isEqualTo("401");

                // Authorize: the dialog's bearer field, its Authorize button, then close the dialog.
                browser.evaluate("document.querySelector('.auth-wrapper .authorize').click()");
                String field = "document.querySelector('.modal-ux input')";
                browser.waitFor(field + " !== null", "the Authorize dialog");
                type(browser, field, token);
                browser.evaluate("document.querySelector('.modal-ux .auth-btn-wrapper .authorize').click()");
                // Once authorised, the dialog shows the value masked instead of the field.
                browser.waitFor("document.querySelector('.modal-ux input') === null", "authorised");
                browser.evaluate("document.querySelector('.modal-ux .close-modal').click()");
                browser.waitFor("document.querySelector('.modal-ux') === null", "the dialog closed");

                assertThat(execute(browser, operation))
                        .as("status shown when authorised")
                        .isEqualTo("200");
                return browser.evaluate(operation + ".querySelector('.live-responses-table .response-col_description"
                                + " .highlight-code').textContent")
                        .asText();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(
                        e.getMessage() + "\nbrowser console errors: " + browser.consoleErrors() + "\nchromium output:\n"
                                + browser.output(),
                        e);
            }
        }
    }

    /** Clears an earlier response, clicks Execute and returns the status the UI shows for the new one. */
    private static String execute(Chromium browser, String operation) {
        browser.evaluate("(() => { const clear = " + operation + ".querySelector('.btn-clear');"
                + " if (clear) { clear.click(); } })()");
        browser.waitFor(operation + ".querySelector('.live-responses-table') === null", "an earlier response cleared");
        browser.evaluate(operation + ".querySelector('.execute').click()");
        String status = operation + ".querySelector('.live-responses-table .response .response-col_status')";
        return browser.waitFor(status + " && " + status + ".textContent.trim()", "the response status")
                .asText();
    }

    /**
     * Sets an input's value the way typing and leaving the field do, so that React (Swagger UI) sees it: Swagger UI
     * debounces parameter fields, and leaving the field hands the value over at once.
     */
    private static void type(Chromium browser, String input, String value) {
        browser.evaluate("(() => { const field = " + input + ";"
                + " Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(field, "
                + quoted(value) + ");"
                + " field.dispatchEvent(new Event('input', { bubbles: true }));"
                + " field.dispatchEvent(new Event('change', { bubbles: true }));"
                + " field.dispatchEvent(new FocusEvent('focusout', { bubbles: true })); })()");
    }

    private static String quoted(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
