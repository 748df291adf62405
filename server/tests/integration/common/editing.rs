//! Calls the catalog editors' tests share.
use app::api::catalog::plan_editor::AdminPlan;
use app::wire::catalog::plans::AdminPlanDetail;
use reqwest::Client;

use super::{path_of, TestApp};

/// Calls a server function and answers only its HTTP status.
pub async fn status<T: serde::de::DeserializeOwned>(
    app: &TestApp,
    client: &Client,
    path: &str,
    form: &[(&str, &str)],
) -> u16 {
    app.call::<T>(client, None, path, form)
        .await
        .status
        .as_u16()
}

/// Everything the plan editor shows about one version.
pub async fn detail(app: &TestApp, op: &Client, id: i64) -> AdminPlanDetail {
    let id = id.to_string();
    app.call(op, None, path_of::<AdminPlan>(), &[("plan_id", &id)])
        .await
        .body
        .expect("plan detail")
}

/// The id of the plan version sold under `code`.
pub async fn plan_id(app: &TestApp, code: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM plans WHERE code = $1")
        .bind(code)
        .fetch_one(&app.pool)
        .await
        .expect("plan");
    id
}

/// Calls an editor function; answers the HTTP status and, on success, the version now sold.
pub async fn edit<F: leptos::server_fn::ServerFn>(
    app: &TestApp,
    op: &Client,
    form: &[(&str, &str)],
) -> (u16, Option<i64>) {
    let reply = app.call::<i64>(op, None, path_of::<F>(), form).await;
    (reply.status.as_u16(), reply.body.ok())
}
