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
    let res = app
        .client(None)
        .get(app.url(None, "/"))
        .header(header::COOKIE, "tenantry_lang=de")
        .send()
        .await
        .expect("storefront");
    let vary = res
        .headers()
        .get(header::VARY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(
        vary.contains("Accept-Language") && vary.contains("Cookie"),
        "Vary: {vary}"
    );
    let html = res.text().await.expect("html");
    assert!(html.contains("<html lang=\"de\""), "the page is German");
    assert!(html.contains("Tarife vergleichen"));
}

async fn checkout_errors_speak_the_customers_language(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let german = app.client(None);
    app.call::<()>(
        &german,
        None,
        path_of::<SetLanguage>(),
        &[("lang", "de"), ("back", "/")],
    )
    .await
    .body
    .expect("switched");
    let place = path_of::<app::api::orders::PlaceOrder>();
    let short = app
        .call::<String>(
            &german,
            None,
            place,
            &trial_form("ab", "a@acme.example", "k-de-1"),
        )
        .await;
    assert_eq!(short.status.as_u16(), 422);
    let error = short.body.expect_err("refused");
    assert_eq!(error.field(), Some("instance_name"));
    assert!(error.to_string().contains("Bindestriche"), "{error}");
    app.call::<String>(
        &german,
        None,
        place,
        &trial_form("acme", "a@acme.example", "k-de-2"),
    )
    .await
    .body
    .expect("first order");
    let taken = app
        .call::<String>(
            &german,
            None,
            place,
            &trial_form("ACME", "b@acme.example", "k-de-3"),
        )
        .await;
    assert_eq!(taken.status.as_u16(), 409);
    assert!(taken
        .body
        .expect_err("taken")
        .to_string()
        .contains("„acme“ ist bereits vergeben"));
    // A total that changed under the customer is explained in German too.
    let stale = paid_form("acme-de", "k-de-4", &[("form[expected_total]", "4900")]);
    let reply = app.call::<String>(&german, None, place, &stale).await;
    assert_eq!(reply.status.as_u16(), 422);
    let message = reply.body.expect_err("stale").to_string();
    assert!(
        message.starts_with("Der Gesamtbetrag Ihrer Auswahl ist 598,80"),
        "{message}"
    );
    // English keeps the rule's own words.
    let english = order_trial(&app, "ab", "c@acme.example", "k-en-1").await;
    assert!(english
        .body
        .expect_err("refused")
        .to_string()
        .contains("at least 3 characters"));
}

async fn a_storefront_speaks_its_default_to_visitors_who_ask_for_no_known_language(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let page = |accept: &'static str, cookie: &'static str, path: &'static str| {
        let app = &app;
        async move {
            let mut req = app
                .client(None)
                .get(app.url(None, path))
                .header(header::ACCEPT_LANGUAGE, accept);
            if !cookie.is_empty() {
                req = req.header(header::COOKIE, cookie);
            }
            req.send().await.expect("page").text().await.expect("html")
        }
    };
    assert!(
        page("fr-FR", "", "/").await.contains("<html lang=\"en\""),
        "English by default"
    );
    // The operator makes the main storefront German (an edit through the editor, so every
    // server's cache learns of it).
    let op = {
        let (client, reply) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
        reply.body.expect("operator");
        client
    };
    let update = path_of::<app::api::catalog::storefronts::UpdateStorefront>();
    let main = [
        ("storefront_id", "1"),
        ("form[name]", "Tenantry Cloud"),
        ("form[primary_color]", "#3b5bdb"),
        ("form[currency]", "EUR"),
        ("form[invoice_prefix]", "INV-"),
        ("form[is_default]", "on"),
        ("form[language]", "de"),
    ];
    app.call::<()>(&op, None, update, &main)
        .await
        .body
        .expect("German storefront");
    assert!(
        page("fr-FR", "", "/").await.contains("<html lang=\"de\""),
        "its default"
    );
    assert!(page("fr-FR", "", "/order/erp-business")
        .await
        .contains("<html lang=\"de\""));
    assert!(
        page("en-GB", "", "/").await.contains("<html lang=\"en\""),
        "the browser's language wins"
    );
    assert!(
        page("de", "tenantry_lang=en", "/")
            .await
            .contains("<html lang=\"en\""),
        "the choice wins"
    );
    assert!(
        page("fr", "", "/s/us").await.contains("<html lang=\"en\""),
        "another storefront, its default"
    );

    // A language the site lacks is refused.
    let form = [
        ("storefront_id", "2"),
        ("form[name]", "Tenantry Cloud US"),
        ("form[primary_color]", "#237032"),
        ("form[currency]", "USD"),
        ("form[invoice_prefix]", "US-"),
    ];
    let mut french = form.to_vec();
    french.push(("form[language]", "fr"));
    let update = path_of::<app::api::catalog::storefronts::UpdateStorefront>();
    assert_eq!(
        app.call::<()>(&op, None, update, &french)
            .await
            .status
            .as_u16(),
        422
    );
    let mut german = form.to_vec();
    german.push(("form[language]", "de"));
    app.call::<()>(&op, None, update, &german)
        .await
        .body
        .expect("saved");
    assert!(page("fr", "", "/s/us").await.contains("<html lang=\"de\""));
}

on_both_engines!(
    a_users_language_follows_the_account,
    a_storefront_speaks_its_default_to_visitors_who_ask_for_no_known_language,
    checkout_errors_speak_the_customers_language,
);
