package tsa.admin.user;

import static org.assertj.core.api.Assertions.assertThat;
import static tsa.admin.user.UserApi.actingAdmin;
import static tsa.admin.user.UserApi.asAdmin;
import static tsa.admin.user.UserApi.auditRecordsOf;
import static tsa.admin.user.UserApi.insertRow;
import static tsa.admin.user.UserApi.unique;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tsa.testsupport.RealDataStores;

/**
 * An admin's search of the users directory is a read of personal data (issue 26, "Audit completeness"): each request
 * writes exactly one {@code view} record naming the query and the count it returned, with the admin's address and
 * session, and never a returned row's address or name.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
class AdminReadsAreAuditedTest {

    private static final String ADMIN_IP = "203.0.113.41";

    @Test
    void anEmailSearchWritesOneViewRecordNamingTheAddressAsItsResourceOnly() {
        String admin = actingAdmin();
        String parent = unique("searched-parent");
        insertRow("parent", parent);

        Response response = asAdmin(admin)
                .header("X-Forwarded-For", ADMIN_IP)
                .queryParam("email", parent)
                .get("/api/admin/users");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getList("items")).hasSize(1);
        List<Map<String, Object>> records = auditRecordsOf(admin);
        assertThat(records).hasSize(1);
        Map<String, Object> record = records.get(0);
        assertThat(record)
                .containsEntry("adminEmail", admin)
                .containsEntry("actionType", "view")
                .containsEntry("resourceType", "user")
                .containsEntry("resourceId", parent)
                .containsEntry("ipAddress", ADMIN_IP)
                .containsKey("sessionId");
        assertThat(record.get("afterState"))
                .isEqualTo(Map.of("query", Map.of("email", true), "returned", 1, "more", false));
        assertNoPersonalDataInDetails(record, parent);
    }

    @Test
    void aRoleSearchWritesOneSummaryRecordForTheWholePageNotOnePerRow() {
        String admin = actingAdmin();
        String org = "org-" + unique("audit");
        String first = unique("listed-parent");
        String second = unique("listed-parent");
        insertRow("parent", first, null, List.of(org), null);
        insertRow("parent", second, null, List.of(org), null);

        Response response = asAdmin(admin)
                .header("X-Forwarded-For", ADMIN_IP)
                .queryParam("role", "parent")
                .queryParam("orgId", org)
                .get("/api/admin/users");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getList("items")).hasSize(2);
        List<Map<String, Object>> records = auditRecordsOf(admin);
        assertThat(records).hasSize(1);
        Map<String, Object> record = records.get(0);
        assertThat(record)
                .containsEntry("actionType", "view")
                .containsEntry("resourceType", "user")
                .containsEntry("ipAddress", ADMIN_IP)
                .doesNotContainKey("resourceId");
        assertThat(record.get("afterState"))
                .isEqualTo(Map.of("query", Map.of("role", "parent", "orgId", org), "returned", 2, "more", false));
        assertNoPersonalDataInDetails(record, first, second);
    }

    /** The rows' addresses and names (insertRow writes "Given" "Family") appear nowhere but where the test allows. */
    private static void assertNoPersonalDataInDetails(Map<String, Object> record, String... addresses) {
        String details =
                String.valueOf(record.get("actionDescription")) + record.get("beforeState") + record.get("afterState");
        for (String address : addresses) {
            assertThat(details).doesNotContain(address);
        }
        assertThat(details).doesNotContain("Given").doesNotContain("Family");
    }
}
