//! A batch's invoices: paid, numbered from one block of each storefront's sequence, with its
//! billing details copied as they are now.
use std::collections::HashMap;

use super::rows::{marks, run, P};
use super::Ready;
use crate::backend::db::Engine;
use crate::backend::invoices::document;
use crate::error::{AppError, Result};

/// A storefront's seller block and bank details, copied onto its invoices as they are now.
#[derive(sqlx::FromRow, Default)]
struct Billing {
    legal_name: String,
    address: String,
    country: String,
    vat_id: String,
    registration_number: String,
    account_holder: String,
    iban: String,
    bic: String,
    bank_name: String,
    reference_format: String,
}

/// Issues the batch's invoices, paid, numbered from one block of each storefront's sequence,
/// with the storefront's billing details as they are now; returns their ids in batch order.
pub(super) async fn invoices(
    tx: &mut sqlx::AnyConnection,
    engine: Engine,
    stamp: &str,
    batch: &[(&Ready, i64)],
) -> Result<Vec<i64>> {
    let mut numbers: Vec<String> = vec![String::new(); batch.len()];
    let mut by_storefront: HashMap<i64, Vec<usize>> = HashMap::new();
    for (i, (r, _)) in batch.iter().enumerate() {
        let sf = r.current.storefront_id.ok_or(AppError::NotFound)?;
        by_storefront.entry(sf).or_default().push(i);
    }
    let mut billing: HashMap<i64, Billing> = HashMap::new();
    for (sf, members) in &by_storefront {
        let n = i64::try_from(members.len()).map_err(|_| AppError::Internal)?;
        let (first, prefix): (i64, String) = sqlx::query_as(
            "UPDATE storefronts SET next_invoice_number = next_invoice_number + $1 WHERE id = $2 \
             RETURNING next_invoice_number - $1, invoice_prefix",
        )
        .bind(n)
        .bind(sf)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
        for (k, i) in members.iter().enumerate() {
            numbers[*i] = format!("{prefix}{:06}", first + k as i64);
        }
        let b: Billing = sqlx::query_as(
            "SELECT COALESCE(legal_name, '') AS legal_name, COALESCE(address, '') AS address, \
             COALESCE(country, '') AS country, COALESCE(vat_id, '') AS vat_id, \
             COALESCE(registration_number, '') AS registration_number, \
             COALESCE(account_holder, '') AS account_holder, COALESCE(iban, '') AS iban, COALESCE(bic, '') AS bic, \
             COALESCE(bank_name, '') AS bank_name, COALESCE(reference_format, '{invoice}') AS reference_format \
             FROM storefront_billing WHERE storefront_id = $1",
        )
        .bind(sf)
        .fetch_optional(&mut *tx)
        .await?
        .unwrap_or_default();
        billing.insert(*sf, b);
    }
    let mut params = Vec::new();
    for (i, (r, order_id)) in batch.iter().enumerate() {
        let sf = r.current.storefront_id.ok_or(AppError::NotFound)?;
        let b = &billing[&sf];
        let q = &r.quote;
        let format = if b.reference_format.is_empty() {
            "{invoice}"
        } else {
            &b.reference_format
        };
        params.extend([
            P::I(sf),
            P::T(numbers[i].clone()),
            P::I(r.current.customer_id),
            P::I(*order_id),
            P::T("paid".into()),
            P::T(q.currency.as_str().into()),
            P::I(q.subtotal.minor),
            P::I(q.tax.minor),
            P::I(q.total.minor),
            P::I(i64::from(r.tax.basis_points)),
            P::T(stamp.to_string()),
            P::T(stamp.to_string()),
            P::T(stamp.to_string()),
            P::T(r.current.bill_to.clone()),
            P::I(i64::from(r.tax.reverse_charge)),
            P::T(r.vat_id.clone()),
        ]);
        for field in [
            &b.legal_name,
            &b.address,
            &b.country,
            &b.vat_id,
            &b.registration_number,
            &b.account_holder,
            &b.iban,
            &b.bic,
            &b.bank_name,
        ] {
            params.push(P::T(field.clone()));
        }
        params.push(P::T(document::payment_reference(
            format,
            &numbers[i],
            *order_id,
        )));
    }
    let rows = run(
        tx,
        &format!(
            "INSERT INTO invoices (storefront_id, number, customer_id, order_id, status, currency, subtotal_minor, \
             tax_minor, total_minor, tax_basis_points, issued_at, due_at, paid_at, bill_to, reverse_charge, \
             customer_vat_id, seller_legal_name, seller_address, seller_country, seller_vat_id, \
             seller_registration_number, account_holder, iban, bic, bank_name, payment_reference) VALUES {} \
             RETURNING id, order_id",
            marks(engine, batch.len(), 26)
        ),
        params,
    )
    .await?;
    let mut invoice_of: HashMap<i64, i64> = HashMap::new();
    for row in rows {
        use sqlx::Row;
        invoice_of.insert(row.try_get::<i64, _>(1)?, row.try_get::<i64, _>(0)?);
    }
    batch
        .iter()
        .map(|(_, order_id)| invoice_of.get(order_id).copied().ok_or(AppError::Internal))
        .collect()
}
