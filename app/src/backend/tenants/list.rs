//! The operator's tenant list: search by instance name, company or email; filter by state and
//! plan; 50 a page, newest first.
use crate::backend::db::parse_ts;
use crate::backend::state::AppState;
use crate::components::pager::{pages_for, PAGE_SIZE};
use crate::domain::format::{moment, money_of};
use crate::domain::health::HealthLevel;
use crate::domain::TenantState;
use crate::error::{AppError, Result};
use crate::i18n::Locale;
use crate::wire::tenants::{TenantListRow, TenantListView};

/// The longest search accepted.
const MAX_QUERY: usize = 100;

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Part of the instance name, company or email (any case).
    pub query: String,
    pub state: Option<TenantState>,
    /// A plan's name.
    pub plan: Option<String>,
    /// The health level of the last check.
    pub health: Option<HealthLevel>,
}

impl Filter {
    /// Reads the filter from a form's text, with a clear error for what is not understood.
    pub fn parse(query: &str, state: &str, plan: &str, health: &str) -> Result<Filter> {
        let query = query.trim();
        if query.chars().count() > MAX_QUERY {
            return Err(
                AppError::Invalid(format!("Search for at most {MAX_QUERY} characters."))
                    .in_field("q"),
            );
        }
        let state = match state.trim() {
            "" => None,
            s => Some(s.parse::<TenantState>().map_err(|_| {
                AppError::Invalid(format!("\"{s}\" is not a tenant state.")).in_field("state")
            })?),
        };
        let plan = Some(plan.trim().to_string()).filter(|p| !p.is_empty());
        let health = match health.trim() {
            "" => None,
            h => Some(h.parse::<HealthLevel>().map_err(|_| {
                AppError::Invalid(format!("\"{h}\" is not a health level.")).in_field("health")
            })?),
        };
        Ok(Filter {
            query: query.to_string(),
            state,
            plan,
            health,
        })
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    name: String,
    company: String,
    email: String,
    plan_name: String,
    state: TenantState,
    mrr_minor: Option<i64>,
    currency: String,
    created_at: String,
}

fn escape_like(s: &str) -> String {
    s.to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Page `page` (1-based) of the tenants matching `filter`.
pub async fn list(st: &AppState, filter: &Filter, page: u32) -> Result<TenantListView> {
    let pattern = format!("%{}%", escape_like(&filter.query));
    let state = filter
        .state
        .map(|s| s.as_str().to_string())
        .unwrap_or_default();
    let plan = filter.plan.clone().unwrap_or_default();
    let health = filter
        .health
        .map(|h| h.as_str().to_string())
        .unwrap_or_default();
    let escape = "ESCAPE '\\'";
    let filter_sql = format!(
        "FROM tenants t JOIN customers c ON c.id = t.customer_id JOIN plans p ON p.id = t.plan_id \
         LEFT JOIN subscriptions s ON s.tenant_id = t.id \
         WHERE ($1 = '%%' OR lower(t.name) LIKE $1 {escape} OR lower(c.company) LIKE $1 {escape} OR lower(c.email) LIKE $1 {escape}) \
         AND ($2 = '' OR t.state = $2) AND ($3 = '' OR p.name = $3) AND ($4 = '' OR t.health_level = $4)"
    );
    let (total,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) {filter_sql}"))
        .bind(&pattern)
        .bind(&state)
        .bind(&plan)
        .bind(&health)
        .fetch_one(&st.pool)
        .await?;
    let pages = pages_for(total);
    let page = page.clamp(1, pages);
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT t.id, t.name, c.company, c.email, p.name AS plan_name, t.state, s.mrr_minor, p.currency, t.created_at \
         {filter_sql} ORDER BY t.id DESC LIMIT {PAGE_SIZE} OFFSET {}",
        i64::from(page - 1) * PAGE_SIZE
    ))
    .bind(&pattern)
    .bind(&state)
    .bind(&plan)
    .bind(&health)
    .fetch_all(&st.pool)
    .await?;
    let plans: Vec<(String,)> = sqlx::query_as("SELECT DISTINCT name FROM plans ORDER BY name")
        .fetch_all(&st.pool)
        .await?;
    Ok(TenantListView {
        rows: rows
            .into_iter()
            .map(|r| TenantListRow {
                id: r.id,
                url: st.config.instance_url(&r.name),
                mrr: r
                    .mrr_minor
                    .filter(|m| *m > 0)
                    .map(|m| money_of(m, &r.currency, Locale::En))
                    .unwrap_or_default(),
                created_at: parse_ts(&r.created_at)
                    .map_or(r.created_at.clone(), |t| moment(t, Locale::En)),
                name: r.name,
                company: r.company,
                email: r.email,
                plan_name: r.plan_name,
                state: r.state,
            })
            .collect(),
        total,
        page,
        pages,
        plans: plans.into_iter().map(|(p,)| p).collect(),
    })
}
