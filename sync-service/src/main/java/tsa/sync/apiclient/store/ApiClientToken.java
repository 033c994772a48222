package tsa.sync.apiclient.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** An access token issued to an {@link ApiClient}, kept as the hex SHA-256 of its value (opaque to the client). */
@Entity
@Table(name = "api_client_tokens")
public class ApiClientToken extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash", length = 64, nullable = false)
    public String tokenHash;

    @Column(name = "client_id", length = 64, nullable = false)
    public String clientId;

    /** The granted scopes, space-separated. */
    @Column(name = "scopes", nullable = false, columnDefinition = "text")
    public String scopes;

    /** UTC. */
    @Column(name = "expires_at", nullable = false)
    public LocalDateTime expiresAt;

    @Column(name = "created_at", nullable = false)
    public LocalDateTime createdAt;

    public static long revokeAllOf(String clientId) {
        return delete("clientId", clientId);
    }
}
