package tsa.admin.user;

import static org.assertj.core.api.Assertions.assertThat;
import static tsa.admin.user.UserApi.DEFAULT_ADMIN;
import static tsa.admin.user.UserApi.insertRow;
import static tsa.admin.user.UserApi.revoke;
import static tsa.admin.user.UserApi.searchAll;
import static tsa.admin.user.UserApi.unique;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tsa.admin.user.service.AdminAllowList;
import tsa.testsupport.RealDataStores;

/**
 * The admin allow-list at start-up ({@code TSA_ADMIN_EMAILS}): missing administrator rows are added, enabled; a
 * revoked one is never revived and none is duplicated, also when replicas start together. A second start-up is
 * simulated by calling the start-up bean again.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@TestProfile(AdminAllowListTest.ListedAddresses.class)
class AdminAllowListTest {

    /** Addresses unique to this JVM, written as an operator might: mixed case, spaces, a stray entry. */
    public static class ListedAddresses implements QuarkusTestProfile {

        // The profile and the test see these from different class loaders: the same in both, and unique to this
        // JVM, whose stores are its own.
        static final String FIRST = "listed-" + ProcessHandle.current().pid() + "-first@tsa.example";
        static final String SECOND = "listed-" + ProcessHandle.current().pid() + "-second@tsa.example";
        /** Revoked by one test. */
        static final String REVOKED = "listed-" + ProcessHandle.current().pid() + "-revoked@tsa.example";

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tsa.admin.allow-list",
                    " Admin@TSA.example , " + FIRST.toUpperCase() + ",not-an-email, " + SECOND + "," + REVOKED);
        }
    }

    @Inject
    AdminAllowList allowList;

    @Test
    void startUpAddsAnEnabledAdministratorRowForEachListedAddress() {
        for (String email : List.of(DEFAULT_ADMIN, ListedAddresses.FIRST, ListedAddresses.SECOND)) {
            List<Map<String, Object>> rows = administratorRows(email);
            assertThat(rows).as(email).hasSize(1);
            assertThat(rows.get(0))
                    .containsEntry("email", email)
                    .containsEntry("status", "active")
                    .containsEntry("enabledUser", true)
                    .containsEntry("role", "administrator");
        }
        assertThat(searchAll(Map.of("role", "administrator"), 100))
                .noneMatch(r -> "not-an-email".equals(r.get("email")));
    }

    @Test
    void aSecondStartUpAddsNothing() {
        assertThat(allowList.grantConfigured()).isEmpty();
        assertThat(allowList.grantConfigured()).isEmpty();
        assertThat(administratorRows(ListedAddresses.FIRST)).hasSize(1);
        assertThat(administratorRows(DEFAULT_ADMIN)).hasSize(1);
    }

    @Test
    void aRevokedListedAdministratorStaysRevokedAtTheNextStartUp() {
        String sourcedId =
                (String) administratorRows(ListedAddresses.REVOKED).get(0).get("sourcedId");
        Response revoked = revoke(DEFAULT_ADMIN, sourcedId);
        assertThat(revoked.statusCode()).as(revoked.asString()).isEqualTo(200);

        assertThat(allowList.grantConfigured()).isEmpty();

        List<Map<String, Object>> rows = administratorRows(ListedAddresses.REVOKED);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0))
                .containsEntry("sourcedId", sourcedId)
                .containsEntry("status", "tobedeleted")
                .containsEntry("enabledUser", false);
    }

    @Test
    void replicasStartingTogetherAddOneRowPerAddress() throws Exception {
        String email = unique("replicated");
        int replicas = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        try {
            List<Future<List<String>>> created = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                created.add(pool.submit(() -> {
                    start.await();
                    return allowList.grant(List.of(email));
                }));
            }
            start.countDown();
            int rowsCreated = 0;
            for (Future<List<String>> result : created) {
                rowsCreated += result.get().size();
            }
            assertThat(rowsCreated).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        List<Map<String, Object>> rows = administratorRows(email);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("username", email).containsEntry("enabledUser", true);
    }

    @Test
    void aListedAddressWithAnotherRoleGetsItsOwnAdministratorRowWithoutTheUsername() {
        String email = unique("parent-listed");
        insertRow("parent", email, email, null, null);

        assertThat(allowList.grant(List.of(email.toUpperCase()))).containsExactly(email);

        List<Map<String, Object>> rows = searchAll(Map.of("email", email), 10);
        assertThat(rows).extracting(r -> r.get("role")).containsExactlyInAnyOrder("parent", "administrator");
        assertThat(administratorRows(email).get(0)).containsEntry("username", null);
    }

    private static List<Map<String, Object>> administratorRows(String email) {
        return searchAll(Map.of("email", email), 10).stream()
                .filter(r -> "administrator".equals(r.get("role")))
                .toList();
    }
}
