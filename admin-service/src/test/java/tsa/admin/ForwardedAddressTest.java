package tsa.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.admin.CoachInvitationLifecycleTest.invitation;
import static tsa.admin.CoachInvitationLifecycleTest.uniqueEmail;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.testsupport.DataStores;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;
import tsa.testsupport.TestTokens;

/**
 * {@code X-Forwarded-For} is believed only from the configured ingress addresses: here the tests' own loopback
 * connection is not one of them, so an address a caller forwards never reaches the audit trail.
 */
@QuarkusTest
@TestProfile(ForwardedAddressTest.IngressElsewhere.class)
@QuarkusTestResource(RealDataStores.class)
class ForwardedAddressTest {

    /** The ingress is at 192.0.2.10, so the tests' connection from 127.0.0.1 is an ordinary client. */
    public static class IngressElsewhere implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tsa.http.forwarding.trusted-proxies", "192.0.2.10");
        }
    }

    private final String admin = TestTokens.admin("admin@tsa.example");

    @BeforeEach
    void schools() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
    }

    @Test
    void aForwardedAddressFromAnUntrustedPeerIsNotWrittenIntoTheAuditTrail() {
        String invitationId = given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .header("X-Forwarded-For", "203.0.113.66")
                .header("Forwarded", "for=203.0.113.67")
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
        assertThat(recorded).isEqualTo("127.0.0.1");
    }
}
