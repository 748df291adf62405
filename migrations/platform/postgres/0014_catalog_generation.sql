-- The catalog's generation: every catalog edit adds one to it in its own transaction, so a server
-- that cached the storefront knows whether what it holds is current (see
-- app/src/backend/storefront_cache). One row, always there.
CREATE TABLE catalog_generation (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    generation BIGINT NOT NULL CHECK (generation >= 0)
);
INSERT INTO catalog_generation (id, generation) VALUES (1, 0);
