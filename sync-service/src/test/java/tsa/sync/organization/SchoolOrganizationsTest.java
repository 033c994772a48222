package tsa.sync.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static tsa.sync.SyncFixtures.awaitSettled;
import static tsa.sync.SyncFixtures.change;
import static tsa.sync.SyncFixtures.newCoachId;
import static tsa.sync.SyncFixtures.sendAccepted;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import tsa.model.Organization;
import tsa.sync.StubServices;
import tsa.sync.SyncFixtures;
import tsa.sync.copy.store.OrganizationCopy;
import tsa.sync.copy.store.OrganizationCopyStore;
import tsa.sync.organization.service.SchoolOrganizations;
import tsa.testsupport.RealDataStores;

/** OneRoster organisations derived from Ed-Fi schools, and their operational copies in organizations-dev. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(StubServices.class)
class SchoolOrganizationsTest {

    private static final DateTimeFormatter COPY_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    @Inject
    OrganizationCopyStore copies;

    @Inject
    SchoolOrganizations organizations;

    @Test
    void aCoachNamingASchoolCreatesItsSchoolAndDistrictRowsAndTheirCopies() {
        int district = SyncFixtures.newDistrictId();
        String school = SyncFixtures.newSchool("TSA Hill Country Sports Academy", district);
        String coachId = newCoachId();

        String syncId = sendAccepted(
                change("create", coachId, 1, "Casey", "Jordan", coachId + "@example.com", null, school, "active"));
        assertThat(awaitSettled(syncId).syncStatus).isEqualTo("completed");

        Organization schoolRow = organization(school);
        assertThat(schoolRow.type).isEqualTo("school");
        assertThat(schoolRow.name).isEqualTo("TSA Hill Country Sports Academy");
        assertThat(schoolRow.identifier).isEqualTo("TX-" + school);
        assertThat(schoolRow.parentId).isEqualTo(Integer.toString(district));
        assertThat(schoolRow.status).isEqualTo("active");
        Organization districtRow = organization(Integer.toString(district));
        assertThat(districtRow.type).isEqualTo("district");
        assertThat(districtRow.name).isEqualTo("LEA " + district);
        assertThat(districtRow.parentId).isNull();

        assertCopied(schoolRow);
        assertCopied(districtRow);
    }

    @Test
    void theDerivationCreatesMissingRowsForEverySchoolAndLeavesExistingOnesAlone() {
        int district = SyncFixtures.newDistrictId();
        String first = SyncFixtures.newSchool("TSA North Campus", district);
        String second = SyncFixtures.newSchool("TSA South Campus", district);
        assertThat(QuarkusTransaction.requiringNew().call(() -> organizations.schoolsWithoutOrganization()))
                .contains(first, second);

        assertThat(organizations.ensureAll()).doesNotContain(first, second);
        Organization before = organization(first);
        organizations.ensureAll();

        assertThat(QuarkusTransaction.requiringNew().call(() -> organizations.schoolsWithoutOrganization()))
                .doesNotContain(first, second);
        assertThat(organization(second).parentId).isEqualTo(Integer.toString(district));
        assertThat(organization(first).dateLastModified).isEqualTo(before.dateLastModified);
        assertCopied(organization(first));
        assertCopied(organization(second));
        assertCopied(organization(Integer.toString(district)));
    }

    private void assertCopied(Organization row) {
        OrganizationCopy copy = copies.find(row.sourcedId);
        assertThat(copy).as("copy of " + row.sourcedId).isNotNull();
        assertThat(copy)
                .isEqualTo(OrganizationCopy.builder()
                        .sourcedId(row.sourcedId)
                        .status(row.status)
                        .dateLastModified(COPY_TIME.format(row.dateLastModified))
                        .name(row.name)
                        .type(row.type)
                        .identifier(row.identifier)
                        .parentId(row.parentId)
                        .build());
    }

    private static Organization organization(String sourcedId) {
        return QuarkusTransaction.requiringNew().call(() -> Organization.findById(sourcedId));
    }
}
