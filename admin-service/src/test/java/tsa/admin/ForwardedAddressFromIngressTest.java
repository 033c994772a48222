package tsa.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.admin.CoachInvitationLifecycleTest.invitation;
import static tsa.admin.CoachInvitationLifecycleTest.uniqueEmail;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.testsupport.DataStores;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;
import tsa.testsupport.TestTokens;

/** Through a trusted ingress (loopback, the default of TSA_TRUSTED_PROXIES) the client's forwarded address counts. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
class ForwardedAddressFromIngressTest {

    private final String admin = TestTokens.admin("admin@tsa.example");

    @BeforeEach
    void schools() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
    }

    @Test
    void theAddressTheIngressForwardsIsTheOneAudited() {
        String invitationId = given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .header("X-Forwarded-For", "203.0.113.66")
                .body(invitation(uniqueEmail()))
                .post("/api/admin/coach-invitations")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("invitationId");

        String recorded = given().auth()
                .oauth2(admin)
                .queryParam("adminEmail", "admin@tsa.example")
                .queryParam("limit", 100)
                .get("/api/admin/audit-logs")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("items.find { it.resourceId == '" + invitationId + "' }.ipAddress");
        assertThat(recorded).isEqualTo("203.0.113.66");
    }
}
