//! The operator's order queue on both engines: approve an offline payment, reject a flagged order.

use crate::common::*;
use app::api::orders::queue::{ApproveOrder, ListOrders, OrderRowView, RejectOrder};
use app::api::orders::PlaceOrder;
use app::backend::db::Engine;

fn form<'a>(
    instance: &'a str,
    email: &'a str,
    method: &'a str,
    key: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let one_month_de = [
        ("form[period_months]", "1"),
        ("form[billing_country]", "DE"),
    ];
    let mut f = paid_form(instance, key, &one_month_de);
    f.retain(|(k, _)| *k != "form[email]" && *k != "form[payment_method]");
    f.extend([("form[email]", email), ("form[payment_method]", method)]);
    f
}

/// The operator's page of an order as a person reads it: its text without tags, scripts or
/// styles (the codes stay in attributes and hydration data for programs).
async fn order_page_text(app: &TestApp, operator: &reqwest::Client, order_id: i64) -> String {
    let html = operator
        .get(app.url(None, &format!("/operator/orders/{order_id}")))
        .header(reqwest::header::ACCEPT, "text/html")
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    let mut text = String::new();
    let mut rest = html.as_str();
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = ["script", "style"]
            .iter()
            .find(|tag| rest.starts_with(&format!("<{tag}")))
            .and_then(|tag| rest.find(&format!("</{tag}>")))
            .unwrap_or(0);
        let close = rest[end..].find('>').map_or(rest.len(), |i| end + i + 1);
        text.push(' ');
        rest = &rest[close..];
    }
    text.push_str(rest);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts the page shows `words` and none of the internal codes.
fn reads_in_words(text: &str, words: &[&str]) {
    for w in words {
        assert!(text.contains(w), "{w:?} is missing from {text}");
    }
    let codes = [
        "rule:fraud",
        "rule:disposable",
        "job:",
        "operator:",
        "customer:",
        "test_card",
        "manual",
        "disposable_domain",
        "awaiting_",
        "payment_captured",
    ];
    for code in codes {
        assert!(!text.contains(code), "{code:?} is shown in {text}");
    }
}

async fn one(app: &TestApp, sql: &str) -> String {
    let (v,): (String,) = sqlx::query_as(sql).fetch_one(&app.pool).await.expect(sql);
    v
}

async fn an_approved_bank_transfer_is_provisioned(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    app.call::<String>(
        &app.client(None),
        None,
        path_of::<PlaceOrder>(),
        &form("acme", "ada@acme.example", "bank_transfer", "k1"),
    )
    .await
    .body
    .expect("order");
    let (operator, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let queue: Vec<OrderRowView> = app
        .call(
            &operator,
            None,
            path_of::<ListOrders>(),
            &[("status", "awaiting_approval")],
        )
        .await
        .body
        .expect("queue");
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].payment, "Pending \u{b7} Bank transfer");
    let id = queue[0].id.to_string();

    let stranger = app
        .call::<()>(
            &app.client(None),
            None,
            path_of::<ApproveOrder>(),
            &[("order_id", &id)],
        )
        .await;
    assert_eq!(stranger.status, 401, "only operators decide");

    app.call::<()>(
        &operator,
        None,
        path_of::<ApproveOrder>(),
        &[("order_id", &id)],
    )
    .await
    .body
    .expect("approved");
    assert_eq!(one(&app, "SELECT status FROM orders").await, "completed");
    assert_eq!(one(&app, "SELECT status FROM payments").await, "captured");
    assert_eq!(one(&app, "SELECT status FROM invoices").await, "paid");
    assert_eq!(one(&app, "SELECT state FROM tenants").await, "active");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE admin_password_hash IS NOT NULL")
            .await,
        0,
        "the hash is dropped once used"
    );
    let (admin, r) = login(&app, Some("acme"), "ada@acme.example", PASSWORD).await;
    r.body
        .expect("the admin logs in with the password chosen at order time");
    drop(admin);
    let actors: Vec<(String, String)> =
        sqlx::query_as("SELECT event, actor FROM order_events ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .expect("events");
    assert!(
        actors.contains(&("approved".into(), format!("operator:{OPERATOR_EMAIL}"))),
        "{actors:?}"
    );
    let again = app
        .call::<()>(
            &operator,
            None,
            path_of::<ApproveOrder>(),
            &[("order_id", &id)],
        )
        .await;
    assert_eq!(
        again.status, 422,
        "a completed order cannot be approved twice"
    );
}

async fn a_rejected_flagged_order_is_refunded_and_frees_the_name(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    app.call::<String>(
        &app.client(None),
        None,
        path_of::<PlaceOrder>(),
        &form("acme", "ada@mailinator.com", "card", "k1"),
    )
    .await
    .body
    .expect("order");
    assert_eq!(
        one(&app, "SELECT status FROM orders").await,
        "awaiting_approval",
        "a disposable address is flagged"
    );
    assert!(one(&app, "SELECT flag_reasons FROM orders")
        .await
        .contains("disposable email domain mailinator.com"));
    assert_eq!(one(&app, "SELECT status FROM payments").await, "captured");
    let (operator, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let order_id = app.count("SELECT id FROM orders").await;
    let page = order_page_text(&app, &operator, order_id).await;
    reads_in_words(
        &page,
        &[
            "Awaiting approval",
            "Customer ada@mailinator.com",
            "Fraud rule: disposable email domain",
            "Placed \u{2192} Awaiting approval",
            "Test card",
            "Captured",
        ],
    );
    let id = order_id.to_string();
    let no_reason = app
        .call::<()>(
            &operator,
            None,
            path_of::<RejectOrder>(),
            &[("order_id", &id), ("reason", " ")],
        )
        .await;
    assert_eq!(no_reason.status, 422);
    app.call::<()>(
        &operator,
        None,
        path_of::<RejectOrder>(),
        &[("order_id", &id), ("reason", "looks fraudulent")],
    )
    .await
    .body
    .expect("rejected");
    assert_eq!(one(&app, "SELECT status FROM orders").await, "rejected");
    assert_eq!(
        one(&app, "SELECT status FROM payments").await,
        "refunded",
        "no payment stays taken"
    );
    assert_eq!(one(&app, "SELECT status FROM invoices").await, "void");
    assert_eq!(one(&app, "SELECT state FROM tenants").await, "failed");
    assert!(one(&app, "SELECT failure_reason FROM orders")
        .await
        .contains("looks fraudulent"));
    app.call::<String>(
        &app.client(None),
        None,
        path_of::<PlaceOrder>(),
        &form("acme", "bob@acme.example", "card", "k2"),
    )
    .await
    .body
    .expect("the name is free again");
    let clean = app.count("SELECT MAX(id) FROM orders").await;
    let page = order_page_text(&app, &operator, clean).await;
    reads_in_words(
        &page,
        &[
            "Fraud screening",
            "Payment captured",
            "Awaiting payment \u{2192} Provisioning",
            "Test card",
            "Provisioning \u{2192} Completed",
            "Done",
        ],
    );
}

on_both_engines!(
    an_approved_bank_transfer_is_provisioned,
    a_rejected_flagged_order_is_refunded_and_frees_the_name
);
