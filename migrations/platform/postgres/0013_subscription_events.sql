-- A subscription's status changes only through its state machine, and each change leaves one
-- event saying who or what made it, as orders and tenants do.
CREATE TABLE subscription_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id BIGINT NOT NULL REFERENCES subscriptions (id),
    event TEXT NOT NULL,
    from_status TEXT CHECK (from_status IN ('pending', 'trial', 'active', 'suspended', 'cancelled')),
    to_status TEXT NOT NULL CHECK (to_status IN ('pending', 'trial', 'active', 'suspended', 'cancelled')),
    actor TEXT NOT NULL,
    detail TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX subscription_events_by_subscription ON subscription_events (subscription_id, id);
