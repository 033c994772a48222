package tsa.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.admin.CoachInvitationLifecycleTest.invitation;
import static tsa.admin.CoachInvitationLifecycleTest.uniqueEmail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.testsupport.DataStores;
import tsa.testsupport.RawHttp;
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

        assertThat(auditedAddressOf(invitationId)).isEqualTo("203.0.113.66");
    }

    /** Quarkus' own forwarding parser left such a request unanswered (it threw on the event loop). */
    @Test
    void anEmptyForwardedAddressFromTheIngressIsAnsweredAndTheIngressItselfAudited() throws Exception {
        byte[] body = new ObjectMapper().writeValueAsBytes(invitation(uniqueEmail()));
        RawHttp.Reply reply = RawHttp.send(
                RestAssured.port,
                "POST",
                "/api/admin/coach-invitations",
                Map.of("Authorization", "Bearer " + admin, "Content-Type", "application/json", "X-Forwarded-For", ""),
                body);
        assertThat(reply.status()).isEqualTo(201);

        assertThat(auditedAddressOf(reply.json().path("invitationId").asText())).isEqualTo("127.0.0.1");
    }

    private String auditedAddressOf(String invitationId) {
        return given().auth()
                .oauth2(admin)
                .queryParam("adminEmail", "admin@tsa.example")
                .queryParam("limit", 100)
                .get("/api/admin/audit-logs")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("items.find { it.resourceId == '" + invitationId + "' }.ipAddress");
    }
}
