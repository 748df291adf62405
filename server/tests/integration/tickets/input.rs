//! Bad input is refused naming its field, in the reader's language, and stores and mails
//! nothing; without JavaScript a refused form comes back with what was typed. Markup in a
//! subject or message is shown as text on every page.
use app::backend::db::Engine;
use reqwest::header;

use super::Desk;
use crate::common::*;
use app::api::tickets::OpenTicket;

async fn bad_input_is_refused_and_nothing_is_stored(engine: Engine) {
    let d = Desk::new(engine).await;
    let long_subject = "s".repeat(201);
    let long_body = "b".repeat(10_001);
    for (subject, category, body, field) in [
        ("", "billing", "Text", "subject"),
        ("   ", "billing", "Text", "subject"),
        (long_subject.as_str(), "billing", "Text", "subject"),
        ("Two\nlines", "billing", "Text", "subject"),
        ("Fine", "sales", "Text", "category"),
        ("Fine", "", "Text", "category"),
        ("Fine", "technical", " \r\n ", "body"),
        ("Fine", "technical", long_body.as_str(), "body"),
    ] {
        let r = d.open(&d.acme, "acme", subject, category, body).await;
        assert_eq!(r.status, 422, "{field}");
        let e = r.body.unwrap_err();
        assert_eq!(e.field(), Some(field), "{e}");
    }
    let r = d
        .open(&d.acme, "acme", &long_subject, "billing", "Text")
        .await;
    assert_eq!(
        r.body.unwrap_err().to_string(),
        "Subject must be at most 200 characters."
    );
    assert_eq!(d.stored().await, [0, 0, 0]);
    assert!(d.mails_to(OPERATOR_EMAIL).is_empty());

    // The limits themselves are fine.
    let id = d
        .open(
            &d.acme,
            "acme",
            &"s".repeat(200),
            "billing",
            &"b".repeat(10_000),
        )
        .await
        .body
        .expect("at the limits");
    let before = d.stored().await;
    assert_eq!(before, [1, 1, 1]);
    for body in ["", long_body.as_str()] {
        assert_eq!(d.reply(&d.acme, "acme", id, body).await.status, 422);
        assert_eq!(d.answer(id, body).await.status, 422);
    }
    assert_eq!(
        d.reply(&d.acme, "acme", id + 1000, "Hello").await.status,
        404
    );
    assert_eq!(d.answer(id + 1000, "Hello").await.status, 404);
    assert_eq!(d.close(id + 1000).await.status, 404);
    assert_eq!(d.stored().await, before);
    assert_eq!(d.mails_to(OPERATOR_EMAIL).len(), 1);
    assert!(d.mails_to("ada@acme.example").is_empty());

    // The database refuses what the forms do, should anything else write.
    let direct = sqlx::query(
        "INSERT INTO ticket_messages (ticket_id, author_id, author_side, body, created_at) \
         VALUES ($1, 1, 'tenant', $2, 'now')",
    )
    .bind(id)
    .bind(&long_body)
    .execute(&d.app.pool)
    .await;
    assert!(direct.is_err(), "a CHECK refuses an oversized message");
}

on_both_engines!(bad_input_is_refused_and_nothing_is_stored);

async fn without_javascript_a_refused_form_comes_back(engine: Engine) {
    let d = Desk::new(engine).await;
    let post = |form: Vec<(&'static str, &'static str)>| {
        let d = &d;
        async move {
            d.acme
                .post(d.app.url(Some("acme"), path_of::<OpenTicket>()))
                .header(
                    header::ORIGIN,
                    format!("http://{}", d.app.host(Some("acme"))),
                )
                .header(header::ACCEPT, "text/html")
                .form(&form)
                .send()
                .await
                .expect("post")
        }
    };
    let refused = post(vec![
        ("form[subject]", "Keep me"),
        ("form[category]", "sales"),
        ("form[body]", "And me"),
    ])
    .await;
    assert_eq!(refused.status(), 302);
    let back = refused.headers()[header::LOCATION]
        .to_str()
        .expect("location")
        .to_string();
    assert!(back.starts_with("/portal/tickets?"), "{back}");
    assert!(back.contains("error_field=category"), "{back}");
    let page = html(&d.app, &d.acme, Some("acme"), &back).await;
    assert!(page.contains("Choose a category"), "{page}");
    assert!(
        page.contains("value=\"Keep me\"") && page.contains("And me"),
        "{page}"
    );
    assert_eq!(d.stored().await, [0, 0, 0]);

    let sent = post(vec![
        ("form[subject]", "Plain"),
        ("form[category]", "technical"),
        ("form[body]", "No script here."),
    ])
    .await;
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM tickets")
        .fetch_one(&d.app.pool)
        .await
        .expect("stored");
    assert_eq!(
        sent.headers()[header::LOCATION],
        format!("/portal/tickets/{id}").as_str()
    );
}

on_both_engines!(without_javascript_a_refused_form_comes_back);

async fn markup_is_shown_as_text(engine: Engine) {
    let d = Desk::new(engine).await;
    let subject = "<script>alert('subject')</script>";
    let body = "<img src=x onerror=alert('body')> & <b>bold</b>";
    let id = d
        .open(&d.acme, "acme", subject, "technical", body)
        .await
        .body
        .expect("opened");
    d.answer(id, "<i>escaped</i> too")
        .await
        .body
        .expect("answered");
    let pages = [
        html(&d.app, &d.acme, Some("acme"), "/portal/tickets").await,
        html(
            &d.app,
            &d.acme,
            Some("acme"),
            &format!("/portal/tickets/{id}"),
        )
        .await,
        html(&d.app, &d.operator, None, "/operator/tickets?status=").await,
        html(
            &d.app,
            &d.operator,
            None,
            &format!("/operator/tickets/{id}"),
        )
        .await,
    ];
    for page in &pages {
        assert!(
            page.contains("&lt;script&gt;alert('subject')&lt;/script&gt;")
                || page.contains("&lt;script>alert('subject')&lt;/script>"),
            "{page}"
        );
        assert!(!page.contains("<script>alert('subject')"), "{page}");
    }
    for page in &pages[1..2] {
        assert!(!page.contains("<img src=x"), "{page}");
        assert!(!page.contains("<i>escaped</i>"), "{page}");
        assert!(page.contains("&lt;img src=x"), "{page}");
    }
    assert!(!pages[3].contains("<img src=x") && pages[3].contains("&lt;img src=x"));
}

on_both_engines!(markup_is_shown_as_text);
