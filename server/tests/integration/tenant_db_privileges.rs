//! Least privilege for tenant databases: on PostgreSQL each instance's database is reached with a
//! role of its own that opens that database and nothing else, and tenants rows name their server
//! by id instead of holding its URL and the platform's password. SQLite instances are files: there
//! the tests check the rows and the portal, then return early.

use crate::common::*;
use app::api::portal::{PortalOverview, PortalView};
use app::backend::db::Engine;
use app::backend::provisioning::{adopt_legacy_tenants, drop_database, pg_url_with_db};
use sqlx::{Connection, Executor, PgConnection};

/// The SQLSTATE of a failed statement or connection (42501: insufficient privilege).
fn sqlstate<T>(result: Result<T, sqlx::Error>) -> String {
    match result {
        Ok(_) => "succeeded".into(),
        Err(e) => e
            .as_database_error()
            .and_then(|d| d.code().map(|c| c.into_owned()))
            .unwrap_or_else(|| format!("not a database error: {e}")),
    }
}

/// The platform's own database password (from the URL the tests connect with).
fn platform_password(app: &TestApp) -> String {
    let url = &app.config.database_url;
    let userinfo = url
        .split_once("://")
        .and_then(|(_, rest)| rest.split_once('@'))
        .map_or("", |(info, _)| info);
    userinfo.split_once(':').map_or("", |(_, p)| p).to_string()
}

/// A tenants row's name and where its database lives.
type TenantRow = (String, Option<String>, Option<String>, Option<String>);

/// No tenants row holds a URL, a user:password pair or the platform's password.
async fn assert_rows_hold_no_platform_credentials(app: &TestApp) {
    let rows: Vec<TenantRow> = sqlx::query_as(
        "SELECT name, COALESCE(db_server, db_engine), db_name, db_password FROM tenants",
    )
    .fetch_all(&app.pool)
    .await
    .expect("tenants");
    assert!(!rows.is_empty());
    let secret = platform_password(app);
    for (name, server, db_name, password) in rows {
        let server = server.expect("every tenant names its engine or server");
        for value in [Some(&server), db_name.as_ref(), password.as_ref()]
            .into_iter()
            .flatten()
        {
            assert!(
                !value.contains("://") && !value.contains('@'),
                "{name}: {value:?} looks like a URL"
            );
            // In the tests the password ("tenantry") is also the role's name and a prefix of
            // every database name, so a whole value is compared, not a substring.
            if app.engine == Engine::Postgres {
                assert_ne!(value, &secret, "{name} holds the platform's password");
            }
        }
        match app.engine {
            Engine::Sqlite => {
                assert_eq!(server, "sqlite");
                assert_eq!(password, None, "a SQLite instance has no role");
            }
            Engine::Postgres => {
                let address = pg_admin_url();
                let address = address.split(['@', '/']).nth(3).unwrap_or_default();
                assert_eq!(
                    server, address,
                    "the server's id (its host:port), not its URL"
                );
                let password = password.expect("the tenant role's password");
                assert!(password.len() >= 32, "a strong password");
            }
        }
    }
}

/// The tenant admin sees the instance's users in the portal (read with the tenant's role).
async fn assert_portal_lists_users(app: &TestApp, instance: &str, email: &str) {
    let (admin, reply) = login(app, Some(instance), email, PASSWORD).await;
    reply.body.expect("instance admin logs in");
    let portal: PortalView = app
        .call(&admin, Some(instance), path_of::<PortalOverview>(), &[])
        .await
        .body
        .expect("portal");
    assert_eq!(portal.users.len(), 1);
    assert_eq!(portal.users[0].email, email);
}

async fn tenant_credentials_open_only_their_own_database(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    for (name, email) in [("acme", "ada@acme.example"), ("beta", "bob@beta.example")] {
        order_trial(&app, name, email, &format!("key-privileges-{name}"))
            .await
            .body
            .expect("order placed");
    }
    assert_rows_hold_no_platform_credentials(&app).await;
    assert_portal_lists_users(&app, "acme", "ada@acme.example").await;
    if engine == Engine::Sqlite {
        return; // Instances are files: no roles, no connect privileges.
    }
    let acme_url = app.tenant_url("acme").await;
    let mut acme = PgConnection::connect(&acme_url)
        .await
        .expect("the tenant's role opens its own database");
    let users: Vec<(String,)> = sqlx::query_as("SELECT email FROM users")
        .fetch_all(&mut acme)
        .await
        .expect("reads its users");
    assert_eq!(users, [("ada@acme.example".to_string(),)]);
    let insert = "INSERT INTO contacts (name, email, demo) VALUES ('A', 'a@acme.example', 0)";
    acme.execute(insert).await.expect("writes its own rows");
    let role: (bool, bool, bool, bool) = sqlx::query_as(
        "SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user",
    )
    .fetch_one(&mut acme)
    .await
    .expect("own role");
    assert_eq!(role, (true, false, false, false), "LOGIN and nothing more");
    for ddl in [
        "CREATE DATABASE tenantry_privilege_probe",
        "CREATE ROLE tenantry_privilege_probe",
        "CREATE TABLE probe (id BIGINT)",
    ] {
        assert_eq!(sqlstate(acme.execute(ddl).await), "42501", "{ddl}");
    }
    acme.close().await.expect("close");

    let platform_db = app
        .config
        .database_url
        .rsplit('/')
        .next()
        .unwrap_or_default();
    let beta_db = app.tenant_db("beta").await.name;
    for (what, db) in [
        ("the platform's", platform_db),
        ("another tenant's", &beta_db),
    ] {
        let result = PgConnection::connect(&pg_url_with_db(&acme_url, db)).await;
        assert_eq!(
            sqlstate(result),
            "42501",
            "{what} database is closed to acme"
        );
    }
    let mut beta = PgConnection::connect(&app.tenant_url("beta").await)
        .await
        .expect("beta's own role opens beta's database");
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(&mut beta)
        .await
        .expect("beta's users");
    assert_eq!(n, 1);
    beta.close().await.expect("close");
}

async fn dropping_a_tenant_database_drops_its_role(engine: Engine) {
    // A failed provisioning rolls back its database, and its role with it.
    let failing =
        TestApp::spawn_with(engine, fault(app::backend::provisioning::Step::CreateAdmin)).await;
    order_trial(&failing, "acme", "ada@acme.example", "key-drop-1")
        .await
        .body
        .expect("order placed");
    let (id, db_name): (i64, Option<String>) =
        sqlx::query_as("SELECT id, db_name FROM tenants WHERE name = 'acme'")
            .fetch_one(&failing.pool)
            .await
            .expect("tenant");
    assert!(!failing.tenant_db_exists(id).await, "rolled back");
    if engine == Engine::Postgres {
        let role = db_name.expect("the row names the dropped database");
        assert!(!failing.role_exists(&role).await, "its role is gone too");
    }

    // Dropping a live instance's database (archive, clean-up) drops its role.
    let app = TestApp::spawn(engine).await;
    order_trial(&app, "beta", "bob@beta.example", "key-drop-2")
        .await
        .body
        .expect("order placed");
    let db = app.tenant_db("beta").await;
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM tenants WHERE name = 'beta'")
        .fetch_one(&app.pool)
        .await
        .expect("tenant");
    if engine == Engine::Postgres {
        assert!(app.role_exists(&db.name).await, "the instance has a role");
    }
    drop_database(&app.config, &db).await.expect("dropped");
    assert!(!app.tenant_db_exists(id).await);
    if engine == Engine::Postgres {
        assert!(!app.role_exists(&db.name).await, "the role went with it");
    }
}

/// Turns acme back into a tenant made before roles: its row holds the server's URL and no
/// password, its database is open to PUBLIC and its role does not exist.
async fn make_legacy(app: &TestApp, instance: &str) {
    let db = app.tenant_db(instance).await;
    let role = format!("\"{}\"", db.name);
    let mut inside = PgConnection::connect(&pg_url_with_db(&pg_admin_url(), &db.name))
        .await
        .expect("platform role in the tenant database");
    for sql in [
        format!("ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM {role}"),
        format!("ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM {role}"),
        format!("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}"),
        format!("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {role}"),
        format!("REVOKE ALL ON SCHEMA public FROM {role}"),
        "GRANT USAGE ON SCHEMA public TO PUBLIC".to_string(),
    ] {
        inside.execute(sql.as_str()).await.expect(&sql);
    }
    inside.close().await.expect("close");
    let mut admin = PgConnection::connect(&pg_admin_url()).await.expect("admin");
    for sql in [
        format!("REVOKE ALL ON DATABASE \"{}\" FROM {role}", db.name),
        format!(
            "GRANT CONNECT, TEMPORARY ON DATABASE \"{}\" TO PUBLIC",
            db.name
        ),
        format!("DROP ROLE {role}"),
    ] {
        admin.execute(sql.as_str()).await.expect(&sql);
    }
    admin.close().await.expect("close");
    sqlx::query("UPDATE tenants SET db_server = $1, db_password = NULL WHERE name = $2")
        .bind(&app.config.database_url)
        .bind(instance)
        .execute(&app.pool)
        .await
        .expect("legacy row");
}

async fn tenants_from_before_roles_get_one_at_start(engine: Engine) {
    if engine == Engine::Sqlite {
        return; // SQLite instances are files: there is nothing to adopt.
    }
    let app = TestApp::spawn(engine).await;
    order_trial(&app, "acme", "ada@acme.example", "key-legacy-1")
        .await
        .body
        .expect("order placed");
    make_legacy(&app, "acme").await;

    // The platform migration turns the stored URL into the server's id...
    let migration = app::backend::db::platform_migrator(engine)
        .iter()
        .find(|m| m.version == 10)
        .expect("migration 0010");
    sqlx::raw_sql(&migration.sql)
        .execute(&app.pool)
        .await
        .expect("0010 runs again without harm");
    // ...and the start gives each such tenant its role.
    let adopted = adopt_legacy_tenants(&app.pool, &app.config)
        .await
        .expect("adopted");
    assert_eq!(adopted, 1);
    assert_rows_hold_no_platform_credentials(&app).await;
    assert_eq!(
        adopt_legacy_tenants(&app.pool, &app.config).await.ok(),
        Some(0)
    );

    let db = app.tenant_db("acme").await;
    assert!(app.role_exists(&db.name).await);
    let acme_url = app.tenant_url("acme").await;
    let mut acme = PgConnection::connect(&acme_url).await.expect("own role");
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(&mut acme)
        .await
        .expect("reads its users");
    assert_eq!(n, 1);
    acme.close().await.expect("close");
    let platform_db = app
        .config
        .database_url
        .rsplit('/')
        .next()
        .unwrap_or_default();
    let result = PgConnection::connect(&pg_url_with_db(&acme_url, platform_db)).await;
    assert_eq!(sqlstate(result), "42501", "the platform database is closed");
    assert_portal_lists_users(&app, "acme", "ada@acme.example").await;
}

on_both_engines!(
    tenant_credentials_open_only_their_own_database,
    dropping_a_tenant_database_drops_its_role,
    tenants_from_before_roles_get_one_at_start,
);
