package tsa.admin.user;

import static org.assertj.core.api.Assertions.assertThat;
import static tsa.admin.user.UserApi.DEFAULT_ADMIN;
import static tsa.admin.user.UserApi.addAdministrator;
import static tsa.admin.user.UserApi.asAdmin;
import static tsa.admin.user.UserApi.assertProblem;
import static tsa.admin.user.UserApi.auditRecordsOf;
import static tsa.admin.user.UserApi.insertRow;
import static tsa.admin.user.UserApi.revoke;
import static tsa.admin.user.UserApi.row;
import static tsa.admin.user.UserApi.searchAll;
import static tsa.admin.user.UserApi.setEnabled;
import static tsa.admin.user.UserApi.unique;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.testsupport.DataStores;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;

/**
 * An admin's session token lives up to an hour; a write checks the admin's row in PostgreSQL, so an admin who is
 * disabled or revoked meanwhile writes nothing from that moment (401 problem+json, no audit record, no change).
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
class DisabledAdministratorsCannotWriteTest {

    @BeforeEach
    void schools() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
    }

    @Test
    void aDisabledAdministratorsSessionWritesNothing() {
        String admin = unique("soon-disabled");
        String adminRow = addAdministrator(DEFAULT_ADMIN, "{\"email\":\"" + admin + "\"}")
                .jsonPath()
                .getString("sourcedId");
        String parent = insertRow("parent", unique("parent"));
        assertThat(setEnabled(admin, parent, "{\"enabledUser\":false}").statusCode())
                .as("the same session writes while its admin is enabled")
                .isEqualTo(200);
        int recorded = auditRecordsOf(admin).size();

        assertThat(setEnabled(DEFAULT_ADMIN, adminRow, "{\"enabledUser\":false}")
                        .statusCode())
                .isEqualTo(200);

        assertProblem(setEnabled(admin, parent, "{\"enabledUser\":true}"), 401);
        assertThat(row(parent).enabledUser).isFalse();
        String coach = unique("coach");
        assertProblem(inviteCoach(admin, coach), 401);
        assertThat(invitationsOf(coach)).isEmpty();
        assertThat(auditRecordsOf(admin)).hasSize(recorded);
    }

    @Test
    void aRevokedAdministratorsSessionWritesNothing() {
        String admin = unique("soon-revoked");
        String adminRow = addAdministrator(DEFAULT_ADMIN, "{\"email\":\"" + admin + "\"}")
                .jsonPath()
                .getString("sourcedId");
        assertThat(revoke(DEFAULT_ADMIN, adminRow).statusCode()).isEqualTo(200);

        String newcomer = unique("newcomer");
        assertProblem(addAdministrator(admin, "{\"email\":\"" + newcomer + "\"}"), 401);
        assertThat(searchAll(Map.of("email", newcomer), 10)).isEmpty();
        assertProblem(revoke(admin, insertRow("administrator", unique("other-admin"))), 401);
        assertThat(auditRecordsOf(admin)).isEmpty();
    }

    private static Response inviteCoach(String admin, String coachEmail) {
        return asAdmin(admin)
                .contentType("application/json")
                .body(Map.of(
                        "coachEmail",
                        coachEmail,
                        "firstName",
                        "Casey",
                        "lastName",
                        "Jordan",
                        "schoolId",
                        "255901001",
                        "sport",
                        "basketball",
                        "permissions",
                        List.of("invite_parents")))
                .post("/api/admin/coach-invitations");
    }

    private static List<Object> invitationsOf(String coachEmail) {
        Response response =
                asAdmin(DEFAULT_ADMIN).queryParam("coachEmail", coachEmail).get("/api/admin/coach-invitations");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath().getList("items");
    }
}
