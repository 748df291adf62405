//! The language switcher on both engines: it sets the visitor's cookie, goes back to a page of
//! this site only, and a logged-in user's choice is kept with the account and restored at the
//! next login on another browser.

use crate::common::*;
use app::api::language::SetLanguage;
use app::backend::db::Engine;
use reqwest::header;

fn cookie_of<T>(reply: &Reply<T>) -> Option<String> {
    reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("tenantry_lang="))
        .map(|c| c.split(';').next().unwrap_or_default().to_string())
}

async fn a_users_language_follows_the_account(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let visitor = app.client(None);
    let path = path_of::<SetLanguage>();
    let bad = app
        .call::<()>(&visitor, None, path, &[("lang", "fr"), ("back", "/")])
        .await;
    assert_eq!(bad.status.as_u16(), 422, "only languages of the site");
    let chosen = app
        .call::<()>(
            &visitor,
            None,
            path,
            &[("lang", "de"), ("back", "//evil.example/")],
        )
        .await;
    assert_eq!(cookie_of(&chosen).as_deref(), Some("tenantry_lang=de"));
    let location = chosen
        .headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok());
    assert_eq!(location, Some("/"), "never back to another site");

    // A logged-in operator's choice is stored with the account...
    let (operator, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    app.call::<()>(
        &operator,
        None,
        path,
        &[("lang", "de"), ("back", "/operator")],
    )
    .await
    .body
    .expect("switched");
    let (stored,): (Option<String>,) = sqlx::query_as("SELECT locale FROM users WHERE email = $1")
        .bind(OPERATOR_EMAIL)
        .fetch_one(&app.pool)
        .await
        .expect("operator");
    assert_eq!(stored.as_deref(), Some("de"));
    // ...and comes back with the next login, on a browser that never chose.
    let (_, again) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert_eq!(cookie_of(&again).as_deref(), Some("tenantry_lang=de"));
    let html = app
        .client(None)
        .get(app.url(None, "/"))
        .header(header::COOKIE, "tenantry_lang=de")
        .send()
        .await
        .expect("storefront")
        .text()
        .await
        .expect("html");
    assert!(html.contains("<html lang=\"de\""), "the page is German");
    assert!(html.contains("Tarife vergleichen"));
}

on_both_engines!(a_users_language_follows_the_account);
