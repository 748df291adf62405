//! One tenant through fourteen months of billing with the clock moved on, in the style of the
//! billing engines' own time-travel suites, on both engines. ERP Business, monthly, France (20 %
//! VAT), a 10 % coupon for three periods; two extra users added (an upgrade) and later removed (a
//! downgrade with credit); a renewal declined and recovered on day 5; a cancellation that ends the
//! subscription at its period's end. Every invoice is written out by hand below.
use crate::common::*;
use app::api::coupons::CreateCoupon;
use app::api::orders::PlaceOrder;
use app::api::subscription::{CancelSubscription, ChangeSubscription, PreviewSubscriptionChange};
use app::backend::db::Engine;
use chrono::{DateTime, TimeZone, Utc};
use reqwest::Client;

fn day(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 9, 0, 0)
        .single()
        .expect("date")
}

/// The invoices as the books hold them, oldest first: (total, status).
async fn invoices(app: &TestApp) -> Vec<(i64, String)> {
    sqlx::query_as("SELECT total_minor, status FROM invoices ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .expect("invoices")
}

/// Waits until the books hold `n` invoices and nothing is moving.
async fn until_invoices(app: &TestApp, n: usize) {
    for _ in 0..500 {
        if invoices(app).await.len() >= n {
            app.settle().await;
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!(
        "{n} invoices expected, the books hold {:?}",
        invoices(app).await
    );
}

async fn portal(app: &TestApp) -> Client {
    let (client, who) = login(app, Some("acme"), "ada@acme.example", PASSWORD).await;
    who.body.expect("admin logs in");
    client
}

/// Previews then confirms a change of the extra users, as the portal's form does.
async fn change_users(app: &TestApp, users: &str, key: &str) -> i64 {
    let c = portal(app).await;
    let form = [("form[plan]", "erp-business"), ("form[extra_users]", users)];
    let preview: app::api::subscription::ChangePreview = app
        .call(
            &c,
            Some("acme"),
            path_of::<PreviewSubscriptionChange>(),
            &form,
        )
        .await
        .body
        .expect("preview");
    let total = preview.total_minor.to_string();
    let confirm = [
        form.as_slice(),
        &[
            ("form[idempotency_key]", key),
            ("form[expected_total]", &total),
        ],
    ]
    .concat();
    app.call::<String>(&c, Some("acme"), path_of::<ChangeSubscription>(), &confirm)
        .await
        .body
        .expect("change confirmed");
    app.settle().await;
    preview.total_minor
}

async fn a_tenant_through_fourteen_months(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    assert_eq!(app::domain::Clock::now(&app.clock), day(2026, 1, 1));
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let coupon = [
        ("form[code]", "THREE"),
        ("form[kind]", "percent"),
        ("form[value]", "10"),
        ("form[currency]", ""),
        ("form[duration]", "periods"),
        ("form[periods]", "3"),
        ("form[plan]", "erp-business"),
        ("form[storefront]", ""),
        ("form[max_redemptions]", ""),
        ("form[expires_on]", ""),
    ];
    app.call::<()>(&op, None, path_of::<CreateCoupon>(), &coupon)
        .await
        .body
        .expect("coupon");

    // 1 Jan: setup 99.00 + January 49.00 = 148.00, less 10 % (14.80) = 133.20, VAT 26.64.
    let order = paid_form(
        "acme",
        "k-order",
        &[
            ("form[period_months]", "1"),
            ("form[coupon]", "THREE"),
            ("form[expected_total]", "15984"),
        ],
    );
    app.call::<String>(&app.client(None), None, path_of::<PlaceOrder>(), &order)
        .await
        .body
        .expect("order");
    app.settle().await;
    let mut books: Vec<(i64, &str)> = vec![(15_984, "paid")];
    assert_eq!(invoices(&app).await, own(&books));

    // 1 Feb and 1 Mar: 49.00 less 10 % = 44.10, VAT 8.82 (the coupon's second and third period).
    for (month, n) in [(2, 2), (3, 3)] {
        app.clock.set(day(2026, month, 1));
        until_invoices(&app, n).await;
        books.push((5_292, "paid"));
    }
    // 1 Apr: the coupon is used up: 49.00, VAT 9.80.
    app.clock.set(day(2026, 4, 1));
    until_invoices(&app, 4).await;
    books.push((5_880, "paid"));
    assert_eq!(invoices(&app).await, own(&books));

    // 1 Apr, the period just begun: two extra users (4.00 each a month) for the whole period.
    assert_eq!(change_users(&app, "2", "k-up").await, 960);
    until_invoices(&app, 5).await;
    books.push((960, "paid"));
    assert_eq!(invoices(&app).await, own(&books));

    // 1 May: 49.00 + 8.00 = 57.00, VAT 11.40; the card is declined, retried on days 1 and 3 in
    // vain; the customer fixes the card and day 5's retry pays it.
    card_becomes(&app, "nsf").await;
    app.clock.set(day(2026, 5, 1));
    until_invoices(&app, 6).await;
    until_count(
        &app,
        "SELECT COUNT(*) FROM tenants WHERE state = 'past_due'",
        1,
    )
    .await;
    books.push((6_840, "open"));
    assert_eq!(invoices(&app).await, own(&books));
    for retry_day in [2, 4] {
        app.clock.set(day(2026, 5, retry_day));
        until_count(
            &app,
            &format!(
                "SELECT COUNT(*) FROM dunnings WHERE attempts = {}",
                retry_day / 2
            ),
            1,
        )
        .await;
    }
    card_becomes(&app, "ok").await;
    app.clock.set(day(2026, 5, 6));
    until_count(
        &app,
        "SELECT COUNT(*) FROM tenants WHERE state = 'active'",
        1,
    )
    .await;
    app.settle().await;
    books.last_mut().expect("May").1 = "paid";
    assert_eq!(invoices(&app).await, own(&books));
    // The recovered period runs from 1 May to 1 June: the next renewal is on 1 June, as before.
    let (start, end): (String, String) =
        sqlx::query_as("SELECT period_start, period_end FROM subscriptions")
            .fetch_one(&app.pool)
            .await
            .expect("period");
    assert_eq!(
        (start.get(..10), end.get(..10)),
        (Some("2026-05-01"), Some("2026-06-01"))
    );

    // 1 Jun and 1 Jul: 68.40 each.
    for (month, n) in [(6, 7), (7, 8)] {
        app.clock.set(day(2026, month, 1));
        until_invoices(&app, n).await;
        books.push((6_840, "paid"));
    }
    // 1 Jul, the period just begun: the two users go; the whole period's 8.00 is credited.
    assert_eq!(
        change_users(&app, "0", "k-down").await,
        -960,
        "a credit of 8.00 + VAT"
    );
    // Documented by a credit note on July's invoice: 8.00 and its 1.60 VAT.
    let (note_total, note_tax): (i64, i64) =
        sqlx::query_as("SELECT total_minor, tax_minor FROM credit_notes")
            .fetch_one(&app.pool)
            .await
            .expect("credit note");
    assert_eq!((note_total, note_tax), (960, 160));
    assert_eq!(
        app.count("SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) FROM customer_credits")
            .await,
        800
    );
    // 1 Aug: 49.00 less the 8.00 credit = 41.00, VAT 8.20.
    app.clock.set(day(2026, 8, 1));
    until_invoices(&app, 9).await;
    books.push((4_920, "paid"));
    assert_eq!(
        app.count("SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) FROM customer_credits")
            .await,
        0,
        "the credit is used"
    );
    // 1 Sep to 1 Jan 2027: 58.80 each.
    for (i, (year, month)) in [(2026, 9), (2026, 10), (2026, 11), (2026, 12), (2027, 1)]
        .into_iter()
        .enumerate()
    {
        app.clock.set(day(year, month, 1));
        until_invoices(&app, 10 + i).await;
        books.push((5_880, "paid"));
    }
    assert_eq!(invoices(&app).await, own(&books));

    // 15 Jan 2027: cancelled; it runs to 1 Feb, then ends, with no further invoice.
    app.clock.set(day(2027, 1, 15));
    let c = portal(&app).await;
    app.call::<String>(
        &c,
        Some("acme"),
        path_of::<CancelSubscription>(),
        &[("idempotency_key", "k-cancel")],
    )
    .await
    .body
    .expect("cancelled");
    app.clock.set(day(2027, 2, 1));
    until_count(
        &app,
        "SELECT COUNT(*) FROM tenants WHERE state = 'archived'",
        1,
    )
    .await;
    app.clock.set(day(2027, 3, 1));
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert_eq!(invoices(&app).await, own(&books));
    // Fourteen months: 1 order, 12 renewals, 1 upgrade; everything paid; the books add up.
    assert_eq!(books.len(), 14);
    let billed: i64 = books.iter().map(|(t, _)| t).sum();
    assert_eq!(
        billed,
        15_984 + 2 * 5_292 + 5_880 + 960 + 3 * 6_840 + 4_920 + 5 * 5_880
    );
    assert_eq!(
        app.count(
            "SELECT CAST(SUM(amount_minor) AS BIGINT) FROM payments WHERE status = 'captured'"
        )
        .await,
        billed
    );
    the_dashboard_agrees_with_the_books(&app).await;
}

/// MRR month by month, as the books above say it, against the dashboard's (24 months to March
/// 2027): 44.10 from January (49.00 less the coupon, which runs on), 57.00 from April (the coupon
/// ended: +4.90; two users: +8.00), 49.00 from July (the users gone), nothing from February 2027
/// (the subscription ended). A declined renewal (May) keeps counting: the tenant still runs.
async fn the_dashboard_agrees_with_the_books(app: &TestApp) {
    use app::api::dashboard::{DashboardView, OperatorDashboard};
    let (op, _) = login(app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let dash: DashboardView = app
        .call(
            &op,
            None,
            path_of::<OperatorDashboard>(),
            &[("months", "24")],
        )
        .await
        .body
        .expect("dashboard");
    let eur = dash
        .revenue
        .iter()
        .find(|r| r.currency == "EUR")
        .expect("EUR");
    assert_eq!(eur.months.len(), 24);
    // (month, new, expansion, contraction, churn, closing, customers at the end)
    let expected: Vec<(&str, i64, i64, i64, i64, i64, i64)> = vec![
        ("2025-12", 0, 0, 0, 0, 0, 0),
        ("2026-01", 4_410, 0, 0, 0, 4_410, 1),
        ("2026-02", 0, 0, 0, 0, 4_410, 1),
        ("2026-03", 0, 0, 0, 0, 4_410, 1),
        ("2026-04", 0, 1_290, 0, 0, 5_700, 1),
        ("2026-05", 0, 0, 0, 0, 5_700, 1),
        ("2026-06", 0, 0, 0, 0, 5_700, 1),
        ("2026-07", 0, 0, -800, 0, 4_900, 1),
        ("2026-12", 0, 0, 0, 0, 4_900, 1),
        ("2027-01", 0, 0, 0, 0, 4_900, 1),
        ("2027-02", 0, 0, 0, -4_900, 0, 0),
        ("2027-03", 0, 0, 0, 0, 0, 0),
    ];
    for (month, new, expansion, contraction, churn, closing, customers) in expected {
        let m = eur
            .months
            .iter()
            .find(|m| m.month.map(|x| x.to_string()).as_deref() == Some(month))
            .unwrap_or_else(|| panic!("{month} shown"));
        assert_eq!(
            (
                m.new_minor,
                m.expansion_minor,
                m.contraction_minor,
                m.churn_minor,
                m.closing_minor,
                m.customers_end
            ),
            (new, expansion, contraction, churn, closing, customers),
            "{month}"
        );
    }
    for m in &eur.months {
        assert_eq!(
            m.opening_minor + m.net_minor(),
            m.closing_minor,
            "each month adds up"
        );
    }
    let feb = eur
        .months
        .iter()
        .find(|m| m.month.map(|x| x.to_string()).as_deref() == Some("2027-02"))
        .expect("Feb");
    assert_eq!((feb.customers_start, feb.customers_lost), (1, 1));
    assert_eq!(eur.mrr_minor, 0);
    // Every movement's customer total is the running sum of its movements.
    let moves: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT delta_minor, customer_mrr_after_minor FROM mrr_movements ORDER BY id",
    )
    .fetch_all(&app.pool)
    .await
    .expect("movements");
    let mut running = 0;
    for (delta, after) in moves {
        running += delta;
        assert_eq!(running, after);
    }
    // Tenants by state: active through January 2027, archived from February.
    let at = |month: &str, state: app::domain::TenantState| {
        dash.tenant_months
            .iter()
            .find(|m| m.month.to_string() == month)
            .and_then(|m| m.counts.iter().find(|c| c.state == state))
            .map(|c| c.count)
    };
    use app::domain::TenantState::{Active, Archived};
    assert_eq!(
        (at("2026-06", Active), at("2026-06", Archived)),
        (Some(1), Some(0))
    );
    assert_eq!(
        (at("2027-03", Active), at("2027-03", Archived)),
        (Some(0), Some(1))
    );
    assert_eq!(dash.charts.len(), 4, "MRR, movements, tenants, trials");
    assert!(dash.charts.iter().all(|c| c.svg.starts_with("<svg")));
}

fn own(books: &[(i64, &str)]) -> Vec<(i64, String)> {
    books.iter().map(|(t, s)| (*t, s.to_string())).collect()
}

on_both_engines!(a_tenant_through_fourteen_months);
