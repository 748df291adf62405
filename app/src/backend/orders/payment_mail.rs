//! The mail that confirms an order paid by bank transfer: what to pay, to which account, quoting
//! which reference, by when, with links to the order and its invoice. Sent once the order is
//! committed; the order page shows the same details, so a mail lost to a crash loses nothing.
use crate::backend::bank_transfer::due_for_order;
use crate::backend::state::AppState;
use crate::error::Result;
use crate::wire::bank_transfer::BankTransferDue;

/// The mail's text.
fn body(instance: &str, plan: &str, due: &BankTransferDue, order_url: &str) -> String {
    let b = &due.bank;
    let mut account = format!(
        "  Amount:          {}\n  Reference:       {}\n  Account holder:  {}\n  IBAN:            {}\n",
        due.amount, due.reference, b.account_holder, b.iban
    );
    if !b.bic.is_empty() {
        account.push_str(&format!("  BIC:             {}\n", b.bic));
    }
    if !b.bank_name.is_empty() {
        account.push_str(&format!("  Bank:            {}\n", b.bank_name));
    }
    format!(
        "Hello,\n\nthank you for your order: {instance} on the {plan} plan is reserved for you.\n\n\
         Please transfer {amount} by {due_on}, quoting the reference, to:\n\n{account}\n\
         We set up your instance as soon as the payment arrives, and mail you when it is ready.\n\n\
         Your order:   {order_url}\n\
         Your invoice: {order_url}/invoice\n\nThe Tenantry team\n",
        amount = due.amount,
        due_on = due.due_on,
    )
}

/// Mails the bank-transfer details of order `order_id`, if it waits for a transfer.
pub(super) async fn send(st: &AppState, order_id: i64) -> Result<()> {
    let Some(due) = due_for_order(&st.pool, order_id).await? else {
        return Ok(());
    };
    let (email, instance, plan, token): (String, String, String, String) = sqlx::query_as(
        "SELECT c.email, o.instance_name, p.name, o.public_token FROM orders o \
         JOIN customers c ON c.id = o.customer_id JOIN plans p ON p.id = o.plan_id WHERE o.id = $1",
    )
    .bind(order_id)
    .fetch_one(&st.pool)
    .await?;
    let order_url = format!("{}/orders/{token}", st.config.storefront_url());
    let subject = format!("Your order of {instance}: payment details");
    st.mailer
        .send(
            &st.config.mail_from,
            &email,
            &subject,
            body(&instance, &plan, &due, &order_url),
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
        let text = body("acme", "ERP Business", &due, "http://shop/orders/t");
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
