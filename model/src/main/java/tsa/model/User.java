package tsa.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.annotations.Generated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.generator.EventType;
import org.hibernate.type.SqlTypes;

/**
 * OneRoster v1.2 user: one row per person and role (architecture.md, "Roles in users"), so an email may appear on
 * several rows. {@code date_last_modified} and {@code updated_at} are kept by the database.
 */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    public static final String STATUS_ACTIVE = "active";

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

    /** Unique: the email on the first row of that email, null on the others. */
    @Column(name = "username", length = 255, unique = true)
    public String username;

    @Column(name = "enabled_user")
    public Boolean enabledUser = Boolean.TRUE;

    @Column(name = "given_name", length = 255)
    public String givenName;

    @Column(name = "family_name", length = 255)
    public String familyName;

    @Column(name = "middle_name", length = 255)
    public String middleName;

    /** One of {@link UserRole}'s values. */
    @Column(name = "role", length = 50, nullable = false)
    public String role;

    @Column(name = "email", length = 255)
    public String email;

    @Column(name = "phone", length = 20)
    public String phone;

    /** {@code sourced_id}s of the user's organizations; the first one is indexed with the role. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "org_ids")
    public List<String> orgIds;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "grades")
    public List<String> grades;

    /** Key of the DynamoDB profile ({@code profilesdev.coach_id}) for coaches. */
    @Column(name = "profile_id", length = 255)
    public String profileId;

    @Generated
    @Column(name = "created_at", insertable = false, updatable = false)
    public LocalDateTime createdAt;

    @Generated(event = {EventType.INSERT, EventType.UPDATE})
    @Column(name = "updated_at", insertable = false, updatable = false)
    public LocalDateTime updatedAt;

    public static List<User> findByEmail(String email) {
        return list("email", email);
    }

    public static Optional<User> findByEmailAndRole(String email, UserRole role) {
        return find("email = ?1 and role = ?2", email, role.value()).firstResultOptional();
    }
}
