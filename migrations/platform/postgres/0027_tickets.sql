-- Support tickets: a tenant's admin writes to the operator and they answer each other in a
-- thread. The status changes only through the ticket state machine, each change leaving one
-- event, as orders, tenants and subscriptions do. The length limits repeat the domain's, so no
-- other writer can store what the forms refuse.
CREATE TABLE tickets (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    subject TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    category TEXT NOT NULL CHECK (category IN ('billing', 'technical')),
    status TEXT NOT NULL CHECK (status IN ('open', 'waiting_on_customer', 'closed')),
    opened_by BIGINT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    last_message_at TEXT NOT NULL
);
CREATE INDEX tickets_by_tenant ON tickets (tenant_id, last_message_at);
CREATE INDEX tickets_by_status ON tickets (status, last_message_at);

CREATE TABLE ticket_messages (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id BIGINT NOT NULL REFERENCES tickets (id),
    author_id BIGINT NOT NULL REFERENCES users (id),
    author_side TEXT NOT NULL CHECK (author_side IN ('tenant', 'operator')),
    body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
    created_at TEXT NOT NULL
);
CREATE INDEX ticket_messages_by_ticket ON ticket_messages (ticket_id, id);

CREATE TABLE ticket_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id BIGINT NOT NULL REFERENCES tickets (id),
    event TEXT NOT NULL,
    from_status TEXT CHECK (from_status IN ('open', 'waiting_on_customer', 'closed')),
    to_status TEXT NOT NULL CHECK (to_status IN ('open', 'waiting_on_customer', 'closed')),
    actor TEXT NOT NULL,
    detail TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, id);
