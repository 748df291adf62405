//! The health settings: a wrong field is refused with its name and a clear message, and nothing
//! is saved; a plain form post is sent back to the form with the message.
use super::operator;
use crate::common::*;
use app::api::health::{HealthSettings, HealthSettingsView, SaveHealthSettings};
use app::backend::db::Engine;
use reqwest::{header, Client};

const FIELDS: [&str; 6] = [
    "interval",
    "storage_warning",
    "storage_critical",
    "inactive_days",
    "failed_warning",
    "failed_critical",
];

/// Saves the settings form's six fields as `who`.
pub async fn save(app: &TestApp, who: &Client, values: [&str; 6]) -> Reply<()> {
    let form: Vec<(&str, &str)> = FIELDS.into_iter().zip(values).collect();
    app.call(who, None, path_of::<SaveHealthSettings>(), &form)
        .await
}

async fn current(app: &TestApp, op: &Client) -> HealthSettingsView {
    app.call(op, None, path_of::<HealthSettings>(), &[])
        .await
        .body
        .expect("settings")
}

async fn bad_settings_are_refused_and_nothing_is_saved(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let op = operator(&app).await;
    let before = current(&app, &op).await;
    assert_eq!(before.settings.interval_minutes, 5, "the default");
    for (values, field, words) in [
        (
            ["7", "80", "95", "30", "1", "3"],
            "interval",
            "Check every 1, 5 or 15 minutes.",
        ),
        (
            ["5", "90", "80", "30", "1", "3"],
            "storage_critical",
            "above the warning level (90 %)",
        ),
        (
            ["5", "80", "95", "ten", "1", "3"],
            "inactive_days",
            "Days without activity",
        ),
        (
            ["5", "80", "95", "30", "4", "2"],
            "failed_critical",
            "more than for a warning (4)",
        ),
    ] {
        let reply = save(&app, &op, values).await;
        assert_eq!(reply.status, 422, "{values:?}");
        let error = reply.body.expect_err("refused");
        assert_eq!(error.field(), Some(field), "{values:?}");
        assert!(error.to_string().contains(words), "{error}");
    }
    let after = current(&app, &op).await;
    assert_eq!(after, before, "nothing saved");
    // Without JavaScript: back to the form, with the message and the field.
    let res = op
        .post(app.url(None, path_of::<SaveHealthSettings>()))
        .header(header::ORIGIN, format!("http://{}", app.host(None)))
        .header(header::ACCEPT, "text/html")
        .form(
            &FIELDS
                .into_iter()
                .zip(["7", "80", "95", "30", "1", "3"])
                .collect::<Vec<_>>(),
        )
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 302);
    let to = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(
        to.starts_with("/operator/health?") && to.contains("error_field=interval"),
        "{to}"
    );
    let (status, html) = super::page(&app, &op, &to).await;
    assert_eq!(status, 200);
    assert!(html.contains("Check every 1, 5 or 15 minutes."), "{html}");
    assert!(
        html.contains(r#"aria-invalid="true""#),
        "the field is marked"
    );
    assert_eq!(current(&app, &op).await, before, "nothing saved");
    // Good settings are kept, with who saved them.
    let ok = save(&app, &op, ["15", "70", "90", "0", "0", "2"]).await;
    assert!(ok.body.is_ok(), "{:?}", ok.body);
    let saved = current(&app, &op).await;
    assert_eq!(saved.settings.interval_minutes, 15);
    assert_eq!(saved.settings.thresholds.storage_warning_pct, 70);
    assert_eq!(saved.settings.thresholds.failed_jobs_critical, 2);
    assert!(saved.updated.is_some_and(|u| u.ends_with(OPERATOR_EMAIL)));
}

on_both_engines!(bad_settings_are_refused_and_nothing_is_saved);
