//! The operators' requirement: off by default; an operator may turn it on only with two-factor
//! sign-in of their own; while it is on, an operator without it reaches the enrolment page and
//! nothing of the operator's until enrolled. A tenant's admin is not bound by it.
use super::*;
use app::api::two_factor::{DisableTwoFactor, RequireTwoFactor, TwoFactorStatus, TwoFactorView};
use app::error::AppError;

async fn require(app: &TestApp, op: &Client, on: bool) -> Reply<()> {
    let form: &[(&str, &str)] = if on { &[("required", "on")] } else { &[] };
    app.call(op, None, path_of::<RequireTwoFactor>(), form)
        .await
}

async fn page_status(app: &TestApp, client: &Client, path: &str) -> (u16, Option<String>) {
    let res = client
        .get(app.url(None, path))
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .expect("page");
    let location = res
        .headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .map(str::to_string);
    (res.status().as_u16(), location)
}

async fn operators_can_be_required_to_use_two_factor(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;

    // Not without one's own.
    let refused = require(&app, &op, true).await.body.unwrap_err();
    assert!(
        refused.to_string().contains("for your own account"),
        "{refused}"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM two_factor_settings").await,
        0
    );
    let (secret, _) = enrol(&app, &op, None).await;
    require(&app, &op, true).await.body.expect("on");
    let view = app
        .call::<TwoFactorView>(&op, None, path_of::<TwoFactorStatus>(), &[])
        .await
        .body
        .expect("status");
    assert!(view.required_for_operators && view.is_operator);

    // An operator without it (here: turned off again) may only enrol.
    app.call::<()>(
        &op,
        None,
        path_of::<DisableTwoFactor>(),
        &[("proof", OPERATOR_PASSWORD)],
    )
    .await
    .body
    .expect("off");
    assert_eq!(dashboard_status(&app, &op).await.as_u16(), 403);
    let blocked = require(&app, &op, false).await.body.unwrap_err();
    assert_eq!(blocked, AppError::SecondFactorRequired);
    assert_eq!(
        page_status(&app, &op, "/operator").await,
        (302, Some("/account/two-factor".into()))
    );
    let (status, _) = page_status(&app, &op, "/account/two-factor").await;
    assert_eq!(status, 200);
    let page = html(&app, &op, None, "/account/two-factor").await;
    assert!(page.contains("data-field=\"must-enrol\""), "{page}");
    // A fresh login lands on the enrolment page too.
    let (_, fresh) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert_eq!(fresh.headers[header::LOCATION], "/account/two-factor");

    // Enrolled again, everything is back; off again, nobody is held.
    let (new_secret, _) = enrol(&app, &op, None).await;
    assert_ne!(new_secret, secret);
    assert!(dashboard_status(&app, &op).await.is_success());
    require(&app, &op, false).await.body.expect("off");
    assert_eq!(
        app.count("SELECT required_for_operators FROM two_factor_settings")
            .await,
        0
    );
}

on_both_engines!(operators_can_be_required_to_use_two_factor);

async fn a_tenant_admin_enrols_on_the_instance_and_is_not_bound(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    order_trial(&app, "acme", "ada@acme.example", "k1")
        .await
        .body
        .expect("trial");
    app.settle().await;
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    enrol(&app, &op, None).await;
    require(&app, &op, true).await.body.expect("on");

    // The requirement is the operators': the admin logs in with the password alone.
    let (admin, first) = login(&app, Some("acme"), "ada@acme.example", PASSWORD).await;
    first.body.expect("logged in");
    let (secret, _) = enrol(&app, &admin, Some("acme")).await;

    // Their own asks for a code; a code without the password step before it logs nobody in.
    let (waiting, step) = password_step(&app, Some("acme"), "ada@acme.example", PASSWORD).await;
    assert!(matches!(step.body, Ok(LoginStep::SecondFactor { .. })));
    let stranger = app.client(Some("acme"));
    let alone = code_step(&app, &stranger, Some("acme"), &code(&app, &secret, 0)).await;
    assert!(alone.body.unwrap_err().to_string().contains("expired"));
    let done = code_step(&app, &waiting, Some("acme"), &code(&app, &secret, 0)).await;
    assert_eq!(done.headers[header::LOCATION], "/portal");
    done.body.expect("logged in on the instance");
}

on_both_engines!(a_tenant_admin_enrols_on_the_instance_and_is_not_bound);
