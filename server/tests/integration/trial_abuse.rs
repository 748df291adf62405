//! Free trials are screened like paid orders, on both engines: trials from a disposable address
//! wait for an operator (no database, no mail to the address they name), and an email or a
//! network past its daily limit gets no more trials, even when they all arrive at once.
use crate::common::*;
use app::backend::db::Engine;
use futures::future::join_all;

async fn disposable_trials_wait_for_an_operator(engine: Engine) {
    let app = TestApp::spawn_with(engine, |c| {
        c.fraud_rules.max_orders_per_email_per_day = 0;
        c.fraud_rules.max_orders_per_ip_per_day = 0;
    })
    .await;
    let replies = join_all((0..5).map(|i| {
        let app = &app;
        async move {
            let name = format!("spam{i}");
            let email = format!("victim{i}@mailinator.com");
            order_trial(app, &name, &email, &format!("spam-key-{i}")).await
        }
    }))
    .await;
    for r in &replies {
        assert!(r.body.is_ok(), "{}: {:?}", r.status, r.body.as_ref().err());
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE status = 'awaiting_approval' AND flag_reasons LIKE '%disposable%'")
            .await,
        5
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM provisioning_steps").await,
        0,
        "no database was built"
    );
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(
        app.outbox().iter().all(|m| !m.contains("mailinator")),
        "nothing was mailed to the addresses the orders named"
    );
}

async fn trials_past_the_daily_limit_are_refused_even_all_at_once(engine: Engine) {
    let app = TestApp::spawn_with(engine, |c| {
        c.fraud_rules.max_orders_per_email_per_day = 0;
        c.fraud_rules.max_orders_per_ip_per_day = 3;
    })
    .await;
    let replies = join_all((0..10).map(|i| {
        let app = &app;
        async move {
            let name = format!("burst{i}");
            let email = format!("b{i}@acme.example");
            order_trial(app, &name, &email, &format!("burst-key-{i}")).await
        }
    }))
    .await;
    let placed = replies.iter().filter(|r| r.body.is_ok()).count();
    assert_eq!(placed, 3, "three trials a day from one network");
    assert!(replies
        .iter()
        .filter(|r| r.body.is_err())
        .all(|r| r.status == 429));
    assert_eq!(app.count("SELECT COUNT(*) FROM orders").await, 3);
    assert_eq!(app.count("SELECT COUNT(*) FROM tenants").await, 3);
}

on_both_engines!(
    disposable_trials_wait_for_an_operator,
    trials_past_the_daily_limit_are_refused_even_all_at_once,
);
