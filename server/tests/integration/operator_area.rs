//! The operator's area lets only the operator in: every operator page sits behind one route
//! guard, which sends a browser without a login to the login page and shows anyone else why.
use app::backend::db::Engine;
use reqwest::header;

use crate::common::*;

const PAGES: &[&str] = &[
    "/operator",
    "/operator/orders",
    "/operator/catalog",
    "/operator/catalog/templates/erp-trial",
    "/operator/storefronts",
    "/operator/api-keys",
];

async fn only_the_operator_gets_in(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let anonymous = app.client(None);
    for path in PAGES {
        let res = anonymous
            .get(app.url(None, path))
            .header(header::ACCEPT, "text/html")
            .send()
            .await
            .expect("page");
        assert_eq!(res.status(), 302, "{path} without a login");
        assert_eq!(
            res.headers()
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok()),
            Some("/login"),
            "{path}"
        );
    }
    // An instance's host has no operator pages at all.
    let res = app
        .client(Some("acme"))
        .get(app.url(Some("acme"), "/operator/catalog"))
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .expect("page");
    assert_eq!(res.status(), 404);
    let (operator, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    for path in PAGES {
        let res = operator
            .get(app.url(None, path))
            .header(header::ACCEPT, "text/html")
            .send()
            .await
            .expect("page");
        assert_eq!(res.status(), 200, "{path} as the operator");
    }
}

on_both_engines!(only_the_operator_gets_in);
