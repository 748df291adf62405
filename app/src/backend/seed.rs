//! First-start data: the operator account and, unless disabled, a demo catalog.
use rand::{distributions::Alphanumeric, Rng};

use super::auth::{hash_password, insert_user, NewUser};
use super::state::AppState;
use crate::domain::{Email, Role};
use crate::error::{AppError, Result};

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
        let hash = hash_password(password).await?;
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
        seed_catalog(st).await?;
        out.catalog_created = true;
    }
    Ok(out)
}

struct DemoPlan {
    product: &'static str,
    code: &'static str,
    name: &'static str,
    description: &'static str,
    price_minor: i64,
    setup_fee_minor: i64,
    period_months: i64,
    trial_days: i64,
    included_users: i64,
    demo_data: i64,
}

const DEMO_PLANS: &[DemoPlan] = &[
    DemoPlan {
        product: "erp",
        code: "erp-trial",
        name: "ERP Free Trial",
        description: "Every ERP module free for 30 days, with demo data to explore.",
        price_minor: 0,
        setup_fee_minor: 0,
        period_months: 1,
        trial_days: 30,
        included_users: 3,
        demo_data: 1,
    },
    DemoPlan {
        product: "erp",
        code: "erp-business",
        name: "ERP Business",
        description: "Sales, purchase and accounting for a growing team.",
        price_minor: 4900,
        setup_fee_minor: 9900,
        period_months: 1,
        trial_days: 0,
        included_users: 10,
        demo_data: 0,
    },
    DemoPlan {
        product: "erp",
        code: "erp-enterprise",
        name: "ERP Enterprise",
        description: "All modules, manufacturing included, billed yearly.",
        price_minor: 199_000,
        setup_fee_minor: 0,
        period_months: 12,
        trial_days: 0,
        included_users: 50,
        demo_data: 0,
    },
    DemoPlan {
        product: "helpdesk",
        code: "helpdesk-trial",
        name: "Helpdesk Free Trial",
        description: "A shared inbox and knowledge base, free for 30 days.",
        price_minor: 0,
        setup_fee_minor: 0,
        period_months: 1,
        trial_days: 30,
        included_users: 2,
        demo_data: 1,
    },
    DemoPlan {
        product: "helpdesk",
        code: "helpdesk-team",
        name: "Helpdesk Team",
        description: "Tickets, SLAs and a customer portal.",
        price_minor: 1900,
        setup_fee_minor: 0,
        period_months: 1,
        trial_days: 0,
        included_users: 5,
        demo_data: 0,
    },
];

async fn seed_catalog(st: &AppState) -> Result<()> {
    let mut tx = st.pool.begin().await?;
    let products = [
        (
            "erp",
            "Tenantry ERP",
            "Run sales, purchasing, stock and accounting in one place.",
            "sales,purchase,accounting,inventory",
        ),
        (
            "helpdesk",
            "Tenantry Helpdesk",
            "Answer customers from one shared inbox.",
            "tickets,knowledge_base",
        ),
    ];
    for (code, name, description, modules) in products {
        sqlx::query("INSERT INTO products (code, name, description, modules, published) VALUES ($1, $2, $3, $4, 1)")
            .bind(code)
            .bind(name)
            .bind(description)
            .bind(modules)
            .execute(&mut *tx)
            .await?;
    }
    for (i, p) in DEMO_PLANS.iter().enumerate() {
        let (product_id,): (i64,) = sqlx::query_as("SELECT id FROM products WHERE code = $1")
            .bind(p.product)
            .fetch_one(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO plans (product_id, code, name, description, price_minor, setup_fee_minor, currency, \
             period_months, trial_days, included_users, demo_data, published, sort_order) \
             VALUES ($1, $2, $3, $4, $5, $6, 'EUR', $7, $8, $9, $10, 1, $11)",
        )
        .bind(product_id)
        .bind(p.code)
        .bind(p.name)
        .bind(p.description)
        .bind(p.price_minor)
        .bind(p.setup_fee_minor)
        .bind(p.period_months)
        .bind(p.trial_days)
        .bind(p.included_users)
        .bind(p.demo_data)
        .bind(i64::try_from(i).map_err(|_| AppError::Internal)?)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
