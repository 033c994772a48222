package tsa.sync.oneroster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.sync.oneroster.OneRosterFixtures.BASE;
import static tsa.sync.oneroster.OneRosterFixtures.CORE;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tsa.sync.StubServices;
import tsa.testsupport.MovableClock;
import tsa.testsupport.RealDataStores;

/**
 * The standards' collection reads are limited per API client (issue 21, "Limits"): with three a minute, a client's
 * fourth OneRoster or Ed-Fi collection read is 429 with {@code Retry-After} in the standard's own error shape, another
 * client is unaffected, a token that is not live is still 401, and the window's end frees the client.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(StubServices.class)
@TestProfile(StandardsReadRateLimitTest.ThreeReadsAMinute.class)
class StandardsReadRateLimitTest {

    public static class ThreeReadsAMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tsa.rate-limits.standards-reads.requests", "3",
                    "tsa.rate-limits.standards-reads.window", "PT1M");
        }
    }

    @Test
    void aClientsFourthCollectionReadInAMinuteIs429InTheStandardsShapeAndAnotherClientIsUnaffected() {
        String limited = OneRosterFixtures.token(CORE);
        String other = OneRosterFixtures.token(CORE);
        for (String collection : new String[] {"/orgs", "/users", "/schools"}) {
            Response allowed = read(limited, collection);
            assertThat(allowed.statusCode()).as(allowed.asString()).isEqualTo(200);
        }

        Response refused = read(limited, "/teachers");
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(429);
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        assertThat(refused.jsonPath().getString("imsx_codeMajor")).isEqualTo("failure");
        assertThat(refused.jsonPath().getString("imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue"))
                .isEqualTo("server_busy");
        // a single record is not a collection read: not limited
        assertThat(read(limited, "/orgs/no-such-org").statusCode()).isEqualTo(404);
        // a token that is not live counts for nobody and is refused as before
        assertThat(read("not-a-token", "/orgs").statusCode()).isEqualTo(401);

        Response otherClient = read(other, "/users");
        assertThat(otherClient.statusCode()).as(otherClient.asString()).isEqualTo(200);

        MovableClock.INSTANCE.advance(Duration.ofSeconds(61));
        Response freed = read(limited, "/users");
        assertThat(freed.statusCode()).as(freed.asString()).isEqualTo(200);
    }

    @Test
    void anEdFiClientsFourthListInAMinuteIs429InEdFisShape() {
        String client = OneRosterFixtures.edFiToken("urn:tsa:edfi:data.readonly");
        for (int i = 0; i < 3; i++) {
            assertThat(edFiList(client).statusCode()).isEqualTo(200);
        }
        Response refused = edFiList(client);
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("type")).isEqualTo("urn:ed-fi:api:too-many-requests");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
    }

    private static Response read(String token, String path) {
        return given().auth().oauth2(token).get(BASE + path);
    }

    private static Response edFiList(String token) {
        return given().auth().oauth2(token).get("/edfi/data/v3/ed-fi/schools");
    }
}
