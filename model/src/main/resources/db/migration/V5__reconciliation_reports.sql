-- Beyond the seed, named by issue 26: the reports of sync-service's reconciliation (the automated consistency check
-- between the two stores), so that every replica reads the same latest report, also after a restart. A run is a row
-- from its start: 'running' while a replica works on it (heartbeat_at moves on), then 'completed' or 'failed'. A row
-- left 'running' by a replica that died is reported failed once its heartbeat is older than the configured staleness.
-- `report` holds the counts, the summary and a bounded sample of the discrepancies (never whole tables).

CREATE TABLE reconciliation_reports (
    reconciliation_id VARCHAR(64) PRIMARY KEY,
    -- the order in which runs started, whatever the replicas' clocks say: the latest report is the highest
    run_number BIGINT GENERATED ALWAYS AS IDENTITY,
    trigger VARCHAR(20) NOT NULL,
    requested_by VARCHAR(255),
    repair BOOLEAN NOT NULL,
    status VARCHAR(20) NOT NULL,
    error_message TEXT,
    started_at TIMESTAMP NOT NULL,
    heartbeat_at TIMESTAMP NOT NULL,
    completed_at TIMESTAMP,
    report JSONB NOT NULL
);

CREATE UNIQUE INDEX idx_reconciliation_reports_run_number ON reconciliation_reports (run_number);

-- At most one run is 'running' across every replica: a second start is refused by the database itself.
CREATE UNIQUE INDEX idx_reconciliation_reports_one_running ON reconciliation_reports (status)
    WHERE status = 'running';

-- Only sync-service reads and writes the reports (V4's scheme: a new table gets its grants where it is created; old
-- reports are deleted after the configured time). Its seen-ids scratch table is a temporary table, which PUBLIC may
-- create in this database.
GRANT SELECT, INSERT, UPDATE, DELETE ON reconciliation_reports TO tsa_sync_service;
