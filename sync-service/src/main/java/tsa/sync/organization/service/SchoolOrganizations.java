package tsa.sync.organization.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;
import tsa.model.Organization;
import tsa.model.OrganizationType;
import tsa.model.School;
import tsa.sync.copy.service.OperationalCopies;
import tsa.sync.copy.service.OperationalCopies.OrganizationWritten;
import tsa.sync.copy.service.OperationalCopies.RowWritten;

/**
 * OneRoster {@code organizations} rows derived from Ed-Fi {@code schools} (architecture.md): a school's row has
 * {@code sourced_id} = the school id as text, {@code type=school}, the school's name and its district's row as
 * parent; the district's row has {@code sourced_id} = {@code local_education_agency_id} as text, {@code
 * type=district} and the name "LEA &lt;id&gt;" until a better one is known (an existing district name is kept).
 * Created if missing at start-up, in the reconciliation and whenever a coach names a school; every row written is
 * copied to {@code organizations-dev} after its commit.
 */
@ApplicationScoped
public class SchoolOrganizations {

    private static final Logger LOG = Logger.getLogger(SchoolOrganizations.class);
    /** Serialises writers of organizations rows, so two transactions never insert the same row. */
    private static final String WRITE_LOCK = "tsa-sync:organizations";

    @Inject
    EntityManager em;

    @Inject
    Event<RowWritten> written;

    /**
     * Makes sure the school's row and its district's row exist and agree with {@code schools}, in the caller's
     * transaction, and returns the school row's {@code sourced_id}.
     *
     * @throws SchoolNotFoundException when {@code schools} has no such school
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String ensureForSchool(String schoolId) {
        School school = findSchool(schoolId);
        String sourcedId = school.schoolId.toString();
        String districtId = school.localEducationAgencyId == null ? null : school.localEducationAgencyId.toString();
        if (upToDate(school, Organization.findById(sourcedId))
                && (districtId == null || Organization.findById(districtId) != null)) {
            return sourcedId;
        }
        lockWriters();
        if (districtId != null && fresh(districtId) == null) {
            Organization district = new Organization();
            district.sourcedId = districtId;
            district.name = "LEA " + districtId;
            district.type = OrganizationType.DISTRICT.value();
            district.identifier = districtId;
            district.persist();
            announce(district);
        }
        Organization row = fresh(sourcedId);
        if (row == null) {
            row = new Organization();
            row.sourcedId = sourcedId;
            apply(school, row);
            row.persist();
            announce(row);
            LOG.infof("created the organizations row of school %s", sourcedId);
        } else if (!upToDate(school, row)) {
            apply(school, row);
            announce(row);
        }
        return sourcedId;
    }

    /**
     * Marks the school's row {@code tobedeleted} (OneRoster 1.2's deletion: the row stays, so a client syncing by
     * {@code dateLastModified} learns of it) when its {@code schools} row is deleted, in the caller's transaction.
     * The district's row stays: other schools may name it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void retireForSchool(String schoolId) {
        lockWriters();
        Organization row = fresh(schoolId);
        if (row == null || Organization.STATUS_TO_BE_DELETED.equals(row.status)) {
            return;
        }
        row.status = Organization.STATUS_TO_BE_DELETED;
        announce(row);
        LOG.infof("marked the organizations row of deleted school %s tobedeleted", schoolId);
    }

    /** The school ids (as text) that have no organizations row. */
    public List<String> schoolsWithoutOrganization() {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("""
                SELECT CAST(s.school_id AS text) FROM schools s
                LEFT JOIN organizations o ON o.sourced_id = CAST(s.school_id AS text)
                WHERE o.sourced_id IS NULL ORDER BY s.school_id""").getResultList();
        return ids.stream().map(Object::toString).toList();
    }

    /** The number of rows in {@code schools}. */
    public int countSchools() {
        return (int) School.count();
    }

    /** Every school's rows, each school in its own transaction; returns the schools that could not be done. */
    public List<String> ensureAll() {
        List<String> ids = QuarkusTransaction.requiringNew()
                .call(() -> School.<School>listAll().stream()
                        .map(s -> s.schoolId.toString())
                        .toList());
        return ids.stream()
                .filter(id -> {
                    try {
                        QuarkusTransaction.requiringNew().run(() -> ensureForSchool(id));
                        return false;
                    } catch (RuntimeException e) {
                        LOG.warnf("organizations rows of school %s not written: %s", id, e.toString());
                        return true;
                    }
                })
                .toList();
    }

    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        // After the tables are provisioned (the provisioner observes at the default priority).
        try {
            List<String> failed = ensureAll();
            if (!failed.isEmpty()) {
                LOG.warnf("start-up could not write the organizations rows of schools %s", failed);
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "start-up could not derive organizations from schools (the reconciliation will): %s", e.toString());
        }
    }

    private School findSchool(String schoolId) {
        Integer id;
        try {
            id = schoolId == null ? null : Integer.valueOf(schoolId);
        } catch (NumberFormatException tooLarge) {
            id = null;
        }
        School school = id == null ? null : School.findById(id);
        if (school == null) {
            throw new SchoolNotFoundException(schoolId);
        }
        return school;
    }

    private static boolean upToDate(School school, Organization row) {
        if (row == null) {
            return false;
        }
        return Objects.equals(row.name, school.nameOfInstitution)
                && Objects.equals(row.type, OrganizationType.SCHOOL.value())
                && Objects.equals(row.identifier, school.stateOrganizationId)
                && Objects.equals(row.parentId, districtOf(school))
                && Objects.equals(row.status, Organization.STATUS_ACTIVE);
    }

    private static void apply(School school, Organization row) {
        row.name = school.nameOfInstitution;
        row.type = OrganizationType.SCHOOL.value();
        row.identifier = school.stateOrganizationId;
        row.parentId = districtOf(school);
        row.status = Organization.STATUS_ACTIVE;
    }

    private static String districtOf(School school) {
        return school.localEducationAgencyId == null ? null : school.localEducationAgencyId.toString();
    }

    /** The row as committed now (after the write lock), not as this transaction first read it. */
    private Organization fresh(String sourcedId) {
        Organization row = Organization.findById(sourcedId);
        if (row != null) {
            em.refresh(row);
        }
        return row;
    }

    private void lockWriters() {
        em.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtext(:key))")
                .setParameter("key", WRITE_LOCK)
                .getSingleResult();
    }

    /** Flushes the row (so the database's date_last_modified is read back) and announces it for its copy. */
    private void announce(Organization row) {
        em.flush();
        written.fire(new OrganizationWritten(OperationalCopies.copyOf(row)));
    }
}
