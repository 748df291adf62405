//! Invoices an accountant accepts, on both engines: the seller block kept as issued, reverse
//! charge for businesses in another EU member state, and the PDF with the page's very figures.

use crate::common::*;
use app::api::orders::{InvoiceView, OrderInvoice, OrderOptions, PlaceOrder, PlanOffer};
use app::backend::db::Engine;
use app::domain::pricing::{quote, Selection};
use app::error::AppError;
use app::wire::invoices::PaymentView;

async fn place(app: &TestApp, form: &[(&str, &str)]) -> Result<String, AppError> {
    app.call(&app.client(None), None, path_of::<PlaceOrder>(), form)
        .await
        .body
}

async fn invoice(app: &TestApp, token: &str) -> InvoiceView {
    app.call(
        &app.client(None),
        None,
        path_of::<OrderInvoice>(),
        &[("token", token)],
    )
    .await
    .body
    .expect("invoice view")
}

/// The PDF's text, whitespace removed (text extraction places its own spaces and line breaks).
async fn pdf_text(app: &TestApp, token: &str) -> String {
    let res = app
        .client(None)
        .get(app.url(None, &format!("/orders/{token}/invoice.pdf")))
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .expect("ascii")
        .to_string();
    let bytes = res.bytes().await.expect("body");
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_extract::extract_text_from_mem(&bytes).expect("text extracted");
    format!("{disposition}\n{}", squash(&text))
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

async fn offer(app: &TestApp) -> PlanOffer {
    app.call(
        &app.client(None),
        None,
        path_of::<OrderOptions>(),
        &[("plan", "erp-business"), ("storefront", "")],
    )
    .await
    .body
    .expect("offer")
}

async fn a_paid_invoice_prints_the_same_figures_as_its_page(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let token = place(
        &app,
        &paid_form("acme", "k-pdf", &[("form[extra_users]", "2")]),
    )
    .await
    .expect("paid order placed");
    let page = invoice(&app, &token).await;
    assert_eq!(page.number, "INV-000001");
    assert_eq!(page.seller.legal_name, "Tenantry Demo GmbH");
    assert_eq!(page.seller.country, "DE");
    assert!(
        !page.seller.vat_id.is_empty(),
        "the seller's VAT ID is printed"
    );
    assert_eq!(page.taxes.len(), 1, "one tax line per rate");
    assert_eq!(page.taxes[0].label, "VAT 20 %");
    assert_eq!(page.reverse_charge_note, None);
    assert!(page.total.starts_with('\u{20ac}'), "{}", page.total);
    assert!(
        page.lines.iter().all(|l| !l.period.is_empty()),
        "every line has its service period"
    );
    match &page.payment {
        PaymentView::Paid { how } => assert!(how.starts_with("Visa ending 4242 on "), "{how}"),
        other => panic!("paid by card, not {other:?}"),
    }

    let pdf = pdf_text(&app, &token).await;
    assert!(
        pdf.starts_with("attachment; filename=\"INV-000001.pdf\""),
        "{pdf}"
    );
    for figure in [
        &page.number,
        &page.seller.legal_name,
        &page.subtotal,
        &page.taxes[0].amount,
        &page.total,
    ] {
        assert!(pdf.contains(&squash(figure)), "{figure} in the PDF: {pdf}");
    }

    // An issued invoice keeps the seller block it was issued with.
    sqlx::query("UPDATE storefront_billing SET legal_name = 'Renamed AG', iban = 'X'")
        .execute(&app.pool)
        .await
        .expect("edit");
    assert_eq!(invoice(&app, &token).await, page);

    let missing = app
        .client(None)
        .get(app.url(None, "/orders/not-a-token/invoice.pdf"))
        .send()
        .await
        .expect("request");
    assert_eq!(missing.status(), 404);
}

async fn a_business_in_another_member_state_is_billed_under_reverse_charge(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let offer = offer(&app).await;
    assert_eq!(
        offer.seller_country, "DE",
        "the configurator knows the seller's country"
    );
    let sel = Selection {
        period_months: 12,
        addons: vec![],
        extra_resources: vec![],
    };
    let untaxed = quote(&offer.priced, &sel, 0)
        .expect("quote")
        .total
        .minor
        .to_string();
    let token = place(
        &app,
        &paid_form(
            "acme",
            "k-rc",
            &[
                ("form[vat_id]", "fr 40 303 265 045"),
                ("form[expected_total]", &untaxed),
            ],
        ),
    )
    .await
    .expect("reverse-charge order placed at the untaxed total");
    let (tax, rc, vat): (i64, i64, String) =
        sqlx::query_as("SELECT tax_minor, reverse_charge, customer_vat_id FROM invoices")
            .fetch_one(&app.pool)
            .await
            .expect("invoice");
    assert_eq!((tax, rc, vat.as_str()), (0, 1, "FR40303265045"));
    let page = invoice(&app, &token).await;
    assert_eq!(page.customer_vat_id, "FR40303265045");
    assert_eq!(page.taxes[0].label, "VAT 0 % (reverse charge)");
    let note = page.reverse_charge_note.clone().expect("the legal note");
    assert!(
        note.contains("Art. 196 Council Directive 2006/112/EC"),
        "{note}"
    );
    let pdf = pdf_text(&app, &token).await;
    assert!(pdf.contains(&squash(&note)), "{pdf}");
    assert!(pdf.contains("FR40303265045"), "{pdf}");
}

async fn an_invalid_vat_id_is_refused_naming_the_field(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    for (i, bad) in ["FR41303265045", "DE136695976", "XX123"].iter().enumerate() {
        let key = format!("k-bad-{i}");
        let err = place(&app, &paid_form("acme", &key, &[("form[vat_id]", bad)]))
            .await
            .expect_err(bad);
        assert_eq!(
            err.field(),
            Some("vat_id"),
            "{bad}: said of the VAT ID field"
        );
        match err.without_field() {
            AppError::Invalid(m) => assert!(m.starts_with("VAT ID"), "{bad}: {m}"),
            other => panic!("{bad}: {other:?}"),
        }
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders").await,
        0,
        "nothing was ordered"
    );
}

async fn an_open_invoice_says_how_to_pay_it(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let token = place(
        &app,
        &paid_form(
            "acme",
            "k-bank",
            &[("form[payment_method]", "bank_transfer")],
        ),
    )
    .await
    .expect("bank transfer order placed");
    let page = invoice(&app, &token).await;
    match &page.payment {
        PaymentView::Open {
            amount,
            iban,
            reference,
            ..
        } => {
            assert_eq!(amount, &page.total);
            assert!(!iban.is_empty(), "the storefront's IBAN");
            assert_eq!(
                reference, &page.number,
                "the default reference is the invoice number"
            );
        }
        other => panic!("open, not {other:?}"),
    }
    let pdf = pdf_text(&app, &token).await;
    assert!(pdf.contains("IBAN") && pdf.contains(&page.number), "{pdf}");
}

/// Places an order as a browser set to German does; answers its token.
async fn place_in_german(app: &TestApp, form: &[(&str, &str)]) -> String {
    let res = app
        .client(None)
        .post(app.url(None, path_of::<PlaceOrder>()))
        .header("origin", format!("http://{}", app.host(None)))
        .header("accept", "application/json")
        .header("accept-language", "de-DE,de;q=0.9,en;q=0.5")
        .form(form)
        .send()
        .await
        .expect("request");
    assert!(res.status().is_success(), "{}", res.status());
    let token: String = res.json().await.expect("token");
    app.settle().await;
    token
}

/// The invoice view as a visitor who chose German (the switcher's cookie) gets it.
async fn invoice_in_german(app: &TestApp, token: &str) -> InvoiceView {
    let res = app
        .client(None)
        .post(app.url(None, path_of::<OrderInvoice>()))
        .header("origin", format!("http://{}", app.host(None)))
        .header("accept", "application/json")
        .header("cookie", "tenantry_lang=de")
        .form(&[("token", token)])
        .send()
        .await
        .expect("request");
    assert!(res.status().is_success(), "{}", res.status());
    res.json().await.expect("invoice view")
}

async fn a_german_order_is_mailed_and_invoiced_in_german(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let form = paid_form("acme", "k-de", &[("form[payment_method]", "bank_transfer")]);
    let token = place_in_german(&app, &form).await;
    let mails = app.outbox();
    let mail = mails
        .iter()
        .find(|m| m.contains(&token))
        .unwrap_or_else(|| panic!("payment mail in {mails:?}"));
    for part in [
        "Verwendungszweck:",
        "Kontoinhaber:",
        "Ihre Rechnung:",
        "Ihr Team von Tenantry Cloud",
    ] {
        assert!(mail.contains(part), "{part} in {mail}");
    }
    assert!(!mail.contains("Account holder"), "{mail}");
    // The invoice follows the reader's language, not the order's: English unless asked.
    let en = invoice(&app, &token).await;
    assert!(en.taxes[0].label.starts_with("VAT"), "{:?}", en.taxes);
    let de = invoice_in_german(&app, &token).await;
    assert_eq!(de.number, en.number);
    assert!(de.taxes[0].label.starts_with("USt."), "{:?}", de.taxes);
    assert!(
        de.total.ends_with('\u{20ac}') && de.total.contains(','),
        "German amounts: {}",
        de.total
    );
    assert_ne!(de.issued_on, en.issued_on, "German dates");
    let res = app
        .client(None)
        .get(app.url(None, &format!("/orders/{token}/invoice.pdf")))
        .header("cookie", "tenantry_lang=de")
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), 200);
    let bytes = res.bytes().await.expect("body");
    let pdf = squash(&pdf_extract::extract_text_from_mem(&bytes).expect("text"));
    for part in [
        "Rechnung",
        "Gesamtbetrag",
        "Verwendungszweck",
        &squash(&de.total),
    ] {
        assert!(pdf.contains(part), "{part} in the PDF: {pdf}");
    }
    assert!(!pdf.contains("Subtotal"), "{pdf}");
}

async fn a_german_card_order_is_welcomed_in_german(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    place_in_german(&app, &paid_form("acme", "k-de-card", &[])).await;
    // The welcome mail leaves once the finished order is recorded: wait for it (at most 10 s).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let welcome = loop {
        let mails = app.outbox();
        if let Some(m) = mails
            .iter()
            .find(|m| m.contains("acme") && m.contains("/login"))
        {
            break m.clone();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "welcome mail in {mails:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    for part in [
        "Hallo Ada Admin,",
        "Melden Sie sich unter",
        "Ihr Team von Tenantry Cloud",
    ] {
        assert!(welcome.contains(part), "{part} in {welcome}");
    }
    let (locale,): (String,) = sqlx::query_as("SELECT locale FROM orders")
        .fetch_one(&app.pool)
        .await
        .expect("order");
    assert_eq!(locale, "de");
}

on_both_engines!(
    a_german_order_is_mailed_and_invoiced_in_german,
    a_german_card_order_is_welcomed_in_german,
    a_paid_invoice_prints_the_same_figures_as_its_page,
    a_business_in_another_member_state_is_billed_under_reverse_charge,
    an_invalid_vat_id_is_refused_naming_the_field,
    an_open_invoice_says_how_to_pay_it,
);
