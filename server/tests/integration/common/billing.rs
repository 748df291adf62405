//! Helpers of the billing tests: a stored card that starts declining, waiting for the sweep, and
//! a page's HTML.
use reqwest::Client;

use super::TestApp;

/// Every stored card now answers as the test card `behaviour` (the suffix of its token: `ok`,
/// `nsf` for insufficient funds, `fraud` for a stolen card).
pub async fn card_becomes(app: &TestApp, behaviour: &str) {
    let tokens: Vec<(i64, String)> = sqlx::query_as("SELECT id, token FROM payment_methods")
        .fetch_all(&app.pool)
        .await
        .expect("cards");
    for (id, token) in tokens {
        let base = token.rsplit_once('_').map_or(token.as_str(), |(b, _)| b);
        sqlx::query("UPDATE payment_methods SET token = $1 WHERE id = $2")
            .bind(format!("{base}_{behaviour}"))
            .bind(id)
            .execute(&app.pool)
            .await
            .expect("card changed");
    }
}

/// Waits (up to 10 s) until `sql` counts `n`: the sweep works in the background.
pub async fn until_count(app: &TestApp, sql: &str, n: i64) {
    for _ in 0..500 {
        if app.count(sql).await == n {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("never {n}: {sql} (is {})", app.count(sql).await);
}

/// Waits (up to 10 s) for the sweep to complete `n` renewals.
pub async fn until_renewed(app: &TestApp, n: i64) {
    for _ in 0..500 {
        if app
            .count("SELECT COUNT(*) FROM orders WHERE kind = 'renewal' AND status = 'completed'")
            .await
            >= n
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("no renewal");
}

/// A page's HTML as `client` sees it on `instance`'s host (the storefront's for none).
pub async fn html(app: &TestApp, client: &Client, instance: Option<&str>, path: &str) -> String {
    client
        .get(app.url(instance, path))
        .header(reqwest::header::ACCEPT, "text/html")
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html")
}

/// The operator approves order `order_id` (a bank transfer received), logged in afresh: a
/// session does not outlive a year the clock moves on.
pub async fn approve(app: &TestApp, order_id: i64) {
    let (operator, _) =
        super::login(app, None, super::OPERATOR_EMAIL, super::OPERATOR_PASSWORD).await;
    app.call::<()>(
        &operator,
        None,
        super::path_of::<app::api::orders::queue::ApproveOrder>(),
        &[("order_id", &order_id.to_string())],
    )
    .await
    .body
    .expect("approved");
}

/// Places the order `form` on the storefront; it must be accepted.
pub async fn place(app: &TestApp, form: &[(&str, &str)]) {
    app.call::<String>(
        &app.client(None),
        None,
        super::path_of::<app::api::orders::PlaceOrder>(),
        form,
    )
    .await
    .body
    .expect("the order is accepted");
}

/// A paid ERP Business subscription of `acme` (12 months, a Visa that pays), set up; returns
/// its tenant's id.
pub async fn subscribed(app: &TestApp) -> i64 {
    let form = super::paid_form("acme", "k-new", &[]);
    place(app, &form).await;
    app.settle().await;
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM tenants WHERE name = 'acme'")
        .fetch_one(&app.pool)
        .await
        .expect("tenant");
    id
}

/// A second paid tenant, "beta", whose admin is bea@beta.example (password [`super::PASSWORD`]).
pub async fn second_tenant(app: &TestApp) {
    let form = super::paid_form("beta", "k-beta", &[("form[email]", "bea@beta.example")]);
    place(app, &form).await;
    app.settle().await;
}

/// The same subscription paid by bank transfer, its first order approved by the operator.
pub async fn subscribed_by_transfer(app: &TestApp) {
    let form = super::paid_form("acme", "k-bt", &[("form[payment_method]", "bank_transfer")]);
    place(app, &form).await;
    approve(app, 1).await;
}

/// The HTTP status the operator's dashboard answers `client` with (401 once its session ended).
pub async fn dashboard_status(app: &TestApp, client: &Client) -> reqwest::StatusCode {
    app.call::<serde_json::Value>(
        client,
        None,
        super::path_of::<app::api::dashboard::OperatorDashboard>(),
        &[],
    )
    .await
    .status
}

/// The operator's dashboard with `query` (e.g. `[("months", "3")]`), logged in afresh.
pub async fn dashboard(
    app: &TestApp,
    query: &[(&str, &str)],
) -> app::api::dashboard::DashboardView {
    let (operator, _) =
        super::login(app, None, super::OPERATOR_EMAIL, super::OPERATOR_PASSWORD).await;
    app.call(
        &operator,
        None,
        super::path_of::<app::api::dashboard::OperatorDashboard>(),
        query,
    )
    .await
    .body
    .expect("dashboard")
}
