//! Credit notes and refunds on both engines: refunds never exceed what was paid even twenty at
//! once, credit notes are numbered without gaps, printed like invoices, and a rejected paid order
//! gets one.
use crate::common::*;
use app::api::credit_notes::{OrderCreditNote, RefundInvoice};
use app::api::orders::queue::RejectOrder;
use app::api::orders::PlaceOrder;
use app::backend::db::Engine;
use app::error::AppError;
use app::wire::invoices::InvoiceView;

/// Places a paid card order and returns its private token.
async fn paid_order(app: &TestApp, instance: &str, email: &str) -> String {
    let mut form = paid_form(instance, instance, &[]);
    form.retain(|(k, _)| *k != "form[email]");
    form.push(("form[email]", email));
    app.call::<String>(&app.client(None), None, path_of::<PlaceOrder>(), &form)
        .await
        .body
        .expect("paid order placed")
}

/// Minor units as the form types them, e.g. 11900 -> "119.00".
fn decimal(minor: i64) -> String {
    format!("{}.{:02}", minor / 100, minor % 100)
}

async fn refund(
    app: &TestApp,
    operator: &reqwest::Client,
    invoice_id: i64,
    amount: &str,
    to: &str,
    reason: &str,
) -> Reply<String> {
    let order_id: (i64,) = sqlx::query_as("SELECT order_id FROM invoices WHERE id = $1")
        .bind(invoice_id)
        .fetch_one(&app.pool)
        .await
        .expect("invoice's order");
    let (order, invoice) = (order_id.0.to_string(), invoice_id.to_string());
    app.call(
        operator,
        None,
        path_of::<RefundInvoice>(),
        &[
            ("order_id", order.as_str()),
            ("invoice_id", invoice.as_str()),
            ("amount", amount),
            ("destination", to),
            ("reason", reason),
        ],
    )
    .await
}

async fn credit_note(app: &TestApp, token: &str, number: &str) -> Result<InvoiceView, AppError> {
    app.call(
        &app.client(None),
        None,
        path_of::<OrderCreditNote>(),
        &[("token", token), ("number", number)],
    )
    .await
    .body
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Written first: twenty refunds of a seventh of the invoice at once, half to the card and half
/// to credit. At most seven fit; whichever win, the refunded total never exceeds what was paid,
/// the card and the credit account for every cent, and the numbers have no gap.
async fn twenty_refunds_at_once_never_exceed_what_was_paid(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let token = paid_order(&app, "acme", "ada@acme.example").await;
    let invoice_id = app.count("SELECT id FROM invoices").await;
    let total = app.count("SELECT total_minor FROM invoices").await;
    let (operator, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let seventh = decimal(total / 7);
    let replies = futures::future::join_all((0..20).map(|i| {
        let (app, operator, seventh) = (&app, &operator, &seventh);
        let to = if i % 2 == 0 {
            "card"
        } else {
            "customer_credit"
        };
        async move { refund(app, operator, invoice_id, seventh, to, "goodwill").await }
    }))
    .await;
    let won: Vec<String> = replies.iter().filter_map(|r| r.body.clone().ok()).collect();
    for r in replies.iter().filter(|r| r.body.is_err()) {
        assert_eq!(
            r.status, 422,
            "a refund that does not fit is refused: {:?}",
            r.body
        );
    }
    assert_eq!(won.len(), 7, "seven sevenths fit, no more");
    let credited = app
        .count("SELECT CAST(COALESCE(SUM(total_minor), 0) AS BIGINT) FROM credit_notes")
        .await;
    assert!(credited <= total, "refunded {credited} of {total} paid");
    assert_eq!(
        credited,
        app.count("SELECT credited_minor FROM invoices").await
    );
    let to_card = app.count("SELECT refunded_minor FROM payments").await;
    let to_credit = app
        .count("SELECT CAST(COALESCE(SUM(total_minor), 0) AS BIGINT) FROM credit_notes WHERE destination = 'customer_credit'")
        .await;
    assert_eq!(
        to_card + to_credit,
        credited,
        "every refunded cent went somewhere"
    );
    // The account's credit is drawn before tax: it holds the notes' net part.
    assert_eq!(
        app.count("SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) FROM customer_credits")
            .await,
        app.count("SELECT CAST(COALESCE(SUM(subtotal_minor), 0) AS BIGINT) FROM credit_notes WHERE destination = 'customer_credit'")
            .await
    );
    let mut numbers: Vec<String> =
        sqlx::query_as::<_, (String,)>("SELECT number FROM credit_notes")
            .fetch_all(&app.pool)
            .await
            .expect("numbers")
            .into_iter()
            .map(|(n,)| n)
            .collect();
    numbers.sort();
    let expected: Vec<String> = (1..=7).map(|n| format!("CN-{n:06}")).collect();
    assert_eq!(numbers, expected, "gapless");
    let mut sorted = won.clone();
    sorted.sort();
    assert_eq!(sorted, expected, "each winner was told its number");
    // The customer reads each of them.
    for n in &expected {
        credit_note(&app, &token, n)
            .await
            .expect("credit note page");
    }
}

/// A partial refund to the card, then bad input (too much, no reason, not an operator) changing
/// nothing, then the rest: the payment ends refunded and the PDF prints the credit note's totals.
async fn a_refund_is_a_printable_credit_note_and_bad_input_changes_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let token = paid_order(&app, "acme", "ada@acme.example").await;
    let invoice_id = app.count("SELECT id FROM invoices").await;
    let total = app.count("SELECT total_minor FROM invoices").await;
    let (operator, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let first = refund(&app, &operator, invoice_id, "50.00", "card", "Late setup")
        .await
        .body
        .expect("partial refund");
    assert_eq!(first, "CN-000001");
    let doc = credit_note(&app, &token, &first)
        .await
        .expect("credit note");
    let credit_for = doc.credit_for.clone().expect("a credit note");
    assert_eq!(credit_for.invoice_number, "INV-000001");
    assert_eq!(credit_for.reason, "Late setup");
    assert_eq!(doc.total, "\u{20ac}50.00");
    let (sub, tax) = (
        app.count("SELECT subtotal_minor FROM credit_notes").await,
        app.count("SELECT tax_minor FROM credit_notes").await,
    );
    let lines = app
        .count("SELECT CAST(SUM(amount_minor) AS BIGINT) FROM credit_note_lines")
        .await;
    assert_eq!(
        (sub + tax, lines),
        (5_000, sub),
        "lines and tax sum to the credit"
    );
    // Bad input: each a clear error, nothing changed.
    let left = decimal(total - 5_000);
    let too_much = refund(
        &app,
        &operator,
        invoice_id,
        &decimal(total),
        "card",
        "again",
    )
    .await;
    assert_eq!(too_much.status, 422);
    let message = too_much.body.expect_err("refused").to_string();
    assert!(
        message.contains(&format!("At most \u{20ac}{left}")),
        "{message}"
    );
    let no_reason = refund(&app, &operator, invoice_id, "1.00", "card", "  ").await;
    assert_eq!(no_reason.status, 422);
    let stranger = refund(&app, &app.client(None), invoice_id, "1.00", "card", "x").await;
    assert!(stranger.body.is_err(), "only operators refund");
    assert_eq!(app.count("SELECT COUNT(*) FROM credit_notes").await, 1);
    assert_eq!(
        app.count("SELECT refunded_minor FROM payments").await,
        5_000
    );
    // The rest (the form's default amount), to the card: the payment is then refunded.
    let second = refund(&app, &operator, invoice_id, &left, "card", "Cancelled")
        .await
        .body
        .expect("the rest refunded");
    assert_eq!(second, "CN-000002");
    let (status,): (String,) = sqlx::query_as("SELECT status FROM payments")
        .fetch_one(&app.pool)
        .await
        .expect("payment");
    assert_eq!(status, "refunded");
    // The PDF, read back: its title, the invoice it credits and its totals.
    let res = app
        .client(None)
        .get(app.url(None, &format!("/orders/{token}/credit-notes/CN-000001/pdf")))
        .send()
        .await
        .expect("pdf");
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let bytes = res.bytes().await.expect("body");
    let text = squash(&pdf_extract::extract_text_from_mem(&bytes).expect("text"));
    for expected in [
        "CreditnoteCN-000001",
        "INV-000001",
        &squash(&doc.subtotal),
        &squash(&doc.taxes[0].amount),
        "\u{20ac}50.00",
        "Reason:Latesetup",
        "CreditnotenumberCN-000001",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from {text}");
    }
    // The order's page links them.
    let html = app
        .client(None)
        .get(app.url(None, &format!("/orders/{token}")))
        .header(reqwest::header::ACCEPT, "text/html")
        .send()
        .await
        .expect("order page")
        .text()
        .await
        .expect("html");
    assert!(html.contains(&format!("/orders/{token}/credit-notes/CN-000002")));
}

/// Rejecting a paid order refunds the card through a credit note for the whole invoice.
async fn rejecting_a_paid_order_issues_a_credit_note(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    // A disposable address is flagged, so the order waits for the operator, its card captured.
    paid_order(&app, "acme", "ada@mailinator.com").await;
    let (operator, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let id = app.count("SELECT id FROM orders").await.to_string();
    app.call::<()>(
        &operator,
        None,
        path_of::<RejectOrder>(),
        &[("order_id", &id), ("reason", "looks fraudulent")],
    )
    .await
    .body
    .expect("rejected");
    let total = app.count("SELECT total_minor FROM invoices").await;
    assert_eq!(
        app.count("SELECT total_minor FROM credit_notes").await,
        total
    );
    assert_eq!(
        app.count("SELECT refunded_minor FROM payments").await,
        total
    );
    let (status, reason): (String, String) = sqlx::query_as(
        "SELECT p.status, n.reason FROM payments p JOIN credit_notes n ON n.payment_id = p.id",
    )
    .fetch_one(&app.pool)
    .await
    .expect("refunded payment");
    assert_eq!(status, "refunded");
    assert_eq!(reason, "Order rejected: looks fraudulent");
}

on_both_engines!(
    twenty_refunds_at_once_never_exceed_what_was_paid,
    a_refund_is_a_printable_credit_note_and_bad_input_changes_nothing,
    rejecting_a_paid_order_issues_a_credit_note,
);
