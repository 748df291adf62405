//! Who may see and write what: another tenant's admin finds nothing (404) and changes nothing,
//! a visitor without a login is sent to log in (401 from the functions, 302 from the pages),
//! and the operator's functions and pages refuse everyone but the operator.
use app::backend::db::Engine;
use reqwest::header;

use super::Desk;
use crate::common::*;
use app::api::tickets::{OpenTicket, TicketQueue, TicketRow};

async fn status_of(d: &Desk, client: &reqwest::Client, instance: Option<&str>, path: &str) -> u16 {
    client
        .get(d.app.url(instance, path))
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .expect("page")
        .status()
        .as_u16()
}

async fn another_tenant_finds_nothing_and_changes_nothing(engine: Engine) {
    let d = Desk::new(engine).await;
    let id = d
        .open(
            &d.acme,
            "acme",
            "Private matter",
            "billing",
            "Only acme may read this.",
        )
        .await
        .body
        .expect("opened");
    let before = d.stored().await;

    // beta's admin, on beta's host, asking for acme's ticket: not found, by function and page.
    assert_eq!(d.portal_ticket(&d.beta, "beta", id).await.status, 404);
    let page = format!("/portal/tickets/{id}");
    assert_eq!(status_of(&d, &d.beta, Some("beta"), &page).await, 404);
    let html = html(&d.app, &d.beta, Some("beta"), &page).await;
    assert!(!html.contains("Only acme may read this."));
    let r = d.reply(&d.beta, "beta", id, "Let me in.").await;
    assert_eq!(r.status, 404);
    assert_eq!(d.stored().await, before, "nothing written");
    assert_eq!(d.mails_to(OPERATOR_EMAIL).len(), 1, "nothing mailed");

    // acme's admin on its own host sees it.
    assert_eq!(status_of(&d, &d.acme, Some("acme"), &page).await, 200);
    assert_eq!(
        status_of(&d, &d.acme, Some("acme"), "/portal/tickets").await,
        200
    );

    // A visitor without a login: 401 from the functions, the login page for the pages.
    let visitor = d.app.client(Some("acme"));
    assert_eq!(d.portal_ticket(&visitor, "acme", id).await.status, 401);
    assert_eq!(d.reply(&visitor, "acme", id, "Hi").await.status, 401);
    assert_eq!(
        d.open(&visitor, "acme", "Hi", "billing", "Hi").await.status,
        401
    );
    for path in ["/portal/tickets", page.as_str()] {
        let res = visitor
            .get(d.app.url(Some("acme"), path))
            .header(header::ACCEPT, "text/html")
            .send()
            .await
            .expect("page");
        assert_eq!(res.status(), 302, "{path}");
        assert_eq!(res.headers()[header::LOCATION], "/login", "{path}");
    }
    // The platform's host has no portal tickets, not even for the operator.
    let form = [
        ("form[subject]", "Hi"),
        ("form[category]", "billing"),
        ("form[body]", "Hi"),
    ];
    let r = d
        .app
        .call::<i64>(&d.operator, None, path_of::<OpenTicket>(), &form)
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(d.stored().await, before);
}

on_both_engines!(another_tenant_finds_nothing_and_changes_nothing);

async fn only_the_operator_works_the_queue(engine: Engine) {
    let d = Desk::new(engine).await;
    let id = d
        .open(&d.acme, "acme", "Help", "technical", "Please.")
        .await
        .body
        .expect("opened");
    let before = d.stored().await;
    let visitor = d.app.client(None);
    assert_eq!(d.queue(&visitor, "open", "").await.status, 401);
    // A tenant's admin: the operator's functions do not exist on an instance's host (404), and
    // the instance's session is nobody on the platform's (401).
    let on_instance = d
        .app
        .call::<Vec<TicketRow>>(
            &d.acme,
            Some("acme"),
            path_of::<TicketQueue>(),
            &[("status", "open"), ("category", "")],
        )
        .await;
    assert_eq!(on_instance.status, 404);
    assert_eq!(d.queue(&d.acme, "open", "").await.status, 401);
    let id_s = id.to_string();
    for path in [
        path_of::<app::api::tickets::AnswerTicket>(),
        path_of::<app::api::tickets::CloseTicket>(),
    ] {
        let form = [("ticket_id", id_s.as_str()), ("body", "Taking over.")];
        let r = d.app.call::<()>(&d.acme, Some("acme"), path, &form).await;
        assert_eq!(r.status, 404, "{path}");
        let r = d.app.call::<()>(&visitor, None, path, &form).await;
        assert_eq!(r.status, 401, "{path}");
    }
    assert_eq!(d.stored().await, before, "nothing written");
    assert_eq!(
        d.operator_ticket(id).await.status,
        app::domain::tickets::TicketStatus::Open
    );

    // The pages: the login for a visitor, not found on an instance's host, open to the operator.
    let page = format!("/operator/tickets/{id}");
    for path in ["/operator/tickets", page.as_str()] {
        let res = visitor
            .get(d.app.url(None, path))
            .header(header::ACCEPT, "text/html")
            .send()
            .await
            .expect("page");
        assert_eq!(res.status(), 302, "{path}");
        assert_eq!(res.headers()[header::LOCATION], "/login");
        assert_eq!(
            status_of(&d, &d.acme, Some("acme"), path).await,
            404,
            "{path}"
        );
        assert_eq!(status_of(&d, &d.operator, None, path).await, 200, "{path}");
    }
    let queue = html(
        &d.app,
        &d.operator,
        None,
        "/operator/tickets?status=open&category=technical",
    )
    .await;
    assert!(
        queue.contains(&format!("/operator/tickets/{id}")),
        "{queue}"
    );
    let none = html(&d.app, &d.operator, None, "/operator/tickets?status=closed").await;
    assert!(!none.contains(&format!("/operator/tickets/{id}\"")));
}

on_both_engines!(only_the_operator_works_the_queue);
