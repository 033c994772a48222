package tsa.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.Generated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One synchronisation of a DynamoDB coach profile into {@code users}. The column defaults to
 * {@code uuid_generate_v4()} for plain SQL; through Hibernate the id is the caller's, or a random (v4) one.
 */
@Entity
@Table(name = "profile_sync_log")
public class ProfileSyncLog extends PanacheEntityBase {

    @Id
    @Column(name = "sync_id", nullable = false)
    public UUID syncId;

    @Column(name = "profile_id", length = 255, nullable = false)
    public String profileId;

    @Column(name = "user_sourced_id", length = 255)
    public String userSourcedId;

    /** One of {@link SyncType}'s values. */
    @Column(name = "sync_type", length = 50, nullable = false)
    public String syncType;

    /** One of {@link SyncStatus}'s values; Hibernate writes every column, so the field carries the default. */
    @Column(name = "sync_status", length = 20)
    public String syncStatus = SyncStatus.PENDING.value();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "sync_data")
    public Map<String, Object> syncData;

    @Column(name = "error_message", columnDefinition = "text")
    public String errorMessage;

    @Generated
    @Column(name = "created_at", insertable = false, updatable = false)
    public LocalDateTime createdAt;

    @Column(name = "completed_at")
    public LocalDateTime completedAt;

    @PrePersist
    void assignSyncId() {
        if (syncId == null) {
            syncId = UUID.randomUUID();
        }
    }
}
