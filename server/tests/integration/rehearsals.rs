//! Rehearsals on both engines: the operator copies a paid tenant and moves the copy's clock; the
//! copy shows the reminders, the renewal's invoice and charge, and a declined card's dunning,
//! while the real tenant, its records and the outbox stay exactly as they were. Two moves at
//! once: one counts. Five openings at once against the limit of three: three. Bad input (an
//! unknown rehearsal, an unknown step, a tenant that cannot be rehearsed, another role) is a
//! clear error and changes nothing. The copy's table lists cover the whole platform schema.
use crate::common::*;
use app::api::rehearsals::{EndRehearsal, MoveRehearsal, RehearseTenant};
use app::backend::db::Engine;
use app::error::AppError;
use app::wire::rehearsals::{RehearsalEntryKind, RehearsalView};
use reqwest::{header, Client};

/// What the real platform holds: it must not change while rehearsals run.
async fn real_picture(app: &TestApp) -> (Vec<i64>, String, usize) {
    let mut counts = Vec::new();
    for table in [
        "orders",
        "invoices",
        "payments",
        "tenant_events",
        "subscription_events",
        "invoice_events",
        "dunnings",
        "billing_reminders",
        "customer_credits",
    ] {
        counts.push(app.count(&format!("SELECT COUNT(*) FROM {table}")).await);
    }
    let (state_and_period,): (String,) = sqlx::query_as(
        "SELECT t.state || ' ' || s.period_end FROM tenants t JOIN subscriptions s ON s.tenant_id = t.id",
    )
    .fetch_one(&app.pool)
    .await
    .expect("tenant");
    (counts, state_and_period, app.outbox().len())
}

async fn open(app: &TestApp, op: &Client, tenant_id: i64) -> Result<i64, AppError> {
    app.call::<i64>(
        op,
        None,
        path_of::<RehearseTenant>(),
        &[("tenant_id", &tenant_id.to_string())],
    )
    .await
    .body
}

async fn step(app: &TestApp, op: &Client, id: i64, step: &str) -> Result<(), AppError> {
    app.call::<()>(
        op,
        None,
        path_of::<MoveRehearsal>(),
        &[("rehearsal_id", &id.to_string()), ("step", step)],
    )
    .await
    .body
}

async fn view(app: &TestApp, op: &Client, id: i64) -> RehearsalView {
    app.call::<RehearsalView>(
        op,
        None,
        path_of::<app::api::rehearsals::Rehearsal>(),
        &[("rehearsal_id", &id.to_string())],
    )
    .await
    .body
    .expect("rehearsal")
}

fn entries(v: &RehearsalView, kind: RehearsalEntryKind) -> Vec<String> {
    v.timeline
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| e.text.clone())
        .collect()
}

/// Moves to the next event until `done` holds (at most `max` moves).
async fn until(
    app: &TestApp,
    op: &Client,
    id: i64,
    max: usize,
    done: impl Fn(&RehearsalView) -> bool,
) -> RehearsalView {
    for _ in 0..max {
        step(app, op, id, "next_event").await.expect("moved");
        let v = view(app, op, id).await;
        if done(&v) {
            return v;
        }
    }
    panic!("not reached in {max} moves");
}

async fn a_rehearsal_shows_the_year_ahead_and_touches_nothing_real(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let tenant_id = subscribed(&app).await;
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let before = real_picture(&app).await;

    let id = open(&app, &op, tenant_id).await.expect("opened");
    let v = view(&app, &op, id).await;
    assert_eq!(v.tenant.name, "acme");
    assert_eq!(v.started_at, v.now);
    assert!(v.timeline.is_empty(), "{:?}", v.timeline);
    assert_eq!(v.invoices.len(), 1);
    assert!(!v.invoices[0].rehearsed);

    // To the next event: the first reminder, seven days before the year ends.
    step(&app, &op, id, "next_event").await.expect("moved");
    let v = view(&app, &op, id).await;
    let mails = entries(&v, RehearsalEntryKind::Mail);
    assert_eq!(mails.len(), 1, "{:?}", v.timeline);
    assert!(mails[0].contains("acme renews on"), "{mails:?}");
    assert!(mails[0].starts_with("To ada@acme.example"), "{mails:?}");
    assert!(v.now.starts_with("2026-12-2"), "{}", v.now);

    // On to the renewal: its order, invoice and charge, and the paid period a year longer.
    let v = until(&app, &op, id, 5, |v| {
        !entries(v, RehearsalEntryKind::Payment).is_empty()
    })
    .await;
    assert_eq!(
        entries(&v, RehearsalEntryKind::Mail).len(),
        3,
        "{:?}",
        v.timeline
    );
    let charges = entries(&v, RehearsalEntryKind::Payment);
    assert_eq!(charges.len(), 1);
    assert!(charges[0].contains("captured"), "{charges:?}");
    assert_eq!(v.invoices.len(), 2);
    assert!(v.invoices[0].rehearsed);
    let paid_until = v
        .tenant
        .subscription
        .as_ref()
        .expect("sub")
        .period_end
        .clone();
    assert!(paid_until.starts_with("2028-01-01"), "{paid_until}");

    // A month on: nothing more happens; the copy keeps its clock.
    step(&app, &op, id, "month").await.expect("moved");
    let later = view(&app, &op, id).await;
    assert_eq!(later.timeline.len(), v.timeline.len());
    assert!(later.now > v.now);

    // The page shows it without JavaScript.
    let page = html(&app, &op, None, &format!("/operator/rehearsals/{id}")).await;
    assert!(page.contains("Rehearsal clock (UTC)"), "{page}");
    assert!(page.contains("acme renews on"), "{page}");
    assert!(page.contains("The rehearsal"), "{page}");
    let tenant_page = html(&app, &op, None, &format!("/operator/tenants/{tenant_id}")).await;
    assert!(
        tenant_page.contains(&format!("/operator/rehearsals/{id}")),
        "{tenant_page}"
    );

    assert_eq!(
        real_picture(&app).await,
        before,
        "the real tenant is untouched"
    );

    // A declining card, copied into a second rehearsal: the renewal fails there and the copy
    // goes past due, with the failure mailed; the real tenant is as it was.
    card_becomes(&app, "nsf").await;
    let before = real_picture(&app).await;
    let second = open(&app, &op, tenant_id).await.expect("opened");
    let v = until(&app, &op, second, 6, |v| {
        !entries(v, RehearsalEntryKind::Payment).is_empty()
    })
    .await;
    assert!(entries(&v, RehearsalEntryKind::Payment)[0].contains("declined"));
    assert_eq!(v.tenant.state.as_str(), "past_due");
    assert!(
        entries(&v, RehearsalEntryKind::Mail)
            .iter()
            .any(|m| m.contains("Payment for acme failed")),
        "{:?}",
        v.timeline
    );
    // A week later the card has been tried again (day 1, day 3, day 5, day 7) and the grace
    // period is over: the copy is suspended.
    step(&app, &op, second, "week").await.expect("moved");
    step(&app, &op, second, "day").await.expect("moved");
    let v = view(&app, &op, second).await;
    assert_eq!(v.tenant.state.as_str(), "suspended", "{:?}", v.timeline);
    assert_eq!(
        entries(&v, RehearsalEntryKind::Payment).len(),
        5,
        "{:?}",
        v.timeline
    );
    assert_eq!(
        real_picture(&app).await,
        before,
        "the real tenant is untouched"
    );

    // Deleting it takes its copy; the first one stays.
    app.call::<i64>(
        &op,
        None,
        path_of::<EndRehearsal>(),
        &[("rehearsal_id", &second.to_string())],
    )
    .await
    .body
    .expect("deleted");
    assert_eq!(app.count("SELECT COUNT(*) FROM rehearsals").await, 1);
    assert_eq!(real_picture(&app).await, before);
}

on_both_engines!(a_rehearsal_shows_the_year_ahead_and_touches_nothing_real);

async fn moves_and_openings_at_once_count_once(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let tenant_id = subscribed(&app).await;
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;

    // Five openings at once against the limit of three: three rehearsals.
    let opened = futures::future::join_all((0..5).map(|_| open(&app, &op, tenant_id))).await;
    let ok = opened.iter().filter(|r| r.is_ok()).count();
    assert_eq!(ok, 3, "{opened:?}");
    for refused in opened.iter().filter_map(|r| r.as_ref().err()) {
        assert!(refused.to_string().contains("already has 3"), "{refused}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM rehearsals").await, 3);

    // Five moves of one rehearsal at once: one moves it a day, the others are refused.
    let id = *opened.iter().find_map(|r| r.as_ref().ok()).expect("one");
    let start = view(&app, &op, id).await.now;
    let moved = futures::future::join_all((0..5).map(|_| step(&app, &op, id, "day"))).await;
    assert!(moved.iter().filter(|r| r.is_ok()).count() >= 1, "{moved:?}");
    for refused in moved.iter().filter_map(|r| r.as_ref().err()) {
        assert!(refused.to_string().contains("someone else"), "{refused}");
    }
    let (version,): (i64,) = sqlx::query_as("SELECT version FROM rehearsals WHERE id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .expect("version");
    let oks = moved.iter().filter(|r| r.is_ok()).count();
    assert_eq!(version, i64::try_from(oks).expect("small"));
    let now = view(&app, &op, id).await.now;
    let parse =
        |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M UTC").expect("minute");
    assert_eq!(
        parse(&now) - parse(&start),
        chrono::Duration::days(i64::try_from(oks).expect("small"))
    );
}

on_both_engines!(moves_and_openings_at_once_count_once);

async fn bad_rehearsal_input_is_refused_and_changes_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let tenant_id = subscribed(&app).await;
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let id = open(&app, &op, tenant_id).await.expect("opened");

    // Not the operator: refused.
    let (admin, _) = login(&app, Some("acme"), "ada@acme.example", PASSWORD).await;
    let refused = app
        .call::<i64>(
            &admin,
            Some("acme"),
            path_of::<RehearseTenant>(),
            &[("tenant_id", &tenant_id.to_string())],
        )
        .await;
    assert!(refused.body.is_err());
    assert!(step(&app, &app.client(None), id, "day").await.is_err());

    // A rehearsal that does not exist (the tenant's id is not a rehearsal's), a step that does
    // not exist, a tenant that does not exist.
    let missing = step(&app, &op, tenant_id + 1000, "day").await.unwrap_err();
    assert!(matches!(missing, AppError::NotFound), "{missing}");
    assert!(step(&app, &op, id, "year").await.is_err());
    assert!(matches!(
        open(&app, &op, 9999).await,
        Err(AppError::NotFound)
    ));
    assert_eq!(app.count("SELECT version FROM rehearsals").await, 0);

    // A terminated tenant cannot be rehearsed.
    sqlx::query("UPDATE tenants SET state = 'terminated'")
        .execute(&app.pool)
        .await
        .expect("terminated");
    let e = open(&app, &op, tenant_id).await.unwrap_err();
    assert!(e.to_string().contains("cannot be rehearsed"), "{e}");
    assert_eq!(app.count("SELECT COUNT(*) FROM rehearsals").await, 1);

    // Without JavaScript, a move posts the form and comes back to the page; an error comes back
    // in words.
    let plain = |form: Vec<(&'static str, String)>| {
        op.post(app.url(None, path_of::<MoveRehearsal>()))
            .header(header::ORIGIN, format!("http://{}", app.host(None)))
            .header(header::ACCEPT, "text/html")
            .header(
                header::REFERER,
                app.url(None, &format!("/operator/rehearsals/{id}")),
            )
            .form(&form)
            .send()
    };
    let back = plain(vec![
        ("rehearsal_id", id.to_string()),
        ("step", "day".into()),
    ])
    .await
    .expect("post");
    assert!(back.status().is_redirection(), "{}", back.status());
    let location = back.headers()[header::LOCATION].to_str().expect("location");
    assert!(
        location.contains(&format!("/operator/rehearsals/{id}")),
        "{location}"
    );
    let back = plain(vec![
        ("rehearsal_id", "77777".into()),
        ("step", "day".into()),
    ])
    .await
    .expect("post");
    let location = back.headers()[header::LOCATION].to_str().expect("location");
    assert!(
        location.starts_with("/operator/rehearsals/77777?error="),
        "{location}"
    );
}

on_both_engines!(bad_rehearsal_input_is_refused_and_changes_nothing);

/// Every table of the platform schema is either copied into a rehearsal or named as not copied.
async fn the_copy_knows_every_platform_table(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let sql = match engine {
        Engine::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        }
        Engine::Postgres => {
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'"
        }
    };
    let tables: Vec<(String,)> = sqlx::query_as(sql)
        .fetch_all(&app.pool)
        .await
        .expect("tables");
    let tables: Vec<String> = tables.into_iter().map(|(t,)| t).collect();
    assert!(tables.len() > 40, "{tables:?}");
    assert_eq!(
        app::backend::rehearsals::copy::unlisted(&tables),
        Vec::<String>::new()
    );
}

on_both_engines!(the_copy_knows_every_platform_table);
