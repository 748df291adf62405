//! A free trial converted to a paid subscription from the portal, in one step: the admin
//! chooses the period and extra users and pays by card. The same instance goes on with its data:
//! no new provisioning. The conversion is an order of the existing workflow (an upgrade from the
//! free trial), claimed before anything is charged (one open change per tenant), so twenty
//! submissions at once charge once. Paid, the subscription's first period starts now and the
//! tenant and subscription move from trial to active in the transaction that records the
//! payment; declined, the trial goes on and the card is not kept.
use super::apply::{complete, failed, install_new_modules, set_tenant_plan};
use super::charge::{self, Bill};
use super::{insert_order, Current, NewChange};
use crate::backend::billing::cards;
use crate::backend::catalog::storefront_plans;
use crate::backend::db::begin;
use crate::backend::orders::record::add_months;
use crate::backend::orders::validate::{self, in_field};
use crate::backend::pricing::priced_plan;
use crate::backend::provisioning::TenantDb;
use crate::backend::state::AppState;
use crate::backend::tenants::lock as lock_tenant;
use crate::backend::{subscription_state, tenants};
use crate::domain::order_flow::{OrderKind, OrderStatus};
use crate::domain::pricing::{quote, Selection};
use crate::domain::tenant_state::TenantEvent;
use crate::domain::{Actor, SubscriptionEvent, SubscriptionState};
use crate::error::{AppError, Result};
use crate::wire::billing::CardForm;
use crate::wire::subscription::ConversionForm;

/// Converts tenant `tenant_id`'s trial as `form` says, paid by `by`; returns the order's token.
pub async fn convert(
    st: &AppState,
    tenant_id: i64,
    form: &ConversionForm,
    by: &str,
) -> Result<String> {
    let mut current = Current::load(st, tenant_id).await?;
    if current.status != SubscriptionState::Trial {
        return Err(AppError::Invalid(
            "Only a free trial can be converted: this subscription is already paid or ended."
                .into(),
        ));
    }
    let (code, months) = form
        .choice
        .rsplit_once(':')
        .and_then(|(code, m)| Some((code.trim(), m.trim().parse::<u32>().ok()?)))
        .ok_or_else(|| AppError::Invalid("Choose a plan and period.".into()).in_field("choice"))?;
    let plan = if code == current.plan.family() {
        current.plan.clone()
    } else {
        let storefront = current.storefront_id.ok_or(AppError::NotFound)?;
        storefront_plans::plan(&st.pool, storefront, code)
            .await
            .map_err(|_| {
                AppError::Invalid("This plan is not available.".into()).in_field("choice")
            })?
    };
    let extra =
        validate::number("Extra users", &form.extra_users, 0).map_err(in_field("extra_users"))?;
    let selection = Selection {
        period_months: months,
        addons: current.selection.addons.clone(),
        extra_resources: if extra > 0 {
            vec![("users".to_string(), extra)]
        } else {
            Vec::new()
        },
    };
    // A trial was ordered without billing details: they come with the conversion.
    let (country, address, vat_id) =
        validate::billing_details(&form.billing_country, &form.billing_address, &form.vat_id)?;
    let (company,): (String,) = sqlx::query_as("SELECT company FROM customers WHERE id = $1")
        .bind(current.customer_id)
        .fetch_one(&st.pool)
        .await?;
    current.bill_to = crate::backend::invoices::bill_to(&company, &address, &country);
    current.billing_country = country.clone();
    current.vat_id = vat_id.clone();
    // The card's fields are checked before anything is written.
    let card = CardForm {
        card_number: form.card_number.clone(),
        card_exp_month: form.card_exp_month.clone(),
        card_exp_year: form.card_exp_year.clone(),
        card_cvc: form.card_cvc.clone(),
    };
    validate::card(
        &card.card_number,
        &card.card_exp_month,
        &card.card_exp_year,
        &card.card_cvc,
        st.now().date_naive(),
    )?;
    let key = form.idempotency_key.trim();
    if key.is_empty() {
        return Err(AppError::Invalid(
            "The form is out of date: reload the page and try again.".into(),
        ));
    }
    let tax = current.tax(st).await?;
    let priced = priced_plan(&st.pool, &plan).await?;
    let quote = quote(&priced, &selection, tax.basis_points)
        .map_err(|e| AppError::from(e).in_field("choice"))?;
    if quote.total.minor == 0 {
        return Err(
            AppError::Invalid("Choose a paid plan: this one is free.".into()).in_field("choice"),
        );
    }
    let now = st.now();
    let actor = Actor::Customer(by.to_string());
    let key = format!("convert:{tenant_id}:{key}");

    // The claim: the order, written while the tenant is locked and still a trial.
    let mut tx = begin(&st.pool).await?;
    lock_tenant(&mut tx, tenant_id).await?;
    let (status,): (SubscriptionState,) =
        sqlx::query_as("SELECT status FROM subscriptions WHERE tenant_id = $1")
            .bind(tenant_id)
            .fetch_one(&mut *tx)
            .await?;
    if status != SubscriptionState::Trial {
        return Err(AppError::Invalid("This trial is converted already.".into()));
    }
    sqlx::query(
        "UPDATE customers SET billing_country = $1, billing_address = $2, vat_id = $3 WHERE id = $4",
    )
    .bind(&country)
    .bind(&address)
    .bind(vat_id.as_ref().map(|v| v.as_str().to_string()).unwrap_or_default())
    .bind(current.customer_id)
    .execute(&mut *tx)
    .await?;
    let (order_id, token) = insert_order(
        &mut tx,
        now,
        &NewChange {
            kind: OrderKind::Upgrade,
            idempotency_key: &key,
            current: &current,
            plan_id: plan.id,
            selection: &selection,
            total_minor: quote.total.minor,
            credit_minor: 0,
            currency: &current.plan.currency,
            actor: &actor,
            period_paid_minor: Some(quote.service_paid().minor),
            recurring_minor: Some(quote.first_period_recurring().minor),
        },
    )
    .await?;
    tx.commit().await?;

    // A new plan's modules are installed in the instance before anything is charged.
    if plan.id != current.plan.id {
        if let Some(db) = TenantDb::of_tenant(&st.pool, tenant_id).await? {
            if let Err(e) = install_new_modules(st, &db, plan.id).await {
                failed(st, order_id, &format!("installing modules failed: {e}")).await?;
                return Err(AppError::Internal);
            }
        }
    }
    // The card becomes the customer's default, then pays.
    let previous = cards::default_card(st, current.customer_id).await?;
    let card_id = cards::add(st, tenant_id, &card).await?;
    let end = add_months(now, i64::from(months));
    let bill = Bill {
        current: &current,
        quote: &quote,
        tax,
        period: (now, end),
        description: format!(
            "{} for {} ({months} months)",
            plan.name, current.instance_name
        ),
    };
    let taken = charge::take(st, &key, &bill).await?;
    let applied = Applied {
        tenant_id,
        order_id,
        plan_id: plan.id,
        selection: &selection,
        paid_minor: quote.service_paid().minor,
        recurring_minor: quote.first_period_recurring().minor,
        period: (now, end),
        actor: &actor,
    };
    // A write that fails inside (a deadlock, the database busy) is tried again: the charge is
    // taken and must be recorded. If it never is, the charge is given back and the order failed.
    let recorded = crate::backend::db::retrying("trial conversion", || {
        record_and_apply(st, &bill, &taken, &applied)
    })
    .await;
    let paid = match recorded {
        Ok(paid) => paid,
        Err(e) => {
            charge::give_back(st, &bill, &taken);
            let _ = failed(st, order_id, "the payment could not be recorded").await;
            return Err(e);
        }
    };
    if paid {
        return Ok(token);
    }
    cards::restore_default(st, current.customer_id, card_id, previous).await?;
    Err(AppError::Invalid(format!(
        "The card was declined ({}): your trial goes on. Try another card.",
        taken.declined().unwrap_or("no reason given")
    )))
}

/// What a paid conversion writes.
struct Applied<'a> {
    tenant_id: i64,
    order_id: i64,
    plan_id: i64,
    selection: &'a Selection,
    paid_minor: i64,
    /// What each period renews for, before tax.
    recurring_minor: i64,
    period: (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>),
    actor: &'a Actor,
}

/// Records the charge taken with the order's invoice and, when it paid, applies the conversion,
/// in one transaction that takes the tenant's lock first (the order the claim takes them in, so
/// the two never wait on each other). Returns whether it paid.
async fn record_and_apply(
    st: &AppState,
    bill: &Bill<'_>,
    taken: &charge::Taken,
    a: &Applied<'_>,
) -> Result<bool> {
    let now = a.period.0;
    let mut tx = begin(&st.pool).await?;
    lock_tenant(&mut tx, a.tenant_id).await?;
    let (status, _) = charge::record(&mut tx, now, a.order_id, bill, taken).await?;
    let paid = status == OrderStatus::Provisioning;
    if paid {
        let selection_json = serde_json::to_string(a.selection).unwrap_or_else(|_| "{}".into());
        sqlx::query(
            "UPDATE subscriptions SET plan_id = $6, selection_json = $1, period_start = $2, period_end = $3, \
             period_paid_minor = $4, period_paid_from = $2, recurring_minor = $7, trial_ends_at = NULL WHERE tenant_id = $5",
        )
        .bind(selection_json)
        .bind(crate::backend::db::ts(now))
        .bind(crate::backend::db::ts(a.period.1))
        .bind(a.paid_minor)
        .bind(a.tenant_id)
        .bind(a.plan_id)
        .bind(a.recurring_minor)
        .execute(&mut *tx)
        .await?;
        set_tenant_plan(&mut tx, a.tenant_id, a.plan_id).await?;
        let detail = format!(
            "converted to {} months from the portal",
            a.selection.period_months
        );
        subscription_state::apply(
            &mut tx,
            now,
            a.tenant_id,
            &SubscriptionEvent::Converted,
            a.actor,
            &detail,
        )
        .await?;
        tenants::apply(
            &mut tx,
            now,
            a.tenant_id,
            &TenantEvent::TrialConverted,
            a.actor,
            &detail,
        )
        .await?;
        complete(&mut tx, now, a.order_id).await?;
    }
    tx.commit().await?;
    Ok(paid)
}
