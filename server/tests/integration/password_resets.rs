//! Forgotten passwords on both engines: asking answers the same for a known and an unknown
//! address (only the known one gets mail); the link sets a new password once (of twenty uses at
//! once, one), ends the account's other sessions, expires after an hour and works only on its
//! account's host; a weak password is refused and leaves the link usable; without JavaScript the
//! forms come back to their pages.
use crate::common::*;
use app::api::password_resets::{RequestPasswordReset, ResetPassword};
use app::backend::db::Engine;
use chrono::Duration;
use reqwest::header;

/// The code of the newest reset link mailed to `email`.
fn code_for(app: &TestApp, email: &str) -> String {
    let mails: Vec<String> = app
        .outbox()
        .into_iter()
        .filter(|m| m.contains("new password") && m.contains(email))
        .collect();
    let mail = mails
        .last()
        .unwrap_or_else(|| panic!("no reset mail for {email}"));
    let at = mail.find("reset-password?code=").expect("link") + "reset-password?code=".len();
    mail[at..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

fn resets(app: &TestApp) -> usize {
    app.outbox()
        .iter()
        .filter(|m| m.contains("reset-password?code="))
        .count()
}

async fn a_forgotten_password_is_reset_once_and_ends_other_sessions(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (before, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert!(dashboard_status(&app, &before).await.is_success());

    // A known and an unknown address get the same answer; only the known one gets mail.
    let ask = |email: &'static str| {
        let app = &app;
        async move {
            app.call::<()>(
                &app.client(None),
                None,
                path_of::<RequestPasswordReset>(),
                &[("email", email)],
            )
            .await
        }
    };
    let known = ask(OPERATOR_EMAIL).await;
    let unknown = ask("nobody@nowhere.example").await;
    assert_eq!(known.status, unknown.status);
    assert!(known.body.is_ok() && unknown.body.is_ok());
    assert_eq!(resets(&app), 1);
    let bad = ask("not-an-address").await.body.unwrap_err();
    assert_eq!(bad.field(), Some("email"));
    let code = code_for(&app, OPERATOR_EMAIL);
    assert_eq!(code.len(), 40);

    let reset = |code: String, password: &'static str| {
        let app = &app;
        async move {
            app.call::<()>(
                &app.client(None),
                None,
                path_of::<ResetPassword>(),
                &[("code", code.as_str()), ("password", password)],
            )
            .await
            .body
        }
    };
    // A weak password is refused and the link still works.
    let weak = reset(code.clone(), "short").await.unwrap_err();
    assert_eq!(weak.field(), Some("password"));

    // Twenty uses at once: one sets the password.
    let tries =
        futures::future::join_all((0..20).map(|_| reset(code.clone(), "a-new-pass-2026"))).await;
    assert_eq!(tries.iter().filter(|r| r.is_ok()).count(), 1, "{tries:?}");
    for refused in tries.iter().filter_map(|r| r.as_ref().err()) {
        assert!(
            refused.to_string().contains("expired or was already used"),
            "{refused}"
        );
    }

    // The session made before is over; the old password is refused, the new one works.
    assert_eq!(dashboard_status(&app, &before).await.as_u16(), 401);
    let (_, old) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert!(old.body.is_err());
    let (after, new) = login(&app, None, OPERATOR_EMAIL, "a-new-pass-2026").await;
    new.body.expect("new password works");
    assert!(dashboard_status(&app, &after).await.is_success());

    // A link is good for an hour.
    ask(OPERATOR_EMAIL).await.body.expect("asked");
    let late = code_for(&app, OPERATOR_EMAIL);
    app.clock.advance(Duration::minutes(61));
    assert!(reset(late, "another-pass-2026").await.is_err());
}

on_both_engines!(a_forgotten_password_is_reset_once_and_ends_other_sessions);

async fn a_link_works_only_on_its_accounts_host_and_without_javascript(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    order_trial(&app, "acme", "ada@acme.example", "k1")
        .await
        .body
        .expect("trial");
    app.settle().await;

    // Asked on the instance's host: the link opens there, and not on the platform.
    app.call::<()>(
        &app.client(Some("acme")),
        Some("acme"),
        path_of::<RequestPasswordReset>(),
        &[("email", "ada@acme.example")],
    )
    .await
    .body
    .expect("asked");
    let code = code_for(&app, "ada@acme.example");
    let mail = app
        .outbox()
        .into_iter()
        .rfind(|m| m.contains(&code))
        .expect("mail");
    assert!(
        mail.contains(&format!(
            "{}/reset-password?code=",
            app.url(Some("acme"), "")
        )),
        "{mail}"
    );
    let elsewhere = app
        .call::<()>(
            &app.client(None),
            None,
            path_of::<ResetPassword>(),
            &[("code", code.as_str()), ("password", "a-new-pass-2026")],
        )
        .await
        .body;
    assert!(elsewhere.is_err());

    // Without JavaScript: the request comes back saying a link is on its way; the reset sends
    // the browser to the login.
    let plain =
        |instance: Option<&'static str>, path: &'static str, form: Vec<(&'static str, String)>| {
            let app = &app;
            async move {
                app.client(instance)
                    .post(app.url(instance, path))
                    .header(header::ORIGIN, format!("http://{}", app.host(instance)))
                    .header(header::ACCEPT, "text/html")
                    .form(&form)
                    .send()
                    .await
                    .expect("post")
            }
        };
    let sent = plain(
        Some("acme"),
        path_of::<RequestPasswordReset>(),
        vec![("email", "ada@acme.example".into())],
    )
    .await;
    assert_eq!(sent.headers()[header::LOCATION], "/forgot-password?sent=1");
    let code = code_for(&app, "ada@acme.example");
    let done = plain(
        Some("acme"),
        path_of::<ResetPassword>(),
        vec![("code", code), ("password", "a-new-pass-2026".into())],
    )
    .await;
    assert_eq!(done.headers()[header::LOCATION], "/login?reset=1");
    let (_, ok) = login(&app, Some("acme"), "ada@acme.example", "a-new-pass-2026").await;
    ok.body.expect("the new password works on the instance");
}

on_both_engines!(a_link_works_only_on_its_accounts_host_and_without_javascript);

/// Asking twenty times at once mails three links (the hour's limit), and answers every time the
/// same; an hour later a link can be asked for again.
async fn reset_links_are_limited_per_account_and_hour(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let clients: Vec<_> = (0..20).map(|_| app.client(None)).collect();
    let asks = clients.iter().map(|c| {
        app.call::<()>(
            c,
            None,
            path_of::<RequestPasswordReset>(),
            &[("email", OPERATOR_EMAIL)],
        )
    });
    let replies = futures::future::join_all(asks).await;
    assert!(
        replies.iter().all(|r| r.body.is_ok()),
        "the same answer every time"
    );
    assert_eq!(resets(&app), 3);
    app.clock.advance(Duration::minutes(61));
    app.call::<()>(
        &app.client(None),
        None,
        path_of::<RequestPasswordReset>(),
        &[("email", OPERATOR_EMAIL)],
    )
    .await
    .body
    .expect("asked");
    assert_eq!(resets(&app), 4);
}

on_both_engines!(reset_links_are_limited_per_account_and_hour);
