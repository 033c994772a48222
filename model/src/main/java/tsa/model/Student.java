package tsa.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.Generated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.generator.EventType;
import org.hibernate.type.SqlTypes;

/** Ed-Fi Student (Data Standard v5.2). The database keeps the metadata columns ({@code V2__timestamp_triggers.sql}). */
@Entity
@Table(name = "students")
public class Student extends PanacheEntityBase {

    @Id
    @Column(name = "student_unique_id", length = 50, nullable = false)
    public String studentUniqueId;

    /**
     * Every writer that assigns a {@code student_usi} (max + 1) does so holding this PostgreSQL transaction-level
     * advisory lock ({@code pg_advisory_xact_lock(hashtext(USI_LOCK))}), so parent-service's activation and sync-service's
     * Ed-Fi API take turns and never assign one twice. An advisory lock needs no privilege on the table (a {@code LOCK
     * TABLE} in a mode that blocks inserts would need UPDATE, which the writers of new rows do not hold).
     */
    public static final String USI_LOCK = "tsa-sync:student_usi";

    /** Ed-Fi's internal surrogate key; unique, assigned by the writer. */
    @Column(name = "student_usi", nullable = false, unique = true)
    public Integer studentUsi;

    @Column(name = "first_name", length = 100, nullable = false)
    public String firstName;

    @Column(name = "last_name", length = 100, nullable = false)
    public String lastName;

    @Column(name = "middle_name", length = 100)
    public String middleName;

    @Column(name = "generation_code_suffix", length = 10)
    public String generationCodeSuffix;

    @Column(name = "birth_date")
    public LocalDate birthDate;

    @Column(name = "birth_city", length = 100)
    public String birthCity;

    @Column(name = "birth_state_abbreviation_descriptor", length = 50)
    public String birthStateAbbreviationDescriptor;

    @Column(name = "hispanic_latino_ethnicity")
    public Boolean hispanicLatinoEthnicity;

    /** Ed-Fi {@code {"raceDescriptor": ...}} items. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "races")
    public List<Map<String, Object>> races = new ArrayList<>();

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
}
