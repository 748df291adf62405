//! The mail that confirms an order paid by bank transfer: what to pay, to which account, quoting
//! which reference, by when, with links to the order and its invoice. Sent once the order is
//! committed; the order page shows the same details, so a mail lost to a crash loses nothing.
use crate::backend::bank_transfer::due_for_order;
use crate::backend::state::AppState;
use crate::error::Result;
use crate::i18n::{tr, tr_args, Locale};
use crate::wire::bank_transfer::BankTransferDue;

/// The mail's text, in `locale`, ending with `signature`.
fn body(
    locale: Locale,
    instance: &str,
    plan: &str,
    due: &BankTransferDue,
    order_url: &str,
    signature: &str,
) -> String {
    let b = &due.bank;
    let rows = [
        ("bank-amount", due.amount.as_str()),
        ("bank-reference", due.reference.as_str()),
        ("bank-account-holder", b.account_holder.as_str()),
        ("bank-iban", b.iban.as_str()),
        ("bank-bic", b.bic.as_str()),
        ("bank-bank", b.bank_name.as_str()),
    ];
    let rows: Vec<(String, &str)> = rows
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(key, value)| (format!("{}:", tr(locale, key)), value))
        .collect();
    // The values line up in one column, whatever the language's labels.
    let width = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let account: String = rows
        .iter()
        .map(|(label, value)| format!("  {label:<width$}{value}\n"))
        .collect();
    let (order, invoice, pdf) = (
        tr(locale, "mail-payment-order"),
        tr(locale, "mail-payment-invoice"),
        tr(locale, "mail-payment-pdf"),
    );
    let links = [&order, &invoice, &pdf]
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
        + 1;
    let args = |pairs: &[(&'static str, &str)]| -> Vec<(&'static str, String)> {
        pairs.iter().map(|(k, v)| (*k, v.to_string())).collect()
    };
    format!(
        "{hello}\n\n{reserved}\n\n{transfer}\n\n{account}\n{next}\n\n\
         {order:<links$}{order_url}\n{invoice:<links$}{order_url}/invoice\n{pdf:<links$}{order_url}/invoice.pdf\n\n{signature}\n",
        hello = tr(locale, "mail-hello"),
        reserved = tr_args(
            locale,
            "mail-payment-reserved",
            &args(&[("instance", instance), ("plan", plan)])
        ),
        transfer = tr_args(
            locale,
            "mail-payment-transfer",
            &args(&[("amount", &due.amount), ("dueOn", &due.due_on)])
        ),
        next = tr(locale, "mail-payment-next"),
        signature = signature,
    )
}

/// Mails the bank-transfer details of order `order_id`, if it waits for a transfer, in the
/// language the order was placed in.
pub(super) async fn send(st: &AppState, order_id: i64) -> Result<()> {
    type Row = (String, String, String, String, String, Option<i64>);
    let (email, instance, plan, token, locale, storefront): Row =
        sqlx::query_as(
            "SELECT c.email, o.instance_name, p.name, o.public_token, o.locale, o.storefront_id FROM orders o \
         JOIN customers c ON c.id = o.customer_id JOIN plans p ON p.id = o.plan_id WHERE o.id = $1",
        )
        .bind(order_id)
        .fetch_one(&st.pool)
        .await?;
    let locale = Locale::from_tag(&locale).unwrap_or_default();
    let Some(due) = due_for_order(&st.pool, order_id, locale).await? else {
        return Ok(());
    };
    let order_url = format!("{}/orders/{token}", st.config.storefront_url());
    let signature = match storefront {
        Some(id) => crate::backend::brand::signature_of_storefront(&st.pool, id, locale).await,
        None => tr(locale, "mail-signature"),
    };
    let subject = tr_args(
        locale,
        "mail-payment-subject",
        &[("instance", instance.clone())],
    );
    st.mailer
        .send(
            &st.config.mail_from,
            &email,
            &subject,
            body(locale, &instance, &plan, &due, &order_url, &signature),
        )
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::bank_transfer::BankDetails;

    #[test]
    fn the_mail_names_amount_reference_and_account() {
        let due = BankTransferDue {
            amount: "\u{20ac}1,122.17".into(),
            reference: "INV-000042".into(),
            due_on: "29 Dec 2026".into(),
            bank: BankDetails {
                account_holder: "Demo GmbH".into(),
                iban: "DE89 3704 0044 0532 0130 00".into(),
                bic: String::new(),
                bank_name: "Commerzbank".into(),
            },
        };
        let text = body(
            Locale::En,
            "acme",
            "ERP Business",
            &due,
            "http://shop/orders/t",
            "The Tenantry team",
        );
        for part in [
            "transfer \u{20ac}1,122.17 by 29 Dec 2026",
            "Reference:       INV-000042",
            "IBAN:            DE89 3704 0044 0532 0130 00",
            "Bank:            Commerzbank",
            "http://shop/orders/t/invoice",
        ] {
            assert!(text.contains(part), "{part} in {text}");
        }
        assert!(!text.contains("BIC"), "an empty BIC is left out");
    }
}
