-- A tenant's database placement names its engine in a column of its own instead of the flag
-- value `sqlite` in db_server; db_server now only ever holds a PostgreSQL server's id.
ALTER TABLE tenants ADD COLUMN db_engine TEXT CHECK (db_engine IN ('sqlite', 'postgres'));
UPDATE tenants SET db_engine = CASE WHEN db_server = 'sqlite' THEN 'sqlite' ELSE 'postgres' END
WHERE db_server IS NOT NULL;
UPDATE tenants SET db_server = NULL WHERE db_engine = 'sqlite';
