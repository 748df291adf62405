//! Paid orders on both engines: configure, price, pay by card or bank transfer, invoice, provision.

use crate::common::*;
use app::api::orders::{PlaceOrder, PlanOffer};
use app::backend::db::Engine;
use app::domain::pricing::{quote, Selection};
use app::error::AppError;

async fn place(app: &TestApp, form: &[(&str, &str)]) -> Reply<String> {
    app.call(&app.client(None), None, path_of::<PlaceOrder>(), form)
        .await
}

async fn written(app: &TestApp) -> [i64; 5] {
    [
        app.count("SELECT COUNT(*) FROM orders").await,
        app.count("SELECT COUNT(*) FROM tenants WHERE state <> 'failed'")
            .await,
        app.count("SELECT COUNT(*) FROM invoices").await,
        app.count("SELECT COUNT(*) FROM payments").await,
        app.count("SELECT COUNT(*) FROM customers").await,
    ]
}

async fn a_card_order_is_invoiced_paid_and_provisioned(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let form = paid_form(
        "acme",
        "k-card",
        &[
            ("form[extra_users]", "2"),
            ("form[addons][support-247]", "1"),
        ],
    );
    let token = place(&app, &form).await.body.expect("paid order placed");

    let offer: PlanOffer = app
        .call(
            &app.client(None),
            None,
            path_of::<app::api::orders::OrderOptions>(),
            &[("plan", "erp-business"), ("storefront", "")],
        )
        .await
        .body
        .expect("offer");
    assert_eq!(
        offer.instance_suffix,
        format!(".localhost:{}", app.addr.port()),
        "the order form shows the instance's real address"
    );
    let sel = Selection {
        period_months: 12,
        addons: vec![("support-247".into(), 1)],
        extra_resources: vec![("users".into(), 2)],
    };
    let expected = quote(&offer.priced, &sel, 2000).expect("quote");

    let (status, total): (String, i64) =
        sqlx::query_as("SELECT status, total_minor FROM orders WHERE public_token = $1")
            .bind(&token)
            .fetch_one(&app.pool)
            .await
            .expect("order");
    assert_eq!(status, "completed");
    assert_eq!(
        total, expected.total.minor,
        "the configurator's total is what was charged"
    );
    let (number, inv_status, subtotal, tax, inv_total): (String, String, i64, i64, i64) =
        sqlx::query_as(
            "SELECT number, status, subtotal_minor, tax_minor, total_minor FROM invoices",
        )
        .fetch_one(&app.pool)
        .await
        .expect("invoice");
    assert_eq!(
        (number.as_str(), inv_status.as_str()),
        ("INV-000001", "paid")
    );
    let invoice: app::api::orders::InvoiceView = app
        .call(
            &app.client(None),
            None,
            path_of::<app::api::orders::OrderInvoice>(),
            &[("token", &token)],
        )
        .await
        .body
        .expect("invoice view");
    assert_eq!(
        invoice.bill_to, "Acme Ltd\n1 rue de la Paix\n75002 Paris\nFR",
        "the invoice keeps the address billed"
    );
    let (address, country): (String, String) =
        sqlx::query_as("SELECT billing_address, billing_country FROM customers")
            .fetch_one(&app.pool)
            .await
            .expect("customer");
    assert_eq!(
        (address.as_str(), country.as_str()),
        ("1 rue de la Paix\n75002 Paris", "FR")
    );
    assert_eq!(
        (subtotal, tax, inv_total),
        (
            expected.subtotal.minor,
            expected.tax.minor,
            expected.total.minor
        )
    );
    let lines: i64 = app
        .count("SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) FROM invoice_lines")
        .await;
    assert_eq!(lines, expected.total.minor, "the lines add up to the total");
    let (pay_status, amount): (String, i64) =
        sqlx::query_as("SELECT status, amount_minor FROM payments")
            .fetch_one(&app.pool)
            .await
            .expect("payment");
    assert_eq!(
        (pay_status.as_str(), amount),
        ("captured", expected.total.minor)
    );
    let (token_col, brand, last4): (String, String, String) =
        sqlx::query_as("SELECT token, brand, last4 FROM payment_methods")
            .fetch_one(&app.pool)
            .await
            .expect("method");
    assert_eq!((brand.as_str(), last4.as_str()), ("Visa", "4242"));
    assert!(
        !token_col.contains("4242424242424242"),
        "no card number is stored"
    );
    let (tenant_state,): (String,) =
        sqlx::query_as("SELECT state FROM tenants WHERE name = 'acme'")
            .fetch_one(&app.pool)
            .await
            .expect("tenant");
    assert_eq!(tenant_state, "active");
    let (sub_status, period_end): (String, String) =
        sqlx::query_as("SELECT status, period_end FROM subscriptions")
            .fetch_one(&app.pool)
            .await
            .expect("sub");
    assert_eq!(sub_status, "active");
    assert!(
        period_end.starts_with("2027-01-01T09:00:00"),
        "twelve months from the clock: {period_end}"
    );
    let events: Vec<(String, String)> =
        sqlx::query_as("SELECT event, to_status FROM order_events ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .expect("events");
    let events: Vec<(&str, &str)> = events
        .iter()
        .map(|(e, s)| (e.as_str(), s.as_str()))
        .collect();
    assert_eq!(
        events,
        [
            ("placed", "placed"),
            ("screened", "awaiting_payment"),
            ("payment_captured", "provisioning"),
            ("provisioned", "completed")
        ]
    );
    assert_eq!(app.outbox().len(), 1, "welcome mail");

    // The licence counts the two users bought on top of the plan's.
    let (admin, reply) = login(&app, Some("acme"), "ada@acme.example", PASSWORD).await;
    reply.body.expect("tenant admin logs in");
    let portal: app::api::portal::PortalView = app
        .call(
            &admin,
            Some("acme"),
            path_of::<app::api::portal::PortalOverview>(),
            &[],
        )
        .await
        .body
        .expect("portal");
    let included = offer.plan.included_users;
    assert_eq!(portal.included_users, included + 2, "the licence");

    let again = place(&app, &form).await.body.expect("replayed");
    assert_eq!(again, token, "the same submission twice is one order");
    assert_eq!(written(&app).await, [1, 1, 1, 1, 1], "and one charge");
}

async fn a_declined_card_leaves_nothing_behind(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    for (card, expected) in [
        ("4000 0000 0000 0002", "declined"),
        ("4000 0000 0000 9995", "insufficient"),
        ("4242 4242 4242 4241", "not valid"),
    ] {
        let reply = place(
            &app,
            &paid_form("acme", "k-decl", &[("form[card_number]", card)]),
        )
        .await;
        assert_eq!(reply.status, 422, "{card}");
        let error = reply.body.expect_err(card);
        assert_eq!(
            error.field(),
            Some("card_number"),
            "{card}: said of the card"
        );
        match error.without_field() {
            AppError::Invalid(m) => {
                assert!(m.to_lowercase().contains(expected), "{card}: {m}")
            }
            other => panic!("{card}: {other:?}"),
        }
    }
    assert_eq!(written(&app).await, [0, 0, 0, 0, 0]);
    place(&app, &paid_form("acme", "k-ok", &[]))
        .await
        .body
        .expect("a good card then works");
    let (number,): (String,) = sqlx::query_as("SELECT number FROM invoices")
        .fetch_one(&app.pool)
        .await
        .expect("invoice");
    assert_eq!(number, "INV-000001", "declines use no invoice number");
}

async fn bad_configurations_get_clear_errors(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    // Each error names the field it is about, when one is (the page shows it there).
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, Option<&'a str>);
    let cases: [Case; 7] = [
        (
            &[("form[period_months]", "5")],
            "not sold for 5 months",
            None,
        ),
        (
            &[("form[addons][nope]", "1")],
            "not sold with this plan",
            None,
        ),
        (&[("form[extra_users]", "100000")], "at most", None),
        (
            &[("form[extra_users]", "-3")],
            "whole number",
            Some("extra_users"),
        ),
        (
            &[("form[billing_country]", "XX")],
            "do not sell to XX",
            Some("billing_country"),
        ),
        (
            &[("form[payment_method]", "")],
            "how you want to pay",
            Some("payment_method"),
        ),
        (
            &[("form[billing_address]", "  ")],
            "Billing address",
            Some("billing_address"),
        ),
    ];
    for (extra, expected, field) in cases {
        let reply = place(&app, &paid_form("acme", "k-bad", extra)).await;
        assert_eq!(reply.status, 422, "{extra:?}");
        let error = reply.body.expect_err("refused");
        assert_eq!(error.field(), field, "{extra:?}");
        match error.without_field() {
            AppError::Invalid(m) => assert!(m.contains(expected), "{extra:?}: {m}"),
            other => panic!("{extra:?}: {other:?}"),
        }
    }
    let wrong_plan = place(
        &app,
        &paid_form("acme", "k-bad2", &[("form[plan]", "no-such-plan")]),
    )
    .await;
    assert_eq!(wrong_plan.status, 422);
    assert_eq!(written(&app).await, [0, 0, 0, 0, 0]);
}

async fn a_bank_transfer_waits_for_the_money(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let token = place(
        &app,
        &paid_form(
            "acme",
            "k-bank",
            &[("form[payment_method]", "bank_transfer")],
        ),
    )
    .await
    .body
    .expect("order");
    let (status,): (String,) = sqlx::query_as("SELECT status FROM orders WHERE public_token = $1")
        .bind(&token)
        .fetch_one(&app.pool)
        .await
        .expect("order");
    assert_eq!(status, "awaiting_approval");
    let (inv_status, due_at): (String, String) =
        sqlx::query_as("SELECT status, due_at FROM invoices")
            .fetch_one(&app.pool)
            .await
            .expect("invoice");
    assert_eq!(inv_status, "open");
    assert!(due_at.starts_with("2026-01-31"), "30 days to pay: {due_at}");
    let (pay_status, detail): (String, String) =
        sqlx::query_as("SELECT status, detail FROM payments")
            .fetch_one(&app.pool)
            .await
            .expect("payment");
    assert_eq!(pay_status, "pending");
    assert!(
        detail.contains("by bank transfer within 30 days"),
        "{detail}"
    );
    let (tenant_state,): (String,) =
        sqlx::query_as("SELECT state FROM tenants WHERE name = 'acme'")
            .fetch_one(&app.pool)
            .await
            .expect("tenant");
    assert_eq!(
        tenant_state, "provisioning",
        "the name is reserved while the money is on its way"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM payment_methods").await, 0);
}

async fn an_order_whose_total_changed_is_sent_back_to_check(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    // 12 months of ERP Business in France: 499.00 + 20 % VAT.
    let stale = paid_form("acme", "k1", &[("form[expected_total]", "4900")]);
    let reply = place(&app, &stale).await;
    assert_eq!(reply.status, 422);
    let text = reply.body.unwrap_err().to_string();
    assert!(
        text.contains("The total for your choices is \u{20ac}598.80"),
        "{text}"
    );
    assert_eq!(written(&app).await, [0; 5], "nothing is written or charged");

    // Without JavaScript the form comes back with every choice kept, but no secret.
    let res = app
        .client(None)
        .post(app.url(None, path_of::<PlaceOrder>()))
        .header("origin", format!("http://{}", app.host(None)))
        .header("accept", "text/html")
        .form(&paid_form(
            "acme",
            "k2",
            &[
                ("form[expected_total]", "4900"),
                ("form[addons][support-247]", "1"),
            ],
        ))
        .send()
        .await
        .expect("post");
    let back = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    assert!(back.starts_with("/order/erp-business?"), "{back}");
    for kept in [
        "form%5Bperiod_months%5D=12",
        "form%5Bbilling_country%5D=FR",
        "form%5Baddons%5D%5Bsupport-247%5D=1",
        "form%5Bpayment_method%5D=card",
    ] {
        assert!(back.contains(kept), "{kept} in {back}");
    }
    assert!(
        !back.contains("4242") && !back.contains("password"),
        "{back}"
    );

    let fresh = paid_form("acme", "k3", &[("form[expected_total]", "59880")]);
    assert!(
        place(&app, &fresh).await.body.is_ok(),
        "the total shown is the total charged"
    );
}

on_both_engines!(
    a_card_order_is_invoiced_paid_and_provisioned,
    a_declined_card_leaves_nothing_behind,
    bad_configurations_get_clear_errors,
    a_bank_transfer_waits_for_the_money,
    an_order_whose_total_changed_is_sent_back_to_check,
);
