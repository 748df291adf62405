//! The operator's dashboard on both engines: only the operator reads it, a period out of range
//! is refused, an order waiting for its transfer is not a live tenant but an overdue invoice to
//! act on, the billing summary adds up, and the monthly figures read the same before and after
//! the sweep folds them.
use crate::common::*;
use app::api::dashboard::OperatorDashboard;
use app::backend::db::Engine;
use app::domain::{Clock, TenantState};
use app::wire::dashboard::{ActionKind, DashboardView};
use chrono::Duration;

fn state(dash: &DashboardView, state: TenantState) -> i64 {
    dash.by_state
        .iter()
        .find(|c| c.state == state)
        .map_or(0, |c| c.count)
}

async fn only_the_operator_reads_it_for_3_12_or_24_months(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let anonymous = app
        .call::<DashboardView>(&app.client(None), None, path_of::<OperatorDashboard>(), &[])
        .await;
    assert_eq!(anonymous.status, 401);
    subscribed(&app).await;
    // The tenant's admin, on the instance's host: no operator function there.
    let (admin, _) = login(&app, Some("acme"), "ada@acme.example", PASSWORD).await;
    let denied = app
        .call::<DashboardView>(&admin, Some("acme"), path_of::<OperatorDashboard>(), &[])
        .await;
    assert!(
        matches!(denied.status.as_u16(), 403 | 404),
        "{}",
        denied.status
    );
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    for months in ["3", "12", "24"] {
        let dash: DashboardView = app
            .call(
                &op,
                None,
                path_of::<OperatorDashboard>(),
                &[("months", months)],
            )
            .await
            .body
            .expect("dashboard");
        assert_eq!(dash.months.to_string(), months);
        assert_eq!(dash.revenue[0].months.len().to_string(), months);
    }
    let refused = app
        .call::<DashboardView>(
            &op,
            None,
            path_of::<OperatorDashboard>(),
            &[("months", "7")],
        )
        .await;
    assert_eq!(refused.status, 422);
    let message = refused.body.unwrap_err().to_string();
    assert!(message.contains("3, 12 or 24"), "{message}");
    // The page says the same, without JavaScript.
    let page = html(&app, &op, None, "/operator?months=7").await;
    assert!(page.contains("Show 3, 12 or 24 months"), "{page}");
    let page = html(&app, &op, None, "/operator?months=3").await;
    assert!(page.contains("<svg"), "charts drawn on the server");
    assert!(page.contains("MRR by month"), "with the table beside them");
}

async fn a_transfer_not_yet_paid_is_no_live_tenant(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let form = paid_form("acme", "k-bt", &[("form[payment_method]", "bank_transfer")]);
    app.call::<String>(
        &app.client(None),
        None,
        path_of::<app::api::orders::PlaceOrder>(),
        &form,
    )
    .await
    .body
    .expect("order");
    let dash = dashboard(&app, &[]).await;
    assert_eq!((dash.awaiting_payment, dash.awaiting_approval), (1, 0));
    assert!(
        dash.actions
            .iter()
            .any(|a| a.kind == ActionKind::Approval && a.detail.contains("bank transfer")),
        "{:?}",
        dash.actions
    );
    assert_eq!(dash.live_tenants, 0);
    assert_eq!(state(&dash, TenantState::Provisioning), 0);
    assert!(dash.revenue.is_empty(), "no MRR before it is paid");
    let eur = &dash.billing[0].figures;
    assert_eq!(eur.open.0, 1);
    assert_eq!(eur.overdue.0, 0);
    assert_eq!(eur.collected.0, 0);
    // Past its due date it is overdue, and on the action list.
    app.clock.advance(Duration::days(40));
    let dash = dashboard(&app, &[]).await;
    assert_eq!(
        dash.billing[0].figures.overdue,
        dash.billing[0].figures.open
    );
    assert!(
        dash.actions
            .iter()
            .any(|a| a.kind == ActionKind::OverdueInvoice),
        "{:?}",
        dash.actions
    );
}

async fn billing_and_renewals_add_up(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    subscribed(&app).await;
    let (total, subtotal_recurring): (i64, i64) = sqlx::query_as(
        "SELECT i.total_minor, CAST((SELECT SUM(l.amount_minor) FROM invoice_lines l WHERE l.invoice_id = i.id \
         AND l.kind IN ('recurring', 'addon_recurring', 'resource_recurring')) AS BIGINT) FROM invoices i",
    )
    .fetch_one(&app.pool)
    .await
    .expect("invoice");
    let dash = dashboard(&app, &[]).await;
    let f = dash.billing[0].figures;
    assert_eq!(f.invoiced, (1, total));
    assert_eq!(f.collected, (1, total));
    assert_eq!((f.open.0, f.renewing_30_days.0), (0, 0));
    let eur = &dash.revenue[0];
    assert_eq!(
        eur.mrr_minor,
        (subtotal_recurring * 2 + 12) / 24,
        "a year's price over 12"
    );
    assert_eq!(eur.arr_minor, 12 * eur.mrr_minor);
    assert_eq!(eur.ratios.arpa_minor, Some(eur.mrr_minor));
    assert_eq!(dash.live_tenants, 1);
    // The tenant's page has the same MRR, its invoice, payment and licence; no tenant, no page.
    use app::api::tenants::{TenantDetail, TenantDetailView};
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let detail: TenantDetailView = app
        .call(&op, None, path_of::<TenantDetail>(), &[("tenant_id", "1")])
        .await
        .body
        .expect("tenant");
    assert_eq!(
        detail.mrr,
        app::domain::format::money_of(eur.mrr_minor, "EUR", app::i18n::Locale::En)
    );
    assert_eq!((detail.invoices.len(), detail.payments.len()), (1, 1));
    assert_eq!((detail.seats.active, detail.seats.licensed), (1, 10));
    let none = app
        .call::<TenantDetailView>(
            &op,
            None,
            path_of::<TenantDetail>(),
            &[("tenant_id", "999")],
        )
        .await;
    assert_eq!(none.status, 404);
    // Three weeks before the year ends the renewal is due within 30 days, not 7.
    app.clock.advance(Duration::days(365 - 21));
    let dash = dashboard(&app, &[]).await;
    let f = dash.billing[0].figures;
    assert_eq!(f.renewing_30_days, (1, subtotal_recurring));
    assert_eq!(f.renewing_7_days, (0, 0));
    assert_eq!(f.invoiced.0, 0, "nothing invoiced this month");
}

async fn folded_figures_read_the_same(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    subscribed(&app).await;
    order_trial(&app, "beta", "bea@beta.example", "k-beta")
        .await
        .body
        .expect("trial");
    app.settle().await;
    let before = dashboard(&app, &[("months", "3")]).await;
    // The sweep may have folded some already; this folds the rest.
    app::backend::mrr::fold::run(&app.pool, app.clock.now())
        .await
        .expect("fold");
    assert!(app.count("SELECT COUNT(*) FROM kpi_months").await > 0);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM mrr_movements WHERE folded = 0")
            .await,
        0
    );
    let after = dashboard(&app, &[("months", "3")]).await;
    assert_eq!(before.revenue, after.revenue);
    assert_eq!(before.tenant_months, after.tenant_months);
    assert_eq!(before.trials, after.trials);
    assert_eq!(after.trials.last().map(|c| c.started), Some(1));
    assert_eq!(state(&after, TenantState::Trial), 1);
    // Two servers folding at once add each row once.
    subscribed_again(&app).await;
    let now = app.clock.now();
    let (a, b) = tokio::join!(
        app::backend::mrr::fold::run(&app.pool, now),
        app::backend::mrr::fold::run(&app.pool, now)
    );
    a.expect("fold a");
    b.expect("fold b");
    let last = dashboard(&app, &[("months", "3")]).await;
    assert_eq!(last.revenue[0].customers, 2);
    assert_eq!(
        last.revenue[0].mrr_minor,
        app.count("SELECT CAST(SUM(mrr_minor) AS BIGINT) FROM subscriptions")
            .await
    );
}

async fn subscribed_again(app: &TestApp) {
    let form = paid_form("gamma", "k-gamma", &[("form[email]", "gil@gamma.example")]);
    place(app, &form).await;
    app.settle().await;
}

/// Helpdesk Team (US) at 21.00 a month and ERP Business at 49.00 a month (before tax).
async fn two_currencies(app: &TestApp) {
    for (storefront, plan, instance, country) in [
        ("us", "helpdesk-team-us", "acme-us", "US"),
        ("", "erp-business", "acme-eu", "FR"),
    ] {
        let overrides = [
            ("form[storefront]", storefront),
            ("form[plan]", plan),
            ("form[period_months]", "1"),
            ("form[billing_country]", country),
        ];
        place(app, &paid_form(instance, instance, &overrides)).await;
    }
    app.settle().await;
}

async fn every_currency_adds_up_in_the_reporting_one(engine: Engine) {
    use app::api::exchange_rates::{SaveExchangeRate, SetReportingCurrency};
    use app::wire::dashboard::ReportingTotal;
    let app = TestApp::spawn(engine).await;
    two_currencies(&app).await;
    let dash = dashboard(&app, &[("months", "3")]).await;
    let mrr = |c: &str| {
        dash.revenue
            .iter()
            .find(|r| r.currency == c)
            .map(|r| r.mrr_minor)
    };
    assert_eq!((mrr("EUR"), mrr("USD")), (Some(4_900), Some(2_100)));
    assert_eq!(dash.reporting, None, "no reporting currency yet");
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let rate = |currency: &'static str, from: &'static str, rate: &'static str| {
        let (app, op) = (&app, op.clone());
        async move {
            app.call::<()>(
                &op,
                None,
                path_of::<SaveExchangeRate>(),
                &[("currency", currency), ("valid_from", from), ("rate", rate)],
            )
            .await
        }
    };
    // No reporting currency: a rate has nothing to convert into.
    let refused = rate("USD", "2026-01-01", "0.9").await;
    assert_eq!(refused.status, 422);
    app.call::<()>(
        &op,
        None,
        path_of::<SetReportingCurrency>(),
        &[("reporting", "eur")],
    )
    .await
    .body
    .expect("reporting currency");
    let dash = dashboard(&app, &[("months", "3")]).await;
    match &dash.reporting {
        Some(ReportingTotal::MissingRate(why)) => assert!(why.contains("USD to EUR"), "{why}"),
        other => panic!("a missing rate is named: {other:?}"),
    }
    for (bad, field) in [("0", "rate"), ("-1", "rate"), ("abc", "rate")] {
        let r = rate("USD", "2026-01-01", bad).await;
        assert_eq!(r.status, 422, "{bad}");
        assert_eq!(r.body.unwrap_err().field(), Some(field), "{bad}");
    }
    assert_eq!(rate("XX", "2026-01-01", "1").await.status, 422);
    assert_eq!(rate("USD", "yesterday", "1").await.status, 422);
    assert_eq!(
        rate("EUR", "2026-01-01", "1").await.status,
        422,
        "no rate into itself"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM exchange_rates").await,
        0,
        "nothing saved"
    );
    // A rate from before the period: 21.00 USD at 0.9 = 18.90 EUR, added to 49.00.
    rate("USD", "2020-01-01", "0.9").await.body.expect("rate");
    let dash = dashboard(&app, &[("months", "3")]).await;
    let Some(ReportingTotal::Converted(total)) = &dash.reporting else {
        panic!("a total: {:?}", dash.reporting)
    };
    assert_eq!(total.currency, "EUR");
    assert_eq!(total.mrr_minor, 4_900 + 1_890);
    assert_eq!(total.customers, 2);
    // A new rate from today on converts the running month at it.
    let today = app.clock.now().format("%Y-%m-%d").to_string();
    let today: &'static str = Box::leak(today.into_boxed_str());
    rate("USD", today, "1.1").await.body.expect("rate");
    let dash = dashboard(&app, &[("months", "3")]).await;
    let Some(ReportingTotal::Converted(total)) = &dash.reporting else {
        panic!("a total")
    };
    assert_eq!(total.mrr_minor, 4_900 + 2_310);
    for m in &total.months {
        assert_eq!(m.opening_minor + m.net_minor(), m.closing_minor);
    }
}

async fn the_tenant_list_finds_and_filters(engine: Engine) {
    use app::api::tenants::{ListTenants, TenantListView};
    let app = TestApp::spawn(engine).await;
    two_currencies(&app).await;
    order_trial(&app, "beta", "bea@beta.example", "k-beta")
        .await
        .body
        .expect("trial");
    app.settle().await;
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let list = |q: &'static [(&'static str, &'static str)]| {
        let (app, op) = (&app, op.clone());
        async move {
            app.call::<TenantListView>(&op, None, path_of::<ListTenants>(), q)
                .await
        }
    };
    let all = list(&[]).await.body.expect("list");
    assert_eq!(all.total, 3);
    let names = |v: &TenantListView| v.rows.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&list(&[("q", "ACME-U")]).await.body.expect("q")),
        ["acme-us"]
    );
    assert_eq!(
        names(&list(&[("q", "bea@beta")]).await.body.expect("email")),
        ["beta"]
    );
    assert_eq!(
        list(&[("q", "Acme Ltd")])
            .await
            .body
            .expect("company")
            .total,
        3
    );
    assert_eq!(
        names(&list(&[("state", "trial")]).await.body.expect("state")),
        ["beta"]
    );
    assert_eq!(
        names(
            &list(&[("plan", "Helpdesk Team (US)")])
                .await
                .body
                .expect("plan")
        ),
        ["acme-us"]
    );
    assert_eq!(
        list(&[("q", "%")]).await.body.expect("literal").total,
        0,
        "a % is a character"
    );
    assert_eq!(
        list(&[("health", "critical")])
            .await
            .body
            .expect("health")
            .total,
        0,
        "not checked yet"
    );
    let bad_health = list(&[("health", "sick")]).await;
    assert_eq!(bad_health.body.unwrap_err().field(), Some("health"));
    let bad = list(&[("state", "happy")]).await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.body.unwrap_err().field(), Some("state"));
    let anonymous = app
        .call::<TenantListView>(&app.client(None), None, path_of::<ListTenants>(), &[])
        .await;
    assert_eq!(anonymous.status, 401);
    let page = html(&app, &op, None, "/operator/tenants?q=acme&state=active").await;
    assert!(
        page.contains("acme-us") && page.contains("acme-eu") && !page.contains(">beta<"),
        "{page}"
    );
}

/// Reads the stream until an event named `name` arrives; returns when it did.
async fn until_event(res: &mut reqwest::Response, name: &str) -> std::time::Instant {
    let mut seen = String::new();
    loop {
        let chunk = res.chunk().await.expect("stream").expect("stream open");
        seen.push_str(&String::from_utf8_lossy(&chunk));
        if seen.contains(&format!("event: {name}")) {
            return std::time::Instant::now();
        }
    }
}

async fn a_new_order_reaches_an_open_dashboard_at_once(engine: Engine) {
    use reqwest::header::ACCEPT;
    let app = TestApp::spawn(engine).await;
    let url = app.url(None, "/operator/live");
    let anonymous = app.client(None).get(&url).send().await.expect("live");
    assert_eq!(anonymous.status(), 401);
    let on_instance = app
        .client(Some("acme"))
        .get(app.url(Some("acme"), "/operator/live"))
        .send()
        .await
        .expect("live");
    assert_eq!(on_instance.status(), 404);
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let mut dashboards = Vec::new();
    for _ in 0..3 {
        let mut res = op
            .get(&url)
            .header(ACCEPT, "text/event-stream")
            .send()
            .await
            .expect("live");
        assert_eq!(res.status(), 200);
        until_event(&mut res, "hello").await;
        dashboards.push(tokio::spawn(async move {
            tokio::time::timeout(
                std::time::Duration::from_secs(10),
                until_event(&mut res, "change"),
            )
            .await
            .expect("a change within 10 s")
        }));
    }
    let placed = std::time::Instant::now();
    order_trial(&app, "acme", "ada@acme.example", "k-live")
        .await
        .body
        .expect("trial");
    for d in dashboards {
        let heard = d.await.expect("listener");
        let took = heard.saturating_duration_since(placed);
        assert!(
            took < std::time::Duration::from_secs(2),
            "heard after {took:?}"
        );
    }
    let dash = dashboard(&app, &[]).await;
    assert!(
        dash.feed.iter().any(|f| f.text.starts_with("acme:")),
        "{:?}",
        dash.feed
    );
}

/// Every function of the dashboard, the tenant list and the exchange rates: 401 without a login,
/// 404 on an instance's host (a tenant's admin logged in there); nothing saved.
async fn nobody_else_reads_or_changes_anything(engine: Engine) {
    use app::api::exchange_rates::{ExchangeRates, SaveExchangeRate, SetReportingCurrency};
    use app::api::tenants::ListTenants;
    let app = TestApp::spawn(engine).await;
    subscribed(&app).await;
    let (admin, _) = login(&app, Some("acme"), "ada@acme.example", PASSWORD).await;
    let calls: [(&str, Vec<(&str, &str)>); 5] = [
        (path_of::<OperatorDashboard>(), vec![("months", "12")]),
        (path_of::<ListTenants>(), vec![]),
        (path_of::<ExchangeRates>(), vec![]),
        (
            path_of::<SetReportingCurrency>(),
            vec![("reporting", "EUR")],
        ),
        (
            path_of::<SaveExchangeRate>(),
            vec![
                ("currency", "USD"),
                ("valid_from", "2026-01-01"),
                ("rate", "1"),
            ],
        ),
    ];
    for (path, form) in calls {
        let anonymous = app
            .call::<serde_json::Value>(&app.client(None), None, path, &form)
            .await;
        assert_eq!(anonymous.status, 401, "{path}");
        let tenant = app
            .call::<serde_json::Value>(&admin, Some("acme"), path, &form)
            .await;
        assert!(
            matches!(tenant.status.as_u16(), 403 | 404),
            "{path}: {}",
            tenant.status
        );
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM reporting_currency").await,
        0
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM exchange_rates").await, 0);
    let res = admin
        .get(app.url(Some("acme"), "/operator/live"))
        .send()
        .await
        .expect("live");
    assert_eq!(res.status(), 404);
}

on_both_engines!(nobody_else_reads_or_changes_anything);
on_both_engines!(a_new_order_reaches_an_open_dashboard_at_once);
on_both_engines!(every_currency_adds_up_in_the_reporting_one);
on_both_engines!(the_tenant_list_finds_and_filters);
on_both_engines!(only_the_operator_reads_it_for_3_12_or_24_months);
on_both_engines!(a_transfer_not_yet_paid_is_no_live_tenant);
on_both_engines!(billing_and_renewals_add_up);
on_both_engines!(folded_figures_read_the_same);
