//! Free trials wait for their customer's email confirmation (the default setting), on both
//! engines: nothing is built until the mailed link is confirmed; a wrong or expired code starts
//! nothing; an unconfirmed trial releases its name after two days.
use crate::common::*;
use app::api::orders::ConfirmTrialEmail;
use app::backend::db::Engine;

/// The confirmation link's path and code from the outbox.
fn mailed_link(app: &TestApp) -> (String, String) {
    let mail = app
        .outbox()
        .into_iter()
        .find(|m| m.contains("Confirm your email"))
        .expect("confirmation mail");
    let start = mail.find("/orders/").expect("link");
    let link: String = mail[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    let (path, code) = link.split_once("/confirm?code=").expect("code");
    (
        path.trim_start_matches("/orders/").to_string(),
        code.to_string(),
    )
}

async fn a_trial_starts_once_its_email_is_confirmed(engine: Engine) {
    let app = TestApp::spawn_with(engine, |c| c.trial_email_confirmation = true).await;
    let token = order_trial(&app, "confirmed", "ada@acme.example", "confirm-key")
        .await
        .body
        .expect("trial placed");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE status = 'awaiting_approval'")
            .await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM provisioning_steps").await,
        0
    );
    let (mail_token, code) = mailed_link(&app);
    assert_eq!(mail_token, token);
    let mail = app
        .outbox()
        .into_iter()
        .find(|m| m.contains("Confirm your email"))
        .unwrap_or_default();
    assert!(
        !mail.contains("Acme Ltd"),
        "the mail carries no text the orderer wrote"
    );
    // The order page asks for the confirmation; the mailed link opens a page with one button.
    let page = app
        .client(None)
        .get(app.url(None, &format!("/orders/{token}")))
        .send()
        .await
        .expect("order page")
        .text()
        .await
        .expect("body");
    assert!(page.contains("Confirm your email address"));
    let page = app
        .client(None)
        .get(app.url(None, &format!("/orders/{token}/confirm?code={code}")))
        .send()
        .await
        .expect("confirm page");
    assert_eq!(page.status(), 200);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM provisioning_steps").await,
        0,
        "opening the link changes nothing"
    );
    let client = app.client(None);
    let path = path_of::<ConfirmTrialEmail>();
    let wrong = app
        .call::<()>(
            &client,
            None,
            path,
            &[("token", &token), ("code", "not-the-code")],
        )
        .await;
    assert_eq!(wrong.status, 422);
    let ok = app
        .call::<()>(&client, None, path, &[("token", &token), ("code", &code)])
        .await;
    assert!(ok.body.is_ok(), "{}", ok.status);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE status = 'completed'")
            .await,
        1
    );
    let again = app
        .call::<()>(&client, None, path, &[("token", &token), ("code", &code)])
        .await;
    assert!(again.body.is_ok(), "the link opened twice is no error");
}

async fn an_unconfirmed_trial_releases_its_name(engine: Engine) {
    let app = TestApp::spawn_with(engine, |c| c.trial_email_confirmation = true).await;
    let token = order_trial(&app, "squatted", "eve@acme.example", "squat-key")
        .await
        .body
        .expect("trial placed");
    let (_, code) = mailed_link(&app);
    app.clock.advance(chrono::Duration::hours(49));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while app
        .count("SELECT COUNT(*) FROM orders WHERE status = 'rejected'")
        .await
        == 0
    {
        assert!(std::time::Instant::now() < deadline, "never released");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let late = app
        .call::<()>(
            &app.client(None),
            None,
            path_of::<ConfirmTrialEmail>(),
            &[("token", &token), ("code", &code)],
        )
        .await;
    assert_eq!(late.status, 422, "an expired link starts nothing");
    let again = order_trial(&app, "squatted", "ada@acme.example", "owner-key").await;
    assert!(again.body.is_ok(), "the name is free again");
}

/// The link confirmed 20 times at once (a double click, a mail client and a browser): one
/// approval, one provisioning, and every answer a success.
async fn a_link_confirmed_twenty_times_at_once_starts_one_trial(engine: Engine) {
    let app = TestApp::spawn_with(engine, |c| c.trial_email_confirmation = true).await;
    let token = order_trial(&app, "clicked", "ada@acme.example", "click-key")
        .await
        .body
        .expect("trial placed");
    let (_, code) = mailed_link(&app);
    let path = path_of::<ConfirmTrialEmail>();
    let replies = futures::future::join_all((0..20).map(|_| {
        let (app, token, code) = (&app, token.clone(), code.clone());
        async move {
            let client = app.client(None);
            app.call::<()>(&client, None, path, &[("token", &token), ("code", &code)])
                .await
        }
    }))
    .await;
    for r in &replies {
        assert!(r.body.is_ok(), "{}: {:?}", r.status, r.body.as_ref().err());
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM order_events WHERE event = 'approved'")
            .await,
        1
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM orders WHERE status = 'completed' AND provision_attempts = 1"
        )
        .await,
        1
    );
}

on_both_engines!(
    a_trial_starts_once_its_email_is_confirmed,
    a_link_confirmed_twenty_times_at_once_starts_one_trial,
    an_unconfirmed_trial_releases_its_name,
);
