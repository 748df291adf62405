//! Coupons on both engines, with real requests against the real server: the redemption limit
//! holds when 100 checkouts arrive at once, a coupon's discount reaches the order, its invoice
//! and its renewals through the same pricing code, every refused coupon is an error on the
//! `coupon` field that leaves nothing behind, a coupon typed in the portal takes money off a
//! plan change, and only the operator manages coupons.
use crate::common::*;
use app::api::coupons::{AdminCoupons, CouponView, CreateCoupon, DeactivateCoupon};
use app::api::orders::PlaceOrder;
use app::backend::db::Engine;
use app::error::AppError;
use chrono::Duration;
use futures::future::join_all;
use reqwest::Client;
use serde_json::{json, Value};

/// The operator, logged in on the platform host.
async fn operator(app: &TestApp) -> Client {
    let (client, who) = login(app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    who.body.expect("operator logs in");
    client
}

/// Creates a coupon as the operator from `form[...]` fields over a 10 % once-only default.
async fn create_coupon(app: &TestApp, op: &Client, fields: &[(&str, &str)]) -> Reply<()> {
    let mut form = vec![
        ("form[code]", "SAVE10"),
        ("form[kind]", "percent"),
        ("form[value]", "10"),
        ("form[currency]", ""),
        ("form[duration]", "once"),
        ("form[periods]", ""),
        ("form[plan]", ""),
        ("form[storefront]", ""),
        ("form[max_redemptions]", ""),
        ("form[expires_on]", ""),
    ];
    for (k, v) in fields {
        form.retain(|(fk, _)| fk != k);
        form.push((k, v));
    }
    app.call(op, None, path_of::<CreateCoupon>(), &form).await
}

async fn coupons(app: &TestApp, op: &Client) -> Vec<CouponView> {
    app.call(op, None, path_of::<AdminCoupons>(), &[])
        .await
        .body
        .expect("coupon list")
}

fn field_of(reply: &Reply<String>) -> Option<String> {
    match &reply.body {
        Err(e) => e.field().map(str::to_string),
        Ok(_) => None,
    }
}

/// 100 checkouts at once against a coupon with 10 redemptions left: exactly 10 orders carry the
/// discount, every other one is refused on the coupon field with nothing recorded or kept.
async fn hundred_checkouts_against_ten_left_redeem_exactly_ten(engine: Engine) {
    let app = TestApp::spawn_with(engine, |c| {
        c.fraud_rules.max_orders_per_email_per_day = 0;
        c.fraud_rules.max_orders_per_ip_per_day = 0;
    })
    .await;
    let op = operator(&app).await;
    create_coupon(&app, &op, &[("form[max_redemptions]", "10")])
        .await
        .body
        .expect("coupon created");
    let path = path_of::<PlaceOrder>();
    let names: Vec<(String, String)> = (0..100)
        .map(|i| (format!("race{i}"), format!("race-key-{i}")))
        .collect();
    let replies = join_all(names.iter().map(|(name, key)| {
        let form = paid_form(name, key, &[("form[coupon]", "save10")]);
        let client = app.client(None);
        let app = &app;
        async move { app.call::<String>(&client, None, path, &form).await }
    }))
    .await;
    let placed = replies.iter().filter(|r| r.body.is_ok()).count();
    for r in replies.iter().filter(|r| r.body.is_err()) {
        assert_eq!(r.status.as_u16(), 422, "{:?}", r.body);
        assert_eq!(field_of(r).as_deref(), Some("coupon"), "{:?}", r.body);
        assert!(
            matches!(&r.body, Err(e) if e.to_string().contains("used up")),
            "{:?}",
            r.body
        );
    }
    assert_eq!(placed, 10, "exactly the coupon's ten redemptions");
    app.settle().await;
    assert_eq!(app.count("SELECT COUNT(*) FROM orders").await, 10);
    assert_eq!(app.count("SELECT COUNT(*) FROM payments").await, 10);
    assert_eq!(app.count("SELECT COUNT(*) FROM tenants").await, 10);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM coupon_redemptions").await,
        10
    );
    assert_eq!(
        app.count("SELECT redeemed_count FROM coupons WHERE code = 'SAVE10'")
            .await,
        10
    );
    // Every placed order carries the discount: 499.00 less 10 %, then 20 % VAT.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE total_minor = 53892")
            .await,
        10
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM invoice_lines WHERE kind = 'discount' AND amount_minor = -4990"
        )
        .await,
        10
    );
    let listed = coupons(&app, &op).await;
    assert_eq!(listed[0].redemptions, "10 of 10");
}

/// A coupon for two periods: the order, its invoice and the first renewal are discounted, the
/// renewal after that is not.
async fn a_coupon_discounts_order_invoice_and_renewals(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let op = operator(&app).await;
    create_coupon(
        &app,
        &op,
        &[
            ("form[code]", "TWOYEARS"),
            ("form[duration]", "periods"),
            ("form[periods]", "2"),
            ("form[plan]", "erp-business"),
        ],
    )
    .await
    .body
    .expect("coupon created");
    let form = paid_form(
        "acme",
        "k-coupon",
        &[
            ("form[coupon]", " twoyears "),
            ("form[expected_total]", "53892"),
        ],
    );
    app.call::<String>(&app.client(None), None, path_of::<PlaceOrder>(), &form)
        .await
        .body
        .expect("order with coupon");
    let (total,): (i64,) = sqlx::query_as("SELECT total_minor FROM invoices")
        .fetch_one(&app.pool)
        .await
        .expect("invoice");
    assert_eq!(total, 53_892);
    let (subtotal,): (i64,) = sqlx::query_as("SELECT subtotal_minor FROM invoices")
        .fetch_one(&app.pool)
        .await
        .expect("invoice");
    assert_eq!(subtotal, 44_910, "the discount comes off before tax");
    assert_eq!(
        app.count("SELECT CAST(SUM(amount_minor) AS BIGINT) FROM invoice_lines")
            .await,
        53_892,
        "the lines sum to the total"
    );
    // The invoice page and its PDF say so.
    let (number,): (String,) = sqlx::query_as("SELECT number FROM invoices")
        .fetch_one(&app.pool)
        .await
        .expect("number");
    assert!(number.starts_with("INV-"));
    // The portal shows the next renewal at the price the renewal will charge: still discounted.
    let (portal, who) = login(&app, Some("acme"), "ada@acme.example", PASSWORD).await;
    who.body.expect("admin logs in");
    let overview: app::api::subscription::SubscriptionView = app
        .call(
            &portal,
            Some("acme"),
            path_of::<app::api::subscription::SubscriptionOverview>(),
            &[],
        )
        .await
        .body
        .expect("subscription");
    assert!(
        overview.renewal_price.contains("571.32"),
        "{}",
        overview.renewal_price
    );

    // First renewal: 529.00 less 10 %, then 20 % VAT.
    app.clock.advance(Duration::days(366));
    until_renewed(&app, 1).await;
    assert_eq!(
        app.count("SELECT total_minor FROM orders WHERE kind = 'renewal'")
            .await,
        57_132
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM coupon_redemptions WHERE periods_left = 0")
            .await,
        1
    );
    // Second renewal: the coupon's two periods are used, full price.
    app.clock.advance(Duration::days(366));
    until_renewed(&app, 2).await;
    assert_eq!(
        app.count("SELECT MAX(total_minor) FROM orders WHERE kind = 'renewal'")
            .await,
        63_480
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM invoice_lines WHERE kind = 'discount'")
            .await,
        2
    );
}

/// Unknown, inactive, expired, used up, for another plan, storefront or currency: each is an
/// error on the coupon field, and nothing is recorded, charged or redeemed.
async fn refused_coupons_name_the_field_and_change_nothing(engine: Engine) {
    let app = TestApp::spawn_with(engine, |c| {
        c.fraud_rules.max_orders_per_email_per_day = 0;
        c.fraud_rules.max_orders_per_ip_per_day = 0;
    })
    .await;
    let op = operator(&app).await;
    for fields in [
        vec![("form[code]", "ONCEONLY"), ("form[max_redemptions]", "1")],
        vec![
            ("form[code]", "SOON-GONE"),
            ("form[expires_on]", "2026-01-10"),
        ],
        vec![
            ("form[code]", "ENTERPRISE"),
            ("form[plan]", "erp-enterprise"),
        ],
        vec![("form[code]", "USONLY"), ("form[storefront]", "us")],
        vec![
            ("form[code]", "FIVE-USD"),
            ("form[kind]", "fixed"),
            ("form[value]", "5.00"),
            ("form[currency]", "USD"),
        ],
        vec![("form[code]", "RETIRED")],
    ] {
        create_coupon(&app, &op, &fields)
            .await
            .body
            .expect("coupon created");
    }
    app.call::<()>(
        &op,
        None,
        path_of::<DeactivateCoupon>(),
        &[("code", "RETIRED")],
    )
    .await
    .body
    .expect("deactivated");
    // ONCEONLY's one redemption goes to a first order.
    let first = paid_form("first", "k-first", &[("form[coupon]", "ONCEONLY")]);
    app.call::<String>(&app.client(None), None, path_of::<PlaceOrder>(), &first)
        .await
        .body
        .expect("first order redeems it");
    app.clock.advance(Duration::days(10));

    let count = |sql: &'static str| app.count(sql);
    let before = (
        count("SELECT COUNT(*) FROM orders").await,
        count("SELECT COUNT(*) FROM payments").await,
        count("SELECT CAST(SUM(redeemed_count) AS BIGINT) FROM coupons").await,
    );
    for (i, (code, says)) in [
        ("NOSUCHCODE", "not valid"),
        ("RETIRED", "not valid"),
        ("ONCEONLY", "used up"),
        ("SOON-GONE", "expired"),
        ("ENTERPRISE", "plan"),
        ("USONLY", "shop"),
        ("FIVE-USD", "USD"),
        ("a!", "letters"),
    ]
    .into_iter()
    .enumerate()
    {
        let key = format!("k-later-{i}");
        let form = paid_form("later", &key, &[("form[coupon]", code)]);
        let reply = app
            .call::<String>(&app.client(None), None, path_of::<PlaceOrder>(), &form)
            .await;
        assert_eq!(reply.status.as_u16(), 422, "{code}: {:?}", reply.body);
        assert_eq!(field_of(&reply).as_deref(), Some("coupon"), "{code}");
        let message = reply.body.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains(says), "{code}: {message}");
    }
    let after = (
        count("SELECT COUNT(*) FROM orders").await,
        count("SELECT COUNT(*) FROM payments").await,
        count("SELECT CAST(SUM(redeemed_count) AS BIGINT) FROM coupons").await,
    );
    assert_eq!(before, after, "a refused coupon changes nothing");
    // The same order without the coupon goes through.
    let plain = paid_form("later", "k-later-2", &[]);
    app.call::<String>(&app.client(None), None, path_of::<PlaceOrder>(), &plain)
        .await
        .body
        .expect("order without coupon");
}

/// A 100 % coupon: nothing is due, nothing is charged, the order completes and its invoice is
/// issued paid.
async fn a_full_discount_charges_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let op = operator(&app).await;
    create_coupon(&app, &op, &[("form[code]", "FREE"), ("form[value]", "100")])
        .await
        .body
        .expect("coupon created");
    let form = paid_form("freebie", "k-free", &[("form[coupon]", "FREE")]);
    app.call::<String>(&app.client(None), None, path_of::<PlaceOrder>(), &form)
        .await
        .body
        .expect("free order");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE total_minor = 0 AND status = 'completed'")
            .await,
        1
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM payments").await, 0);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM invoices WHERE status = 'paid' AND total_minor = 0")
            .await,
        1
    );
}

/// The REST API takes a coupon too and answers a refused one as a 422 naming the field.
async fn the_api_takes_a_coupon(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let op = operator(&app).await;
    create_coupon(
        &app,
        &op,
        &[
            ("form[code]", "TENOFF"),
            ("form[kind]", "fixed"),
            ("form[value]", "10.00"),
            ("form[currency]", "EUR"),
            ("form[duration]", "forever"),
        ],
    )
    .await
    .body
    .expect("coupon created");
    let key = create_api_key(&app).await;
    let body = |name: &str, coupon: &str| {
        json!({
            "plan": "erp-business", "company": "Acme Ltd", "contact_name": "Ada",
            "email": "ada@acme.example", "password": PASSWORD, "instance_name": name,
            "period_months": 1, "billing_country": "NL", "billing_address": "Dam 1, Amsterdam",
            "payment_method": "card", "coupon": coupon,
            "card": { "number": "4242424242424242", "exp_month": 12, "exp_year": 2030, "cvc": "123" }
        })
    };
    let post = |idem: &'static str, body: Value| {
        let client = app.client(None);
        let url = app.url(None, "/api/v1/orders");
        let key = key.clone();
        async move {
            let res = client
                .post(url)
                .bearer_auth(key)
                .header("Idempotency-Key", idem)
                .json(&body)
                .send()
                .await
                .expect("request");
            let status = res.status().as_u16();
            (status, res.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let (status, v) = post("api-c-1", body("apicoupon", "tenoff")).await;
    assert!(status == 201 || status == 202, "{status}: {v}");
    // 99.00 setup + 49.00 for a month, less 10.00, then 21 % VAT.
    assert_eq!(v["total_minor"].as_i64(), Some(16_698), "{v}");
    let (status, v) = post("api-c-2", body("apinocoupon", "NOPE")).await;
    assert_eq!(status, 422, "{v}");
    assert_eq!(v["error"]["field"].as_str(), Some("coupon"), "{v}");
}

/// The operator lists coupons with their redemptions and deactivates them; the list and every
/// change are the operator's only, and a bad coupon is refused naming its field.
async fn only_the_operator_manages_coupons(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let anonymous = app.client(None);
    let denied = create_coupon(&app, &anonymous, &[]).await;
    assert_eq!(denied.status.as_u16(), 401);
    let denied = app
        .call::<Vec<CouponView>>(&anonymous, None, path_of::<AdminCoupons>(), &[])
        .await;
    assert_eq!(denied.status.as_u16(), 401);
    // A customer's portal login is no operator either.
    order_trial(&app, "acme", "ada@acme.example", "k-trial")
        .await
        .body
        .expect("trial");
    let (customer, _) = login(&app, Some("acme"), "ada@acme.example", PASSWORD).await;
    let denied = app
        .call::<Vec<CouponView>>(&customer, Some("acme"), path_of::<AdminCoupons>(), &[])
        .await;
    assert!(
        matches!(denied.status.as_u16(), 403 | 404),
        "{}",
        denied.status
    );

    let op = operator(&app).await;
    create_coupon(&app, &op, &[("form[max_redemptions]", "10")])
        .await
        .body
        .expect("created");
    for (field, value, bad) in [
        ("form[code]", "no", "code"),
        ("form[value]", "0", "value"),
        ("form[value]", "101", "value"),
        ("form[duration]", "periods", "periods"),
        ("form[max_redemptions]", "0", "max_redemptions"),
        ("form[expires_on]", "tomorrow", "expires_on"),
    ] {
        let mut fields = vec![("form[code]", "OTHER")];
        fields.retain(|(k, _)| *k != field);
        fields.push((field, value));
        let reply = create_coupon(&app, &op, &fields).await;
        assert_eq!(reply.status.as_u16(), 422, "{field}={value}");
        let got = match &reply.body {
            Err(AppError::InField { field, .. }) => field.clone(),
            other => panic!("{field}={value}: {other:?}"),
        };
        assert_eq!(got, bad, "{field}={value}");
    }
    let twice = create_coupon(&app, &op, &[]).await;
    assert_eq!(twice.status.as_u16(), 409, "a code is unique");
    let listed = coupons(&app, &op).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].code, "SAVE10");
    assert_eq!(listed[0].redemptions, "0 of 10");
    assert!(listed[0].active);
    app.call::<()>(
        &op,
        None,
        path_of::<DeactivateCoupon>(),
        &[("code", "SAVE10")],
    )
    .await
    .body
    .expect("deactivated");
    assert!(!coupons(&app, &op).await[0].active);
    // The page renders without JavaScript.
    let page = op
        .get(app.url(None, "/operator/coupons"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        page.contains("SAVE10") && page.contains("0 of 10"),
        "{page}"
    );
}

/// Without JavaScript: the form sent with a coupon and the undiscounted total the page showed
/// comes back with the discount line and the new total, said of the coupon field; sent again, it
/// places the order at that total.
async fn without_javascript_the_page_comes_back_with_the_discount(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let op = operator(&app).await;
    create_coupon(&app, &op, &[])
        .await
        .body
        .expect("coupon created");
    let form = paid_form(
        "nojs",
        "k-nojs",
        &[
            ("form[coupon]", "save10"),
            ("form[expected_total]", "59880"),
        ],
    );
    let res = app
        .client(None)
        .post(app.url(None, path_of::<PlaceOrder>()))
        .header("origin", format!("http://{}", app.host(None)))
        .header("accept", "text/html")
        .header("referer", app.url(None, "/order/erp-business"))
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 302);
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    assert!(
        location.contains("form%5Bcoupon%5D=save10") && location.contains("error_field=coupon"),
        "{location}"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM orders").await, 0);
    let page = app
        .client(None)
        .get(app.url(None, &location))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("html");
    assert!(page.contains("Coupon SAVE10"), "the discount line is shown");
    assert!(page.contains("538.92"), "the new total is shown");
    assert!(
        page.contains("value=\"53892\""),
        "the new total is the one confirmed"
    );
    assert!(page.contains("value=\"save10\""), "the code is kept");
    let again = paid_form(
        "nojs",
        "k-nojs-2",
        &[
            ("form[coupon]", "save10"),
            ("form[expected_total]", "53892"),
        ],
    );
    app.call::<String>(&app.client(None), None, path_of::<PlaceOrder>(), &again)
        .await
        .body
        .expect("order at the discounted total");
}

/// A coupon typed in the portal for a change: the preview, the order and its invoice take it off
/// what the change charges (before tax); a coupon for another plan, or on a change that costs
/// nothing, is refused on the coupon field and nothing is ordered or redeemed.
async fn a_coupon_takes_money_off_a_portal_change(engine: Engine) {
    use app::api::subscription::{ChangePreview, ChangeSubscription, PreviewSubscriptionChange};
    use app::domain::pricing::LineKind;
    let app = TestApp::spawn(engine).await;
    let form = paid_form("acme", "k-new", &[]);
    app.call::<String>(&app.client(None), None, path_of::<PlaceOrder>(), &form)
        .await
        .body
        .expect("paid order");
    let op = operator(&app).await;
    for (code, plan) in [("UPGRADE20", "erp-enterprise"), ("BIZONLY", "erp-business")] {
        create_coupon(
            &app,
            &op,
            &[
                ("form[code]", code),
                ("form[value]", "20"),
                ("form[plan]", plan),
            ],
        )
        .await
        .body
        .expect("coupon created");
    }
    create_coupon(&app, &op, &[]).await.body.expect("SAVE10");
    let (admin, who) = login(&app, Some("acme"), "ada@acme.example", PASSWORD).await;
    who.body.expect("admin logs in");
    let preview = |fields: Vec<(&'static str, &'static str)>| {
        let admin = admin.clone();
        let app = &app;
        async move {
            app.call::<ChangePreview>(
                &admin,
                Some("acme"),
                path_of::<PreviewSubscriptionChange>(),
                &fields,
            )
            .await
        }
    };
    let up = vec![("form[plan]", "erp-enterprise")];
    let plain = preview(up.clone()).await.body.expect("preview");
    let with = preview([up.clone(), vec![("form[coupon]", "upgrade20")]].concat())
        .await
        .body
        .expect("preview with coupon");
    let net = |p: &ChangePreview| -> i64 {
        p.lines
            .iter()
            .filter(|l| l.kind != LineKind::Tax)
            .map(|l| l.amount.minor)
            .sum()
    };
    let discount: Vec<_> = with
        .lines
        .iter()
        .filter(|l| l.kind == LineKind::Discount)
        .collect();
    assert_eq!(discount.len(), 1, "{:?}", with.lines);
    assert_eq!(discount[0].description, "Coupon UPGRADE20 (20%)");
    let off = (net(&plain) * 20 + 50) / 100;
    assert_eq!(-discount[0].amount.minor, off);
    assert_eq!(net(&with), net(&plain) - off);
    // France: 20 % tax on what is left.
    assert_eq!(with.total_minor, net(&with) + (net(&with) * 20 + 50) / 100);

    // A coupon for another plan is refused on its field, and so is one on a change that costs
    // nothing; nothing is ordered or redeemed.
    let other = preview([up.clone(), vec![("form[coupon]", "BIZONLY")]].concat()).await;
    assert_eq!(other.body.unwrap_err().field(), Some("coupon"));

    let total = with.total_minor.to_string();
    let ordered = app
        .call::<String>(
            &admin,
            Some("acme"),
            path_of::<ChangeSubscription>(),
            &[
                ("form[plan]", "erp-enterprise"),
                ("form[coupon]", "UPGRADE20"),
                ("form[idempotency_key]", "u1"),
                ("form[expected_total]", &total),
            ],
        )
        .await
        .body
        .expect("upgrade with coupon");
    let (kind, status, invoiced): (String, String, i64) = sqlx::query_as(
        "SELECT o.kind, o.status, i.total_minor FROM orders o JOIN invoices i ON i.order_id = o.id \
         WHERE o.public_token = $1",
    )
    .bind(&ordered)
    .fetch_one(&app.pool)
    .await
    .expect("order");
    assert_eq!((kind.as_str(), status.as_str()), ("upgrade", "completed"));
    assert_eq!(invoiced, with.total_minor);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM invoice_lines WHERE kind = 'discount'")
            .await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM coupon_redemptions r JOIN coupons c ON c.id = r.coupon_id WHERE c.code = 'UPGRADE20' AND c.redeemed_count = 1")
            .await,
        1
    );

    let down = vec![("form[plan]", "erp-business"), ("form[coupon]", "SAVE10")];
    let refused = preview(down).await.body.unwrap_err();
    assert_eq!(refused.field(), Some("coupon"), "{refused}");
    assert!(refused.to_string().contains("costs nothing"), "{refused}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM coupon_redemptions").await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE kind <> 'new_sale'")
            .await,
        1
    );
}

on_both_engines!(
    a_coupon_takes_money_off_a_portal_change,
    without_javascript_the_page_comes_back_with_the_discount,
    hundred_checkouts_against_ten_left_redeem_exactly_ten,
    a_coupon_discounts_order_invoice_and_renewals,
    refused_coupons_name_the_field_and_change_nothing,
    a_full_discount_charges_nothing,
    the_api_takes_a_coupon,
    only_the_operator_manages_coupons,
);
