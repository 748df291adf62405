-- PostgreSQL tenant databases have a role of their own whose password is kept in the tenants
-- row, and rows name their server by id instead of by URL. SQLite tenants are files (db_server
-- is 'sqlite', no role): the column exists so both engines share one schema.
ALTER TABLE tenants ADD COLUMN db_password TEXT;
