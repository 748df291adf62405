//! A logged-in user changes their own password on both engines: the current one is checked (a
//! wrong one is refused on its field), a weak new one is refused, and a change keeps this session
//! and ends the account's others. A visitor is refused; without JavaScript the form comes back.
use crate::common::*;
use app::api::accounts::ChangePassword;
use app::backend::db::Engine;
use reqwest::header;

async fn a_user_changes_their_password_and_other_sessions_end(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (here, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let (elsewhere, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let change = |c: reqwest::Client, current: &'static str, new: &'static str| {
        let app = &app;
        async move {
            app.call::<()>(
                &c,
                None,
                path_of::<ChangePassword>(),
                &[("current_password", current), ("new_password", new)],
            )
            .await
            .body
        }
    };
    let wrong = change(here.clone(), "not-my-password", "a-new-pass-2026")
        .await
        .unwrap_err();
    assert_eq!(wrong.field(), Some("current_password"), "{wrong}");
    let weak = change(here.clone(), OPERATOR_PASSWORD, "short")
        .await
        .unwrap_err();
    assert_eq!(weak.field(), Some("new_password"), "{weak}");
    assert!(
        change(app.client(None), OPERATOR_PASSWORD, "a-new-pass-2026")
            .await
            .is_err()
    );
    assert!(
        dashboard_status(&app, &elsewhere).await.is_success(),
        "nothing changed yet"
    );

    change(here.clone(), OPERATOR_PASSWORD, "a-new-pass-2026")
        .await
        .expect("changed");
    assert!(
        dashboard_status(&app, &here).await.is_success(),
        "this session goes on"
    );
    assert_eq!(
        dashboard_status(&app, &elsewhere).await.as_u16(),
        401,
        "the other one ended"
    );
    let (_, old) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert!(old.body.is_err());
    let (_, new) = login(&app, None, OPERATOR_EMAIL, "a-new-pass-2026").await;
    new.body.expect("the new password works");

    // Without JavaScript the form comes back to the account page.
    let back = here
        .post(app.url(None, path_of::<ChangePassword>()))
        .header(header::ORIGIN, format!("http://{}", app.host(None)))
        .header(header::ACCEPT, "text/html")
        .form(&[
            ("current_password", "a-new-pass-2026"),
            ("new_password", "third-pass-2026"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(back.headers()[header::LOCATION], "/account?changed=1");
    let page = html(&app, &here, None, "/account?changed=1").await;
    assert!(page.contains(OPERATOR_EMAIL), "{page}");
    assert!(page.contains("Your password is changed"), "{page}");
}

on_both_engines!(a_user_changes_their_password_and_other_sessions_end);
