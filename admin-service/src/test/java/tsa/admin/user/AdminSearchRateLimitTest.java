package tsa.admin.user;

import static org.assertj.core.api.Assertions.assertThat;
import static tsa.admin.user.UserApi.actingAdmin;
import static tsa.admin.user.UserApi.as;
import static tsa.admin.user.UserApi.asAdmin;
import static tsa.admin.user.UserApi.assertProblem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tsa.testsupport.MovableClock;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.TestTokens;

/**
 * Admins' expensive reads (user search, audit-log queries) are limited per admin (issue 21, "Limits"): with a limit of
 * three per minute, the fourth is 429 problem+json with {@code Retry-After}, another admin is unaffected, and the
 * window's end (the test's clock moved on) frees the first admin again.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@TestProfile(AdminSearchRateLimitTest.ThreeSearchesAMinute.class)
class AdminSearchRateLimitTest {

    public static class ThreeSearchesAMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tsa.rate-limits.admin-searches.requests", "3",
                    "tsa.rate-limits.admin-searches.window", "PT1M");
        }
    }

    @Test
    void theFourthSearchInAMinuteIs429WithRetryAfterAnotherAdminIsUnaffectedAndTheWindowsEndFreesIt() {
        String first = actingAdmin();
        String second = actingAdmin();
        for (int i = 0; i < 3; i++) {
            Response allowed = i == 1 ? auditQuery(first) : userSearch(first);
            assertThat(allowed.statusCode()).as(allowed.asString()).isEqualTo(200);
        }

        // the user search and the audit-log query share the limit
        for (Response refused : new Response[] {userSearch(first), auditQuery(first)}) {
            assertProblem(refused, 429);
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        }
        // security still comes first: a caller without a token or of the wrong role is told so, not 429
        assertProblem(as(null).get("/api/admin/users"), 401);
        assertProblem(as(TestTokens.parent("limited@tsa.example", "inv-9")).get("/api/admin/users"), 403);

        Response other = userSearch(second);
        assertThat(other.statusCode()).as(other.asString()).isEqualTo(200);

        MovableClock.INSTANCE.advance(Duration.ofSeconds(61));
        Response freed = userSearch(first);
        assertThat(freed.statusCode()).as(freed.asString()).isEqualTo(200);
    }

    private static Response userSearch(String admin) {
        return asAdmin(admin).queryParam("role", "administrator").get("/api/admin/users");
    }

    private static Response auditQuery(String admin) {
        return asAdmin(admin).queryParam("adminEmail", admin).get("/api/admin/audit-logs");
    }
}
