//! The editor pages render on the server, and plain form posts come back with errors.
use super::structure::operator;
use crate::common::*;
use app::api::catalog::parts::CreatePart;
use app::backend::db::Engine;

async fn pages_render_and_plain_forms_come_back_with_errors(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let op = operator(&app).await;
    let pages = [
        ("/operator/catalog", "Templates"),
        ("/operator/catalog/products", "knowledge-base"),
        ("/operator/catalog/modules", "Accounting"),
        ("/operator/catalog/verticals", "Construction"),
        ("/operator/catalog/resources", "storage_gb"),
        ("/operator/catalog/templates", "erp-business-us"),
        (
            "/operator/catalog/templates/erp-business-us",
            "America/New_York",
        ),
    ];
    for (path, expected) in pages {
        let res = op.get(app.url(None, path)).send().await.expect("page");
        assert_eq!(res.status(), 200, "{path}");
        let html = res.text().await.expect("html");
        assert!(html.contains(expected), "{path} shows {expected}");
    }
    let html = op
        .get(app.url(None, "/operator/catalog/templates/erp-trial"))
        .send()
        .await
        .expect("edit page")
        .text()
        .await
        .expect("html");
    let bound = html
        .split("Bound plans: ")
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .unwrap_or_default();
    assert!(html.contains("data-module=\"accounting\""));
    assert!(bound.contains("erp-trial"), "{bound}");

    // Without JavaScript, a refused form post goes back to its page with the message.
    let res = op
        .post(app.url(None, path_of::<CreatePart>()))
        .header("origin", format!("http://{}", app.host(None)))
        .header("accept", "text/html")
        .header("referer", app.url(None, "/operator/catalog/verticals"))
        .form(&[
            ("kind", "vertical"),
            ("code", "Bad Code"),
            ("name", "X"),
            ("description", ""),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 302);
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    assert!(
        location.starts_with("/operator/catalog/verticals?error="),
        "{location}"
    );
    let page = op
        .get(app.url(None, &location))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("html");
    assert!(page.contains("Vertical code may only contain lowercase letters"));
}

on_both_engines!(pages_render_and_plain_forms_come_back_with_errors);
