package tsa.sync.reconciliation.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One reconciliation run and its report ({@code V5__reconciliation_reports.sql}); only sync-service uses it, so it
 * lives here like {@code api_clients}. Rows are written by {@link ReconciliationRecords} only.
 */
@Entity
@Table(name = "reconciliation_reports")
public class ReconciliationRecord extends PanacheEntityBase {

    @Id
    @Column(name = "reconciliation_id", length = 64, nullable = false)
    public String reconciliationId;

    /** The order of starts (an identity column): the latest run is the highest. */
    @Column(name = "run_number", insertable = false, updatable = false)
    public Long runNumber;

    @Column(name = "trigger", length = 20, nullable = false)
    public String trigger;

    @Column(name = "requested_by", length = 255)
    public String requestedBy;

    @Column(name = "repair", nullable = false)
    public boolean repair;

    /** {@code running}, {@code completed} or {@code failed}. */
    @Column(name = "status", length = 20, nullable = false)
    public String status;

    @Column(name = "error_message", columnDefinition = "text")
    public String errorMessage;

    @Column(name = "started_at", nullable = false)
    public LocalDateTime startedAt;

    @Column(name = "heartbeat_at", nullable = false)
    public LocalDateTime heartbeatAt;

    @Column(name = "completed_at")
    public LocalDateTime completedAt;

    /** Counts, summary and the bounded sample of discrepancies, as the report's JSON shows them. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "report", nullable = false)
    public Map<String, Object> report;
}
