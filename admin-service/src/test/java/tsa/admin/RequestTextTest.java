package tsa.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.admin.CoachInvitationLifecycleTest.invitation;
import static tsa.admin.CoachInvitationLifecycleTest.invite;
import static tsa.admin.CoachInvitationLifecycleTest.uniqueEmail;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.testsupport.DataStores;
import tsa.testsupport.RawHttp;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;
import tsa.testsupport.TestTokens;

/**
 * The first slice's text defects in admin-service: a coach invitation with a NUL or a line break in a name is refused
 * (nothing stored, no mail), and a NUL in a path id or a query filter that would reach PostgreSQL is a 400 problem,
 * not a 500.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
class RequestTextTest {

    private final String admin = TestTokens.admin("admin@tsa.example");

    @BeforeEach
    void schools() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
    }

    @Test
    void anInvitationWithANulOrALineBreakInANameIsRefusedAndNothingIsStored() {
        for (String firstName : new String[] {"Nul\u0000Name", "Casey\nBcc: everyone@example.org"}) {
            String email = uniqueEmail();
            Map<String, Object> body = new HashMap<>(invitation(email));
            body.put("firstName", firstName);

            Response response = invite(admin, body);

            response.then().statusCode(400).contentType("application/problem+json");
            assertThat(response.jsonPath().getString("errors[0].field")).isEqualTo("firstName");
            assertThat(given().auth()
                            .oauth2(admin)
                            .queryParam("coachEmail", email)
                            .get("/api/admin/coach-invitations")
                            .jsonPath()
                            .getList("items"))
                    .isEmpty();
            assertThat(DataStores.shared().mail().inbox(email)).isEmpty();
        }
    }

    @Test
    void aNulInAPathIdOrAQueryFilterIsA400ProblemNotA500() {
        Response delete =
                given().urlEncodingEnabled(false).auth().oauth2(admin).delete("/api/admin/users/abc%00/administrator");
        delete.then().statusCode(400).contentType("application/problem+json");

        Response search =
                given().urlEncodingEnabled(false).auth().oauth2(admin).get("/api/admin/users?role=teacher&orgId=25%00");
        search.then().statusCode(400).contentType("application/problem+json");
        assertThat(search.jsonPath().getString("errors[0].field")).isEqualTo("query parameter 'orgId'");
    }

    @Test
    void aMalformedPercentEscapeIsTheSameProblemAsEveryOtherClientMistake() {
        RawHttp.Reply reply = RawHttp.send(
                RestAssured.port, "GET", "/api/admin/coach-invitations?status=sent&cursor=%%%", admin, null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("status").asInt()).isEqualTo(400);
        assertThat(reply.json().path("detail").asText()).contains("cursor").contains("percent-encoded");
    }
}
