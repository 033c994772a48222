package tsa.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.Generated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.generator.EventType;
import org.hibernate.type.SqlTypes;

/** OneRoster v1.2 org. {@code date_last_modified} is kept by the database ({@code V2__timestamp_triggers.sql}). */
@Entity
@Table(name = "organizations")
public class Organization extends PanacheEntityBase {

    public static final String STATUS_ACTIVE = "active";
    /** OneRoster 1.2: the record was deleted at the source. */
    public static final String STATUS_TO_BE_DELETED = "tobedeleted";

    @Id
    @Column(name = "sourced_id", length = 255, nullable = false)
    public String sourcedId;

    /** OneRoster status; Hibernate writes every column, so the field carries the column default. */
    @Column(name = "status", length = 20)
    public String status = STATUS_ACTIVE;

    @Generated(event = {EventType.INSERT, EventType.UPDATE})
    @Column(name = "date_last_modified", insertable = false, updatable = false)
    public LocalDateTime dateLastModified;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "metadata")
    public Map<String, Object> metadata;

    @Column(name = "name", length = 255, nullable = false)
    public String name;

    /** One of {@link OrganizationType}'s values. */
    @Column(name = "type", length = 50, nullable = false)
    public String type;

    @Column(name = "identifier", length = 255)
    public String identifier;

    /** {@code sourced_id} of the parent org (a school's district); the database enforces the reference. */
    @Column(name = "parent_id", length = 255)
    public String parentId;

    public static List<Organization> findByType(OrganizationType type) {
        return list("type", type.value());
    }
}
