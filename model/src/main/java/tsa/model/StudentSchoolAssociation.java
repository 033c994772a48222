package tsa.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.hibernate.annotations.Generated;
import org.hibernate.generator.EventType;

/**
 * Ed-Fi StudentSchoolAssociation (Data Standard v5.2): a student's enrolment in a school from an entry date.
 * The key columns reference {@link Student} and {@link School}; the database enforces both foreign keys.
 */
@Entity
@Table(name = "student_school_associations")
@IdClass(StudentSchoolAssociationId.class)
public class StudentSchoolAssociation extends PanacheEntityBase {

    @Id
    @Column(name = "student_unique_id", length = 50, nullable = false)
    public String studentUniqueId;

    @Id
    @Column(name = "school_id", nullable = false)
    public Integer schoolId;

    @Id
    @Column(name = "entry_date", nullable = false)
    public LocalDate entryDate;

    @Column(name = "entry_grade_level_descriptor", length = 50)
    public String entryGradeLevelDescriptor;

    @Column(name = "entry_type_descriptor", length = 50)
    public String entryTypeDescriptor;

    @Column(name = "repeat_grade_indicator")
    public Boolean repeatGradeIndicator;

    /** Null while the enrolment is active (see the partial index {@code idx_student_school_active}). */
    @Column(name = "exit_withdraw_date")
    public LocalDate exitWithdrawDate;

    @Column(name = "exit_withdraw_type_descriptor", length = 50)
    public String exitWithdrawTypeDescriptor;

    @Column(name = "class_of_school_year")
    public Integer classOfSchoolYear;

    @Column(name = "school_year", nullable = false)
    public Integer schoolYear;

    @Generated(event = {EventType.INSERT, EventType.UPDATE})
    @Column(name = "_etag", length = 50, insertable = false, updatable = false)
    public String etag;

    @Generated(event = {EventType.INSERT, EventType.UPDATE})
    @Column(name = "_last_modified_date", insertable = false, updatable = false)
    public LocalDateTime lastModifiedDate;

    @Generated
    @Column(name = "created_at", insertable = false, updatable = false)
    public LocalDateTime createdAt;

    @Generated(event = {EventType.INSERT, EventType.UPDATE})
    @Column(name = "updated_at", insertable = false, updatable = false)
    public LocalDateTime updatedAt;

    public StudentSchoolAssociationId id() {
        return new StudentSchoolAssociationId(studentUniqueId, schoolId, entryDate);
    }
}
