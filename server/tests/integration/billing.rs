//! The portal's billing page on both engines: a declined renewal's invoice is paid now from the
//! portal (twenty payments at once charge once; the tenant runs again at once); a declined new
//! card is refused and not kept; cards are added, made the default renewals charge and removed
//! (the last only by switching renewals to bank transfer; two removals at once keep a card); the
//! billing details change the next invoice, not the issued ones; a billing contact may, a plain
//! user and another tenant's admin may not; every page works without JavaScript.
use crate::common::*;
use app::api::billing::{
    AddCard, BillingOverview, BillingView, MakeCardDefault, PayInvoice, RemoveCard,
    UpdateBillingDetails,
};
use app::backend::db::Engine;
use chrono::Duration;
use reqwest::Client;

const ADMIN: &str = "ada@acme.example";
const RENEWAL_FAILED: &str =
    "SELECT COUNT(*) FROM orders WHERE kind = 'renewal' AND status = 'failed'";

async fn overview(app: &TestApp, who: &Client) -> Reply<BillingView> {
    app.call(who, Some("acme"), path_of::<BillingOverview>(), &[])
        .await
}

fn card_fields(number: &str) -> Vec<(&str, &str)> {
    vec![
        ("card[card_number]", number),
        ("card[card_exp_month]", "11"),
        ("card[card_exp_year]", "2031"),
        ("card[card_cvc]", "321"),
    ]
}

async fn state(app: &TestApp) -> String {
    let (s,): (String,) = sqlx::query_as("SELECT state FROM tenants WHERE name = 'acme'")
        .fetch_one(&app.pool)
        .await
        .expect("tenant");
    s
}

async fn an_open_invoice_is_paid_now_once(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    subscribed(&app).await;
    card_becomes(&app, "nsf").await;
    app.clock.advance(Duration::days(366));
    until_count(&app, RENEWAL_FAILED, 1).await;
    assert_eq!(state(&app).await, "past_due");
    let (admin, _) = login(&app, Some("acme"), ADMIN, PASSWORD).await;
    let v = overview(&app, &admin).await.body.expect("billing");
    let open = v
        .invoices
        .iter()
        .find(|i| i.payable)
        .expect("a payable invoice");
    let id = open.id.to_string();
    assert_eq!(v.invoices.len(), 2, "the first invoice and the renewal's");

    // A declined new card: refused, and not kept.
    let mut declined = card_fields("4000 0000 0000 0002");
    declined.push(("invoice_id", &id));
    let refused = app
        .call::<()>(&admin, Some("acme"), path_of::<PayInvoice>(), &declined)
        .await
        .body
        .unwrap_err();
    assert!(refused.to_string().contains("declined"), "{refused}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM payment_methods WHERE removed_at IS NULL")
            .await,
        1,
        "the declined card is not kept"
    );
    // A bad card number is refused on its field, before anything is charged.
    let mut bad = card_fields("1234");
    bad.push(("invoice_id", &id));
    let bad = app
        .call::<()>(&admin, Some("acme"), path_of::<PayInvoice>(), &bad)
        .await
        .body
        .unwrap_err();
    assert_eq!(bad.field(), Some("card_number"), "{bad}");

    // A good new card, twenty times at once: one charge, the invoice paid, the tenant active.
    let charges_before = app
        .count("SELECT COUNT(*) FROM payments WHERE status = 'captured'")
        .await;
    let mut good = card_fields("5555 5555 5555 4444");
    good.push(("invoice_id", &id));
    let pays =
        (0..20).map(|_| app.call::<()>(&admin, Some("acme"), path_of::<PayInvoice>(), &good));
    let replies = futures::future::join_all(pays).await;
    assert!(
        replies.iter().any(|r| r.body.is_ok()),
        "{:?}",
        replies.iter().map(|r| &r.body).collect::<Vec<_>>()
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM payments WHERE status = 'captured'")
            .await,
        charges_before + 1,
        "one charge"
    );
    assert_eq!(state(&app).await, "active");
    let v = overview(&app, &admin).await.body.expect("billing");
    assert!(v
        .invoices
        .iter()
        .all(|i| i.status == app::domain::InvoiceStatus::Paid));
    assert_eq!(v.cards[0].last4, "4444");
    assert!(v.cards[0].default, "the paying card is the default");
    // Paying again: already paid.
    let again = app
        .call::<()>(
            &admin,
            Some("acme"),
            path_of::<PayInvoice>(),
            &[
                ("invoice_id", id.as_str()),
                ("card_id", &v.cards[0].id.to_string()),
            ],
        )
        .await
        .body
        .unwrap_err();
    assert!(again.to_string().contains("already paid"), "{again}");
    assert!(v
        .payments
        .iter()
        .any(|p| p.status == app::domain::payment::PaymentStatus::Declined));

    // The page without JavaScript.
    let page = html(&app, &admin, Some("acme"), "/portal/billing").await;
    assert!(page.contains("Mastercard ending 4444"), "{page}");
    assert!(page.contains("Payment history"), "{page}");
}

async fn cards_are_managed_and_the_last_one_kept(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    subscribed(&app).await;
    let (admin, _) = login(&app, Some("acme"), ADMIN, PASSWORD).await;
    let first = overview(&app, &admin).await.body.expect("billing").cards[0]
        .id
        .to_string();
    // The only card of a subscription renewing by card stays unless renewals move to transfer.
    let only = app
        .call::<()>(
            &admin,
            Some("acme"),
            path_of::<RemoveCard>(),
            &[("card_id", first.as_str())],
        )
        .await
        .body
        .unwrap_err();
    assert!(only.to_string().contains("bank transfer"), "{only}");
    // The same card twenty times at once is kept once.
    let new_card = card_fields("5555 5555 5555 4444");
    let adds =
        (0..20).map(|_| app.call::<()>(&admin, Some("acme"), path_of::<AddCard>(), &new_card));
    let added = futures::future::join_all(adds).await;
    assert_eq!(added.iter().filter(|r| r.body.is_ok()).count(), 1);
    for refused in added.iter().filter_map(|r| r.body.as_ref().err()) {
        assert!(refused.to_string().contains("on file already"), "{refused}");
    }
    let v = overview(&app, &admin).await.body.expect("billing");
    assert_eq!(v.cards.len(), 2);
    assert_eq!(
        (v.cards[0].last4.as_str(), v.cards[0].default),
        ("4444", true)
    );
    // The first card back as the default: renewals charge it.
    app.call::<()>(
        &admin,
        Some("acme"),
        path_of::<MakeCardDefault>(),
        &[("card_id", first.as_str())],
    )
    .await
    .body
    .expect("default");
    card_becomes(&app, "ok").await;
    app.clock.advance(Duration::days(366));
    until_renewed(&app, 1).await;
    let (method,): (i64,) = sqlx::query_as("SELECT id FROM payment_methods WHERE is_default = 1")
        .fetch_one(&app.pool)
        .await
        .expect("default");
    assert_eq!(method.to_string(), first);
    // Two removals at once of the two cards: one card stays.
    let second = v.cards[0].id.to_string();
    let (admin, _) = login(&app, Some("acme"), ADMIN, PASSWORD).await;
    let (form_a, form_b) = (
        [("card_id", first.as_str())],
        [("card_id", second.as_str())],
    );
    let (a, b) = futures::join!(
        app.call::<()>(&admin, Some("acme"), path_of::<RemoveCard>(), &form_a),
        app.call::<()>(&admin, Some("acme"), path_of::<RemoveCard>(), &form_b)
    );
    assert_eq!(
        [a.body.is_ok(), b.body.is_ok()]
            .iter()
            .filter(|ok| **ok)
            .count(),
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM payment_methods WHERE removed_at IS NULL")
            .await,
        1
    );
    // With the switch, the last card goes and renewals are by transfer.
    let last = overview(&app, &admin).await.body.expect("billing").cards[0]
        .id
        .to_string();
    app.call::<()>(
        &admin,
        Some("acme"),
        path_of::<RemoveCard>(),
        &[("card_id", last.as_str()), ("to_transfer", "on")],
    )
    .await
    .body
    .expect("removed");
    assert!(overview(&app, &admin)
        .await
        .body
        .expect("billing")
        .cards
        .is_empty());
    let page = html(&app, &admin, Some("acme"), "/portal/billing").await;
    assert!(
        page.contains("renewals are invoiced for bank transfer"),
        "{page}"
    );
    // Another customer's card: not found.
    let unknown = app
        .call::<()>(
            &admin,
            Some("acme"),
            path_of::<MakeCardDefault>(),
            &[("card_id", "999")],
        )
        .await;
    assert_eq!(unknown.status.as_u16(), 404);
}

async fn billing_details_change_the_next_invoice_only(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    subscribed(&app).await;
    let (admin, _) = login(&app, Some("acme"), ADMIN, PASSWORD).await;
    let bad = app
        .call::<()>(
            &admin,
            Some("acme"),
            path_of::<UpdateBillingDetails>(),
            &[
                ("billing_country", "FR"),
                ("billing_address", ""),
                ("vat_id", ""),
            ],
        )
        .await
        .body
        .unwrap_err();
    assert_eq!(bad.field(), Some("billing_address"), "{bad}");
    let wrong_vat = app
        .call::<()>(
            &admin,
            Some("acme"),
            path_of::<UpdateBillingDetails>(),
            &[
                ("billing_country", "FR"),
                ("billing_address", "2 rue Neuve\n69001 Lyon"),
                ("vat_id", "DE123456789"),
            ],
        )
        .await
        .body
        .unwrap_err();
    assert_eq!(wrong_vat.field(), Some("vat_id"), "{wrong_vat}");
    app.call::<()>(
        &admin,
        Some("acme"),
        path_of::<UpdateBillingDetails>(),
        &[
            ("billing_country", "FR"),
            ("billing_address", "2 rue Neuve\n69001 Lyon"),
            ("vat_id", ""),
        ],
    )
    .await
    .body
    .expect("saved");
    let v = overview(&app, &admin).await.body.expect("billing");
    assert_eq!(v.details.billing_address, "2 rue Neuve\n69001 Lyon");
    app.clock.advance(Duration::days(366));
    until_renewed(&app, 1).await;
    let rows: Vec<(String,)> = sqlx::query_as("SELECT bill_to FROM invoices ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .expect("invoices");
    assert!(
        rows[0].0.contains("1 rue de la Paix"),
        "issued invoices keep theirs: {rows:?}"
    );
    assert!(
        rows[1].0.contains("2 rue Neuve"),
        "the next uses the new: {rows:?}"
    );
}

async fn only_the_tenants_admins_and_billing_contacts_see_billing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    subscribed(&app).await;
    let anon = overview(&app, &app.client(Some("acme"))).await;
    assert_eq!(anon.status.as_u16(), 401);
    // A plain user of the tenant: forbidden. (Made directly: the members tests cover invitations.)
    let (hash,): (String,) = sqlx::query_as("SELECT password_hash FROM users WHERE email = $1")
        .bind(ADMIN)
        .fetch_one(&app.pool)
        .await
        .expect("hash");
    for (email, role) in [
        ("u@acme.example", "tenant_user"),
        ("b@acme.example", "tenant_billing"),
    ] {
        sqlx::query(
            "INSERT INTO users (email, password_hash, full_name, role, tenant_id, created_at) \
             SELECT $1, $2, 'Someone', $3, id, '2026-01-01T00:00:00Z' FROM tenants WHERE name = 'acme'",
        )
        .bind(email)
        .bind(&hash)
        .bind(role)
        .execute(&app.pool)
        .await
        .expect("member");
    }
    let (user, _) = login(&app, Some("acme"), "u@acme.example", PASSWORD).await;
    assert_eq!(overview(&app, &user).await.status.as_u16(), 403);
    let (billing, _) = login(&app, Some("acme"), "b@acme.example", PASSWORD).await;
    assert!(overview(&app, &billing).await.body.is_ok());
    // Another tenant's admin can't pay or see acme's invoices.
    second_tenant(&app).await;
    let (bea, _) = login(&app, Some("beta"), "bea@beta.example", PASSWORD).await;
    let (acme_invoice,): (i64,) = sqlx::query_as(
        "SELECT i.id FROM invoices i JOIN orders o ON o.id = i.order_id JOIN tenants t ON t.id = o.tenant_id WHERE t.name = 'acme'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("acme's invoice");
    let theirs = app
        .call::<()>(
            &bea,
            Some("beta"),
            path_of::<PayInvoice>(),
            &[
                ("invoice_id", acme_invoice.to_string().as_str()),
                ("card_id", "1"),
            ],
        )
        .await;
    assert_eq!(theirs.status.as_u16(), 404);
    let beta_view = app
        .call::<BillingView>(&bea, Some("beta"), path_of::<BillingOverview>(), &[])
        .await
        .body
        .expect("beta's");
    assert!(beta_view.invoices.iter().all(|i| i.id != acme_invoice));
    // An invoice that is not being dunned can't be paid now.
    let own = beta_view.invoices[0].id.to_string();
    let paid = app
        .call::<()>(
            &bea,
            Some("beta"),
            path_of::<PayInvoice>(),
            &[("invoice_id", own.as_str()), ("card_id", "")],
        )
        .await
        .body
        .unwrap_err();
    assert!(paid.to_string().contains("already paid"), "{paid}");
}

/// A renewal waiting for its bank transfer is paid by card from the portal instead: twenty
/// payments at once charge once, the transfer is voided and the renewal applied.
async fn a_transfer_invoice_is_paid_by_card_instead(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    subscribed_by_transfer(&app).await;
    app.clock.advance(Duration::days(366));
    until_count(
        &app,
        "SELECT COUNT(*) FROM payments WHERE gateway = 'manual' AND status = 'pending'",
        1,
    )
    .await;
    let (admin, _) = login(&app, Some("acme"), ADMIN, PASSWORD).await;
    let v = overview(&app, &admin).await.body.expect("billing");
    let open = v
        .invoices
        .iter()
        .find(|i| i.payable)
        .expect("the renewal's invoice");
    let id = open.id.to_string();
    let mut good = card_fields("5555 5555 5555 4444");
    good.push(("invoice_id", &id));
    let pays =
        (0..20).map(|_| app.call::<()>(&admin, Some("acme"), path_of::<PayInvoice>(), &good));
    let replies = futures::future::join_all(pays).await;
    assert!(
        replies.iter().any(|r| r.body.is_ok()),
        "{:?}",
        replies.iter().map(|r| &r.body).collect::<Vec<_>>()
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM payments WHERE gateway = 'test_card' AND status = 'captured'"
        )
        .await,
        1,
        "one charge"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM payments WHERE gateway = 'manual' AND status = 'voided'")
            .await,
        1
    );
    until_renewed(&app, 1).await;
    let v = overview(&app, &admin).await.body.expect("billing");
    assert!(v
        .invoices
        .iter()
        .all(|i| i.status == app::domain::InvoiceStatus::Paid));
    assert_eq!(state(&app).await, "active");
}

on_both_engines!(
    a_transfer_invoice_is_paid_by_card_instead,
    an_open_invoice_is_paid_now_once,
    cards_are_managed_and_the_last_one_kept,
    billing_details_change_the_next_invoice_only,
    only_the_tenants_admins_and_billing_contacts_see_billing
);
