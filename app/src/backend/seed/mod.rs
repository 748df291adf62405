//! First-start data, all of it here: the operator account and, unless disabled, the demo catalog
//! (products, plans and prices in `demo_catalog`; modules, verticals and templates in
//! `demo_structure`).
mod demo_catalog;
mod demo_structure;

use rand::{distributions::Alphanumeric, Rng};
use sqlx::AnyConnection;

use crate::backend::auth::{insert_user, NewUser};
use crate::backend::state::AppState;
use crate::domain::{Email, Role};
use crate::error::Result;

/// What seeding did, for the start-up banner.
#[derive(Debug, Default)]
pub struct Seeded {
    /// The operator's password when it was generated now (print it once).
    pub generated_operator_password: Option<String>,
    /// Whether the operator account was created now.
    pub operator_created: bool,
    /// Whether the demo catalog was created now.
    pub catalog_created: bool,
}

/// Creates the operator and the demo catalog when missing; safe to run at every start.
pub async fn seed(st: &AppState) -> Result<Seeded> {
    let mut out = Seeded::default();
    let (operators,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users WHERE role = 'operator'")
        .fetch_one(&st.pool)
        .await?;
    if operators == 0 {
        let email = Email::parse(&st.config.operator_email)?;
        let password = match &st.config.operator_password {
            Some(p) => p.clone(),
            None => {
                let p: String = rand::thread_rng()
                    .sample_iter(&Alphanumeric)
                    .take(20)
                    .map(char::from)
                    .collect();
                out.generated_operator_password = Some(p.clone());
                p
            }
        };
        let hash = st.passwords.hash(password).await?;
        let mut conn = st.pool.acquire().await?;
        let user = NewUser {
            email: &email,
            password_hash: &hash,
            full_name: "Operator",
            role: Role::Operator,
            tenant_id: None,
            customer_id: None,
        };
        insert_user(&mut conn, st.now(), user).await?;
        out.operator_created = true;
    }
    let (products,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM products")
        .fetch_one(&st.pool)
        .await?;
    if products == 0 && st.config.seed_demo {
        demo_catalog::seed(st).await?;
        out.catalog_created = true;
    }
    Ok(out)
}

/// The id of the row of `table` with `code` (a demo table the seed just wrote).
async fn id_of(conn: &mut AnyConnection, table: &str, code: &str) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(&format!("SELECT id FROM {table} WHERE code = $1"))
        .bind(code)
        .fetch_one(&mut *conn)
        .await?;
    Ok(id)
}
