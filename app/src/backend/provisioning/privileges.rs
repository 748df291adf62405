//! The PostgreSQL privileges that keep each instance in its own database: a role per instance
//! with LOGIN and nothing more, databases closed to PUBLIC, and tables the instance's role may
//! read and write but not change. The platform role owns every database and schema.
use sqlx::{AnyPool, Executor};

/// Quotes an SQL identifier.
pub(super) fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Quotes an SQL string literal (utility statements such as `CREATE ROLE` take no parameters).
fn quote_literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// Creates an instance's role: it may log in, and nothing else.
pub(super) fn create_role(role: &str, password: &str) -> String {
    format!(
        "CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD {}",
        quote_ident(role),
        quote_literal(password)
    )
}

/// Gives an existing instance role a new password, taking back what it must not have. (Only a
/// superuser may name the SUPERUSER or REPLICATION attributes, even to clear them.)
pub(super) fn reset_role(role: &str, password: &str) -> String {
    format!(
        "ALTER ROLE {} LOGIN NOCREATEDB NOCREATEROLE PASSWORD {}",
        quote_ident(role),
        quote_literal(password)
    )
}

/// Removes an instance's role (after its database, which holds its privileges, is gone).
pub(super) fn drop_role(role: &str) -> String {
    format!("DROP ROLE IF EXISTS {}", quote_ident(role))
}

/// Closes an instance's database to everyone but its owner (the platform role) and its role.
pub(super) fn open_database_only_to(db: &str, role: &str) -> String {
    format!(
        "REVOKE ALL ON DATABASE {db} FROM PUBLIC; GRANT CONNECT ON DATABASE {db} TO {role}",
        db = quote_ident(db),
        role = quote_ident(role)
    )
}

/// Run in an instance's database once its schema is in place: the instance's role may read and
/// write every table (and tables later migrations add), not alter them nor see the migration
/// history.
pub(super) fn grant_tables_to(role: &str) -> String {
    let role = quote_ident(role);
    [
        "REVOKE ALL ON SCHEMA public FROM PUBLIC".to_string(),
        format!("GRANT USAGE ON SCHEMA public TO {role}"),
        format!("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}"),
        format!("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}"),
        format!(
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}"
        ),
        format!("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {role}"),
        format!("REVOKE ALL ON TABLE public._sqlx_migrations FROM {role}"),
    ]
    .join("; ")
}

/// Closes the platform database to roles that were not granted it (every instance's role),
/// when the platform role owns it; otherwise says what to do by hand. Idempotent: run at start.
pub async fn secure_platform_database(pool: &AnyPool) -> Result<(), sqlx::Error> {
    let (name, owned, open, may_create): (String, bool, bool, bool) = sqlx::query_as(
        "SELECT current_database()::text, d.datdba = r.oid, \
         has_database_privilege('public', current_database(), 'CONNECT'), \
         r.rolsuper OR (r.rolcreatedb AND r.rolcreaterole) \
         FROM pg_database d, pg_roles r WHERE d.datname = current_database() AND r.rolname = current_user",
    )
    .fetch_one(pool)
    .await?;
    if !may_create {
        tracing::warn!(
            "the platform role lacks CREATEDB or CREATEROLE: provisioning on this server will fail"
        );
    }
    // Revoked only while still open: servers starting together would otherwise race on the ACL.
    if !open {
        return Ok(());
    }
    if owned {
        let sql = format!(
            "REVOKE CONNECT ON DATABASE {} FROM PUBLIC",
            quote_ident(&name)
        );
        pool.execute(sql.as_str()).await?;
    } else {
        tracing::warn!(
            database = %name,
            "the platform role does not own its database: run REVOKE CONNECT ON DATABASE ... FROM PUBLIC as its owner"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_and_literals_are_quoted() {
        assert_eq!(quote_ident("a\"b"), "\"a\"\"b\"");
        assert_eq!(quote_literal("it's"), "'it''s'");
        assert_eq!(
            create_role("t\"1", "p'w"),
            "CREATE ROLE \"t\"\"1\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD 'p''w'"
        );
    }

    #[test]
    fn a_database_opens_only_to_its_role() {
        assert_eq!(
            open_database_only_to("tenantry_t1", "tenantry_t1"),
            "REVOKE ALL ON DATABASE \"tenantry_t1\" FROM PUBLIC; GRANT CONNECT ON DATABASE \"tenantry_t1\" TO \"tenantry_t1\""
        );
        let grants = grant_tables_to("tenantry_t1");
        assert!(grants.starts_with("REVOKE ALL ON SCHEMA public FROM PUBLIC; "));
        assert!(
            grants.ends_with("REVOKE ALL ON TABLE public._sqlx_migrations FROM \"tenantry_t1\"")
        );
    }
}
