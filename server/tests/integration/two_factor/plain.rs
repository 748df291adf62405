//! Without JavaScript: enrolment, the login's second step and a recovery code are plain form
//! posts answered with a redirect back to their page (with `?error=` when refused), the QR code
//! is in the HTML, and the recovery codes are shown on the page once.
use super::*;
use app::api::two_factor::{ConfirmTwoFactor, LoginTwoFactor, StartTwoFactor};

/// Posts a form as a browser without JavaScript does; answers the `Location` it is sent to.
async fn post(app: &TestApp, client: &Client, path: &str, form: &[(&str, &str)]) -> String {
    let res = client
        .post(app.url(None, path))
        .header(header::ORIGIN, format!("http://{}", app.host(None)))
        .header(header::ACCEPT, "text/html")
        .form(form)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status().as_u16(), 302, "{path}");
    res.headers()[header::LOCATION]
        .to_str()
        .expect("location")
        .to_string()
}

async fn two_factor_works_without_javascript(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;

    // Enrolment.
    let start = post(&app, &op, path_of::<StartTwoFactor>(), &[]).await;
    assert_eq!(start, "/account/two-factor");
    let page = html(&app, &op, None, &start).await;
    assert!(
        page.contains("<svg") && page.contains("data-field=\"qr\""),
        "{page}"
    );
    let secret = field(&page, "secret").expect("the key");
    let wrong = post(
        &app,
        &op,
        path_of::<ConfirmTwoFactor>(),
        &[("code", "000000")],
    )
    .await;
    assert!(wrong.starts_with("/account/two-factor?error="), "{wrong}");
    assert!(wrong.contains("error_field=code"), "{wrong}");
    let done = post(
        &app,
        &op,
        path_of::<ConfirmTwoFactor>(),
        &[("code", &code(&app, &secret, 0))],
    )
    .await;
    assert_eq!(done, "/account/two-factor?enabled=1");
    let shown = html(&app, &op, None, &done).await;
    assert!(shown.contains("data-field=\"recovery-codes\""), "{shown}");
    assert!(shown.contains("Two-factor sign-in is now on."), "{shown}");
    let at = shown.find("data-field=\"recovery-codes\"").expect("codes");
    let recovery = shown[at..]
        .split("<code>")
        .nth(1)
        .and_then(|c| c.split('<').next())
        .expect("a recovery code on the page")
        .to_string();
    assert_eq!(recovery.len(), 11, "{recovery}");
    let later = html(&app, &op, None, "/account/two-factor").await;
    assert!(!later.contains(&recovery), "shown once");
    app.clock.advance(Duration::seconds(STEP));

    // The login: password, then the code's page; a wrong code comes back with the error.
    let browser = app.client(None);
    let to_code = post(
        &app,
        &browser,
        path_of::<app::api::auth::Login>(),
        &[("email", OPERATOR_EMAIL), ("password", OPERATOR_PASSWORD)],
    )
    .await;
    assert_eq!(to_code, "/login/two-factor");
    let form = html(&app, &browser, None, &to_code).await;
    assert!(form.contains("name=\"code\""), "{form}");
    let refused = post(
        &app,
        &browser,
        path_of::<LoginTwoFactor>(),
        &[("code", "000000")],
    )
    .await;
    assert!(refused.starts_with("/login/two-factor?error="), "{refused}");
    let back = html(&app, &browser, None, &refused).await;
    assert!(back.contains("already used"), "the page says why: {back}");
    let landed = post(
        &app,
        &browser,
        path_of::<LoginTwoFactor>(),
        &[("code", &code(&app, &secret, 0))],
    )
    .await;
    assert_eq!(landed, "/operator");
    assert!(dashboard_status(&app, &browser).await.is_success());

    // A lost phone: the recovery code, then the account page counts what is left.
    let lost = app.client(None);
    post(
        &app,
        &lost,
        path_of::<app::api::auth::Login>(),
        &[("email", OPERATOR_EMAIL), ("password", OPERATOR_PASSWORD)],
    )
    .await;
    let landed = post(
        &app,
        &lost,
        path_of::<LoginTwoFactor>(),
        &[("code", &recovery)],
    )
    .await;
    assert_eq!(landed, "/operator");
    let account = html(&app, &lost, None, "/account").await;
    assert!(account.contains("Recovery codes left: 9"), "{account}");
}

on_both_engines!(two_factor_works_without_javascript);
