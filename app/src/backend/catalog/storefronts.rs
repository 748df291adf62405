//! Storefronts as the operator edits them: name, logo, colour, currency, invoice prefix, which
//! one is the default (exactly one, kept in a transaction and by a unique index) and the plans
//! each publishes (only plans in its currency).
use sqlx::{AnyConnection, AnyPool};

use crate::backend::db::is_unique_violation;
use crate::backend::state::AppState;
use crate::backend::storefront_cache::commit_edit;
use crate::domain::catalog::{
    parse_code, parse_color, parse_invoice_prefix, parse_logo_url, parse_text,
};
use crate::domain::Currency;
use crate::error::{AppError, Result};
use crate::i18n::Locale;
use crate::wire::catalog::storefronts::{
    AdminStorefrontView, StorefrontForm, StorefrontPlanChoice,
};

type Row = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
    String,
    String,
);

/// Every storefront with its order count and the plans it could publish.
pub async fn list(pool: &AnyPool) -> Result<Vec<AdminStorefrontView>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, code, name, logo_url, primary_color, currency, invoice_prefix, is_default, language, support_email FROM storefronts ORDER BY id",
    )
    .fetch_all(pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (
        id,
        code,
        name,
        logo_url,
        primary_color,
        currency,
        invoice_prefix,
        is_default,
        language,
        support_email,
    ) in rows
    {
        let (orders,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM orders WHERE storefront_id = $1")
                .bind(id)
                .fetch_one(pool)
                .await?;
        let plans: Vec<(i64, String, String, i64)> = sqlx::query_as(
            "SELECT p.id, p.code, p.name, (SELECT COUNT(*) FROM storefront_plans sp WHERE sp.storefront_id = $1 AND sp.plan_id = p.id) \
             FROM plans p WHERE p.currency = $2 AND p.status <> 'retired' ORDER BY p.sort_order, p.code",
        )
        .bind(id)
        .bind(&currency)
        .fetch_all(pool)
        .await?;
        let billing = super::storefront_billing::read(pool, id).await?.form;
        let dunning = crate::backend::dunning::schedule::form(pool, id).await?;
        out.push(AdminStorefrontView {
            id,
            code,
            name,
            logo_url,
            primary_color,
            support_email,
            currency,
            invoice_prefix,
            is_default: is_default == 1,
            language,
            orders,
            plans: plans
                .into_iter()
                .map(|(plan_id, code, name, n)| StorefrontPlanChoice {
                    plan_id,
                    code,
                    name,
                    published: n > 0,
                })
                .collect(),
            billing,
            dunning,
        });
    }
    Ok(out)
}

/// A storefront form, validated.
struct Valid {
    name: String,
    logo_url: String,
    color: String,
    support_email: String,
    currency: Currency,
    prefix: String,
    language: Locale,
}

fn validate(form: &StorefrontForm) -> Result<Valid> {
    Ok(Valid {
        name: parse_text("Name", &form.name, 200)?,
        logo_url: parse_logo_url(&form.logo_url)?,
        color: parse_color(&form.primary_color)?,
        support_email: match form.support_email.trim() {
            "" => String::new(),
            typed => crate::domain::Email::parse(typed)
                .map_err(|_| AppError::Invalid("The support email is not a valid address.".into()))?
                .as_str()
                .to_string(),
        },
        currency: Currency::parse(form.currency.trim())?,
        prefix: parse_invoice_prefix(&form.invoice_prefix)?,
        language: match form.language.trim() {
            "" => Locale::En,
            tag => Locale::from_tag(tag).ok_or_else(|| {
                AppError::Invalid(format!(
                    "\"{tag}\" is not a language of this site; use en or de."
                ))
            })?,
        },
    })
}

/// Makes one storefront the default and every other one not (inside the caller's transaction).
async fn make_default(conn: &mut AnyConnection, id: i64) -> Result<()> {
    sqlx::query("UPDATE storefronts SET is_default = 0 WHERE id <> $1 AND is_default = 1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE storefronts SET is_default = 1 WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Creates a storefront (the first one is the default whatever the form says); returns its id.
pub async fn create(st: &AppState, form: &StorefrontForm) -> Result<i64> {
    let code = parse_code(&form.code)?;
    let v = validate(form)?;
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let (existing,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM storefronts")
        .fetch_one(&mut *tx)
        .await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO storefronts (code, name, logo_url, primary_color, currency, invoice_prefix, next_invoice_number, is_default, language, support_email) \
         VALUES ($1, $2, $3, $4, $5, $6, 1, 0, $7, $8) RETURNING id",
    )
    .bind(&code)
    .bind(&v.name)
    .bind(&v.logo_url)
    .bind(&v.color)
    .bind(v.currency.as_str())
    .bind(&v.prefix)
    .bind(v.language.tag())
    .bind(&v.support_email)
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| {
        if is_unique_violation(&e, "storefronts") {
            AppError::Conflict(format!("A storefront with the code \"{code}\" already exists."))
        } else {
            e.into()
        }
    })?;
    sqlx::query("INSERT INTO storefront_billing (storefront_id) VALUES ($1)")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if form.wants_default() || existing == 0 {
        make_default(&mut tx, id).await?;
    }
    commit_edit(st, tx).await?;
    Ok(id)
}

/// Edits a storefront. Its currency is fixed once it has orders, and changes only while it
/// publishes no plans; the default moves here when asked, and cannot be simply switched off.
pub async fn update(st: &AppState, id: i64, form: &StorefrontForm) -> Result<()> {
    let v = validate(form)?;
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let (currency, was_default): (String, i64) =
        sqlx::query_as("SELECT currency, is_default FROM storefronts WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(AppError::NotFound)?;
    if currency != v.currency.as_str() {
        let (orders, plans): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM orders WHERE storefront_id = $1), (SELECT COUNT(*) FROM storefront_plans WHERE storefront_id = $1)",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        if orders > 0 {
            return Err(AppError::Conflict(format!(
                "This storefront has orders in {currency}; its currency cannot change."
            )));
        }
        if plans > 0 {
            return Err(AppError::Conflict(format!(
                "This storefront publishes plans in {currency}; withdraw them before changing its currency."
            )));
        }
    }
    if was_default == 1 && !form.wants_default() {
        return Err(AppError::Conflict(
            "One storefront is always the default; make another one the default instead.".into(),
        ));
    }
    sqlx::query("UPDATE storefronts SET name = $1, logo_url = $2, primary_color = $3, currency = $4, invoice_prefix = $5, language = $6, support_email = $7 WHERE id = $8")
        .bind(&v.name)
        .bind(&v.logo_url)
        .bind(&v.color)
        .bind(v.currency.as_str())
        .bind(&v.prefix)
        .bind(v.language.tag())
        .bind(&v.support_email)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if form.wants_default() {
        make_default(&mut tx, id).await?;
    }
    commit_edit(st, tx).await?;
    Ok(())
}

/// Publishes a plan on a storefront, or withdraws it. Only current plans in the storefront's
/// currency may be published.
pub async fn set_plan(
    st: &AppState,
    storefront_id: i64,
    plan_id: i64,
    publish: bool,
) -> Result<()> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let (currency,): (String,) = sqlx::query_as("SELECT currency FROM storefronts WHERE id = $1")
        .bind(storefront_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
    sqlx::query("DELETE FROM storefront_plans WHERE storefront_id = $1 AND plan_id = $2")
        .bind(storefront_id)
        .bind(plan_id)
        .execute(&mut *tx)
        .await?;
    if publish {
        let (plan_currency, status): (String, String) =
            sqlx::query_as("SELECT currency, status FROM plans WHERE id = $1")
                .bind(plan_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or_else(|| AppError::Invalid("There is no such plan.".into()))?;
        if plan_currency != currency {
            return Err(AppError::Invalid(format!(
                "This storefront sells in {currency}; the plan is priced in {plan_currency}."
            )));
        }
        if status == "retired" {
            return Err(AppError::Conflict(
                "A retired version cannot be published; publish the current version.".into(),
            ));
        }
        sqlx::query("INSERT INTO storefront_plans (storefront_id, plan_id) VALUES ($1, $2)")
            .bind(storefront_id)
            .bind(plan_id)
            .execute(&mut *tx)
            .await?;
    }
    commit_edit(st, tx).await?;
    Ok(())
}
