package tsa.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.Generated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.generator.EventType;
import org.hibernate.type.SqlTypes;

/** Ed-Fi School (Data Standard v5.2). The database keeps the metadata columns ({@code V2__timestamp_triggers.sql}). */
@Entity
@Table(name = "schools")
public class School extends PanacheEntityBase {

    @Id
    @Column(name = "school_id", nullable = false)
    public Integer schoolId;

    @Column(name = "state_organization_id", length = 60, nullable = false)
    public String stateOrganizationId;

    @Column(name = "name_of_institution", length = 255, nullable = false)
    public String nameOfInstitution;

    @Column(name = "short_name_of_institution", length = 100)
    public String shortNameOfInstitution;

    @Column(name = "web_site", length = 255)
    public String webSite;

    @Column(name = "operational_status_descriptor", length = 50)
    public String operationalStatusDescriptor;

    @Column(name = "type_descriptor", length = 50)
    public String typeDescriptor;

    @Column(name = "charter_status_descriptor", length = 50)
    public String charterStatusDescriptor;

    @Column(name = "local_education_agency_id")
    public Integer localEducationAgencyId;

    /** Ed-Fi addresses, e.g. {@code {"addressTypeDescriptor": ..., "streetNumberName": ..., "city": ...}}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "addresses")
    public List<Map<String, Object>> addresses = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "telephones")
    public List<Map<String, Object>> telephones = new ArrayList<>();

    /** Ed-Fi {@code {"schoolCategoryDescriptor": ...}} items. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "school_categories")
    public List<Map<String, Object>> schoolCategories = new ArrayList<>();

    /** Ed-Fi {@code {"gradeLevelDescriptor": ...}} items. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "grade_levels")
    public List<Map<String, Object>> gradeLevels = new ArrayList<>();

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
