//! Secrets are kept no longer and shown no wider than needed: the generated operator password
//! goes to the terminal once (never the log), and no order keeps its admin's password hash once
//! the admin exists or the order can no longer be provisioned.

use crate::common::*;
use app::api::orders::queue::RejectOrder;
use app::api::orders::PlaceOrder;
use app::backend::db::Engine;
use app::backend::provisioning::Step;
use server::startup;

async fn a_generated_operator_password_is_shown_once_and_never_logged(engine: Engine) {
    let app = TestApp::spawn_with(engine, |c| c.operator_password = None).await;
    let password = app
        .banner
        .operator_password
        .clone()
        .expect("a generated password to show");
    assert!(
        app.banner.lines.iter().all(|l| !l.contains(&password)),
        "the logged lines leave it out: {:?}",
        app.banner.lines
    );
    let mut terminal = Vec::new();
    startup::announce(&app.banner, &mut terminal).expect("written");
    let shown = String::from_utf8(terminal).expect("text");
    assert!(
        shown.contains(&password) && shown.contains(OPERATOR_EMAIL),
        "{shown}"
    );
    let (_, r) = login(&app, None, OPERATOR_EMAIL, &password).await;
    r.body.expect("the shown password logs in");
}

async fn a_configured_operator_password_is_never_printed(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    assert!(app.banner.operator_password.is_none());
    assert!(app
        .banner
        .lines
        .iter()
        .all(|l| !l.contains(OPERATOR_PASSWORD)));
    let mut terminal = Vec::new();
    startup::announce(&app.banner, &mut terminal).expect("written");
    assert!(
        terminal.is_empty(),
        "{}",
        String::from_utf8_lossy(&terminal)
    );
}

async fn hashes(app: &TestApp) -> i64 {
    app.count("SELECT COUNT(*) FROM orders WHERE admin_password_hash IS NOT NULL")
        .await
}

async fn reject_the_only_order(app: &TestApp) {
    let (operator, _) = login(app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let id = app.count("SELECT MAX(id) FROM orders").await.to_string();
    app.call::<()>(
        &operator,
        None,
        path_of::<RejectOrder>(),
        &[("order_id", &id), ("reason", "not for us")],
    )
    .await
    .body
    .expect("rejected");
}

async fn no_order_keeps_an_admin_password_hash_it_no_longer_needs(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    order_trial(&app, "acme", "ada@acme.example", "k-trial")
        .await
        .body
        .expect("trial");
    let customer = app.client(None);
    app.call::<String>(
        &customer,
        None,
        path_of::<PlaceOrder>(),
        &paid_form("beta", "k-card", &[("form[email]", "bob@beta.example")]),
    )
    .await
    .body
    .expect("card order");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE status = 'completed'")
            .await,
        2
    );
    assert_eq!(hashes(&app).await, 0, "the admins exist: no copy is kept");

    let transfer = [
        ("form[email]", "cy@gamma.example"),
        ("form[payment_method]", "bank_transfer"),
    ];
    app.call::<String>(
        &customer,
        None,
        path_of::<PlaceOrder>(),
        &paid_form("gamma", "k-transfer", &transfer),
    )
    .await
    .body
    .expect("transfer order");
    assert_eq!(
        hashes(&app).await,
        1,
        "kept while the order may be approved"
    );
    reject_the_only_order(&app).await;
    assert_eq!(
        hashes(&app).await,
        0,
        "a rejected order is never provisioned"
    );

    // A failed order keeps it for the operator's retry, until it is rejected.
    let failing = TestApp::spawn_with(engine, fault(Step::CreateDatabase)).await;
    order_trial(&failing, "delta", "di@delta.example", "k-fail")
        .await
        .body
        .expect("placed");
    assert_eq!(
        failing
            .count("SELECT COUNT(*) FROM orders WHERE status = 'failed'")
            .await,
        1
    );
    assert_eq!(hashes(&failing).await, 1, "a retry needs it");
    reject_the_only_order(&failing).await;
    assert_eq!(hashes(&failing).await, 0);
}

on_both_engines!(
    a_generated_operator_password_is_shown_once_and_never_logged,
    a_configured_operator_password_is_never_printed,
    no_order_keeps_an_admin_password_hash_it_no_longer_needs,
);
