//! Plans as a whole: the list of versions, creating a draft, editing its terms, publishing,
//! unpublishing, retiring and deleting.
use sqlx::AnyPool;

use super::{editable, in_use, version_for_price_edit};
use crate::backend::db::is_unique_violation;
use crate::backend::state::AppState;
use crate::backend::storefront_cache::commit_edit;
use crate::domain::catalog::{
    check_description, parse_code, parse_count, parse_text, parse_trial_end_action,
};
use crate::domain::{Currency, Money, PlanStatus};
use crate::error::{AppError, Result};
use crate::wire::catalog::plans::{
    AdminPeriodView, AdminPlanView, Choice, NewPlanForm, PlanTermsForm,
};

/// Every plan, retired versions included, with how many subscriptions and orders use it.
pub async fn list(pool: &AnyPool) -> Result<Vec<AdminPlanView>> {
    let rows: Vec<(i64, String, String, i64, PlanStatus, String, i64)> = sqlx::query_as(
        "SELECT p.id, p.code, p.name, p.version, p.status, p.currency, \
         (SELECT COUNT(*) FROM subscriptions s WHERE s.plan_id = p.id AND s.status <> 'cancelled') \
         FROM plans p ORDER BY p.sort_order, p.code, p.version DESC",
    )
    .fetch_all(pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, code, name, version, status, currency, subscribers) in rows {
        let cur = Currency::parse(&currency)?;
        let periods: Vec<(i64, i64, i64, i64)> =
            sqlx::query_as("SELECT months, setup_fee_minor, recurring_fee_minor, renewal_fee_minor FROM plan_periods WHERE plan_id = $1 ORDER BY months")
                .bind(id)
                .fetch_all(pool)
                .await?;
        let money = |m: i64| Money::new(m, cur).to_decimal_string();
        out.push(AdminPlanView {
            id,
            code,
            name,
            version,
            status,
            currency,
            subscribers,
            periods: periods
                .into_iter()
                .map(|(months, s, r, n)| AdminPeriodView {
                    months,
                    setup: money(s),
                    recurring: money(r),
                    renewal: money(n),
                })
                .collect(),
        });
    }
    Ok(out)
}

/// Publishes, unpublishes (back to draft) or retires a plan. A retired plan stays for its
/// subscribers but is no longer sold.
pub async fn set_status(st: &AppState, plan_id: i64, status: PlanStatus) -> Result<()> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let (current,): (PlanStatus,) = sqlx::query_as("SELECT status FROM plans WHERE id = $1")
        .bind(plan_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
    if current == PlanStatus::Retired && status != PlanStatus::Retired {
        return Err(AppError::Conflict(
            "A retired version cannot be sold again; re-price the current version instead.".into(),
        ));
    }
    if status == PlanStatus::Published {
        let (periods, trial_days): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM plan_periods WHERE plan_id = $1), trial_days FROM plans WHERE id = $1",
        )
        .bind(plan_id)
        .fetch_one(&mut *tx)
        .await?;
        if periods == 0 && trial_days == 0 {
            return Err(AppError::Invalid(
                "A plan needs a priced period or a trial before it can be published.".into(),
            ));
        }
    }
    sqlx::query("UPDATE plans SET status = $1 WHERE id = $2")
        .bind(status)
        .bind(plan_id)
        .execute(&mut *tx)
        .await?;
    commit_edit(st, tx).await
}

/// Deletes a plan nobody ever ordered; one with orders or subscribers can only be retired.
pub async fn delete(st: &AppState, plan_id: i64) -> Result<()> {
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    if in_use(&mut tx, plan_id).await? {
        return Err(AppError::Conflict(
            "This plan has orders or subscribers; retire it instead of deleting it.".into(),
        ));
    }
    for table in [
        "plan_periods",
        "plan_resource_rates",
        "plan_addons",
        "storefront_plans",
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE plan_id = $1"))
            .bind(plan_id)
            .execute(&mut *tx)
            .await?;
    }
    let gone = sqlx::query("DELETE FROM plans WHERE id = $1")
        .bind(plan_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if gone == 0 {
        return Err(AppError::NotFound);
    }
    commit_edit(st, tx).await?;
    Ok(())
}

/// The longest trial a plan may offer.
const MAX_TRIAL_DAYS: i64 = 365;

/// Creates a plan as a draft with no periods yet; returns its id.
pub async fn create(st: &AppState, form: &NewPlanForm) -> Result<i64> {
    let code = parse_code(&form.code)?;
    let name = parse_text("Name", &form.name, 200)?;
    let currency = Currency::parse(form.currency.trim())?;
    let users = parse_count("Included users", form.included_users, 1)?;
    let trial_days = trial_days(form.trial_days)?;
    let end_action = parse_trial_end_action(&form.trial_end_action)?;
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let (product_id,): (i64,) = sqlx::query_as("SELECT id FROM products WHERE code = $1")
        .bind(form.product.trim())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| {
            AppError::Invalid(format!("There is no product \"{}\".", form.product.trim()))
        })?;
    let (sort,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(sort_order), 0) + 1 FROM plans")
        .fetch_one(&mut *tx)
        .await?;
    let inserted: std::result::Result<(i64,), sqlx::Error> = sqlx::query_as(
        "INSERT INTO plans (product_id, code, name, description, currency, trial_days, trial_end_action, included_users, demo_data, sort_order, version, status) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, 1, 'draft') RETURNING id",
    )
    .bind(product_id)
    .bind(&code)
    .bind(&name)
    .bind(form.description.trim())
    .bind(currency.as_str())
    .bind(trial_days)
    .bind(end_action)
    .bind(users)
    .bind(sort)
    .fetch_one(&mut *tx)
    .await;
    let (id,) = inserted.map_err(|e| {
        if is_unique_violation(&e, "plans") {
            AppError::Conflict(format!("A plan with the code \"{code}\" already exists."))
        } else {
            e.into()
        }
    })?;
    commit_edit(st, tx).await?;
    Ok(id)
}

fn trial_days(days: i64) -> Result<i64> {
    if (0..=MAX_TRIAL_DAYS).contains(&days) {
        Ok(days)
    } else {
        Err(AppError::Invalid(format!(
            "Trial days must be from 0 (no trial) to {MAX_TRIAL_DAYS}."
        )))
    }
}

/// Edits a version's name, description and terms. Name and description change in place; new
/// terms (included users, trial length, trial end action) on a version in use go to a new
/// version, as a price edit does. Returns the id now holding the edit.
pub async fn update_terms(st: &AppState, plan_id: i64, form: &PlanTermsForm) -> Result<i64> {
    let name = parse_text("Name", &form.name, 200)?;
    let users = parse_count("Included users", form.included_users, 1)?;
    let trial_days = trial_days(form.trial_days)?;
    let end_action = parse_trial_end_action(&form.trial_end_action)?;
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    editable(&mut tx, plan_id).await?;
    let (old_users, old_days, old_action): (i64, i64, String) = sqlx::query_as(
        "SELECT included_users, trial_days, trial_end_action FROM plans WHERE id = $1",
    )
    .bind(plan_id)
    .fetch_one(&mut *tx)
    .await?;
    let missing: Vec<(String, String)> = sqlx::query_as(
        "SELECT m.code, m.name FROM modules m WHERE m.id NOT IN \
         (SELECT tm.module_id FROM template_modules tm JOIN plans p ON p.template_id = tm.template_id WHERE p.id = $1) \
         ORDER BY m.name",
    )
    .bind(plan_id)
    .fetch_all(&mut *tx)
    .await?;
    check_description(&form.description, &missing)?;
    let terms_changed =
        (old_users, old_days, old_action.as_str()) != (users, trial_days, end_action);
    let target = if terms_changed {
        version_for_price_edit(&mut tx, plan_id).await?
    } else {
        plan_id
    };
    sqlx::query("UPDATE plans SET name = $1, description = $2, included_users = $3, trial_days = $4, trial_end_action = $5 WHERE id = $6")
        .bind(&name)
        .bind(form.description.trim())
        .bind(users)
        .bind(trial_days)
        .bind(end_action)
        .bind(target)
        .execute(&mut *tx)
        .await?;
    commit_edit(st, tx).await?;
    Ok(target)
}

/// Products a plan may belong to.
pub async fn products(pool: &AnyPool) -> Result<Vec<Choice>> {
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, code, name FROM products ORDER BY id")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, code, name)| Choice { id, code, name })
        .collect())
}
