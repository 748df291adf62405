//! A free trial converted to a paid subscription from the portal on both engines: bad card
//! fields are refused on their field and a declined card leaves the trial running with nothing
//! kept; twenty submissions at once charge once; the same instance goes on (no new provisioning,
//! its data kept), trial to active, its first period starting now; a converted subscription can't
//! be converted again and renews a period later.
use crate::common::*;
use app::api::subscription::ConvertTrial;
use app::backend::db::Engine;
use app::domain::Clock;
use chrono::Duration;

async fn states(app: &TestApp) -> (String, String) {
    sqlx::query_as(
        "SELECT t.state, s.status FROM tenants t JOIN subscriptions s ON s.tenant_id = t.id",
    )
    .fetch_one(&app.pool)
    .await
    .expect("tenant")
}

fn form<'a>(number: &'a str, key: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("form[choice]", "erp-business:12"),
        ("form[extra_users]", "2"),
        ("form[billing_country]", "FR"),
        ("form[billing_address]", "1 rue de la Paix\n75002 Paris"),
        ("form[vat_id]", ""),
        ("form[card_number]", number),
        ("form[card_exp_month]", "10"),
        ("form[card_exp_year]", "2032"),
        ("form[card_cvc]", "123"),
        ("form[idempotency_key]", key),
    ]
}

async fn a_trial_is_converted_once_and_keeps_its_instance(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let trial = paid_form("acme", "k-trial", &[("form[offer]", "trial")]);
    app.call::<String>(
        &app.client(None),
        None,
        path_of::<app::api::orders::PlaceOrder>(),
        &trial,
    )
    .await
    .body
    .expect("trial");
    app.settle().await;
    assert_eq!(states(&app).await, ("trial".into(), "trial".into()));
    let (admin, _) = login(&app, Some("acme"), "ada@acme.example", PASSWORD).await;
    let page = html(&app, &admin, Some("acme"), "/portal/subscription").await;
    assert!(page.contains("Keep your instance"), "{page}");
    assert!(page.contains("12 months"), "{page}");
    let jobs_before = app.count("SELECT COUNT(*) FROM provisioning_steps").await;
    let convert = |f: Vec<(&'static str, &'static str)>| {
        let (app, admin) = (&app, admin.clone());
        async move {
            app.call::<String>(&admin, Some("acme"), path_of::<ConvertTrial>(), &f)
                .await
                .body
        }
    };

    let bad = convert(form("4242", "k1")).await.unwrap_err();
    assert_eq!(bad.field(), Some("card_number"), "{bad}");
    let period = convert(
        vec![("form[choice]", "erp-business:7")]
            .into_iter()
            .chain(form("4242 4242 4242 4242", "k1").into_iter().skip(1))
            .collect(),
    )
    .await
    .unwrap_err();
    assert_eq!(period.field(), Some("choice"), "{period}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders").await,
        1,
        "nothing written"
    );

    let declined = convert(form("4000 0000 0000 0002", "k2"))
        .await
        .unwrap_err();
    assert!(declined.to_string().contains("declined"), "{declined}");
    assert_eq!(states(&app).await, ("trial".into(), "trial".into()));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM payment_methods WHERE removed_at IS NULL")
            .await,
        0,
        "the declined card is not kept"
    );

    // Twenty at once: one order pays, once.
    let at_once = (0..20).map(|_| convert(form("5555 5555 5555 4444", "k3")));
    let replies = futures::future::join_all(at_once).await;
    assert!(replies.iter().any(Result::is_ok), "{replies:?}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM payments WHERE status = 'captured'")
            .await,
        1
    );
    assert_eq!(states(&app).await, ("active".into(), "active".into()));
    let (start, end, selection): (String, String, String) =
        sqlx::query_as("SELECT period_start, period_end, selection_json FROM subscriptions")
            .fetch_one(&app.pool)
            .await
            .expect("subscription");
    let now = app.clock.now();
    assert!(
        start.starts_with(&now.format("%Y-%m-%d").to_string()),
        "{start}"
    );
    assert!(
        end.starts_with(
            &(now + chrono::Months::new(12))
                .format("%Y-%m-%d")
                .to_string()
        ),
        "{end}"
    );
    assert!(selection.contains("users"), "{selection}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM invoices WHERE status = 'paid'")
            .await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM provisioning_steps").await,
        jobs_before,
        "no new provisioning"
    );
    assert!(app.tenant_db_exists(1).await, "the same instance");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM tenant_events WHERE event = 'trial_converted'")
            .await,
        1
    );
    // Twenty at once make one new customer's MRR: the year's recurring lines of the invoice
    // (before tax) over twelve months, and the trial counts as converted in its cohort.
    let (recurring,): (i64,) = sqlx::query_as(
        "SELECT CAST(SUM(l.amount_minor) AS BIGINT) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id \
         WHERE i.status = 'paid' AND l.kind IN ('recurring', 'addon_recurring', 'resource_recurring')",
    )
    .fetch_one(&app.pool)
    .await
    .expect("recurring lines");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM mrr_movements WHERE kind = 'new'")
            .await,
        1
    );
    let dash = dashboard(&app, &[]).await;
    let eur = dash.revenue.first().expect("EUR");
    assert_eq!(
        eur.mrr_minor,
        (recurring * 2 + 12) / 24,
        "the paid invoice's recurring lines over 12"
    );
    assert_eq!(eur.customers, 1);
    let cohort = dash.trials.last().expect("this month");
    assert_eq!((cohort.started, cohort.converted), (1, 1));
    let again = convert(form("5555 5555 5555 4444", "k4"))
        .await
        .unwrap_err();
    assert!(again.to_string().contains("Only a free trial"), "{again}");

    // A year on, it renews like any paid subscription.
    app.clock.advance(Duration::days(366));
    until_renewed(&app, 1).await;
}

on_both_engines!(a_trial_is_converted_once_and_keeps_its_instance);
