//! The REST API's contract: the generated OpenAPI document lists exactly the API's operations,
//! every one of them is served, and every error, including a bad id in a path or a method a
//! path does not answer, is the documented JSON error.
use std::collections::BTreeSet;

use app::backend::db::Engine;
use serde_json::Value;

use crate::common::*;

/// The operations the README documents; the document must list exactly these.
const OPERATIONS: &[&str] = &[
    "get /plans",
    "get /orders",
    "post /orders",
    "get /orders/{id}",
    "post /orders/{id}/approve",
    "post /orders/{id}/reject",
    "get /customers",
    "get /customers/{id}",
    "get /invoices",
    "get /invoices/{id}",
];

async fn document(app: &TestApp) -> Value {
    let res = app
        .client(None)
        .get(app.url(None, "/api/v1/openapi.json"))
        .send()
        .await
        .expect("document");
    assert_eq!(res.status(), 200);
    res.json().await.expect("json")
}

/// Checks a response is the JSON error with `code` and `status`.
async fn assert_error(res: reqwest::Response, status: u16, code: &str, what: &str) {
    assert_eq!(res.status().as_u16(), status, "{what}");
    let kind = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(kind.starts_with("application/json"), "{what}: {kind}");
    let body: Value = res.json().await.expect("json error");
    assert_eq!(body["error"]["code"], code, "{what}: {body}");
}

async fn every_route_is_documented_and_answers_json_errors(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let doc = document(&app).await;
    let paths = doc["paths"].as_object().expect("paths");
    let documented: BTreeSet<String> = paths
        .iter()
        .flat_map(|(path, ops)| {
            let ops = ops.as_object().cloned().unwrap_or_default();
            ops.keys()
                .filter(|m| ["get", "post", "put", "patch", "delete"].contains(&m.as_str()))
                .map(|m| format!("{m} {path}"))
                .collect::<Vec<_>>()
        })
        .collect();
    let expected: BTreeSet<String> = OPERATIONS.iter().map(|o| o.to_string()).collect();
    assert_eq!(
        documented, expected,
        "the document lists the API's operations"
    );
    let client = app.client(None);
    let key = create_api_key(&app).await;
    for op in OPERATIONS {
        let (method, path) = op.split_once(' ').expect("op");
        let operation = &paths[path][method];
        for status in ["401", "404", "422", "500"] {
            assert!(
                operation["responses"][status]["content"]["application/json"]["schema"]["$ref"]
                    .as_str()
                    .is_some_and(|r| r.ends_with("/ErrorBody")),
                "{op} documents its {status} as the JSON error"
            );
        }
        let url = |p: &str| app.url(None, &format!("/api/v1{p}"));
        let request = |p: &str| match method {
            "post" => client.post(url(p)),
            _ => client.get(url(p)),
        };
        // Served: without a key it is the route's 401, not the fallback's 404.
        let real = path.replace("{id}", "1");
        assert_error(
            request(&real).send().await.expect("send"),
            401,
            "unauthorized",
            op,
        )
        .await;
        if path.contains("{id}") {
            for bad in ["abc", "0", "-1", "1.5", "99999999999999999999"] {
                let res = request(&path.replace("{id}", bad))
                    .bearer_auth(&key)
                    .send()
                    .await
                    .expect("send");
                assert_error(res, 404, "not_found", &format!("{op} with id {bad}")).await;
            }
        }
    }
    let res = client
        .delete(app.url(None, "/api/v1/orders"))
        .bearer_auth(&key)
        .send()
        .await
        .expect("send");
    assert!(res.headers().get("allow").is_some(), "405 keeps Allow");
    assert_error(res, 405, "method_not_allowed", "DELETE /orders").await;
    let res = client
        .get(app.url(None, "/api/v1/nothing-here"))
        .bearer_auth(&key)
        .send()
        .await
        .expect("send");
    assert_error(res, 404, "not_found", "an unknown path").await;
}

on_both_engines!(every_route_is_documented_and_answers_json_errors);
