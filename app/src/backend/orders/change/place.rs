//! The tenant admin's changes from the portal: a priced preview, then the order (upgrade,
//! downgrade or add-on) paid with the stored card; and the cancellation at the period's end.
use sqlx::Connection;

use super::charge::{self, Bill};
use super::{insert_order, Current, NewChange};
use crate::backend::catalog::PlanRow;
use crate::backend::orders::provision;
use crate::backend::pricing::{priced_plan, tax_rate};
use crate::backend::provisioning::TenantDb;
use crate::backend::state::AppState;
use crate::backend::storefronts;
use crate::domain::order_flow::{Actor, OrderKind, OrderStatus};
use crate::domain::pricing::{change_quote, ChangeQuote, Selection};
use crate::error::{AppError, Result};

/// What the tenant admin asks for: the plan (by code) and the whole new configuration.
#[derive(Debug, Clone, Default)]
pub struct ChangeRequest {
    /// Plan code; the current plan's code keeps the subscription on its version.
    pub plan: String,
    /// Add-ons as `(code, quantity)`.
    pub addons: Vec<(String, u32)>,
    /// Extra resource units as `(code, units)`.
    pub extra_resources: Vec<(String, u32)>,
    /// The total (minor units) the admin was shown, when confirming.
    pub expected_total: Option<i64>,
}

/// The priced change and what it is built from.
struct Priced {
    current: Current,
    plan: PlanRow,
    selection: Selection,
    quote: ChangeQuote,
    tax_bp: u32,
}

async fn price(st: &AppState, tenant_id: i64, req: &ChangeRequest) -> Result<Priced> {
    let current = Current::load(st, tenant_id).await?;
    if current.status != "active" {
        return Err(AppError::Invalid(
            "Only an active paid subscription can be changed.".into(),
        ));
    }
    if current.cancel_at_period_end {
        return Err(AppError::Invalid(
            "This subscription is cancelled at the end of its period; it cannot change.".into(),
        ));
    }
    let code = req.plan.trim();
    let plan = if code.is_empty() || code == current.plan.family() {
        current.plan.clone()
    } else {
        let storefront = current.storefront_id.ok_or(AppError::NotFound)?;
        storefronts::plan(&st.pool, storefront, code)
            .await
            .map_err(|_| AppError::Invalid("This plan is not available.".into()))?
    };
    let selection = Selection {
        period_months: current.selection.period_months,
        addons: req.addons.clone(),
        extra_resources: req.extra_resources.clone(),
    };
    let old = priced_plan(&st.pool, &current.plan).await?;
    let new = priced_plan(&st.pool, &plan).await?;
    let tax_bp = tax_rate(&st.pool, &current.billing_country).await?;
    let quote = change_quote(
        (&old, &current.selection),
        (&new, &selection),
        current.position(st.now()),
        tax_bp,
    )?;
    Ok(Priced {
        current,
        plan,
        selection,
        quote,
        tax_bp,
    })
}

/// Prices a change without ordering it.
pub async fn preview_change(
    st: &AppState,
    tenant_id: i64,
    req: &ChangeRequest,
) -> Result<ChangeQuote> {
    Ok(price(st, tenant_id, req).await?.quote)
}

/// Orders a change; the same idempotency key returns the first order's token. A charge is made
/// on the stored card (a decline is an error and nothing changes); without a card the order
/// waits for a bank transfer.
pub async fn place_change(
    st: &AppState,
    tenant_id: i64,
    req: &ChangeRequest,
    key: &str,
    admin_email: &str,
) -> Result<String> {
    if let Some(token) = replayed(st, tenant_id, key).await? {
        return Ok(token);
    }
    let p = price(st, tenant_id, req).await?;
    if let Some(expected) = req.expected_total {
        if expected != p.quote.total.minor {
            return Err(AppError::Invalid(format!(
                "The price of this change is now {}; check it and confirm again.",
                p.quote.total
            )));
        }
    }
    check_licence(st, &p).await?;
    let now = st.now();
    let actor = Actor::Customer(admin_email.to_string());
    let total = p.quote.total.minor;
    let change = NewChange {
        kind: p.quote.kind,
        idempotency_key: key,
        current: &p.current,
        plan_id: p.plan.id,
        selection: &p.selection,
        total_minor: total.max(0),
        // Credit is kept before tax; the renewal it lowers is taxed on what remains.
        credit_minor: (-p.quote.subtotal.minor).max(0),
        currency: p.quote.total.currency.as_str(),
        actor: &actor,
    };
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let (order_id, token) = insert_order(&mut tx, now, &change).await?;
    tx.commit().await?;
    let status = match p.quote.invoice_quote() {
        Some(quote) => {
            let bill = Bill {
                order_id,
                current: &p.current,
                quote: &quote,
                tax_bp: p.tax_bp,
                description: format!("{} of {}", p.quote.kind.label(), p.current.instance_name),
            };
            let paid = charge::pay(st, now, bill).await?;
            if let Some(message) = paid.declined {
                void_invoice(st, order_id).await?;
                return Err(AppError::Invalid(format!(
                    "{message} Nothing was changed; update your card or try again."
                )));
            }
            paid.status
        }
        None => {
            charge::nothing_to_pay(st, now, order_id).await?;
            OrderStatus::Provisioning
        }
    };
    if status == OrderStatus::Provisioning {
        provision::start(st, order_id);
    }
    Ok(token)
}

/// Orders the end of the subscription at the end of its current period.
pub async fn cancel(st: &AppState, tenant_id: i64, key: &str, admin_email: &str) -> Result<String> {
    if let Some(token) = replayed(st, tenant_id, key).await? {
        return Ok(token);
    }
    let current = Current::load(st, tenant_id).await?;
    if current.status != "active" || current.cancel_at_period_end {
        return Err(AppError::Invalid(
            "Only an active subscription that is not already ending can be cancelled.".into(),
        ));
    }
    let now = st.now();
    let actor = Actor::Customer(admin_email.to_string());
    let change = NewChange {
        kind: OrderKind::Cancellation,
        idempotency_key: key,
        current: &current,
        plan_id: current.plan.id,
        selection: &current.selection,
        total_minor: 0,
        credit_minor: 0,
        currency: &current.plan.currency,
        actor: &actor,
    };
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let (order_id, token) = insert_order(&mut tx, now, &change).await?;
    tx.commit().await?;
    charge::nothing_to_pay(st, now, order_id).await?;
    provision::start(st, order_id);
    Ok(token)
}

async fn replayed(st: &AppState, tenant_id: i64, key: &str) -> Result<Option<String>> {
    let key = key.trim();
    if key.is_empty() || key.len() > 100 {
        return Err(AppError::Invalid(
            "The form has expired; please reload the page and submit it again.".into(),
        ));
    }
    let row: Option<(String, Option<i64>)> =
        sqlx::query_as("SELECT public_token, tenant_id FROM orders WHERE idempotency_key = $1")
            .bind(key)
            .fetch_optional(&st.pool)
            .await?;
    match row {
        None => Ok(None),
        Some((token, Some(t))) if t == tenant_id => Ok(Some(token)),
        Some(_) => Err(AppError::Conflict(
            "This form was already used for another order; please reload the page.".into(),
        )),
    }
}

/// A smaller licence must still hold the instance's users.
async fn check_licence(st: &AppState, p: &Priced) -> Result<()> {
    let extra = p
        .selection
        .extra_resources
        .iter()
        .find(|(code, _)| code == "users")
        .map_or(0, |(_, n)| i64::from(*n));
    let licence = p.plan.included_users + extra;
    let Some(db) = TenantDb::of_tenant(&st.pool, p.current.tenant_id).await? else {
        return Ok(());
    };
    let mut conn = db.connect(&st.config).await?;
    let (users,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(&mut conn)
        .await?;
    conn.close().await?;
    if users > licence {
        return Err(AppError::Invalid(format!(
            "Your instance has {users} users; this choice allows {licence}. Remove users first."
        )));
    }
    Ok(())
}

async fn void_invoice(st: &AppState, order_id: i64) -> Result<()> {
    sqlx::query("UPDATE invoices SET status = 'void' WHERE order_id = $1 AND status = 'open'")
        .bind(order_id)
        .execute(&st.pool)
        .await?;
    Ok(())
}
