package tsa.sync.apiclient.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** An OAuth 2 client-credentials client of the standards APIs ({@code V3__api_clients.sql}); never the plain secret. */
@Entity
@Table(name = "api_clients")
public class ApiClient extends PanacheEntityBase {

    @Id
    @Column(name = "client_id", length = 64, nullable = false)
    public String clientId;

    @Column(name = "name", length = 255, nullable = false)
    public String name;

    /** {@link SecretHash} of the secret. */
    @Column(name = "secret_hash", length = 255, nullable = false)
    public String secretHash;

    /** Space-separated scopes, as OAuth writes them. */
    @Column(name = "allowed_scopes", nullable = false, columnDefinition = "text")
    public String allowedScopes;

    @Column(name = "enabled", nullable = false)
    public boolean enabled = true;

    @Column(name = "created_by", length = 255)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public LocalDateTime createdAt;
}
