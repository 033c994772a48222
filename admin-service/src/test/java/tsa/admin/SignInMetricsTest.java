package tsa.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.admin.SignInTest.askForLinkFrom;
import static tsa.admin.SignInTest.linkRecords;
import static tsa.admin.SignInTest.userRow;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tsa.testsupport.RealDataStores;

/**
 * {@code /q/metrics} must not tell a scraper whether an address has an account: the sign-in series move the same way
 * for a request that issues a link and for one that does not.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
class SignInMetricsTest {

    @Test
    void noSignInSeriesTellsAnAddressWithAnAccountFromOneWithout() throws Exception {
        String existing = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@tsa.example";
        userRow(existing, "administrator", true);
        String missing = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@tsa.example";

        Map<String, Double> start = signInSeries();
        askForLinkFrom("192.0.2.10", missing, "admin").then().statusCode(202);
        Map<String, Double> afterMissing = signInSeries();
        askForLinkFrom("192.0.2.11", existing, "admin").then().statusCode(202);
        Map<String, Double> afterExisting = signInSeries();

        assertThat(linkRecords(existing))
                .as("the control: one request issued a link")
                .hasSize(1);
        assertThat(linkRecords(missing)).isEmpty();
        Map<String, Double> forMissing = change(start, afterMissing);
        assertThat(forMissing).as("the requests are counted").isNotEmpty();
        assertThat(change(afterMissing, afterExisting)).isEqualTo(forMissing);
        assertThat(afterExisting.keySet())
                .noneMatch(series -> series.contains("no_account") || series.contains("issued"));
    }

    /** Every series of a sign-in metric ({@code tsa_sign_in_*}) in the Prometheus scrape, by name and labels. */
    private static Map<String, Double> signInSeries() {
        String scrape =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> series = new HashMap<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("tsa_sign_in")) {
                int space = line.lastIndexOf(' ');
                series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return series;
    }

    private static Map<String, Double> change(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> changed = new HashMap<>();
        after.forEach((series, value) -> {
            double delta = value - before.getOrDefault(series, 0.0);
            if (delta != 0) {
                changed.put(series, delta);
            }
        });
        before.keySet().stream()
                .filter(series -> !after.containsKey(series))
                .forEach(series -> changed.put(series, -before.get(series)));
        return changed;
    }
}
