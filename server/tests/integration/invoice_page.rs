//! The operator's invoice page on both engines: it shows a paid invoice, and its refund form works
//! as a plain form post (no JavaScript): a partial refund issues a credit note the page then
//! lists, a refund above what is left or without a reason comes back with the error and changes
//! nothing, nobody but the operator gets in, and an unknown invoice is a 404.
use crate::common::*;
use app::api::credit_notes::RefundInvoice;
use app::api::invoices::InvoiceDetail;
use app::api::orders::PlaceOrder;
use app::backend::db::Engine;
use reqwest::{header, Client};

/// Posts the refund form as a browser without JavaScript does; returns the redirect's target.
async fn post_refund(
    app: &TestApp,
    client: &Client,
    ids: (i64, i64),
    amount: &str,
    reason: &str,
) -> String {
    let (order, invoice) = (ids.0.to_string(), ids.1.to_string());
    let res = client
        .post(app.url(None, path_of::<RefundInvoice>()))
        .header(header::ORIGIN, format!("http://{}", app.host(None)))
        .header(header::ACCEPT, "text/html")
        .header(
            header::REFERER,
            app.url(None, &format!("/operator/invoices/{invoice}")),
        )
        .form(&[
            ("order_id", order.as_str()),
            ("invoice_id", invoice.as_str()),
            ("amount", amount),
            ("destination", "card"),
            ("reason", reason),
        ])
        .send()
        .await
        .expect("refund post");
    assert_eq!(res.status(), 302, "a plain form post is sent back");
    res.headers()[header::LOCATION]
        .to_str()
        .expect("location")
        .to_string()
}

async fn a_refund_without_javascript_shows_its_credit_note(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let form = paid_form("acme", "k-paid", &[]);
    let token: String = app
        .call(&app.client(None), None, path_of::<PlaceOrder>(), &form)
        .await
        .body
        .expect("paid order");
    let (order_id, invoice_id, total): (i64, i64, i64) =
        sqlx::query_as("SELECT order_id, id, total_minor FROM invoices")
            .fetch_one(&app.pool)
            .await
            .expect("invoice");
    let decimal = |minor: i64| format!("{}.{:02}", minor / 100, minor % 100);
    let page_path = format!("/operator/invoices/{invoice_id}");
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;

    // The page: header, links, the form prefilled with the whole invoice, no credit note yet.
    let page = html(&app, &op, None, &page_path).await;
    for expected in [
        r#"data-field="number">INV-000001<"#,
        r#"class="badge paid">Paid<"#,
        &format!(r#"href="/operator/orders/{order_id}""#),
        &format!(r#"href="/orders/{token}/invoice""#),
        &format!(r#"href="/orders/{token}/invoice.pdf""#),
        &format!(
            r#"name="amount" inputmode="decimal" value="{}""#,
            decimal(total)
        ),
        "Nothing has happened to it since it was issued.",
        "No credit note yet.",
    ] {
        assert!(page.contains(expected), "{expected} missing: {page}");
    }

    // A partial refund, posted as a plain form: back to the page, which lists the credit note.
    let back = post_refund(&app, &op, (order_id, invoice_id), "50.00", "Late setup").await;
    assert_eq!(back, page_path);
    let page = html(&app, &op, None, &back).await;
    assert!(page.contains(r#"data-credit-note="CN-000001""#), "{page}");
    assert!(
        page.contains(&format!(r#"href="/orders/{token}/credit-notes/CN-000001""#)),
        "{page}"
    );
    assert!(
        page.contains("Late setup") && page.contains("\u{20ac}50.00"),
        "{page}"
    );
    let left = decimal(total - 5_000);
    assert!(
        page.contains(&format!(r#"value="{left}""#)),
        "what is left: {page}"
    );

    // Too much: the page shows why, and nothing changed.
    let back = post_refund(&app, &op, (order_id, invoice_id), &decimal(total), "again").await;
    assert!(
        back.starts_with(&format!("{page_path}?")) && back.contains("error="),
        "{back}"
    );
    let page = html(&app, &op, None, &back).await;
    let alert = format!(r#"class="error">At most €{left} can still be refunded on this invoice."#);
    assert!(page.contains(&alert), "{page}");
    // No reason: refused the same way.
    let back = post_refund(&app, &op, (order_id, invoice_id), "1.00", " ").await;
    assert!(back.contains("error="), "{back}");
    let page = html(&app, &op, None, &back).await;
    assert!(page.contains(r#"<p role="alert" class="error">"#), "{page}");
    assert_eq!(app.count("SELECT COUNT(*) FROM credit_notes").await, 1);
    assert_eq!(
        app.count("SELECT credited_minor FROM invoices").await,
        5_000
    );

    // Nobody but the operator: the page sends a visitor to the login, the functions refuse.
    let stranger = app.client(None);
    let res = stranger
        .get(app.url(None, &page_path))
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .expect("page");
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()[header::LOCATION], "/login");
    let id = invoice_id.to_string();
    let read = app
        .call::<serde_json::Value>(
            &stranger,
            None,
            path_of::<InvoiceDetail>(),
            &[("invoice_id", &id)],
        )
        .await;
    assert_eq!(read.status, 401);
    let order = order_id.to_string();
    let refund = app
        .call::<String>(
            &stranger,
            None,
            path_of::<RefundInvoice>(),
            &[
                ("order_id", order.as_str()),
                ("invoice_id", id.as_str()),
                ("amount", "1.00"),
                ("destination", "card"),
                ("reason", "x"),
            ],
        )
        .await;
    assert_eq!(refund.status, 401);
    assert_eq!(app.count("SELECT COUNT(*) FROM credit_notes").await, 1);

    // An unknown invoice is a 404, a page that says so.
    let res = op
        .get(app.url(None, "/operator/invoices/999999"))
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .expect("page");
    assert_eq!(res.status(), 404);
    assert!(res
        .text()
        .await
        .expect("html")
        .contains("This page does not exist."));
}

on_both_engines!(a_refund_without_javascript_shows_its_credit_note);
