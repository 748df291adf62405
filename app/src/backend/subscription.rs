//! The portal's subscription page on the server: who may see it, what it shows, and the form's
//! fields turned into a change request.
use super::catalog::plan_by_id;
use super::db::show_day;
use super::orders::change::{self, ChangeRequest, Current};
use super::orders::form_count;
use super::pricing::priced_plan;
use super::state::AppState;
use super::{context, portal};
use crate::domain::order_flow::{OrderKind, OrderStatus};
use crate::domain::pricing::renewal_quote;
use crate::domain::{Currency, Money, Role, SubscriptionState};
use crate::error::{AppError, Result};
use crate::wire::subscription::{
    ChangeForm, ChangeOrderView, ChangePreview, InvoiceLink, PeriodChoice, PlanChoice,
    SubscriptionView,
};

/// The state, the tenant of this instance host, and the email of its logged-in admin or
/// billing contact (the subscription is a billing page).
pub async fn admin() -> Result<(AppState, i64, String)> {
    let (st, tenant_id, user) = portal::member(&Role::BILLING).await?;
    Ok((st, tenant_id, user.email))
}

/// What the next renewal will cost, tax included (none for a subscription that does not renew).
pub async fn renewal_total(st: &AppState, current: &Current) -> Result<Option<Money>> {
    if current.selection.period_months == 0 {
        return Ok(None);
    }
    let priced = priced_plan(&st.pool, &current.plan).await?;
    let tax = current.tax(st).await?;
    let q = renewal_quote(&priced, &current.selection, tax.basis_points)?;
    // As the renewal will compute it, with a coupon still running.
    let q = match super::coupons::for_renewal(&st.pool, current.tenant_id).await? {
        Some(c) => c
            .coupon
            .apply_to_renewal(q, c.periods_left, tax.basis_points)?,
        None => q,
    };
    Ok(Some(q.total))
}

/// The form's fields as a change request; a bad number is a clear error.
pub fn request(form: &ChangeForm) -> Result<ChangeRequest> {
    let number = |label: &str, raw: &str| form_count(label, raw, 0);
    let extra = number("Extra users", &form.extra_users)?;
    let mut addons = Vec::new();
    for (code, qty) in &form.addons {
        let qty = number("An add-on's quantity", qty)?;
        if qty > 0 {
            addons.push((code.clone(), qty));
        }
    }
    let expected_total = match form.expected_total.trim() {
        "" => None,
        raw => Some(
            raw.parse::<i64>()
                .map_err(|_| AppError::Invalid("The confirmed total is not a number.".into()))?,
        ),
    };
    Ok(ChangeRequest {
        plan: form.plan.trim().to_string(),
        addons,
        extra_resources: if extra > 0 {
            vec![("users".into(), extra)]
        } else {
            Vec::new()
        },
        expected_total,
        coupon: form.coupon.trim().to_string(),
        locale: context::request_locale(),
    })
}

/// The fields a plain form post gets back after an error (never a secret: there is none here).
pub fn back_fields(form: &ChangeForm) -> Vec<(String, String)> {
    let mut fields = vec![
        ("form[plan]".to_string(), form.plan.clone()),
        ("form[extra_users]".to_string(), form.extra_users.clone()),
        ("form[coupon]".to_string(), form.coupon.clone()),
    ];
    for (code, qty) in &form.addons {
        fields.push((format!("form[addons][{code}]"), qty.clone()));
    }
    fields
}

/// Prices the change the form describes.
pub async fn preview(st: &AppState, tenant_id: i64, form: &ChangeForm) -> Result<ChangePreview> {
    let q = change::preview_change(st, tenant_id, &request(form)?).await?;
    Ok(ChangePreview {
        kind: q.kind.label().into(),
        lines: q.lines,
        total_minor: q.total.minor,
        total: q.total.to_string(),
        renewal: q.renewal.total.to_string(),
    })
}

/// Orders the change the form describes.
pub async fn change(
    st: &AppState,
    tenant_id: i64,
    form: &ChangeForm,
    email: &str,
) -> Result<String> {
    let req = request(form)?;
    if req.expected_total.is_none() {
        return Err(AppError::Invalid(
            "Preview the change and confirm its price first.".into(),
        ));
    }
    change::place_change(st, tenant_id, &req, &form.idempotency_key, email).await
}

/// Everything the subscription page shows.
pub async fn view(st: &AppState, tenant_id: i64) -> Result<SubscriptionView> {
    let current = Current::load(st, tenant_id).await?;
    let currency = Currency::parse(&current.plan.currency)?;
    let renewal_price = renewal_total(st, &current)
        .await?
        .map(|m| m.to_string())
        .unwrap_or_default();
    let card = change::stored_card(st, current.customer_id).await?;
    let credit = change::credit_balance(st, current.customer_id).await?;
    let extra_users = current
        .selection
        .extra_resources
        .iter()
        .find(|(c, _)| c == "users")
        .map_or(0, |(_, n)| *n);
    Ok(SubscriptionView {
        plan_name: current.plan.name.clone(),
        plan_code: current.plan.family().to_string(),
        status: current.status,
        period_start: current.period_start.format("%Y-%m-%d").to_string(),
        period_end: current.period_end.format("%Y-%m-%d").to_string(),
        period_months: current.selection.period_months,
        renewal_price,
        ending: current.cancel_at_period_end,
        payment_method: card.map_or_else(|| "Bank transfer".to_string(), |m| m.label()),
        credit: Money::new(credit, currency).to_string(),
        extra_users,
        addons: current.selection.addons.clone(),
        plans: plan_choices(st, &current).await?,
        orders: orders(st, tenant_id).await?,
        invoices: invoices(st, tenant_id).await?,
        trial: trial_offer(st, &current).await?,
    })
}

/// For a free trial: its end and the paid plans and periods it can be converted to, priced
/// (its own plan's first, then the storefront's others in its currency).
async fn trial_offer(
    st: &AppState,
    current: &Current,
) -> Result<Option<(String, Vec<PeriodChoice>)>> {
    if current.status != SubscriptionState::Trial {
        return Ok(None);
    }
    let (ends,): (Option<String>,) =
        sqlx::query_as("SELECT trial_ends_at FROM subscriptions WHERE tenant_id = $1")
            .bind(current.tenant_id)
            .fetch_one(&st.pool)
            .await?;
    let mut plans = vec![current.plan.clone()];
    if let Some(sf) = current.storefront_id {
        for p in crate::backend::catalog::storefront_plans::plans(&st.pool, sf).await? {
            if p.id != current.plan.id && p.currency == current.plan.currency {
                plans.push(p);
            }
        }
    }
    let mut choices = Vec::new();
    for plan in plans {
        let priced = priced_plan(&st.pool, &plan).await?;
        for p in priced.periods.iter().filter(|p| p.recurring_fee.minor > 0) {
            let Ok(first) = p.setup_fee.checked_add(&p.recurring_fee) else {
                continue;
            };
            choices.push(PeriodChoice {
                plan: plan.family().to_string(),
                plan_name: plan.name.clone(),
                months: p.period_months,
                first_minor: first.minor,
                currency: first.currency.as_str().to_string(),
            });
        }
    }
    Ok(Some((
        ends.map(|e| show_day(&e)).unwrap_or_default(),
        choices,
    )))
}

/// The current plan first, then the storefront's other plans in the same currency.
async fn plan_choices(st: &AppState, current: &Current) -> Result<Vec<PlanChoice>> {
    let mut ids = vec![current.plan.id];
    if let Some(sf) = current.storefront_id {
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT p.id FROM plans p JOIN storefront_plans sp ON sp.plan_id = p.id \
             WHERE sp.storefront_id = $1 AND p.status = 'published' AND p.currency = $2 AND p.id <> $3 ORDER BY p.sort_order, p.id",
        )
        .bind(sf)
        .bind(&current.plan.currency)
        .bind(current.plan.id)
        .fetch_all(&st.pool)
        .await?;
        ids.extend(rows.into_iter().map(|r| r.0));
    }
    let mut plans = Vec::new();
    for id in ids {
        let plan = plan_by_id(&st.pool, id).await?;
        let priced = priced_plan(&st.pool, &plan).await?;
        let sells_period = priced
            .periods
            .iter()
            .any(|p| p.period_months == current.selection.period_months);
        if !sells_period {
            continue;
        }
        plans.push(PlanChoice {
            code: plan.family().to_string(),
            name: plan.name.clone(),
            addons: priced
                .addons
                .iter()
                .filter(|a| a.max_quantity > 0)
                .map(|a| (a.code.clone(), a.name.clone()))
                .collect(),
        });
    }
    Ok(plans)
}

/// The tenant's invoices (its first order's and every change's), newest first.
async fn invoices(st: &AppState, tenant_id: i64) -> Result<Vec<InvoiceLink>> {
    let rows: Vec<(String, String, i64, String, String, String)> = sqlx::query_as(
        "SELECT i.number, i.issued_at, i.total_minor, i.currency, i.status, o.public_token \
         FROM invoices i JOIN orders o ON o.id = i.order_id WHERE o.tenant_id = $1 \
         ORDER BY i.id DESC LIMIT 50",
    )
    .bind(tenant_id)
    .fetch_all(&st.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(number, issued, total_minor, currency, status, token)| InvoiceLink {
                number,
                issued: show_day(&issued),
                total_minor,
                currency,
                paid: status == "paid",
                url: format!("{}/orders/{token}/invoice", st.config.storefront_url()),
            },
        )
        .collect())
}

async fn orders(st: &AppState, tenant_id: i64) -> Result<Vec<ChangeOrderView>> {
    let rows: Vec<(String, OrderKind, OrderStatus, i64, String, String)> = sqlx::query_as(
        "SELECT public_token, kind, status, total_minor, currency, created_at FROM orders \
         WHERE tenant_id = $1 AND kind <> 'new_sale' ORDER BY id DESC LIMIT 20",
    )
    .bind(tenant_id)
    .fetch_all(&st.pool)
    .await?;
    rows.into_iter()
        .map(|(token, kind, status, total, currency, placed)| {
            Ok(ChangeOrderView {
                token,
                kind: kind.label().into(),
                status,
                total: Money::new(total, Currency::parse(&currency)?).to_string(),
                placed: show_day(&placed),
            })
        })
        .collect()
}
