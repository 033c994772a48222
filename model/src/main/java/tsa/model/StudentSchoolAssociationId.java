package tsa.model;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/** Primary key of {@link StudentSchoolAssociation}: {@code (student_unique_id, school_id, entry_date)}. */
public class StudentSchoolAssociationId implements Serializable {

    private static final long serialVersionUID = 1L;

    public String studentUniqueId;
    public Integer schoolId;
    public LocalDate entryDate;

    public StudentSchoolAssociationId() {}

    public StudentSchoolAssociationId(String studentUniqueId, Integer schoolId, LocalDate entryDate) {
        this.studentUniqueId = studentUniqueId;
        this.schoolId = schoolId;
        this.entryDate = entryDate;
    }

    @Override
    public boolean equals(Object other) {
        return this == other
                || other instanceof StudentSchoolAssociationId that
                        && Objects.equals(studentUniqueId, that.studentUniqueId)
                        && Objects.equals(schoolId, that.schoolId)
                        && Objects.equals(entryDate, that.entryDate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(studentUniqueId, schoolId, entryDate);
    }

    @Override
    public String toString() {
        return studentUniqueId + "@" + schoolId + "/" + entryDate;
    }
}
