//! The demo catalog seeded into an empty database: two products, five plans with their priced
//! periods, resources and add-ons, one storefront and a few tax rates; then the modules,
//! verticals and service templates of [`super::demo_structure`].
use super::id_of;
use crate::backend::state::AppState;
use crate::error::{AppError, Result};

struct Plan {
    storefront: &'static str,
    currency: &'static str,
    product: &'static str,
    code: &'static str,
    name: &'static str,
    description: &'static str,
    trial_days: i64,
    included_users: i64,
    demo_data: i64,
    /// (months, setup fee, first-period price, renewal price), minor units.
    periods: &'static [(i64, i64, i64, i64)],
    /// Add-on codes sold with the plan, with the most one may order.
    addons: &'static [(&'static str, i64)],
}

const PRODUCTS: &[(&str, &str, &str, &str)] = &[
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
        "helpdesk,knowledge-base",
    ),
];

const PLANS: &[Plan] = &[
    Plan {
        storefront: "main",
        currency: "EUR",
        product: "erp",
        code: "erp-trial",
        name: "ERP Free Trial",
        description: "Every ERP module free for 30 days, with demo data to explore.",
        trial_days: 30,
        included_users: 3,
        demo_data: 1,
        periods: &[(1, 0, 0, 0)],
        addons: &[],
    },
    Plan {
        storefront: "main",
        currency: "EUR",
        product: "erp",
        code: "erp-business",
        name: "ERP Business",
        description: "Sales, purchase, accounting and inventory for a growing team.",
        trial_days: 30,
        included_users: 10,
        demo_data: 0,
        periods: &[
            (1, 9900, 4900, 4900),
            (3, 9900, 13900, 13900),
            (12, 0, 49900, 52900),
        ],
        addons: &[
            ("support-247", 1),
            ("premium-theme", 1),
            ("manufacturing", 1),
        ],
    },
    Plan {
        storefront: "main",
        currency: "EUR",
        product: "erp",
        code: "erp-enterprise",
        name: "ERP Enterprise",
        description: "Every ERP module for larger teams, billed yearly.",
        trial_days: 0,
        included_users: 50,
        demo_data: 0,
        periods: &[(12, 0, 199_000, 199_000)],
        addons: &[("support-247", 1), ("premium-theme", 1)],
    },
    Plan {
        storefront: "main",
        currency: "EUR",
        product: "helpdesk",
        code: "helpdesk-trial",
        name: "Helpdesk Free Trial",
        description: "A shared inbox and knowledge base, free for 30 days.",
        trial_days: 30,
        included_users: 2,
        demo_data: 1,
        periods: &[(1, 0, 0, 0)],
        addons: &[],
    },
    Plan {
        storefront: "main",
        currency: "EUR",
        product: "helpdesk",
        code: "helpdesk-team",
        name: "Helpdesk Team",
        description: "A shared inbox with SLAs and a knowledge base.",
        trial_days: 0,
        included_users: 5,
        demo_data: 0,
        periods: &[(1, 0, 1900, 1900), (12, 0, 19000, 19000)],
        addons: &[("support-247", 1)],
    },
    Plan {
        storefront: "us",
        currency: "USD",
        product: "helpdesk",
        code: "helpdesk-team-us",
        name: "Helpdesk Team (US)",
        description: "A shared inbox with SLAs and a knowledge base, billed in dollars.",
        trial_days: 0,
        included_users: 5,
        demo_data: 0,
        periods: &[(1, 0, 2100, 2100), (12, 0, 21000, 21000)],
        addons: &[],
    },
    Plan {
        storefront: "us",
        currency: "USD",
        product: "erp",
        code: "erp-business-us",
        name: "ERP Business (US)",
        description: "Sales, purchase and accounting, billed in dollars.",
        trial_days: 0,
        included_users: 10,
        demo_data: 0,
        periods: &[(1, 0, 5900, 5900), (12, 0, 59000, 59000)],
        addons: &[],
    },
];

/// (code, name, description, setup fee, monthly fee).
const ADDONS: &[(&str, &str, &str, i64, i64)] = &[
    (
        "support-247",
        "24/7 phone support",
        "Round-the-clock phone support instead of 8x5 email.",
        0,
        2900,
    ),
    (
        "premium-theme",
        "Premium theme",
        "Your brand's colours and logo on every page.",
        4900,
        500,
    ),
    (
        "manufacturing",
        "Manufacturing module",
        "Bills of materials and work orders.",
        0,
        1500,
    ),
];

/// (code, name, unit).
const RESOURCES: &[(&str, &str, &str)] = &[
    ("users", "Users", "user"),
    ("storage_gb", "Storage", "GB"),
    ("api_calls", "API calls", "1,000 calls"),
    ("bandwidth_gb", "Bandwidth", "GB"),
];

/// (code, name, colour, currency, invoice prefix, default).
const STOREFRONTS: &[(&str, &str, &str, &str, &str, i64)] = &[
    ("main", "Tenantry Cloud", "#3b5bdb", "EUR", "INV-", 1),
    ("us", "Tenantry Cloud US", "#237032", "USD", "US-", 0),
];

/// A demo storefront's seller and bank details.
struct DemoBilling {
    storefront: &'static str,
    legal_name: &'static str,
    address: &'static str,
    country: &'static str,
    vat_id: &'static str,
    registration_number: &'static str,
    account_holder: &'static str,
    iban: &'static str,
    bic: &'static str,
    bank_name: &'static str,
}

/// Both demo storefronts are in test mode (the test cards are listed); only the euro one takes
/// bank transfers.
const BILLING: &[DemoBilling] = &[
    DemoBilling {
        storefront: "main",
        legal_name: "Tenantry Demo GmbH",
        address: "Friedrichstra\u{df}e 123\n10117 Berlin",
        country: "DE",
        vat_id: "DE123456788",
        registration_number: "HRB 123456 B, Amtsgericht Charlottenburg",
        account_holder: "Tenantry Demo GmbH",
        iban: "DE89370400440532013000",
        bic: "COBADEFFXXX",
        bank_name: "Commerzbank",
    },
    DemoBilling {
        storefront: "us",
        legal_name: "Tenantry Cloud Inc.",
        address: "548 Market Street\nSan Francisco, CA 94104",
        country: "US",
        vat_id: "",
        registration_number: "",
        account_holder: "",
        iban: "",
        bic: "",
        bank_name: "",
    },
];

/// (country, tax in basis points).
const TAX_RATES: &[(&str, i64)] = &[
    ("FR", 2000),
    ("DE", 1900),
    ("NL", 2100),
    ("ES", 2100),
    ("GB", 2000),
    ("US", 0),
];

/// Writes the demo catalog in one transaction.
pub async fn seed(st: &AppState) -> Result<()> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    for (code, name, color, currency, prefix, default) in STOREFRONTS {
        sqlx::query(
            "INSERT INTO storefronts (code, name, primary_color, currency, invoice_prefix, next_invoice_number, is_default) \
             VALUES ($1, $2, $3, $4, $5, 1, $6)",
        )
        .bind(*code)
        .bind(*name)
        .bind(*color)
        .bind(*currency)
        .bind(*prefix)
        .bind(*default)
        .execute(&mut *tx)
        .await?;
    }
    for b in BILLING {
        sqlx::query(
            "INSERT INTO storefront_billing (storefront_id, legal_name, address, country, vat_id, registration_number, \
             account_holder, iban, bic, bank_name, test_mode) \
             SELECT id, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1 FROM storefronts WHERE code = $1",
        )
        .bind(b.storefront)
        .bind(b.legal_name)
        .bind(b.address)
        .bind(b.country)
        .bind(b.vat_id)
        .bind(b.registration_number)
        .bind(b.account_holder)
        .bind(b.iban)
        .bind(b.bic)
        .bind(b.bank_name)
        .execute(&mut *tx)
        .await?;
    }
    for (country, bp) in TAX_RATES {
        sqlx::query("INSERT INTO tax_rates (country, basis_points) VALUES ($1, $2)")
            .bind(*country)
            .bind(*bp)
            .execute(&mut *tx)
            .await?;
    }
    for (code, name, unit) in RESOURCES {
        sqlx::query("INSERT INTO resources (code, name, unit) VALUES ($1, $2, $3)")
            .bind(*code)
            .bind(*name)
            .bind(*unit)
            .execute(&mut *tx)
            .await?;
    }
    for (code, name, description, setup, monthly) in ADDONS {
        sqlx::query(
            "INSERT INTO addons (code, name, description, setup_fee_minor, recurring_fee_minor, currency) VALUES ($1, $2, $3, $4, $5, 'EUR')",
        )
        .bind(*code)
        .bind(*name)
        .bind(*description)
        .bind(*setup)
        .bind(*monthly)
        .execute(&mut *tx)
        .await?;
    }
    for (code, name, description, modules) in PRODUCTS {
        sqlx::query("INSERT INTO products (code, name, description, modules, published) VALUES ($1, $2, $3, $4, 1)")
            .bind(*code)
            .bind(*name)
            .bind(*description)
            .bind(*modules)
            .execute(&mut *tx)
            .await?;
    }
    let users_id = id_of(&mut tx, "resources", "users").await?;
    let storage_id = id_of(&mut tx, "resources", "storage_gb").await?;
    for (i, p) in PLANS.iter().enumerate() {
        let product_id = id_of(&mut tx, "products", p.product).await?;
        let storefront_id = id_of(&mut tx, "storefronts", p.storefront).await?;
        let (plan_id,): (i64,) = sqlx::query_as(
            "INSERT INTO plans (product_id, code, name, description, currency, trial_days, included_users, demo_data, status, sort_order) \
             VALUES ($1, $2, $3, $4, $9, $5, $6, $7, 'published', $8) RETURNING id",
        )
        .bind(product_id)
        .bind(p.code)
        .bind(p.name)
        .bind(p.description)
        .bind(p.trial_days)
        .bind(p.included_users)
        .bind(p.demo_data)
        .bind(i64::try_from(i).map_err(|_| AppError::Internal)?)
        .bind(p.currency)
        .fetch_one(&mut *tx)
        .await?;
        for (months, setup, first, renewal) in p.periods {
            sqlx::query(
                "INSERT INTO plan_periods (plan_id, months, setup_fee_minor, recurring_fee_minor, renewal_fee_minor) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(plan_id)
            .bind(*months)
            .bind(*setup)
            .bind(*first)
            .bind(*renewal)
            .execute(&mut *tx)
            .await?;
        }
        if p.periods
            .iter()
            .any(|(_, setup, first, _)| *setup > 0 || *first > 0)
        {
            // Paid plans sell extra users (4.00/month) and storage (0.50/GB/month, overage 0.10/GB).
            let rates = [
                (users_id, p.included_users, p.included_users + 200, 400, 500),
                (storage_id, 10, 1010, 50, 10),
            ];
            for (resource_id, included, limit, monthly, overage) in rates {
                sqlx::query(
                    "INSERT INTO plan_resource_rates (plan_id, resource_id, included, hard_limit, setup_fee_per_unit_minor, \
                     recurring_fee_per_unit_minor, overage_per_unit_minor) VALUES ($1, $2, $3, $4, 0, $5, $6)",
                )
                .bind(plan_id)
                .bind(resource_id)
                .bind(included)
                .bind(limit)
                .bind(monthly)
                .bind(overage)
                .execute(&mut *tx)
                .await?;
            }
        }
        for (addon, max) in p.addons {
            let addon_id = id_of(&mut tx, "addons", addon).await?;
            sqlx::query(
                "INSERT INTO plan_addons (plan_id, addon_id, max_quantity) VALUES ($1, $2, $3)",
            )
            .bind(plan_id)
            .bind(addon_id)
            .bind(*max)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("INSERT INTO storefront_plans (storefront_id, plan_id) VALUES ($1, $2)")
            .bind(storefront_id)
            .bind(plan_id)
            .execute(&mut *tx)
            .await?;
    }
    super::demo_structure::seed(&mut tx).await?;
    crate::backend::storefront_cache::commit_edit(st, tx).await?;
    Ok(())
}
