//! Changing a running subscription on both engines: an add-on bought later, an upgrade and a
//! downgrade, each prorated and run through the order workflow; cancellation at the period's
//! end; and renewals placed by the sweep, paid with the stored card and drawing on credit.
use crate::common::*;
use app::api::orders::{OrderOptions, PlaceOrder, PlanOffer};
use app::api::subscription::{
    CancelSubscription, ChangePreview, ChangeSubscription, PreviewSubscriptionChange,
    SubscriptionOverview, SubscriptionView,
};
use app::backend::db::Engine;
use app::domain::pricing::{change_quote, quote, PaidPeriod, PeriodPosition, Selection};
use chrono::Duration;
use reqwest::Client;

/// A paid ERP Business subscription (12 months, Visa, France) and its admin's portal client.
async fn subscribed(app: &TestApp) -> Client {
    let form = paid_form("acme", "k-new", &[]);
    app.call::<String>(&app.client(None), None, path_of::<PlaceOrder>(), &form)
        .await
        .body
        .expect("paid order");
    portal(app).await
}

/// The admin logged in to the portal (sessions expire as the clock moves on).
async fn portal(app: &TestApp) -> Client {
    let (client, who) = login(app, Some("acme"), "ada@acme.example", PASSWORD).await;
    who.body.expect("admin logs in");
    client
}

async fn offer(app: &TestApp, plan: &str) -> PlanOffer {
    app.call(
        &app.client(None),
        None,
        path_of::<OrderOptions>(),
        &[("plan", plan), ("storefront", "")],
    )
    .await
    .body
    .expect("offer")
}

async fn preview(app: &TestApp, c: &Client, form: &[(&str, &str)]) -> Reply<ChangePreview> {
    app.call(
        c,
        Some("acme"),
        path_of::<PreviewSubscriptionChange>(),
        form,
    )
    .await
}

async fn confirm(app: &TestApp, c: &Client, form: &[(&str, &str)]) -> Reply<String> {
    app.call(c, Some("acme"), path_of::<ChangeSubscription>(), form)
        .await
}

async fn overview(app: &TestApp, c: &Client) -> SubscriptionView {
    app.call(c, Some("acme"), path_of::<SubscriptionOverview>(), &[])
        .await
        .body
        .expect("subscription")
}

async fn order(app: &TestApp, token: &str) -> (String, String, i64) {
    sqlx::query_as("SELECT kind, status, total_minor FROM orders WHERE public_token = $1")
        .bind(token)
        .fetch_one(&app.pool)
        .await
        .expect("order")
}

async fn add_on_upgrade_and_downgrade_are_prorated_orders(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    subscribed(&app).await;
    app.clock.advance(Duration::days(73));
    let c = portal(&app).await;

    // Two extra users and 24/7 support, 73 days into a 365-day year.
    let add = [
        ("form[plan]", "erp-business"),
        ("form[extra_users]", "2"),
        ("form[addons][support-247]", "1"),
    ];
    let p = preview(&app, &c, &add).await.body.expect("preview");
    let business = offer(&app, "erp-business").await.priced;
    let year = Selection {
        period_months: 12,
        ..Selection::default()
    };
    let wanted = Selection {
        period_months: 12,
        addons: vec![("support-247".into(), 1)],
        extra_resources: vec![("users".into(), 2)],
    };
    let at = PeriodPosition {
        days_used: 73,
        days_in_period: 365,
    };
    // The credit comes from what the first year was invoiced, before setup fee and tax.
    let paid = PaidPeriod {
        amount: quote(&business, &year, 0).unwrap().first_period_total,
        days: 365,
    };
    let expected = change_quote((&business, &year), (&business, &wanted), at, paid, 2000).unwrap();
    assert_eq!(p.kind, "Add-on");
    assert_eq!(p.total_minor, expected.total.minor);
    assert!(p.total_minor > 0);

    // The page previews the same change from a plain GET form.
    let page = c
        .get(app.url(
            Some("acme"),
            "/portal/subscription?form%5Bplan%5D=erp-business&form%5Bextra_users%5D=2&form%5Baddons%5D%5Bsupport-247%5D=1",
        ))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status().as_u16(), 200);
    let html = page.text().await.expect("html");
    assert!(
        html.contains(&format!("Confirm and pay {}", expected.total)),
        "{html}"
    );
    assert!(html.contains(&format!("value=\"{}\"", expected.total.minor)));

    // Confirming needs the previewed price, and a wrong one orders nothing.
    let unconfirmed = confirm(
        &app,
        &c,
        &[add.as_slice(), &[("form[idempotency_key]", "c1")]].concat(),
    )
    .await;
    assert_eq!(unconfirmed.status.as_u16(), 422);
    let stale = confirm(
        &app,
        &c,
        &[
            add.as_slice(),
            &[
                ("form[idempotency_key]", "c1"),
                ("form[expected_total]", "1"),
            ],
        ]
        .concat(),
    )
    .await;
    assert!(stale.body.unwrap_err().to_string().contains("now"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE kind <> 'new_sale'")
            .await,
        0
    );

    let total = p.total_minor.to_string();
    let ok = [
        add.as_slice(),
        &[
            ("form[idempotency_key]", "c1"),
            ("form[expected_total]", &total),
        ],
    ]
    .concat();
    let token = confirm(&app, &c, &ok).await.body.expect("add-on ordered");
    let again = confirm(&app, &c, &ok).await.body.expect("same key");
    assert_eq!(token, again, "the same confirmation orders once");
    let page = app
        .client(None)
        .get(app.url(None, &format!("/orders/{token}")))
        .send()
        .await
        .expect("order page")
        .text()
        .await
        .expect("html");
    assert!(page.contains("Add-on done"), "{page}");
    assert!(
        !page.contains("welcome email"),
        "a change creates nothing new"
    );
    assert_eq!(
        order(&app, &token).await,
        ("add_on".into(), "completed".into(), p.total_minor)
    );
    let (inv_total, paid): (i64, String) = sqlx::query_as(
        "SELECT i.total_minor, i.status FROM invoices i JOIN orders o ON o.id = i.order_id WHERE o.public_token = $1",
    )
    .bind(&token)
    .fetch_one(&app.pool)
    .await
    .expect("invoice");
    assert_eq!((inv_total, paid.as_str()), (p.total_minor, "paid"));
    let credit_lines = app
        .count("SELECT COUNT(*) FROM invoice_lines WHERE kind = 'credit' AND amount_minor < 0")
        .await;
    assert_eq!(
        credit_lines, 1,
        "the unused time is credited on the invoice"
    );
    let v = overview(&app, &c).await;
    assert_eq!((v.extra_users, v.addons.len()), (2, 1));

    // Upgrade to Enterprise: the new plan's modules are installed.
    let up = [("form[plan]", "erp-enterprise"), ("form[extra_users]", "2")];
    let p = preview(&app, &c, &up).await.body.expect("upgrade preview");
    assert_eq!(p.kind, "Upgrade");
    let total = p.total_minor.to_string();
    let form = [
        up.as_slice(),
        &[
            ("form[idempotency_key]", "c2"),
            ("form[expected_total]", &total),
        ],
    ]
    .concat();
    let token = confirm(&app, &c, &form).await.body.expect("upgraded");
    assert_eq!(order(&app, &token).await.1, "completed");
    assert_eq!(overview(&app, &c).await.plan_code, "erp-enterprise");

    // Back down to Business with nothing extra: a credit, no invoice, no charge.
    let down = [("form[plan]", "erp-business")];
    let p = preview(&app, &c, &down)
        .await
        .body
        .expect("downgrade preview");
    assert_eq!(p.kind, "Downgrade");
    assert!(p.total_minor < 0);
    let total = p.total_minor.to_string();
    let form = [
        down.as_slice(),
        &[
            ("form[idempotency_key]", "c3"),
            ("form[expected_total]", &total),
        ],
    ]
    .concat();
    let token = confirm(&app, &c, &form).await.body.expect("downgraded");
    assert_eq!(
        order(&app, &token).await,
        ("downgrade".into(), "completed".into(), 0)
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM invoices").await, 3);
    // The credit is given back by credit notes on the invoices that paid for the period, newest
    // first, each up to what it can carry; the account gets their net parts, all of the credit.
    let credited = app
        .count("SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) FROM customer_credits")
        .await;
    let (notes, noted): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(subtotal_minor), 0) AS BIGINT) FROM credit_notes",
    )
    .fetch_one(&app.pool)
    .await
    .expect("notes");
    let (credit,): (i64,) =
        sqlx::query_as("SELECT credit_minor FROM orders WHERE kind = 'downgrade'")
            .fetch_one(&app.pool)
            .await
            .expect("downgrade");
    // The add-on's and the upgrade's invoices paid for the period: neither carries it all alone.
    assert_eq!(notes, 2);
    assert!(credit > 0);
    assert_eq!(noted, credited, "every cent of credit comes with a note");
    assert!((noted - credit).abs() <= notes, "{noted} vs {credit}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM invoices WHERE credited_minor > total_minor")
            .await,
        0
    );
    let v = overview(&app, &c).await;
    assert_eq!((v.plan_code.as_str(), v.extra_users), ("erp-business", 0));
    assert_eq!(v.orders.len(), 3);

    // Nothing to change, a plan not sold, a bad number: clear errors and no order.
    let same = preview(&app, &c, &down).await.body.unwrap_err().to_string();
    assert!(same.contains("already"), "{same}");
    let unknown = preview(&app, &c, &[("form[plan]", "nope")]).await;
    assert_eq!(unknown.status.as_u16(), 422);
    let bad = preview(
        &app,
        &c,
        &[("form[plan]", "erp-business"), ("form[extra_users]", "-1")],
    )
    .await;
    assert_eq!(bad.status.as_u16(), 422);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE kind <> 'new_sale'")
            .await,
        3
    );

    // Another host's visitor sees nothing.
    let anon = app.client(Some("acme"));
    let denied = app
        .call::<SubscriptionView>(&anon, Some("acme"), path_of::<SubscriptionOverview>(), &[])
        .await;
    assert_eq!(denied.status.as_u16(), 401);
}

async fn the_sweep_renews_then_ends_a_cancelled_subscription(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let c = subscribed(&app).await;
    let before = overview(&app, &c).await;
    assert!(!before.renewal_price.is_empty());

    // A downgrade half way leaves credit that the renewal draws on.
    app.clock.advance(Duration::days(100));
    let c = portal(&app).await;
    let add = [("form[plan]", "erp-business"), ("form[extra_users]", "5")];
    let p = preview(&app, &c, &add).await.body.expect("preview");
    let total = p.total_minor.to_string();
    let form = [
        add.as_slice(),
        &[
            ("form[idempotency_key]", "r1"),
            ("form[expected_total]", &total),
        ],
    ]
    .concat();
    confirm(&app, &c, &form).await.body.expect("users added");
    let back = [("form[plan]", "erp-business")];
    let p = preview(&app, &c, &back).await.body.expect("preview");
    let total = p.total_minor.to_string();
    let form = [
        back.as_slice(),
        &[
            ("form[idempotency_key]", "r2"),
            ("form[expected_total]", &total),
        ],
    ]
    .concat();
    confirm(&app, &c, &form).await.body.expect("users removed");
    let credit = app
        .count("SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) FROM customer_credits")
        .await;
    assert!(credit > 0);

    app.clock.advance(Duration::days(266));
    until_renewed(&app, 1).await;
    let c = portal(&app).await;
    let (total, used): (i64, i64) = sqlx::query_as(
        "SELECT o.total_minor, c.amount_minor FROM orders o JOIN customer_credits c ON c.order_id = o.id WHERE o.kind = 'renewal'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("renewal drew credit");
    assert_eq!(used, -credit);
    // 529.00 renewal fee less the credit, then 20 % VAT.
    assert_eq!(total, (52_900 - credit) * 12 / 10);
    let after = overview(&app, &c).await;
    assert_eq!(after.period_start, before.period_end);
    assert_eq!(after.credit, "0.00 EUR");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM payments WHERE status = 'captured'")
            .await,
        3
    );

    // Cancelled: it runs to the end of the period, then ends and the instance is archived.
    let token = app
        .call::<String>(
            &c,
            Some("acme"),
            path_of::<CancelSubscription>(),
            &[("idempotency_key", "x1")],
        )
        .await
        .body
        .expect("cancelled");
    assert_eq!(order(&app, &token).await.1, "completed");
    let refused = preview(&app, &c, &[("form[plan]", "erp-enterprise")]).await;
    assert_eq!(refused.status.as_u16(), 422);
    app.clock.advance(Duration::days(366));
    for _ in 0..250 {
        if app
            .count("SELECT COUNT(*) FROM tenants WHERE state = 'archived'")
            .await
            == 1
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM subscriptions WHERE status = 'cancelled'")
            .await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE kind = 'renewal'")
            .await,
        1
    );
}

async fn without_a_card_a_change_waits_for_the_transfer(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    subscribed_by_transfer(&app).await;
    let c = portal(&app).await;
    assert_eq!(overview(&app, &c).await.payment_method, "Bank transfer");

    let add = [
        ("form[plan]", "erp-business"),
        ("form[addons][premium-theme]", "1"),
    ];
    let p = preview(&app, &c, &add).await.body.expect("preview");
    let total = p.total_minor.to_string();
    let form = [
        add.as_slice(),
        &[
            ("form[idempotency_key]", "t1"),
            ("form[expected_total]", &total),
        ],
    ]
    .concat();
    let token = confirm(&app, &c, &form).await.body.expect("ordered");
    assert_eq!(order(&app, &token).await.1, "awaiting_approval");
    assert!(
        overview(&app, &c).await.addons.is_empty(),
        "nothing changes before the money"
    );

    // One change at a time: a second waits until the first has ended.
    let form = [
        add.as_slice(),
        &[
            ("form[idempotency_key]", "t2"),
            ("form[expected_total]", &total),
        ],
    ]
    .concat();
    assert_eq!(confirm(&app, &c, &form).await.status.as_u16(), 409);

    let (id,): (i64,) = sqlx::query_as("SELECT id FROM orders WHERE public_token = $1")
        .bind(&token)
        .fetch_one(&app.pool)
        .await
        .expect("id");
    approve(&app, id).await;
    assert_eq!(order(&app, &token).await.1, "completed");
    assert_eq!(
        overview(&app, &c).await.addons,
        vec![("premium-theme".to_string(), 1)]
    );
    let paid = app
        .count("SELECT COUNT(*) FROM invoices WHERE status = 'paid' AND total_minor > 0")
        .await;
    assert_eq!(paid, 2);
}

/// Three subscriptions renewing on the same day while two servers sweep: the batched billing
/// run renews each once (one order, one charge, one invoice), the invoice numbers run on without
/// a gap, and each paid period moves on by exactly a year.
async fn renewals_on_two_servers_are_billed_once(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let other = app.second_server().await;
    for (name, email, key) in [
        ("acme", "ada@acme.example", "k1"),
        ("bolt", "bo@bolt.example", "k2"),
        ("cargo", "cy@cargo.example", "k3"),
    ] {
        let form = paid_form(name, key, &[("form[email]", email)]);
        app.call::<String>(&app.client(None), None, path_of::<PlaceOrder>(), &form)
            .await
            .body
            .expect("paid order");
    }
    let before: Vec<(String,)> =
        sqlx::query_as("SELECT period_end FROM subscriptions ORDER BY tenant_id")
            .fetch_all(&app.pool)
            .await
            .expect("periods");
    app.clock.advance(Duration::days(366));
    until_renewed(&app, 3).await;
    // Both servers sweep a few more times.
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE kind = 'renewal'")
            .await,
        3
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM payments WHERE status = 'captured' AND idempotency_key LIKE 'renewal:%'")
            .await,
        3
    );
    let numbers: Vec<(String,)> = sqlx::query_as("SELECT number FROM invoices ORDER BY number")
        .fetch_all(&app.pool)
        .await
        .expect("numbers");
    let numbers: Vec<String> = numbers.into_iter().map(|(n,)| n).collect();
    let expected: Vec<String> = (1..=6).map(|i| format!("INV-{i:06}")).collect();
    assert_eq!(numbers, expected);
    let after: Vec<(String,)> =
        sqlx::query_as("SELECT period_end FROM subscriptions ORDER BY tenant_id")
            .fetch_all(&app.pool)
            .await
            .expect("periods");
    for ((b,), (a,)) in before.iter().zip(&after) {
        let parse = |s: &str| app::backend::db::parse_ts(s).expect("date");
        let moved = parse(a) - parse(b);
        assert!(
            moved >= Duration::days(365) && moved <= Duration::days(366),
            "{b} -> {a}"
        );
    }
    drop(other);
}

on_both_engines!(
    renewals_on_two_servers_are_billed_once,
    without_a_card_a_change_waits_for_the_transfer,
    add_on_upgrade_and_downgrade_are_prorated_orders,
    the_sweep_renews_then_ends_a_cancelled_subscription
);
