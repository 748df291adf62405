//! Subscription changes under concurrency and the credit they give, on both engines: the same
//! confirmation sent 20 times orders and charges once; 20 different changes at once let exactly
//! one through; a change credits what was paid, not the renewal price; and a change stuck in
//! `placed` is cancelled by the sweep instead of blocking every later change and renewal.
use std::collections::BTreeSet;

use crate::common::*;
use app::api::orders::PlaceOrder;
use app::api::subscription::{ChangePreview, ChangeSubscription, PreviewSubscriptionChange};
use app::backend::db::Engine;
use app::domain::pricing::LineKind;
use futures::future::join_all;
use reqwest::Client;

const RECURRING: &str = "('recurring', 'addon_recurring', 'resource_recurring')";

/// ERP Business for 12 months with two extra users and 24/7 support, and its admin's client.
async fn subscribed(app: &TestApp) -> Client {
    let form = paid_form(
        "acme",
        "k-new",
        &[
            ("form[extra_users]", "2"),
            ("form[addons][support-247]", "1"),
        ],
    );
    app.call::<String>(&app.client(None), None, path_of::<PlaceOrder>(), &form)
        .await
        .body
        .expect("paid order");
    let (client, who) = login(app, Some("acme"), "ada@acme.example", PASSWORD).await;
    who.body.expect("admin logs in");
    client
}

async fn preview(app: &TestApp, c: &Client, form: &[(&str, &str)]) -> ChangePreview {
    app.call(
        c,
        Some("acme"),
        path_of::<PreviewSubscriptionChange>(),
        form,
    )
    .await
    .body
    .expect("preview")
}

/// A confirmation of `change` with its previewed total under `key`.
fn confirmation<'a>(
    change: &[(&'a str, &'a str)],
    key: &'a str,
    total: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let mut form = change.to_vec();
    form.push(("form[idempotency_key]", key));
    form.push(("form[expected_total]", total));
    form
}

async fn same_confirmation_twenty_times_orders_once(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let c = subscribed(&app).await;
    let change = [("form[plan]", "erp-enterprise")];
    let total = preview(&app, &c, &change).await.total_minor.to_string();
    let form = confirmation(&change, "same-key", &total);
    let replies = join_all(
        (0..20)
            .map(|_| app.call::<String>(&c, Some("acme"), path_of::<ChangeSubscription>(), &form)),
    )
    .await;
    let tokens: BTreeSet<String> = replies
        .into_iter()
        .map(|r| r.body.unwrap_or_else(|e| panic!("{}: {e:?}", r.status)))
        .collect();
    assert_eq!(tokens.len(), 1, "every duplicate answers the first order");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE kind = 'upgrade'")
            .await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.kind = 'upgrade'")
            .await,
        1
    );
}

async fn twenty_different_changes_at_once_let_one_through(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let c = subscribed(&app).await;
    let change = [("form[plan]", "erp-enterprise")];
    let total = preview(&app, &c, &change).await.total_minor.to_string();
    let keys: Vec<String> = (0..20).map(|i| format!("key-{i}")).collect();
    let replies = join_all(keys.iter().map(|k| {
        let form = confirmation(&change, k, &total);
        let (app, c) = (&app, &c);
        async move {
            app.call::<String>(c, Some("acme"), path_of::<ChangeSubscription>(), &form)
                .await
        }
    }))
    .await;
    let ok = replies.iter().filter(|r| r.body.is_ok()).count();
    assert_eq!(ok, 1, "one change at a time");
    // The others find a change under way (409) or, once it is applied, that this already is
    // the subscription (422).
    for r in replies.iter().filter(|r| r.body.is_err()) {
        assert!(
            r.status == 409 || r.status == 422,
            "{}: {:?}",
            r.status,
            r.body.as_ref().err()
        );
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.kind = 'upgrade'")
            .await,
        1
    );
}

/// The first year was invoiced below the renewal price: an upgrade on the same day credits
/// exactly what was invoiced for the year's service, never the (higher) renewal price.
async fn an_upgrade_credits_what_was_paid(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let c = subscribed(&app).await;
    let paid = app
        .count(&format!(
            "SELECT CAST(SUM(amount_minor) AS BIGINT) FROM invoice_lines WHERE kind IN {RECURRING}"
        ))
        .await;
    let p = preview(
        &app,
        &c,
        &[
            ("form[plan]", "erp-enterprise"),
            ("form[extra_users]", "2"),
            ("form[addons][support-247]", "1"),
        ],
    )
    .await;
    let credit: i64 = p
        .lines
        .iter()
        .filter(|l| l.kind == LineKind::Credit)
        .map(|l| -l.amount.minor)
        .sum();
    assert!(paid > 0);
    assert_eq!(credit, paid, "credit {credit} for a period invoiced {paid}");
}

/// A change left in `placed` (its server stopped between writes, before this fix) is cancelled
/// by the sweep once stale, and the next change goes through.
async fn a_stale_placed_change_is_cancelled_by_the_sweep(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let c = subscribed(&app).await;
    let change = [("form[plan]", "erp-enterprise")];
    let total = preview(&app, &c, &change).await.total_minor.to_string();
    sqlx::query(
        "INSERT INTO orders (public_token, idempotency_key, customer_id, plan_id, tenant_id, storefront_id, instance_name, kind, status, \
         selection_json, total_minor, currency, created_at, updated_at) \
         SELECT 'stuckstuckstuckstuckstuckstuck00', 'stuck', customer_id, plan_id, tenant_id, storefront_id, instance_name, 'upgrade', 'placed', \
         selection_json, 100, currency, created_at, created_at FROM orders WHERE kind = 'new_sale'",
    )
    .execute(&app.pool)
    .await
    .expect("stuck order");
    // Sent without waiting for orders to settle: the stuck one never would.
    let blocked = c
        .post(app.url(Some("acme"), path_of::<ChangeSubscription>()))
        .header("Origin", format!("http://{}", app.host(Some("acme"))))
        .header("Accept", "application/json")
        .form(&confirmation(&change, "after-1", &total))
        .send()
        .await
        .expect("request");
    assert_eq!(blocked.status().as_u16(), 409, "still under way");
    app.clock.advance(chrono::Duration::minutes(31));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while app
        .count(
            "SELECT COUNT(*) FROM orders WHERE idempotency_key = 'stuck' AND status = 'cancelled'",
        )
        .await
        == 0
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the sweep never cancelled it"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let c = {
        let (client, who) = login(&app, Some("acme"), "ada@acme.example", PASSWORD).await;
        who.body.expect("admin logs in");
        client
    };
    let total = preview(&app, &c, &change).await.total_minor.to_string();
    app.call::<String>(
        &c,
        Some("acme"),
        path_of::<ChangeSubscription>(),
        &confirmation(&change, "after-2", &total),
    )
    .await
    .body
    .expect("the next change goes through");
}

on_both_engines!(
    same_confirmation_twenty_times_orders_once,
    twenty_different_changes_at_once_let_one_through,
    an_upgrade_credits_what_was_paid,
    a_stale_placed_change_is_cancelled_by_the_sweep,
);
