//! White label on both engines: the operator gives a storefront a name, colour, logo and support
//! address; a tenant bought from it sees that brand on its instance's login page and portal, and
//! in its mails; the platform's own pages keep the platform's; a bad support address is refused.
use crate::common::*;
use app::api::catalog::storefronts::UpdateStorefront;
use app::backend::db::Engine;

async fn a_tenant_sees_its_storefronts_brand(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let (main,): (i64,) = sqlx::query_as("SELECT id FROM storefronts WHERE code = 'main'")
        .fetch_one(&app.pool)
        .await
        .expect("main");
    let main = main.to_string();
    let form = |support: &'static str| {
        vec![
            ("storefront_id", main.clone()),
            ("form[name]", "Acme Hosting".to_string()),
            ("form[logo_url]", "https://cdn.example/acme.svg".to_string()),
            ("form[primary_color]", "#0b7285".to_string()),
            ("form[support_email]", support.to_string()),
            ("form[currency]", "EUR".to_string()),
            ("form[invoice_prefix]", "INV-".to_string()),
            ("form[language]", "en".to_string()),
            ("form[is_default]", "on".to_string()),
        ]
    };
    let as_pairs = |f: &Vec<(&'static str, String)>| -> Vec<(&'static str, String)> { f.clone() };
    let bad = as_pairs(&form("not-an-address"));
    let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = app
        .call::<()>(&op, None, path_of::<UpdateStorefront>(), &bad)
        .await;
    assert_eq!(refused.status.as_u16(), 422, "{:?}", refused.body);
    let good = form("help@acme-hosting.example");
    let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call::<()>(&op, None, path_of::<UpdateStorefront>(), &good)
        .await
        .body
        .expect("branded");

    subscribed(&app).await;
    // The instance's login page and portal wear the brand.
    let visitor = app.client(Some("acme"));
    let login_page = html(&app, &visitor, Some("acme"), "/login").await;
    assert!(
        login_page.contains(r#"<body style="--accent: #0b7285"#),
        "{login_page}"
    );
    assert!(
        login_page.contains(r#"data-brand="Acme Hosting""#),
        "{login_page}"
    );
    assert!(
        login_page.contains("https://cdn.example/acme.svg"),
        "{login_page}"
    );
    assert!(
        login_page.contains("help@acme-hosting.example"),
        "{login_page}"
    );
    assert!(
        !login_page.contains(r#"<a href="/" class="brand">Tenantry</a>"#),
        "{login_page}"
    );
    let (admin, _) = login(&app, Some("acme"), "ada@acme.example", PASSWORD).await;
    let portal = html(&app, &admin, Some("acme"), "/portal").await;
    assert!(portal.contains(r#"data-brand="Acme Hosting""#), "{portal}");
    // The platform's own pages keep the platform's.
    let platform = html(&app, &app.client(None), None, "/login").await;
    assert!(
        platform.contains(r#"<a href="/" class="brand">Tenantry</a>"#),
        "{platform}"
    );
    assert!(!platform.contains("--accent: #0b7285"), "{platform}");
    // Mails: the welcome and a password reset on the instance are signed by the brand.
    let welcome = app
        .outbox()
        .into_iter()
        .find(|m| m.contains("is ready"))
        .expect("welcome mail");
    assert!(welcome.contains("The Acme Hosting team"), "{welcome}");
    assert!(welcome.contains("help@acme-hosting.example"), "{welcome}");
    assert!(!welcome.contains("The Tenantry team"), "{welcome}");
    app.call::<()>(
        &visitor,
        Some("acme"),
        path_of::<app::api::password_resets::RequestPasswordReset>(),
        &[("email", "ada@acme.example")],
    )
    .await
    .body
    .expect("asked");
    let reset = app
        .outbox()
        .into_iter()
        .find(|m| m.contains("reset-password?code="))
        .expect("reset mail");
    assert!(reset.contains("The Acme Hosting team"), "{reset}");
}

on_both_engines!(a_tenant_sees_its_storefronts_brand);
