package tsa.coach.school.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import tsa.model.School;

/** The rows of PostgreSQL {@code schools}, read only (sync-service and the reference data write them). */
@ApplicationScoped
@Transactional
public class SchoolDirectory {

    /** The school a text id names: decimal digits that fit {@code schools.school_id} (an INTEGER). */
    public Optional<School> find(String schoolId) {
        if (schoolId == null || !schoolId.matches("[0-9]{1,10}")) {
            return Optional.empty();
        }
        long id = Long.parseLong(schoolId);
        if (id > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.ofNullable(School.findById((int) id));
    }

    public boolean exists(String schoolId) {
        return find(schoolId).isPresent();
    }
}
