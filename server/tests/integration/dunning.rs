//! Dunning on both engines, with the clock moved on: a declined renewal makes the tenant past due
//! and is retried on the schedule's days; paying ends it and the tenant runs again at once; a
//! hard decline is never retried, and an unpaid tenant is suspended after the grace period,
//! archived after 30 days and its data deleted after the retention period. A renewal paid by
//! transfer is dunned once its invoice is overdue. Two servers retrying at once, and a server
//! stopped mid-attempt, charge each attempt once.
use crate::common::*;
use app::api::dunning::UpdateDunningSchedule;
use app::backend::db::Engine;
use chrono::Duration;

/// A paid ERP Business subscription (12 months, Visa), whose stored card will then answer as
/// the test card `behaviour` (`nsf`: insufficient funds, `fraud`: a stolen card, `ok`).
async fn tenant_state(app: &TestApp) -> String {
    let (state,): (String,) = sqlx::query_as("SELECT state FROM tenants WHERE name = 'acme'")
        .fetch_one(&app.pool)
        .await
        .expect("tenant");
    state
}

async fn events(app: &TestApp) -> Vec<String> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT event FROM invoice_events ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .expect("timeline");
    rows.into_iter().map(|(e,)| e).collect()
}

const RENEWAL_FAILED: &str =
    "SELECT COUNT(*) FROM orders WHERE kind = 'renewal' AND status = 'failed'";
const OPEN: &str = "SELECT COUNT(*) FROM dunnings WHERE status = 'open'";

fn mails_about(app: &TestApp, subject: &str) -> usize {
    app.outbox().iter().filter(|m| m.contains(subject)).count()
}

/// Waits (up to 10 s) until one mail with `subject` was sent.
async fn until_mailed(app: &TestApp, subject: &str) {
    for _ in 0..500 {
        if mails_about(app, subject) == 1 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!(
        "not one mail \"{subject}\" but {}",
        mails_about(app, subject)
    );
}

/// The operator's page of the recovered renewal invoice shows its timeline, oldest first, in
/// words; the renewal's order page and the tenant page link to it.
async fn the_invoice_page_shows_the_timeline(app: &TestApp) {
    let (invoice_id, order_id, tenant_id): (i64, i64, i64) =
        sqlx::query_as("SELECT invoice_id, order_id, tenant_id FROM dunnings")
            .fetch_one(&app.pool)
            .await
            .expect("dunning");
    let (op, _) = login(app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let page = html(app, &op, None, &format!("/operator/invoices/{invoice_id}")).await;
    assert!(page.contains("<h2>Timeline</h2>"), "{page}");
    assert!(page.contains(r#"class="badge paid">Paid<"#), "{page}");
    let steps = [
        "Payment failed",
        "Dunning started",
        "Retry failed",
        "Retry succeeded",
        "Dunning ended",
    ];
    let at: Vec<usize> = steps
        .iter()
        .map(|s| {
            page.find(&format!("<td>{s}</td>"))
                .unwrap_or_else(|| panic!("{s} missing: {page}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "oldest first: {at:?}");
    assert!(page.contains("Rule: dunning"), "the actor in words: {page}");
    assert!(
        !page.contains("retry_succeeded<"),
        "no code shown as text: {page}"
    );
    let link = format!(r#"href="/operator/invoices/{invoice_id}""#);
    let order = html(app, &op, None, &format!("/operator/orders/{order_id}")).await;
    assert!(
        order.contains(&link),
        "the order page links the invoice: {order}"
    );
    let tenant = html(app, &op, None, &format!("/operator/tenants/{tenant_id}")).await;
    assert!(
        tenant.contains(&link),
        "the tenant page links the invoice: {tenant}"
    );
}

async fn a_declined_renewal_is_retried_and_paying_restores_the_tenant(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    subscribed(&app).await;
    let (period_end,): (String,) =
        sqlx::query_as("SELECT period_end FROM subscriptions WHERE status = 'active'")
            .fetch_one(&app.pool)
            .await
            .expect("subscription");
    card_becomes(&app, "nsf").await;

    // The year is over: the renewal is declined, the tenant runs on past due.
    app.clock.advance(Duration::days(366));
    until_count(&app, RENEWAL_FAILED, 1).await;
    until_count(&app, OPEN, 1).await;
    assert_eq!(tenant_state(&app).await, "past_due");
    assert_eq!(events(&app).await, ["payment_failed", "dunning_started"]);
    until_mailed(&app, "Payment for acme failed").await;
    let failed = app
        .outbox()
        .into_iter()
        .find(|m| m.contains("Payment for acme failed"))
        .expect("mail");
    assert!(
        failed.contains("We will try your card again on"),
        "{failed}"
    );
    assert!(failed.contains("/invoice"), "{failed}");

    // Day 1: the retry is declined again; the next is on day 3.
    app.clock.advance(Duration::days(1));
    until_count(&app, "SELECT COUNT(*) FROM dunnings WHERE attempts = 1", 1).await;
    assert_eq!(tenant_state(&app).await, "past_due");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM payments WHERE status = 'declined'")
            .await,
        2
    );

    // The customer fixes the card; day 3's retry is paid and the tenant runs again at once.
    card_becomes(&app, "ok").await;
    app.clock.advance(Duration::days(2));
    until_count(
        &app,
        "SELECT COUNT(*) FROM dunnings WHERE status = 'recovered'",
        1,
    )
    .await;
    assert_eq!(tenant_state(&app).await, "active");
    until_count(
        &app,
        "SELECT COUNT(*) FROM orders WHERE kind = 'renewal' AND status = 'completed'",
        1,
    )
    .await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM invoices WHERE status = 'open'")
            .await,
        0
    );
    // The paid-through date continues from where it was: the new period starts at the old end.
    let (start,): (String,) =
        sqlx::query_as("SELECT period_start FROM subscriptions WHERE status = 'active'")
            .fetch_one(&app.pool)
            .await
            .expect("subscription");
    assert_eq!(start, period_end);
    assert_eq!(
        events(&app).await,
        [
            "payment_failed",
            "dunning_started",
            "retry_failed",
            "retry_succeeded",
            "dunning_ended"
        ]
    );
    let (captured,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM payments p JOIN orders o ON o.id = p.order_id \
         WHERE o.kind = 'renewal' AND p.status = 'captured'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("payments");
    assert_eq!(captured, 1);
    until_mailed(&app, "Payment received for acme").await;
    the_invoice_page_shows_the_timeline(&app).await;
    // The tenant's own history names each cause.
    let moves: Vec<(String, String)> = sqlx::query_as(
        "SELECT e.event, e.actor FROM tenant_events e JOIN tenants t ON t.id = e.tenant_id \
         WHERE t.name = 'acme' AND e.event LIKE 'payment%' ORDER BY e.id",
    )
    .fetch_all(&app.pool)
    .await
    .expect("events");
    assert_eq!(
        moves,
        [
            ("payment_failed".to_string(), "rule:dunning".to_string()),
            ("payment_recovered".to_string(), "rule:dunning".to_string())
        ]
    );
}

async fn an_unpaid_tenant_is_suspended_archived_then_deleted(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    subscribed(&app).await;
    let (tenant_id,): (i64,) = sqlx::query_as("SELECT id FROM tenants WHERE name = 'acme'")
        .fetch_one(&app.pool)
        .await
        .expect("tenant");
    assert!(app.tenant_db_exists(tenant_id).await);
    // A stolen card: a hard decline is never tried again.
    card_becomes(&app, "fraud").await;
    app.clock.advance(Duration::days(366));
    until_count(&app, OPEN, 1).await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM dunnings WHERE next_attempt_at IS NULL")
            .await,
        1
    );
    assert_eq!(tenant_state(&app).await, "past_due");

    // Six days on it still runs; on the seventh the grace period is over.
    app.clock.advance(Duration::days(6));
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(tenant_state(&app).await, "past_due");
    app.clock.advance(Duration::days(1));
    until_count(
        &app,
        "SELECT COUNT(*) FROM tenants WHERE name = 'acme' AND state = 'suspended'",
        1,
    )
    .await;
    until_mailed(&app, "acme is paused: invoice unpaid").await;
    let page = html(&app, &app.client(Some("acme")), Some("acme"), "/paused").await;
    assert!(page.contains("has been overdue since"), "{page}");
    assert!(page.contains("Pay the invoice"), "{page}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM payments WHERE status = 'declined'")
            .await,
        1,
        "never retried"
    );
    assert!(app.tenant_db_exists(tenant_id).await, "data untouched");

    // Thirty days suspended: archived, the subscription ends, the dunning is lost.
    app.clock.advance(Duration::days(30));
    until_count(
        &app,
        "SELECT COUNT(*) FROM tenants WHERE name = 'acme' AND state = 'archived'",
        1,
    )
    .await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM dunnings WHERE status = 'lost'")
            .await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM subscriptions WHERE status = 'cancelled'")
            .await,
        1
    );
    assert!(app.tenant_db_exists(tenant_id).await, "kept while retained");

    // Ninety days archived: the data is deleted, the invoices stay.
    app.clock.advance(Duration::days(90));
    until_count(
        &app,
        "SELECT COUNT(*) FROM tenants WHERE name = 'acme' AND state = 'terminated'",
        1,
    )
    .await;
    assert!(!app.tenant_db_exists(tenant_id).await, "data deleted");
    assert_eq!(app.count("SELECT COUNT(*) FROM invoices").await, 2);
    assert_eq!(
        events(&app).await,
        [
            "payment_failed",
            "dunning_started",
            "tenant_suspended",
            "tenant_archived"
        ]
    );
}

async fn each_attempt_is_charged_once_on_two_servers_and_after_a_stop(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let other = app.second_server().await;
    subscribed(&app).await;
    card_becomes(&app, "nsf").await;
    app.clock.advance(Duration::days(366));
    until_count(&app, OPEN, 1).await;

    // A server claimed the first retry and stopped before recording it: its lease holds the
    // attempt for five minutes, then another server takes it over.
    app.clock.advance(Duration::days(1));
    sqlx::query("UPDATE dunnings SET lease_until = $1")
        .bind(app::backend::db::ts(
            app::domain::Clock::now(&app.clock) + Duration::minutes(5),
        ))
        .execute(&app.pool)
        .await
        .expect("lease");
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM dunnings WHERE attempts = 0")
            .await,
        1,
        "not taken while leased"
    );
    app.clock.advance(Duration::minutes(6));
    until_count(&app, "SELECT COUNT(*) FROM dunnings WHERE attempts = 1", 1).await;

    // Both servers sweep every 200 ms through the remaining retries.
    for day in [2, 2, 2] {
        app.clock.advance(Duration::days(day));
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    }
    until_count(&app, "SELECT COUNT(*) FROM dunnings WHERE attempts = 4", 1).await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM dunnings WHERE next_attempt_at IS NULL")
            .await,
        1,
        "the schedule is used up"
    );
    // One payment and one timeline entry per attempt: the renewal and four retries.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM payments WHERE status = 'declined'")
            .await,
        5
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM invoice_events WHERE event = 'retry_failed'")
            .await,
        4
    );
    drop(other);
}

async fn the_operator_sets_a_storefronts_schedule(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    subscribed(&app).await;
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let (sf,): (i64,) = sqlx::query_as("SELECT id FROM storefronts WHERE is_default = 1")
        .fetch_one(&app.pool)
        .await
        .expect("storefront");
    let sf = sf.to_string();
    let save = |retry: &'static str, grace: &'static str| {
        let (op, sf) = (op.clone(), sf.clone());
        let app = &app;
        async move {
            app.call::<()>(
                &op,
                None,
                path_of::<UpdateDunningSchedule>(),
                &[
                    ("storefront_id", sf.as_str()),
                    ("form[retry_days]", retry),
                    ("form[reminder_days]", "5, 1"),
                    ("form[grace_days]", grace),
                    ("form[archive_after_days]", "10"),
                    ("form[retention_days]", "30"),
                ],
            )
            .await
            .body
        }
    };
    // Bad input names its field and saves nothing.
    let e = save("1, x", "3").await.unwrap_err();
    assert_eq!(e.field(), Some("retry_days"), "{e}");
    let e = save("2", "91").await.unwrap_err();
    assert_eq!(e.field(), Some("grace_days"), "{e}");
    assert_eq!(app.count("SELECT COUNT(*) FROM dunning_schedules").await, 0);
    save("4, 2", "3").await.expect("saved");
    let (retry,): (String,) = sqlx::query_as("SELECT retry_days FROM dunning_schedules")
        .fetch_one(&app.pool)
        .await
        .expect("schedule");
    assert_eq!(retry, "2,4");

    // A declined renewal now follows it: the first retry on day 2, suspended on day 3.
    card_becomes(&app, "nsf").await;
    app.clock.advance(Duration::days(366));
    until_count(&app, OPEN, 1).await;
    let (failed, next): (String, String) =
        sqlx::query_as("SELECT failed_at, next_attempt_at FROM dunnings")
            .fetch_one(&app.pool)
            .await
            .expect("dunning");
    let parse = |s: &str| app::backend::db::parse_ts(s).expect("date");
    assert_eq!(parse(&next) - parse(&failed), Duration::days(2));
    app.clock.advance(Duration::days(3));
    until_count(
        &app,
        "SELECT COUNT(*) FROM tenants WHERE name = 'acme' AND state = 'suspended'",
        1,
    )
    .await;
}

/// Mails about `subject` sent by either server (each keeps its own outbox).
fn mails_count(servers: [&TestApp; 2], subject: &str) -> usize {
    servers.iter().map(|s| mails_about(s, subject)).sum()
}

/// Waits until `n` mails with `subject` were sent, then a little more to see no extra one.
async fn exactly_mailed(servers: [&TestApp; 2], subject: &str, n: usize) {
    for _ in 0..500 {
        if mails_count(servers, subject) >= n {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(mails_count(servers, subject), n, "{subject}");
}

async fn reminders_come_once_on_each_day_before_a_period_ends(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let other = app.second_server().await;
    subscribed(&app).await;
    order_trial(&app, "tria", "tia@tria.example", "k-trial")
        .await
        .body
        .expect("trial");
    app.settle().await;
    let both = [&app, &other];
    let renews = "acme renews on";
    let trial_ends = "Your free trial of tria ends on";
    // The trial ends after 30 days, the paid year after 365: nothing is due yet.
    app.clock.advance(Duration::days(22));
    exactly_mailed(both, trial_ends, 0).await;
    app.clock.advance(Duration::days(1));
    exactly_mailed(both, trial_ends, 1).await;
    app.clock.advance(Duration::days(4));
    exactly_mailed(both, trial_ends, 2).await;
    // Straight past the last day: only the most urgent reminder is sent.
    app.clock.advance(Duration::days(2) + Duration::hours(12));
    exactly_mailed(both, trial_ends, 3).await;

    // Two servers sweep; the renewal's reminders still come once each.
    let (end,): (String,) = sqlx::query_as(
        "SELECT s.period_end FROM subscriptions s JOIN tenants t ON t.id = s.tenant_id WHERE t.name = 'acme'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("period");
    let end = app::backend::db::parse_ts(&end).expect("date");
    let now = app::domain::Clock::now(&app.clock);
    app.clock.advance(end - now - Duration::days(8));
    exactly_mailed(both, renews, 0).await;
    app.clock.advance(Duration::days(1));
    exactly_mailed(both, renews, 1).await;
    let mail = app
        .outbox()
        .into_iter()
        .chain(other.outbox())
        .find(|m| m.contains(renews))
        .expect("mail");
    assert!(mail.contains("Visa ending in 4242"), "{mail}");
    assert!(mail.contains("634.80"), "the amount: {mail}");
    // Jumping from seven days before to one day before sends one reminder, not two.
    app.clock.advance(Duration::days(6) + Duration::hours(1));
    exactly_mailed(both, renews, 2).await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM billing_reminders").await,
        6,
        "three per period, the skipped one marked too"
    );
}

/// A subscription paid by bank transfer: its renewal waits for the money; 30 days later the
/// invoice is overdue, the tenant runs on past due (nobody to charge again) and is told so; after
/// the grace period it is suspended; the operator confirming the transfer restores it at once
/// and applies the renewal. Two servers sweep all along: one dunning, one mail.
async fn an_overdue_transfer_is_dunned_and_paying_restores_the_tenant(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    // Two servers sweep: the overdue invoice is dunned (and mailed) once.
    let other = app.second_server().await;
    subscribed_by_transfer(&app).await;
    app.settle().await;
    assert_eq!(tenant_state(&app).await, "active");

    // The year is over: the renewal waits for its transfer; the tenant keeps running meanwhile.
    app.clock.advance(Duration::days(366));
    until_count(
        &app,
        "SELECT COUNT(*) FROM orders WHERE kind = 'renewal' AND status = 'awaiting_approval'",
        1,
    )
    .await;
    assert_eq!(tenant_state(&app).await, "active");
    assert_eq!(app.count(OPEN).await, 0);

    // Thirty days on, the invoice is overdue: dunned, past due, told so; once only.
    app.clock.advance(Duration::days(30));
    until_count(&app, OPEN, 1).await;
    assert_eq!(tenant_state(&app).await, "past_due");
    assert_eq!(events(&app).await, ["overdue", "dunning_started"]);
    exactly_mailed([&app, &other], "Invoice for acme is overdue", 1).await;
    let mail = app
        .outbox()
        .into_iter()
        .chain(other.outbox())
        .find(|m| m.contains("Invoice for acme is overdue"))
        .expect("mail");
    assert!(mail.contains("have not received your transfer"), "{mail}");
    assert!(!mail.contains("try your card"), "{mail}");
    let (next,): (Option<String>,) = sqlx::query_as("SELECT next_attempt_at FROM dunnings")
        .fetch_one(&app.pool)
        .await
        .expect("dunning");
    assert_eq!(next, None, "no card to try again");

    // The grace period ends: suspended.
    app.clock.advance(Duration::days(8));
    until_count(
        &app,
        "SELECT COUNT(*) FROM tenants WHERE state = 'suspended'",
        1,
    )
    .await;
    assert_eq!(
        mails_count([&app, &other], "Invoice for acme is overdue"),
        1
    );

    // The transfer arrives: the operator confirms it; the tenant runs at once, renewed.
    let (renewal,): (i64,) = sqlx::query_as("SELECT id FROM orders WHERE kind = 'renewal'")
        .fetch_one(&app.pool)
        .await
        .expect("renewal");
    approve(&app, renewal).await;
    app.settle().await;
    assert_eq!(tenant_state(&app).await, "active");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM dunnings WHERE status = 'recovered'")
            .await,
        1
    );
    let (period_end,): (String,) = sqlx::query_as("SELECT period_end FROM subscriptions")
        .fetch_one(&app.pool)
        .await
        .expect("subscription");
    assert!(period_end.starts_with("2028-01-0"), "{period_end}");
}

/// The operator tries the card of an unpaid renewal now (the customer fixed it): the attempt is
/// claimed like a scheduled one, so five requests at once charge once; the timeline says who
/// asked. A paid invoice, an unknown one and another role are refused and charge nothing.
async fn the_operator_tries_the_card_now(engine: Engine) {
    use app::api::invoices::RetryInvoice;
    let app = TestApp::spawn(engine).await;
    subscribed(&app).await;
    card_becomes(&app, "nsf").await;
    app.clock.advance(Duration::days(366));
    until_count(&app, OPEN, 1).await;
    let (invoice_id,): (i64,) = sqlx::query_as("SELECT invoice_id FROM dunnings")
        .fetch_one(&app.pool)
        .await
        .expect("dunning");
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let id = invoice_id.to_string();
    let retry = |client: reqwest::Client| {
        let app = &app;
        let id = id.clone();
        async move {
            app.call::<bool>(
                &client,
                None,
                path_of::<RetryInvoice>(),
                &[("invoice_id", &id)],
            )
            .await
            .body
        }
    };
    const DECLINED: &str = "SELECT COUNT(*) FROM payments WHERE status = 'declined'";

    // Still declining: one more declined charge, the dunning goes on.
    assert!(!retry(op.clone()).await.expect("tried"), "still declined");
    assert_eq!(app.count(DECLINED).await, 2);
    let steps = events(&app).await;
    assert_eq!(
        steps[steps.len() - 2..],
        ["retry_requested".to_string(), "retry_failed".to_string()]
    );
    let (who,): (String,) =
        sqlx::query_as("SELECT actor FROM invoice_events WHERE event = 'retry_requested'")
            .fetch_one(&app.pool)
            .await
            .expect("who");
    assert_eq!(who, format!("operator:{OPERATOR_EMAIL}"));

    // Nobody but the operator.
    assert!(retry(app.client(None)).await.is_err());
    assert_eq!(app.count(DECLINED).await, 2);

    // The card works again; five requests at once: one charge, the tenant runs again.
    card_becomes(&app, "ok").await;
    let tried = futures::future::join_all((0..5).map(|_| retry(op.clone()))).await;
    assert!(tried.iter().any(|r| matches!(r, Ok(true))), "{tried:?}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM payments WHERE status = 'captured' AND idempotency_key LIKE 'dunning:%'")
            .await,
        1
    );
    assert_eq!(tenant_state(&app).await, "active");

    // Paid: nothing more to retry; an unknown invoice is not found.
    let paid = retry(op.clone()).await.unwrap_err();
    assert!(paid.to_string().contains("already paid"), "{paid}");
    let unknown = app
        .call::<bool>(
            &op,
            None,
            path_of::<RetryInvoice>(),
            &[("invoice_id", "999999")],
        )
        .await
        .body
        .unwrap_err();
    assert!(
        matches!(unknown, app::error::AppError::NotFound),
        "{unknown}"
    );
    assert_eq!(app.count(DECLINED).await, 2);
}

on_both_engines!(
    the_operator_tries_the_card_now,
    an_overdue_transfer_is_dunned_and_paying_restores_the_tenant,
    reminders_come_once_on_each_day_before_a_period_ends,
    the_operator_sets_a_storefronts_schedule,
    a_declined_renewal_is_retried_and_paying_restores_the_tenant,
    an_unpaid_tenant_is_suspended_archived_then_deleted,
    each_attempt_is_charged_once_on_two_servers_and_after_a_stop,
);
