//! The operator's dashboard, read in one go: revenue from the monthly MRR sums, tenants now and
//! over time, trial cohorts, billing, the action list and the charts.
use crate::backend::db::ts;
use crate::backend::mrr::fold;
use crate::backend::state::AppState;
use crate::domain::format::moment;
use crate::domain::mrr::Month;
use crate::error::{AppError, Result};
use crate::i18n::Locale;
use crate::wire::dashboard::{DashboardView, PERIODS};

pub mod actions;
pub mod billing;
pub mod charts;
pub mod history;
pub mod reporting;
pub mod revenue;
pub mod tenants;

/// Tenants listed on the dashboard (the tenants page has them all).
const NEWEST: i64 = 20;
/// Events in the feed.
const FEED: i64 = 30;

/// Checks a period selector: 3, 12 or 24 months.
pub fn period(months: Option<u32>) -> Result<u32> {
    let months = months.unwrap_or(12);
    if PERIODS.contains(&months) {
        Ok(months)
    } else {
        Err(AppError::Invalid(format!("Show 3, 12 or 24 months, not {months}.")).in_field("months"))
    }
}

/// Everything the dashboard shows over the last `months` months (checked by [`period`]).
pub async fn load(st: &AppState, months: u32) -> Result<DashboardView> {
    let now = st.now();
    let span = Month::of(now).last(usize::try_from(months).unwrap_or(12));
    let sums = fold::read(&st.pool).await?;
    let revenue = revenue::per_currency(&sums, &span);
    let reporting = reporting::total(st, &revenue, &span, now).await?;
    let tenant_months = history::tenant_months(&sums, &span);
    let trials = history::trial_cohorts(&sums, &span);
    let counts = tenants::counts(st, &sums).await?;
    let billing = billing::summary(st, now).await?;
    let actions = actions::needed(st, &ts(now)).await?;
    let mut charts = Vec::new();
    if let Some(main) = revenue.first() {
        charts.extend(charts::mrr(main));
        charts.extend(charts::movements(main));
    }
    charts.extend(charts::tenants(&tenant_months));
    charts.extend(charts::trials(&trials));
    let (health, utilization) = st.live.fleet(st).await?;
    Ok(DashboardView {
        months,
        as_of: moment(now, Locale::En),
        live_tenants: counts.live,
        by_state: counts.by_state,
        awaiting_payment: counts.awaiting_payment,
        awaiting_approval: counts.awaiting_approval,
        revenue,
        reporting,
        trials,
        tenant_months,
        billing,
        actions,
        charts,
        tenants: tenants::newest(st, NEWEST).await?,
        feed: crate::backend::live::feed::latest(st, FEED).await?,
        health,
        utilization,
    })
}
