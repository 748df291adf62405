//! A storefront's billing details (table `storefront_billing`, one row per storefront): read for
//! the checkout, the order page, mails and invoices; validated and saved by the operator. The
//! IBAN's checksum is checked here (ISO 13616, with `iban_validate`).
use iban::{Iban, IbanLike};
use sqlx::AnyPool;

use crate::backend::state::AppState;
use crate::backend::storefront_cache::commit_edit;
use crate::domain::bank_transfer::{group_iban, parse_bic, parse_reference_format};
use crate::error::{AppError, Result};
use crate::wire::bank_transfer::BankDetails;
use crate::wire::catalog::storefront_billing::StorefrontBillingForm;

type Row = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
);

/// What a storefront says about billing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorefrontBilling {
    /// The stored values, in the operator's form.
    pub form: StorefrontBillingForm,
    /// Whether test cards are listed and a banner shown.
    pub test_mode: bool,
}

impl StorefrontBilling {
    /// The account to pay into, when the storefront has one (else bank transfer is not offered).
    pub fn bank(&self) -> Option<BankDetails> {
        let f = &self.form;
        (!f.iban.is_empty()).then(|| BankDetails {
            account_holder: f.account_holder.clone(),
            iban: group_iban(&f.iban),
            bic: f.bic.clone(),
            bank_name: f.bank_name.clone(),
        })
    }
}

/// The billing details of a storefront.
pub async fn read(pool: &AnyPool, storefront_id: i64) -> Result<StorefrontBilling> {
    let row: Row = sqlx::query_as(
        "SELECT legal_name, address, country, vat_id, registration_number, account_holder, iban, bic, \
         bank_name, reference_format, test_mode FROM storefront_billing WHERE storefront_id = $1",
    )
    .bind(storefront_id)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let (legal_name, address, country, vat_id, registration_number, account_holder, iban, bic) =
        (row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7);
    Ok(StorefrontBilling {
        form: StorefrontBillingForm {
            legal_name,
            address,
            country,
            vat_id,
            registration_number,
            account_holder,
            iban,
            bic,
            bank_name: row.8,
            reference_format: row.9,
            test_mode: (row.10 == 1).then(|| "on".to_string()),
        },
        test_mode: row.10 == 1,
    })
}

/// Optional text of at most `max` characters, trimmed.
fn optional(label: &str, input: &str, max: usize) -> Result<String> {
    let text = input.trim();
    if text.chars().count() > max {
        return Err(AppError::Invalid(format!(
            "{label} must be at most {max} characters."
        )));
    }
    Ok(text.to_string())
}

/// An IBAN with a valid checksum and country format, stored without spaces; empty means none.
fn parse_iban(input: &str) -> Result<String> {
    let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return Ok(compact);
    }
    compact
        .to_ascii_uppercase()
        .parse::<Iban>()
        .map(|iban| iban.electronic_str().to_string())
        .map_err(|_| {
            AppError::Invalid(format!(
                "\"{}\" is not a valid IBAN: check the country code, the length and the digits.",
                input.trim()
            ))
        })
}

/// The form, validated and normalised.
fn validate(form: &StorefrontBillingForm) -> Result<StorefrontBillingForm> {
    let country = form.country.trim().to_ascii_uppercase();
    if !(country.is_empty()
        || country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase()))
    {
        return Err(AppError::Invalid(
            "The country must be a two-letter code such as DE.".into(),
        ));
    }
    let valid = StorefrontBillingForm {
        legal_name: optional("The legal name", &form.legal_name, 200)?,
        address: optional("The address", &form.address, 500)?,
        country,
        vat_id: optional("The VAT ID", &form.vat_id, 20)?
            .replace(' ', "")
            .to_ascii_uppercase(),
        registration_number: optional("The registration number", &form.registration_number, 200)?,
        account_holder: optional("The account holder", &form.account_holder, 200)?,
        iban: parse_iban(&form.iban)?,
        bic: parse_bic(&form.bic)?,
        bank_name: optional("The bank name", &form.bank_name, 200)?,
        reference_format: parse_reference_format(&form.reference_format)?,
        test_mode: form.wants_test_mode().then(|| "on".to_string()),
    };
    if !valid.iban.is_empty() && valid.account_holder.is_empty() {
        return Err(AppError::Invalid(
            "Name the account holder of the IBAN: customers need it for the transfer.".into(),
        ));
    }
    Ok(valid)
}

/// Saves a storefront's billing details.
pub async fn update(st: &AppState, storefront_id: i64, form: &StorefrontBillingForm) -> Result<()> {
    let v = validate(form)?;
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let done = sqlx::query(
        "UPDATE storefront_billing SET legal_name = $2, address = $3, country = $4, vat_id = $5, \
         registration_number = $6, account_holder = $7, iban = $8, bic = $9, bank_name = $10, \
         reference_format = $11, test_mode = $12 WHERE storefront_id = $1",
    )
    .bind(storefront_id)
    .bind(&v.legal_name)
    .bind(&v.address)
    .bind(&v.country)
    .bind(&v.vat_id)
    .bind(&v.registration_number)
    .bind(&v.account_holder)
    .bind(&v.iban)
    .bind(&v.bic)
    .bind(&v.bank_name)
    .bind(&v.reference_format)
    .bind(i64::from(v.test_mode.is_some()))
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    commit_edit(st, tx).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ibans_are_checked_and_stored_compact() {
        assert_eq!(
            parse_iban("de89 3704 0044 0532 0130 00").unwrap(),
            "DE89370400440532013000"
        );
        assert_eq!(parse_iban("  ").unwrap(), "");
        for bad in [
            "DE88370400440532013000",
            "DE8937040044053201300",
            "XX89370400440532013000",
            "hello",
        ] {
            assert!(parse_iban(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_iban_needs_its_holder() {
        let form = StorefrontBillingForm {
            iban: "DE89370400440532013000".into(),
            reference_format: "{invoice}".into(),
            ..Default::default()
        };
        assert!(validate(&form).is_err());
        let named = StorefrontBillingForm {
            account_holder: "Demo GmbH".into(),
            ..form
        };
        assert_eq!(validate(&named).unwrap().iban, "DE89370400440532013000");
    }
}
