-- Least privilege for data (issue 26). The migrations run once, as their own step, as tsa_migration, which owns every
-- schema object; each service connects as a login user that is a member of its own role below (or is that role), and
-- that role holds only the DML the service's code runs, table by table: no DDL, no TRUNCATE, no write on a table the
-- service never writes. The production login users are created by the operator (k8s/README.md); the roles are
-- created here, without LOGIN, only if they are missing, so that the grants always apply.
-- A new table gets its grants in the migration that creates it.

DO $$
DECLARE
    service_role text;
BEGIN
    FOREACH service_role IN ARRAY ARRAY['tsa_admin_service', 'tsa_coach_service', 'tsa_parent_service',
                                        'tsa_sync_service'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = service_role) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', service_role);
        END IF;
    END LOOP;
END;
$$;

-- No service creates objects (PostgreSQL 15 and later already refuse PUBLIC; older servers did not). A WARNING, not an
-- error, where the migration role does not own the schema.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO tsa_admin_service, tsa_coach_service, tsa_parent_service, tsa_sync_service;

-- admin-service: the identity directory (administrator and parent rows; users search, sign-in, the allow-list) and the
-- school named by a coach invitation.
GRANT SELECT, INSERT, UPDATE ON users TO tsa_admin_service;
GRANT SELECT ON schools TO tsa_admin_service;

-- coach-service: a coach's school (profiles, onboarding, GET schools/{schoolId}).
GRANT SELECT ON schools TO tsa_coach_service;

-- parent-service: an active enrollment's Ed-Fi student and its school association, each inserted once (never
-- changed or deleted by this service); the school must exist.
GRANT SELECT, INSERT ON students, student_school_associations TO tsa_parent_service;
GRANT SELECT ON schools TO tsa_parent_service;

-- sync-service: coach rows of users, organizations derived from schools, its sync log, the standards APIs' clients and
-- tokens (a disabled client's tokens are deleted), and the Ed-Fi resources, which the Ed-Fi API creates, updates and
-- deletes.
GRANT SELECT, INSERT, UPDATE ON users, organizations, profile_sync_log, api_clients TO tsa_sync_service;
GRANT SELECT, INSERT, DELETE ON api_client_tokens TO tsa_sync_service;
GRANT SELECT, INSERT, UPDATE, DELETE ON schools, students, student_school_associations TO tsa_sync_service;

-- Who writes which users rows (architecture.md, "Roles in users"): sync-service is the only writer of coach rows
-- (role teacher), admin-service writes administrator and parent (or guardian) rows. Row-level security holds that
-- for the two service roles (and their members); the owner (the migrations) and superusers are not bound by it.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_read ON users FOR SELECT TO tsa_admin_service, tsa_sync_service USING (true);
CREATE POLICY users_admin_insert ON users FOR INSERT TO tsa_admin_service
    WITH CHECK (role IN ('administrator', 'parent', 'guardian'));
CREATE POLICY users_admin_update ON users FOR UPDATE TO tsa_admin_service
    USING (role IN ('administrator', 'parent', 'guardian'))
    WITH CHECK (role IN ('administrator', 'parent', 'guardian'));
CREATE POLICY users_sync_insert ON users FOR INSERT TO tsa_sync_service WITH CHECK (role = 'teacher');
CREATE POLICY users_sync_update ON users FOR UPDATE TO tsa_sync_service
    USING (role = 'teacher')
    WITH CHECK (role = 'teacher');
