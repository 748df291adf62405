-- The operator's reporting currency and the exchange rates the dashboard converts MRR with: a
-- rate holds from its date until the next one of its currency, and a month is converted at the
-- rate in force at its end.
CREATE TABLE reporting_currency (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE TABLE exchange_rates (
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    -- The reporting currency the rate converts into (rates into another one stay for history).
    to_currency TEXT NOT NULL CHECK (length(to_currency) = 3 AND to_currency <> currency),
    valid_from TEXT NOT NULL CHECK (length(valid_from) = 10),
    -- Units of `to_currency` for one unit of `currency`, in millionths.
    rate_micros BIGINT NOT NULL CHECK (rate_micros > 0),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (currency, to_currency, valid_from)
);
