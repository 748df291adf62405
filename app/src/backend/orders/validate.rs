//! The order form after validation: every field checked, with messages that say what to fix.
use crate::domain::payment::{CardExpiry, CardNumber, Cvc, PaymentMethodInput};
use crate::domain::pricing::Selection;
use crate::domain::vat_id::{self, OfflineCheck, VatId};
use crate::domain::{Email, InstanceName, Password, RequiredText};
use crate::error::{AppError, Result};
use crate::wire::orders::OrderForm;

/// The customer-facing part of an order, valid.
pub(super) struct ValidOrder {
    pub company: String,
    pub contact_name: String,
    pub email: Email,
    pub password: Password,
    pub instance: InstanceName,
    pub idempotency_key: String,
}

/// What a paid order adds: the configuration, the billing country and how it is paid.
pub(super) struct PaidDetails {
    pub selection: Selection,
    pub country: String,
    pub address: String,
    /// The business's VAT ID, valid and of the billing country.
    pub vat_id: Option<VatId>,
    pub method: PaymentMethodInput,
}

/// Says an error of the order form's field `field` (for the page to show it there).
pub(crate) fn in_field<E: Into<AppError>>(field: &'static str) -> impl Fn(E) -> AppError {
    move |e| e.into().in_field(field)
}

/// Checks the fields every order has.
pub(super) fn validate(form: &OrderForm) -> Result<ValidOrder> {
    let key = form.idempotency_key.trim();
    if key.is_empty()
        || key.len() > 100
        || !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        // Said of the form's hidden key, so that another language can say it in its words.
        return Err(AppError::Invalid(
            "The form has expired; please reload the page and submit it again.".into(),
        )
        .in_field("idempotency_key"));
    }
    Ok(ValidOrder {
        company: RequiredText::parse("Company name", &form.company, 200)
            .map_err(in_field("company"))?
            .into_string(),
        contact_name: RequiredText::parse("Contact name", &form.contact_name, 200)
            .map_err(in_field("contact_name"))?
            .into_string(),
        email: Email::parse(&form.email).map_err(in_field("email"))?,
        password: Password::parse(&form.password).map_err(in_field("password"))?,
        instance: InstanceName::parse(&form.instance_name).map_err(in_field("instance_name"))?,
        idempotency_key: key.to_string(),
    })
}

/// The billing address: up to five non-empty lines, each plain text, 500 characters in all.
fn billing_address(raw: &str) -> Result<String> {
    let lines = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| RequiredText::parse("Billing address", l, 200).map(|t| t.into_string()))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    if lines.is_empty() {
        return Err(AppError::Invalid(
            "Billing address is required (street, postal code and city).".into(),
        ));
    }
    let address = lines.join("\n");
    if lines.len() > 5 || address.chars().count() > 500 {
        return Err(AppError::Invalid(
            "Billing address is too long: at most 5 lines and 500 characters.".into(),
        ));
    }
    Ok(address)
}

/// A form's count field: blank is `default`, anything but a whole number from 0 up is refused.
pub(crate) fn number(label: &str, raw: &str, default: u32) -> Result<u32> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(default);
    }
    raw.parse::<u32>()
        .map_err(|_| AppError::Invalid(format!("{label} must be a whole number from 0 up")))
}

/// Checks a billing country, address and optional VAT ID (which must be the country's), each
/// error on its field: the checkout's and the portal's billing details.
pub(crate) fn billing_details(
    country: &str,
    address: &str,
    vat_id: &str,
) -> Result<(String, String, Option<VatId>)> {
    let country = country.trim().to_ascii_uppercase();
    if country.len() != 2 || !country.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(
            AppError::Invalid("Choose the billing country.".into()).in_field("billing_country")
        );
    }
    let address = billing_address(address).map_err(in_field("billing_address"))?;
    let vat_id = vat_id::optional(&OfflineCheck, vat_id)
        .map_err(in_field("vat_id"))?
        .map(|v| v.matching(&country))
        .transpose()
        .map_err(in_field("vat_id"))?;
    Ok((country, address, vat_id))
}

/// Checks a card's fields (number, expiry month and year, security code), each error on its
/// field: the checkout's and the portal's cards.
pub(crate) fn card(
    number_field: &str,
    month: &str,
    year: &str,
    cvc: &str,
    today: chrono::NaiveDate,
) -> Result<PaymentMethodInput> {
    Ok(PaymentMethodInput::Card {
        number: CardNumber::parse(number_field).map_err(in_field("card_number"))?,
        expiry: CardExpiry::parse(
            number("The expiry month", month, 0).map_err(in_field("card_exp_month"))?,
            number("The expiry year", year, 0).map_err(in_field("card_exp_year"))?,
            today,
        )
        .map_err(in_field("card_exp_month"))?,
        cvc: Cvc::parse(cvc).map_err(in_field("card_cvc"))?,
    })
}

/// Checks the configuration and payment fields of a paid order.
pub(super) fn validate_paid(form: &OrderForm, today: chrono::NaiveDate) -> Result<PaidDetails> {
    let period_months =
        number("The billing period", &form.period_months, 0).map_err(in_field("period_months"))?;
    let mut extra_resources = Vec::new();
    let extra_users =
        number("Extra users", &form.extra_users, 0).map_err(in_field("extra_users"))?;
    if extra_users > 0 {
        extra_resources.push(("users".to_string(), extra_users));
    }
    let mut addons = Vec::new();
    for (code, qty) in &form.addons {
        let qty = number("An add-on's quantity", qty, 0)?;
        if qty > 0 {
            addons.push((code.clone(), qty));
        }
    }
    let (country, address, vat_id) =
        billing_details(&form.billing_country, &form.billing_address, &form.vat_id)?;
    let method = match form.payment_method.as_str() {
        "card" => card(
            &form.card_number,
            &form.card_exp_month,
            &form.card_exp_year,
            &form.card_cvc,
            today,
        )?,
        "bank_transfer" => PaymentMethodInput::BankTransfer,
        _ => {
            return Err(
                AppError::Invalid("Choose how you want to pay.".into()).in_field("payment_method")
            )
        }
    };
    Ok(PaidDetails {
        selection: Selection {
            period_months,
            addons,
            extra_resources,
        },
        country,
        address,
        vat_id,
        method,
    })
}

/// The order form as its idempotency key's hash covers it: every choice, trimmed, and of the
/// card only what identifies it (never its number, code, or the password).
#[derive(serde::Serialize)]
pub(super) struct CanonicalOrder<'a> {
    plan: &'a str,
    storefront: &'a str,
    company: &'a str,
    contact_name: &'a str,
    email: String,
    instance_name: String,
    period_months: &'a str,
    extra_users: &'a str,
    addons: Vec<(&'a str, &'a str)>,
    billing_country: String,
    billing_address: &'a str,
    vat_id: String,
    payment_method: &'a str,
    card_last4: String,
    card_expiry: (&'a str, &'a str),
    offer: &'a str,
    expected_total: &'a str,
    coupon: String,
}

/// The canonical form of `form` for its idempotency key.
pub(super) fn canonical(form: &OrderForm) -> CanonicalOrder<'_> {
    let digits: Vec<char> = form
        .card_number
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let last4 = digits[digits.len().saturating_sub(4)..].iter().collect();
    CanonicalOrder {
        plan: form.plan.trim(),
        storefront: form.storefront.trim(),
        company: form.company.trim(),
        contact_name: form.contact_name.trim(),
        email: form.email.trim().to_lowercase(),
        instance_name: form.instance_name.trim().to_lowercase(),
        period_months: form.period_months.trim(),
        extra_users: form.extra_users.trim(),
        addons: form
            .addons
            .iter()
            .map(|(k, v)| (k.trim(), v.trim()))
            .filter(|(_, v)| !v.is_empty() && *v != "0")
            .collect(),
        billing_country: form.billing_country.trim().to_uppercase(),
        billing_address: form.billing_address.trim(),
        vat_id: form.vat_id.trim().to_uppercase(),
        payment_method: form.payment_method.trim(),
        card_last4: last4,
        card_expiry: (form.card_exp_month.trim(), form.card_exp_year.trim()),
        offer: form.offer.trim(),
        expected_total: form.expected_total.trim(),
        coupon: form.coupon.trim().to_uppercase(),
    }
}
