-- Rehearsals: an operator runs a copy of one tenant's subscription and customer forward in time
-- to see what billing would do. The copy is a database of its own (the platform schema on
-- SQLite, holding only that tenant's records and the catalog), kept here as bytes so every
-- server can open it; nothing of it touches the real tenant, and it goes with its row.
CREATE TABLE rehearsals (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    -- The copy's clock: where it started (the real time of the copy) and where it stands now.
    started_at TEXT NOT NULL,
    sandbox_now TEXT NOT NULL,
    -- Raised by each move; a move saves only over the version it read (two moves at once: one wins).
    version BIGINT NOT NULL DEFAULT 0 CHECK (version >= 0),
    db BYTEA NOT NULL
);

CREATE INDEX rehearsals_tenant ON rehearsals (tenant_id);
