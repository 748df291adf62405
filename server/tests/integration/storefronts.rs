//! Several storefronts on both engines: their own plans, currency and invoice numbers.

use crate::common::*;
use app::api::orders::PlaceOrder;
use app::backend::db::Engine;
use app::error::AppError;

fn form<'a>(
    storefront: &'a str,
    plan: &'a str,
    instance: &'a str,
    country: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let overrides = [
        ("form[storefront]", storefront),
        ("form[plan]", plan),
        ("form[period_months]", "1"),
        ("form[billing_country]", country),
        ("form[card_number]", "5555555555554444"),
    ];
    paid_form(instance, instance, &overrides)
}

async fn html(app: &TestApp, path: &str) -> String {
    app.client(None)
        .get(app.url(None, path))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("html")
}

async fn place(app: &TestApp, f: Vec<(&str, &str)>) -> Reply<String> {
    app.call::<String>(&app.client(None), None, path_of::<PlaceOrder>(), &f)
        .await
}

async fn each_storefront_sells_its_own_plans_in_its_currency(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let main = html(&app, "/").await;
    let us = html(&app, "/s/us").await;
    assert!(main.contains("ERP Free Trial") && !main.contains("Helpdesk Team (US)"));
    assert!(
        us.contains("Helpdesk Team (US)")
            && !us.contains("ERP Free Trial")
            && us.contains("Prices in USD")
    );
    assert!(us.contains("--accent: #237032"), "the storefront's colour");

    place(&app, form("us", "helpdesk-team-us", "acme-us", "US"))
        .await
        .body
        .expect("US order");
    place(&app, form("", "erp-business", "acme-eu", "FR"))
        .await
        .body
        .expect("EU order");
    let invoices: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT number, currency, tax_minor FROM invoices ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .expect("invoices");
    assert_eq!(invoices[0], ("US-000001".to_string(), "USD".to_string(), 0));
    assert_eq!(
        (invoices[1].0.as_str(), invoices[1].1.as_str()),
        ("INV-000001", "EUR"),
        "each storefront numbers its own invoices"
    );

    for (sf, plan) in [("us", "erp-business"), ("nope", "erp-business")] {
        let reply = place(&app, form(sf, plan, "acme-x", "US")).await;
        assert_eq!(reply.status, 422, "{sf}/{plan}");
        assert!(matches!(reply.body, Err(AppError::Invalid(ref m)) if m.contains("not available")));
    }
}

on_both_engines!(each_storefront_sells_its_own_plans_in_its_currency);
