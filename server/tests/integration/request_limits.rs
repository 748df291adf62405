//! What a request may carry: one body limit for every route (413 in the caller's error shape),
//! and REST request bodies that name only fields the API knows.

use crate::common::*;
use app::api::auth::Login;
use app::backend::db::Engine;
use app::error::AppError;
use reqwest::header;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const LIMIT: usize = 1024 * 1024;

/// A login form of exactly `size` bytes.
fn login_form(size: usize) -> String {
    let head = "email=nobody%40example.com&password=";
    format!("{head}{}", "x".repeat(size - head.len()))
}

async fn post_login(app: &TestApp, body: String) -> reqwest::Response {
    app.client(None)
        .post(app.url(None, path_of::<Login>()))
        .header(header::ORIGIN, format!("http://{}", app.host(None)))
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("post")
}

/// Sends `size` bytes to a server function in chunks, without a Content-Length, and returns the
/// answer's status line.
async fn chunked_login(app: &TestApp, size: usize) -> String {
    let stream = tokio::net::TcpStream::connect(app.addr)
        .await
        .expect("connect");
    let (mut read, mut write) = stream.into_split();
    let host = app.host(None);
    let head = format!(
        "POST {} HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\nAccept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\
         Connection: close\r\n\r\n",
        path_of::<Login>()
    );
    let body = login_form(size);
    // The server may answer before it has read everything: write and read side by side.
    let writer = tokio::spawn(async move {
        write.write_all(head.as_bytes()).await?;
        for chunk in body.as_bytes().chunks(64 * 1024) {
            write
                .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
                .await?;
            write.write_all(chunk).await?;
            write.write_all(b"\r\n").await?;
        }
        write.write_all(b"0\r\n\r\n").await
    });
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    while !answer.windows(2).any(|w| w == b"\r\n") {
        match read.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => answer.extend_from_slice(&buf[..n]),
        }
    }
    let _ = writer.await;
    let text = String::from_utf8_lossy(&answer);
    text.lines().next().unwrap_or_default().to_string()
}

async fn oversized_bodies_answer_413_everywhere(engine: Engine) {
    let app = TestApp::spawn(engine).await;

    // A server function: the app's error, 413, before any work.
    let res = post_login(&app, login_form(LIMIT + 1)).await;
    assert_eq!(res.status(), 413);
    let error: AppError = res.json().await.expect("the app's error shape");
    assert!(
        matches!(error, AppError::PayloadTooLarge(ref m) if m.contains("1 MiB")),
        "{error:?}"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM login_attempts").await, 0);
    let at_limit = post_login(&app, login_form(LIMIT)).await;
    assert_eq!(at_limit.status(), 422, "a body at the limit is read");
    assert!(
        chunked_login(&app, LIMIT + 1).await.contains(" 413 "),
        "a body without a declared length is limited too"
    );

    // The REST API: its error JSON with its own code.
    let key = create_api_key(&app).await;
    let padding = "x".repeat(LIMIT);
    let res = app
        .client(None)
        .post(app.url(None, "/api/v1/orders"))
        .bearer_auth(&key)
        .header("Idempotency-Key", "big-1")
        .json(&json!({ "plan": "erp-trial", "company": padding }))
        .send()
        .await
        .expect("api");
    assert_eq!(res.status(), 413);
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["error"]["code"], "payload_too_large", "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("1 MiB")),
        "{body}"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM orders").await, 0);
    let doc: Value = app
        .client(None)
        .get(app.url(None, "/api/v1/openapi.json"))
        .send()
        .await
        .expect("openapi")
        .json()
        .await
        .expect("json");
    assert!(doc["paths"]["/orders"]["post"]["responses"]["413"].is_object());
    let codes = &doc["components"]["schemas"]["ErrorCode"]["enum"];
    assert!(codes
        .as_array()
        .is_some_and(|c| c.contains(&json!("payload_too_large"))));
}

async fn api_bodies_with_unknown_fields_are_refused(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let key = create_api_key(&app).await;
    let post = |path: &str, body: Value| {
        app.client(None)
            .post(app.url(None, &format!("/api/v1{path}")))
            .bearer_auth(&key)
            .header("Idempotency-Key", "unknown-1")
            .json(&body)
            .send()
    };
    let trial = json!({
        "plan": "erp-trial", "company": "Acme Ltd", "contact_name": "Ada", "email": "ada@acme.example",
        "password": PASSWORD, "instance_name": "acme", "offer": "trial",
    });
    let mut misspelt = trial.clone();
    misspelt["extra_user"] = json!(3);
    let res = post("/orders", misspelt).await.expect("post");
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["error"]["code"], "invalid");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("extra_user")),
        "the message names the field: {body}"
    );
    let mut card = trial.clone();
    card["card"] =
        json!({ "number": "4242", "exp_month": 1, "exp_year": 2030, "cvc": "1", "holder": "Ada" });
    let res = post("/orders", card).await.expect("post");
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.expect("json");
    assert!(body["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("holder")));
    assert_eq!(app.count("SELECT COUNT(*) FROM orders").await, 0);

    let res = post("/orders", trial).await.expect("post");
    assert!(res.status().is_success(), "known fields only: {res:?}");
    let id = app.count("SELECT id FROM orders").await;
    let res = post(
        &format!("/orders/{id}/reject"),
        json!({ "reason": "test", "notify": false }),
    )
    .await
    .expect("reject");
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.expect("json");
    assert!(body["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("notify")));
}

on_both_engines!(
    oversized_bodies_answer_413_everywhere,
    api_bodies_with_unknown_fields_are_refused,
);
