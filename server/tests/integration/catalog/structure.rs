//! Shared steps of the catalog structure's tests on both engines: modules, verticals, products, resources and service
//! templates are created, edited, published and guarded; provisioning follows the plan's template.

use crate::common::*;
use app::api::catalog::parts::ListParts;
use app::api::catalog::products::ListProducts;
use app::api::catalog::templates::TemplateDetail;
use app::error::AppError;
use app::wire::catalog::parts::PartView;
use app::wire::catalog::products::ProductsView;
use app::wire::catalog::templates::TemplateView;
use reqwest::Client;

/// Posts a server function that answers nothing; returns the status and the error, if any.
pub async fn post<F: leptos::server_fn::ServerFn>(
    app: &TestApp,
    client: &Client,
    form: &[(&str, &str)],
) -> (u16, Option<AppError>) {
    let reply = app.call::<()>(client, None, path_of::<F>(), form).await;
    (reply.status.as_u16(), reply.body.err())
}

pub fn message(e: Option<AppError>) -> String {
    e.map(|e| e.to_string()).unwrap_or_default()
}

pub async fn operator(app: &TestApp) -> Client {
    let (client, reply) = login(app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    reply.body.expect("operator logs in");
    client
}

pub async fn parts(app: &TestApp, client: &Client, kind: &str) -> Vec<PartView> {
    app.call(client, None, path_of::<ListParts>(), &[("kind", kind)])
        .await
        .body
        .expect("parts")
}

pub async fn products(app: &TestApp, client: &Client) -> ProductsView {
    app.call(client, None, path_of::<ListProducts>(), &[])
        .await
        .body
        .expect("products")
}

pub async fn template(app: &TestApp, client: &Client, code: &str) -> TemplateView {
    app.call(
        client,
        None,
        path_of::<TemplateDetail>(),
        &[("template", code)],
    )
    .await
    .body
    .expect("template")
}
