package tsa.sync.edfi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tsa.model.Organization;
import tsa.model.School;
import tsa.model.Student;
import tsa.sync.StubServices;
import tsa.sync.copy.store.StudentCopyStore;
import tsa.sync.oneroster.OneRosterFixtures;
import tsa.testsupport.ContractResponses;
import tsa.testsupport.MovableClock;
import tsa.testsupport.ProjectLayout;
import tsa.testsupport.RealDataStores;

/** The Ed-Fi resources as a client that knows only Ed-Fi's ODS/API v7 and Data Standard 5.0 uses them. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(StubServices.class)
class EdFiResourcesTest {

    static final String READ = "urn:tsa:edfi:data.readonly";
    static final String WRITE = "urn:tsa:edfi:data";
    static final String DATA = "/edfi/data/v3/ed-fi";
    static final String NINTH = "uri://ed-fi.org/GradeLevelDescriptor#Ninth grade";

    @Inject
    StudentCopyStore studentCopies;

    @AfterEach
    void resetClock() {
        MovableClock.INSTANCE.reset();
    }

    static Path resources() {
        return ProjectLayout.root().resolve("contracts/standards/resources-ds-5.0.yaml");
    }

    static String token(String... scopes) {
        return OneRosterFixtures.edFiToken(scopes);
    }

    static int newSchoolId() {
        return ThreadLocalRandom.current().nextInt(700_000, 900_000_000);
    }

    static Map<String, Object> school(int schoolId, String name) {
        return Map.of(
                "schoolId", schoolId,
                "nameOfInstitution", name,
                "educationOrganizationCategories",
                        List.of(Map.of(
                                "educationOrganizationCategoryDescriptor",
                                "uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School")),
                "gradeLevels", List.of(Map.of("gradeLevelDescriptor", NINTH)),
                "addresses",
                        List.of(Map.of(
                                "addressTypeDescriptor", "uri://ed-fi.org/AddressTypeDescriptor#Physical",
                                "streetNumberName", "1 Main St",
                                "city", "Austin",
                                "stateAbbreviationDescriptor", "uri://ed-fi.org/StateAbbreviationDescriptor#TX",
                                "postalCode", "78701")),
                "localEducationAgencyReference", Map.of("localEducationAgencyId", 255901));
    }

    static Map<String, Object> student(String id, String first) {
        return Map.of("studentUniqueId", id, "firstName", first, "lastSurname", "Rivera", "birthDate", "2012-04-05");
    }

    static Map<String, Object> association(int schoolId, String studentId) {
        return Map.of(
                "schoolReference",
                Map.of("schoolId", schoolId),
                "studentReference",
                Map.of("studentUniqueId", studentId),
                "entryDate",
                "2026-08-20",
                "entryGradeLevelDescriptor",
                NINTH);
    }

    static Response post(String token, String resource, Object body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(DATA + "/" + resource);
    }

    static Response get(String token, String path) {
        return given().auth().oauth2(token).get(DATA + path);
    }

    static String idFrom(Response created) {
        String location = created.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    static void assertProblem(Response response, int status, String type) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("type")).isEqualTo(type);
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
        assertThat(response.jsonPath().getString("correlationId")).isNotBlank();
        assertThat(response.jsonPath().getString("detail")).isNotBlank();
    }

    @Test
    void discoveryDocumentIsTheOfficialShape() {
        Response discovery = given().get("/edfi/");

        assertThat(discovery.statusCode()).isEqualTo(200);
        ContractResponses.assertValid(
                ProjectLayout.root().resolve("contracts/standards/discovery-api-1.0.yaml"),
                "GET",
                "/",
                200,
                discovery.asString());
        assertThat(discovery.jsonPath().getString("dataModels[0].name")).isEqualTo("Ed-Fi");
        assertThat(discovery.jsonPath().getString("dataModels[0].version")).isEqualTo("5.0.0");
        assertThat(discovery.jsonPath().getString("urls.oauth")).endsWith("/edfi/oauth/token");
        assertThat(discovery.jsonPath().getString("urls.dataManagementApi")).endsWith("/edfi/data/v3");
    }

    @Test
    void aClientCreatesReadsUpdatesAndDeletesSchoolsStudentsAndAssociations() {
        String token = token(WRITE);
        int schoolId = newSchoolId();
        String studentId = "S" + UUID.randomUUID().toString().substring(0, 12);

        Response createdSchool = post(token, "schools", school(schoolId, "Ridge Academy"));
        assertThat(createdSchool.statusCode()).as(createdSchool.asString()).isEqualTo(201);
        assertThat(createdSchool.header("ETag")).isNotBlank();
        String schoolResource = idFrom(createdSchool);
        Response readSchool = get(token, "/schools/" + schoolResource);
        assertThat(readSchool.statusCode()).isEqualTo(200);
        ContractResponses.assertValid(
                resources(), "GET", "/ed-fi/schools/" + schoolResource, 200, readSchool.asString());
        assertThat(readSchool.jsonPath().getString("id")).isEqualTo(schoolResource);
        assertThat(readSchool.jsonPath().getString("nameOfInstitution")).isEqualTo("Ridge Academy");
        assertThat(readSchool.jsonPath().getString("_lastModifiedDate")).endsWith("Z");
        assertThat(readSchool.header("ETag"))
                .isEqualTo("\"" + readSchool.jsonPath().getString("_etag") + "\"");
        // The school reaches organizations as sync-service's other writers put it there.
        Organization org = QuarkusTransaction.requiringNew()
                .call(() -> Organization.<Organization>findById(Integer.toString(schoolId)));
        assertThat(org.name).isEqualTo("Ridge Academy");
        assertThat(org.parentId).isEqualTo("255901");

        Response createdStudent = post(token, "students", student(studentId, "Ana"));
        assertThat(createdStudent.statusCode()).as(createdStudent.asString()).isEqualTo(201);
        String studentResource = idFrom(createdStudent);
        Response readStudent = get(token, "/students/" + studentResource);
        ContractResponses.assertValid(
                resources(), "GET", "/ed-fi/students/" + studentResource, 200, readStudent.asString());
        assertThat(studentCopies.find(studentId).firstName()).isEqualTo("Ana");

        Response createdAssociation = post(token, "studentSchoolAssociations", association(schoolId, studentId));
        assertThat(createdAssociation.statusCode())
                .as(createdAssociation.asString())
                .isEqualTo(201);
        String associationResource = idFrom(createdAssociation);
        Response byKey = given().auth()
                .oauth2(token)
                .queryParam("schoolId", schoolId)
                .queryParam("totalCount", "true")
                .get(DATA + "/studentSchoolAssociations");
        assertThat(byKey.statusCode()).isEqualTo(200);
        assertThat(byKey.header("Total-Count")).isEqualTo("1");
        ContractResponses.assertValid(resources(), "GET", "/ed-fi/studentSchoolAssociations", 200, byKey.asString());
        assertThat(byKey.jsonPath().getString("[0].id")).isEqualTo(associationResource);
        assertThat(byKey.jsonPath().getString("[0].studentReference.studentUniqueId"))
                .isEqualTo(studentId);
        assertThat(byKey.jsonPath().getString("[0].entryGradeLevelDescriptor")).isEqualTo(NINTH);

        // POST of a known natural key updates: 200, a new ETag; the copy follows.
        Response upsert = post(token, "students", student(studentId, "Anabel"));
        assertThat(upsert.statusCode()).as(upsert.asString()).isEqualTo(200);
        assertThat(upsert.header("ETag")).isNotEqualTo(createdStudent.header("ETag"));
        assertThat(studentCopies.find(studentId).firstName()).isEqualTo("Anabel");

        // If-None-Match with the current ETag: 304.
        Response current = get(token, "/students/" + studentResource);
        Response notModified = given().auth()
                .oauth2(token)
                .header("If-None-Match", current.header("ETag"))
                .get(DATA + "/students/" + studentResource);
        assertThat(notModified.statusCode()).isEqualTo(304);

        // PUT with a stale If-Match: 412, nothing written; with the current one: 204.
        Response stale = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .header("If-Match", createdStudent.header("ETag"))
                .body(student(studentId, "Stale"))
                .put(DATA + "/students/" + studentResource);
        assertProblem(stale, 412, "urn:ed-fi:api:optimistic-lock-failed");
        Response put = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .header("If-Match", current.header("ETag"))
                .body(student(studentId, "Anita"))
                .put(DATA + "/students/" + studentResource);
        assertThat(put.statusCode()).as(put.asString()).isEqualTo(204);
        assertThat(get(token, "/students/" + studentResource).jsonPath().getString("firstName"))
                .isEqualTo("Anita");
        assertThat(studentCopies.find(studentId).firstName()).isEqualTo("Anita");

        // A natural key change through PUT is refused.
        Response keyChange = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(student(studentId + "X", "Anita"))
                .put(DATA + "/students/" + studentResource);
        assertThat(keyChange.statusCode()).as(keyChange.asString()).isEqualTo(400);

        // Dependents hold the school and the student.
        assertProblem(
                given().auth().oauth2(token).delete(DATA + "/schools/" + schoolResource),
                409,
                "urn:ed-fi:api:data-conflict:dependent-item-exists");
        assertProblem(
                given().auth().oauth2(token).delete(DATA + "/students/" + studentResource),
                409,
                "urn:ed-fi:api:data-conflict:dependent-item-exists");

        Response wrongEtagDelete = given().auth()
                .oauth2(token)
                .header("If-Match", "\"nope\"")
                .delete(DATA + "/studentSchoolAssociations/" + associationResource);
        assertProblem(wrongEtagDelete, 412, "urn:ed-fi:api:optimistic-lock-failed");
        assertThat(given().auth()
                        .oauth2(token)
                        .delete(DATA + "/studentSchoolAssociations/" + associationResource)
                        .statusCode())
                .isEqualTo(204);
        assertThat(given().auth()
                        .oauth2(token)
                        .delete(DATA + "/students/" + studentResource)
                        .statusCode())
                .isEqualTo(204);
        assertThat(given().auth()
                        .oauth2(token)
                        .delete(DATA + "/schools/" + schoolResource)
                        .statusCode())
                .isEqualTo(204);
        assertProblem(get(token, "/schools/" + schoolResource), 404, "urn:ed-fi:api:not-found");
    }

    @Test
    void schoolsAndAssociationsAreReplacedOnlyWithTheCurrentETag() {
        String token = token(WRITE);
        int schoolId = newSchoolId();
        String studentId = "S" + UUID.randomUUID().toString().substring(0, 12);
        Response createdSchool = post(token, "schools", school(schoolId, "Creek Academy"));
        String schoolResource = idFrom(createdSchool);
        post(token, "students", student(studentId, "Bea")).then().statusCode(201);
        Response createdAssociation = post(token, "studentSchoolAssociations", association(schoolId, studentId));
        String associationResource = idFrom(createdAssociation);

        Response renamed = put(token, "/schools/" + schoolResource, "\"stale\"", school(schoolId, "Stale Name"));
        assertProblem(renamed, 412, "urn:ed-fi:api:optimistic-lock-failed");
        assertThat(get(token, "/schools/" + schoolResource).jsonPath().getString("nameOfInstitution"))
                .isEqualTo("Creek Academy");
        Response replaced = put(
                token, "/schools/" + schoolResource, createdSchool.header("ETag"), school(schoolId, "Brook Academy"));
        assertThat(replaced.statusCode()).as(replaced.asString()).isEqualTo(204);
        assertThat(replaced.header("ETag")).isNotEqualTo(createdSchool.header("ETag"));
        assertThat(get(token, "/schools/" + schoolResource).jsonPath().getString("nameOfInstitution"))
                .isEqualTo("Brook Academy");
        // OneRoster's org follows the rename.
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> Organization.<Organization>findById(Integer.toString(schoolId)))
                        .name)
                .isEqualTo("Brook Academy");

        Map<String, Object> tenth = new java.util.HashMap<>(association(schoolId, studentId));
        tenth.put("entryGradeLevelDescriptor", "uri://ed-fi.org/GradeLevelDescriptor#Tenth grade");
        assertProblem(
                put(token, "/studentSchoolAssociations/" + associationResource, "\"stale\"", tenth),
                412,
                "urn:ed-fi:api:optimistic-lock-failed");
        Response regraded = put(
                token, "/studentSchoolAssociations/" + associationResource, createdAssociation.header("ETag"), tenth);
        assertThat(regraded.statusCode()).as(regraded.asString()).isEqualTo(204);
        Response read = get(token, "/studentSchoolAssociations/" + associationResource);
        ContractResponses.assertValid(
                resources(), "GET", "/ed-fi/studentSchoolAssociations/" + associationResource, 200, read.asString());
        assertThat(read.jsonPath().getString("entryGradeLevelDescriptor"))
                .isEqualTo("uri://ed-fi.org/GradeLevelDescriptor#Tenth grade");
        assertThat(read.header("ETag")).isEqualTo(regraded.header("ETag"));
    }

    @Test
    void collectionsAreFoundByNaturalKeyAndPagedByOffsetAndLimit() {
        String token = token(WRITE);
        int schoolId = newSchoolId();
        post(token, "schools", school(schoolId, "Paging Academy")).then().statusCode(201);
        List<String> students = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String studentId = "P" + UUID.randomUUID().toString().substring(0, 12);
            students.add(studentId);
            post(token, "students", student(studentId, "Kid" + i)).then().statusCode(201);
            post(token, "studentSchoolAssociations", association(schoolId, studentId))
                    .then()
                    .statusCode(201);
        }

        Response one = given().auth()
                .oauth2(token)
                .queryParam("studentUniqueId", students.get(3))
                .get(DATA + "/students");
        assertThat(one.statusCode()).isEqualTo(200);
        ContractResponses.assertValid(resources(), "GET", "/ed-fi/students", 200, one.asString());
        assertThat(one.jsonPath().getList("studentUniqueId")).containsExactly(students.get(3));
        assertThat(one.jsonPath().getList("firstName")).containsExactly("Kid3");
        Response school =
                given().auth().oauth2(token).queryParam("schoolId", schoolId).get(DATA + "/schools");
        ContractResponses.assertValid(resources(), "GET", "/ed-fi/schools", 200, school.asString());
        assertThat(school.jsonPath().getList("nameOfInstitution")).containsExactly("Paging Academy");
        assertThat(given().auth()
                        .oauth2(token)
                        .queryParam("studentUniqueId", "nobody-" + UUID.randomUUID())
                        .get(DATA + "/students")
                        .jsonPath()
                        .getList("$"))
                .isEmpty();

        List<String> seen = new java.util.ArrayList<>();
        for (int offset = 0; offset < 6; offset += 2) {
            Response page = given().auth()
                    .oauth2(token)
                    .queryParam("schoolId", schoolId)
                    .queryParam("offset", offset)
                    .queryParam("limit", 2)
                    .queryParam("totalCount", "true")
                    .get(DATA + "/studentSchoolAssociations");
            assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
            assertThat(page.header("Total-Count")).isEqualTo("5");
            seen.addAll(page.jsonPath().getList("studentReference.studentUniqueId", String.class));
        }
        assertThat(seen).hasSize(5).containsExactlyInAnyOrderElementsOf(students);

        // limit=0 with totalCount: only the count, as the ODS/API answers it.
        Response countOnly = given().auth()
                .oauth2(token)
                .queryParam("schoolId", schoolId)
                .queryParam("limit", 0)
                .queryParam("totalCount", "true")
                .get(DATA + "/studentSchoolAssociations");
        assertThat(countOnly.statusCode()).isEqualTo(200);
        assertThat(countOnly.jsonPath().getList("$")).isEmpty();
        assertThat(countOnly.header("Total-Count")).isEqualTo("5");
        assertThat(given().auth().oauth2(token).get(DATA + "/schools").header("Total-Count"))
                .as("no count unless asked")
                .isNull();
        for (String bad : List.of("-1", "501", "ten")) {
            assertProblem(
                    given().auth().oauth2(token).queryParam("limit", bad).get(DATA + "/students"),
                    400,
                    "urn:ed-fi:api:bad-request:data-validation-failed");
        }
        assertProblem(
                given().auth().oauth2(token).queryParam("offset", "-5").get(DATA + "/students"),
                400,
                "urn:ed-fi:api:bad-request:data-validation-failed");
    }

    @Test
    void aDeletedSchoolsOrganizationIsMarkedToBeDeleted() {
        String token = token(WRITE);
        int schoolId = newSchoolId();
        Response created = post(token, "schools", school(schoolId, "Closing Academy"));
        assertThat(given().auth()
                        .oauth2(token)
                        .delete(DATA + "/schools/" + idFrom(created))
                        .statusCode())
                .isEqualTo(204);

        Organization org = QuarkusTransaction.requiringNew()
                .call(() -> Organization.<Organization>findById(Integer.toString(schoolId)));
        assertThat(org.status).isEqualTo(Organization.STATUS_TO_BE_DELETED);
        Response oneRoster = given().auth()
                .oauth2(OneRosterFixtures.token(OneRosterFixtures.CORE))
                .get(OneRosterFixtures.BASE + "/schools/" + schoolId);
        assertThat(oneRoster.statusCode()).as(oneRoster.asString()).isEqualTo(200);
        assertThat(oneRoster.jsonPath().getString("org.status")).isEqualTo("tobedeleted");

        // The same school created again is active again.
        post(token, "schools", school(schoolId, "Reopened Academy")).then().statusCode(201);
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> Organization.<Organization>findById(Integer.toString(schoolId)))
                        .status)
                .isEqualTo(Organization.STATUS_ACTIVE);
    }

    @Test
    void theTokenEndpointTakesCredentialsInTheBody() {
        OneRosterFixtures.Client client = OneRosterFixtures.newClient(READ);
        Response response = given().formParam("grant_type", "client_credentials")
                .formParam("client_id", client.clientId())
                .formParam("client_secret", client.clientSecret())
                .post("/edfi/oauth/token");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(get(response.jsonPath().getString("access_token"), "/schools")
                        .statusCode())
                .isEqualTo(200);
        Response wrong = given().formParam("grant_type", "client_credentials")
                .formParam("client_id", client.clientId())
                .formParam("client_secret", "not-" + client.clientSecret())
                .post("/edfi/oauth/token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.jsonPath().getString("error")).isEqualTo("invalid_client");
    }

    @Test
    void aMalformedTokenFormIsAnInvalidRequestAtBothTokenEndpoints() {
        for (String endpoint : List.of("/edfi/oauth/token", "/ims/oneroster/oauth/token")) {
            for (String body : List.of("%%%", "grant_type=client%zzcredentials", "a=%")) {
                Response response = given().contentType("application/x-www-form-urlencoded")
                        .body(body)
                        .post(endpoint);
                assertThat(response.statusCode())
                        .as(endpoint + " " + body + ": " + response.asString())
                        .isEqualTo(400);
                assertThat(response.jsonPath().getString("error")).isEqualTo("invalid_request");
            }
        }
    }

    static Response put(String token, String path, String ifMatch, Object body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .header("If-Match", ifMatch)
                .body(body)
                .put(DATA + path);
    }

    @Test
    void referencesToMissingItemsAreUnresolved() {
        String token = token(WRITE);
        Response missing = post(token, "studentSchoolAssociations", association(newSchoolId(), "nobody-here"));

        assertProblem(missing, 409, "urn:ed-fi:api:data-conflict:unresolved-reference");
    }

    @Test
    void badInputIsADataValidationFailureAndWritesNothing() {
        String token = token(WRITE);
        int schoolId = newSchoolId();
        String failed = "urn:ed-fi:api:bad-request:data-validation-failed";

        Response unknownDescriptor = post(
                token,
                "schools",
                Map.of(
                        "schoolId",
                        schoolId,
                        "nameOfInstitution",
                        "X",
                        "educationOrganizationCategories",
                        List.of(Map.of(
                                "educationOrganizationCategoryDescriptor",
                                "uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School")),
                        "gradeLevels",
                        List.of(Map.of("gradeLevelDescriptor", "uri://ed-fi.org/GradeLevelDescriptor#Fourteenth"))));
        assertProblem(unknownDescriptor, 400, failed);
        assertThat(unknownDescriptor.jsonPath().getMap("validationErrors"))
                .containsKey("$.gradeLevels[0].gradeLevelDescriptor");

        Response missingField = post(token, "students", Map.of("studentUniqueId", "S-missing", "firstName", "A"));
        assertProblem(missingField, 400, failed);
        assertThat(missingField.jsonPath().getMap("validationErrors")).containsKeys("$.lastSurname", "$.birthDate");

        Response wrongType = post(token, "schools", Map.of("schoolId", "not a number", "nameOfInstitution", 5));
        assertProblem(wrongType, 400, failed);
        assertThat(wrongType.jsonPath().getMap("validationErrors")).containsKeys("$.schoolId", "$.nameOfInstitution");

        Response malformed = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"schoolId\": ")
                .post(DATA + "/schools");
        assertProblem(malformed, 400, "urn:ed-fi:api:bad-request");

        assertProblem(given().auth().oauth2(token).queryParam("limit", 501).get(DATA + "/schools"), 400, failed);
        assertThat(given().auth()
                        .oauth2(token)
                        .queryParam("limit", 500)
                        .get(DATA + "/schools")
                        .statusCode())
                .isEqualTo(200);
        assertProblem(get(token, "/schools/not-an-id"), 404, "urn:ed-fi:api:not-found");

        assertThat(QuarkusTransaction.requiringNew().call(() -> School.<School>findById(schoolId)))
                .isNull();
        assertThat(QuarkusTransaction.requiringNew().call(() -> Student.<Student>findById("S-missing")))
                .isNull();
    }

    @Test
    void tokensNeedAnEdFiScopeAndWritesTheWriteScope() {
        assertProblem(given().get(DATA + "/schools"), 401, "urn:ed-fi:api:security:authentication");
        String oneRosterOnly = token(OneRosterFixtures.ROSTER);
        assertProblem(get(oneRosterOnly, "/schools"), 403, "urn:ed-fi:api:security:authorization");
        String reader = token(READ);
        assertThat(get(reader, "/schools").statusCode()).isEqualTo(200);
        assertProblem(
                post(reader, "schools", school(newSchoolId(), "Read Only")),
                403,
                "urn:ed-fi:api:security:authorization");

        MovableClock.INSTANCE.advance(java.time.Duration.ofHours(2));
        assertProblem(get(reader, "/schools"), 401, "urn:ed-fi:api:security:authentication");
    }

    @Test
    void aBadClientIsInvalidClient() {
        Response response = given().auth()
                .preemptive()
                .basic("nobody", "wrong")
                .formParam("grant_type", "client_credentials")
                .post("/edfi/oauth/token");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.jsonPath().getString("error")).isEqualTo("invalid_client");
    }
}
