//! Two-factor sign-in on both engines: an account enrols (the QR code and key shown until a code
//! confirms them, then never again) and from then on the password alone does not log it in; the
//! app's code of the current step or a neighbour does, once; wrong codes count like wrong
//! passwords. The other files: recovery codes, renewal and turning it off (recovery), the
//! operators' requirement (operators), and the forms without JavaScript (plain).
mod operators;
mod plain;
mod recovery;

use crate::common::*;
use app::api::auth::{LoginStep, UserView};
use app::api::two_factor::{ConfirmTwoFactor, LoginTwoFactor, StartTwoFactor};
use app::backend::db::Engine;
use app::domain::Clock;
use chrono::Duration;
use reqwest::{header, Client};

/// A step of an authenticator app's clock.
pub const STEP: i64 = 30;

/// The code an authenticator app shows for `secret`, `steps` steps from the server's now.
pub fn code(app: &TestApp, secret: &str, steps: i64) -> String {
    let bytes = totp_rs::Secret::Encoded(secret.to_string())
        .to_bytes()
        .expect("base32 secret");
    let totp = totp_rs::TOTP::new(totp_rs::Algorithm::SHA1, 6, 1, 30, bytes).expect("usable");
    let at = app.clock.now().timestamp() + steps * STEP;
    totp.generate(u64::try_from(at).expect("after 1970"))
}

/// The text of the element marked `data-field="<field>"` on a page.
pub fn field(page: &str, field: &str) -> Option<String> {
    let at = page.find(&format!("data-field=\"{field}\""))?;
    let rest = &page[at..];
    let start = rest.find('>')? + 1;
    let end = rest[start..].find('<')?;
    Some(rest[start..start + end].to_string())
}

/// Starts and confirms enrolment for the logged-in `client`; answers the secret (read off the
/// page, as a person would type it) and the recovery codes. The clock then moves one step on, so
/// the next code is not the one just used.
pub async fn enrol(
    app: &TestApp,
    client: &Client,
    instance: Option<&str>,
) -> (String, Vec<String>) {
    app.call::<()>(client, instance, path_of::<StartTwoFactor>(), &[])
        .await
        .body
        .expect("started");
    let page = html(app, client, instance, "/account/two-factor").await;
    let secret = field(&page, "secret").expect("the key is shown while enrolment is pending");
    assert!(page.contains("<svg"), "a QR code: {page}");
    let codes = app
        .call::<Vec<String>>(
            client,
            instance,
            path_of::<ConfirmTwoFactor>(),
            &[("code", &code(app, &secret, 0))],
        )
        .await
        .body
        .expect("confirmed");
    app.clock.advance(Duration::seconds(STEP));
    (secret, codes)
}

/// The password step of a login: the client and what it answered.
pub async fn password_step(
    app: &TestApp,
    instance: Option<&str>,
    email: &str,
    password: &str,
) -> (Client, Reply<LoginStep>) {
    let client = app.client(instance);
    let reply = app
        .call(
            &client,
            instance,
            path_of::<app::api::auth::Login>(),
            &[("email", email), ("password", password)],
        )
        .await;
    (client, reply)
}

/// The second step with `typed`.
pub async fn code_step(
    app: &TestApp,
    client: &Client,
    instance: Option<&str>,
    typed: &str,
) -> Reply<UserView> {
    app.call(
        client,
        instance,
        path_of::<LoginTwoFactor>(),
        &[("code", typed)],
    )
    .await
}

/// A client that typed the operator's password and waits for the code.
pub async fn operator_waiting(app: &TestApp) -> Client {
    let (client, step) = password_step(app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert_eq!(
        step.body.expect("the password is right"),
        LoginStep::SecondFactor {
            second_factor: "/login/two-factor".into()
        }
    );
    assert_eq!(step.headers[header::LOCATION], "/login/two-factor");
    client
}

async fn the_login_asks_for_a_code_once_enrolled(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;

    // A wrong first code leaves it pending; the right one turns it on and makes ten codes.
    app.call::<()>(&op, None, path_of::<StartTwoFactor>(), &[])
        .await
        .body
        .expect("started");
    let wrong = app
        .call::<Vec<String>>(
            &op,
            None,
            path_of::<ConfirmTwoFactor>(),
            &[("code", "000000")],
        )
        .await
        .body
        .unwrap_err();
    assert_eq!(wrong.field(), Some("code"), "{wrong}");
    let (secret, codes) = enrol(&app, &op, None).await;
    assert_eq!(codes.len(), 10);
    assert!(
        codes
            .iter()
            .all(|c| c.len() == 11 && c.as_bytes()[5] == b'-'),
        "{codes:?}"
    );
    let page = html(&app, &op, None, "/account/two-factor").await;
    assert!(!page.contains(&secret), "never shown once on: {page}");
    assert_eq!(
        field(&page, "codes-left").as_deref(),
        Some("Recovery codes left: 10")
    );
    let stored = app
        .count("SELECT COUNT(*) FROM two_factor_recovery_codes WHERE LENGTH(code_hash) = 64")
        .await;
    assert_eq!(stored, 10, "digests only");
    assert!(
        dashboard_status(&app, &op).await.is_success(),
        "this session goes on"
    );

    // The password alone does not log in.
    let waiting = operator_waiting(&app).await;
    assert_eq!(dashboard_status(&app, &waiting).await.as_u16(), 401);
    let bad = code_step(&app, &waiting, None, "12345")
        .await
        .body
        .unwrap_err();
    assert_eq!(bad.field(), Some("code"));
    let now = code(&app, &secret, 0);
    let user = code_step(&app, &waiting, None, &now).await;
    assert_eq!(user.headers[header::LOCATION], "/operator");
    assert_eq!(user.body.expect("logged in").email, OPERATOR_EMAIL);
    assert!(dashboard_status(&app, &waiting).await.is_success());

    // The same code again is refused, even from another login.
    let again = operator_waiting(&app).await;
    let replay = code_step(&app, &again, None, &now).await;
    assert_eq!(replay.status, 422);
    assert!(
        replay
            .body
            .unwrap_err()
            .to_string()
            .contains("already used"),
        "a replay"
    );
    assert_eq!(dashboard_status(&app, &again).await.as_u16(), 401);

    // A step either side is accepted, each once and only forward; two steps off is not.
    app.clock.advance(Duration::seconds(2 * STEP));
    assert!(code_step(&app, &again, None, &code(&app, &secret, -1))
        .await
        .body
        .is_ok());
    let ahead = operator_waiting(&app).await;
    assert!(code_step(&app, &ahead, None, &code(&app, &secret, 1))
        .await
        .body
        .is_ok());
    let behind = operator_waiting(&app).await;
    for steps in [0, 2, -2] {
        let late = code_step(&app, &behind, None, &code(&app, &secret, steps)).await;
        assert_eq!(late.status, 422, "{steps} steps");
    }

    // The password step is good for five minutes.
    app.clock.advance(Duration::minutes(6));
    let slow = code_step(&app, &behind, None, &code(&app, &secret, 0)).await;
    assert!(slow.body.unwrap_err().to_string().contains("expired"));
}

on_both_engines!(the_login_asks_for_a_code_once_enrolled);

async fn wrong_codes_are_throttled_like_passwords(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let (secret, _) = enrol(&app, &op, None).await;
    let waiting = operator_waiting(&app).await;
    let mut refused = Vec::new();
    for _ in 0..8 {
        refused.push(code_step(&app, &waiting, None, "000000").await);
    }
    let statuses: Vec<u16> = refused.iter().map(|r| r.status.as_u16()).collect();
    assert_eq!(&statuses[..5], &[422; 5], "{statuses:?}");
    assert_eq!(statuses[7], 429, "{statuses:?}");
    assert!(refused[7].headers.contains_key(header::RETRY_AFTER));
    // While held back, even the right code waits; the password is held back as well.
    let right = code_step(&app, &waiting, None, &code(&app, &secret, 0)).await;
    assert_eq!(right.status.as_u16(), 429);
    let (_, password) = password_step(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert_eq!(password.status.as_u16(), 429);
    // After the wait it goes through.
    app.clock.advance(Duration::minutes(16));
    let waiting = operator_waiting(&app).await;
    code_step(&app, &waiting, None, &code(&app, &secret, 0))
        .await
        .body
        .expect("logged in after the wait");
}

on_both_engines!(wrong_codes_are_throttled_like_passwords);
