-- Beyond the seed, named by issue 23: OAuth 2 client-credentials clients of the standards APIs (OneRoster), managed by
-- admins through sync-service, and the access tokens issued to them. Neither table holds a usable secret: a client's
-- secret is kept as a salted PBKDF2 hash, a token as the hex SHA-256 of its random value.

CREATE TABLE api_clients (
    client_id VARCHAR(64) PRIMARY KEY,
    name VARCHAR(255) NOT NULL,
    -- pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>
    secret_hash VARCHAR(255) NOT NULL,
    -- the OAuth scopes the client may ask for, space-separated as in OAuth's scope parameter
    allowed_scopes TEXT NOT NULL,
    enabled BOOLEAN NOT NULL DEFAULT true,
    created_by VARCHAR(255),
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE api_client_tokens (
    token_hash VARCHAR(64) PRIMARY KEY,
    client_id VARCHAR(64) NOT NULL REFERENCES api_clients(client_id),
    scopes TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Disabling a client revokes its tokens.
CREATE INDEX idx_api_client_tokens_client ON api_client_tokens (client_id);
