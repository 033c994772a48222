package tsa.coach.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.coach.profile.ProfileFixtures.AUSTIN;
import static tsa.coach.profile.ProfileFixtures.coachToken;
import static tsa.coach.profile.ProfileFixtures.edit;
import static tsa.coach.profile.ProfileFixtures.newCoachId;
import static tsa.coach.profile.ProfileFixtures.onboard;
import static tsa.coach.profile.ProfileFixtures.putMine;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.coach.profile.service.CoachProfiles;
import tsa.coach.profile.store.ProfileStore;
import tsa.testsupport.DataStores;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;

/**
 * The first slice's NUL defect: a profile whose name holds a NUL or a line break is refused at the edge with a 400
 * naming the field, and nothing is stored, so it can never poison the profile sync.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
class ProfileTextTest {

    @Inject
    CoachProfiles profiles;

    @Inject
    ProfileStore store;

    @BeforeEach
    void schools() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
    }

    @Test
    void aNulInANameIsA400NamingTheFieldAndNothingIsStored() {
        String coachId = newCoachId();
        onboard(profiles, coachId, AUSTIN);
        Map<String, Object> body = edit();
        body.put("firstName", "Nul\u0000Name");

        Response response = putMine(coachToken(coachId), "\"1\"", body);

        response.then().statusCode(400).contentType("application/problem+json");
        assertThat(response.jsonPath().getString("errors[0].field")).isEqualTo("firstName");
        assertThat(response.jsonPath().getString("detail"))
                .contains("control characters")
                .doesNotContain("Nul");
        assertThat(store.find(coachId).orElseThrow().version()).isEqualTo(1L);
        assertThat(store.find(coachId).orElseThrow().firstName()).isEqualTo("Casey");
    }

    @Test
    void aLineBreakInANameOrASportIsA400AndTheProfileStaysAsItWas() {
        String coachId = newCoachId();
        onboard(profiles, coachId, AUSTIN);
        Map<String, Object> withBreak = edit();
        withBreak.put("lastName", "Jordan\r\nBcc: all@example.org");
        Map<String, Object> sportWithBreak = edit();
        sportWithBreak.put("sportSpecialties", List.of("soccer\nx"));

        for (Map<String, Object> body : List.of(withBreak, sportWithBreak)) {
            Response response = putMine(coachToken(coachId), "\"1\"", body);
            response.then().statusCode(400).contentType("application/problem+json");
            assertThat(response.jsonPath().getString("detail")).contains("single line");
        }
        assertThat(store.find(coachId).orElseThrow().version()).isEqualTo(1L);
    }

    @Test
    void aNulInAnyStringOfABodyIsRefusedBeforeTheBodyIsUsed() {
        Response response = given().auth()
                .oauth2(coachToken(newCoachId()))
                .contentType("application/json")
                .body("{\"parentEmail\":\"p@example.org\",\"studentName\":\"Kid\\u0000\",\"sport\":\"golf\"}")
                .post("/api/coach/parent-invitations");
        response.then().statusCode(400).contentType("application/problem+json");
        assertThat(response.jsonPath().getString("errors[0].field")).isEqualTo("studentName");
    }
}
