//! The customer's billing details (country, address, VAT ID), changed from the portal: the next
//! invoice uses them; issued invoices keep the ones they were issued with.
use super::customer_of;
use crate::backend::orders::validate::billing_details;
use crate::backend::state::AppState;
use crate::error::Result;

/// Checks and keeps new billing details for tenant `tenant_id`'s customer.
pub async fn update(
    st: &AppState,
    tenant_id: i64,
    country: &str,
    address: &str,
    vat_id: &str,
) -> Result<()> {
    let customer = customer_of(st, tenant_id).await?;
    let (country, address, vat_id) = billing_details(country, address, vat_id)?;
    sqlx::query(
        "UPDATE customers SET billing_country = $1, billing_address = $2, vat_id = $3 WHERE id = $4",
    )
    .bind(country)
    .bind(address)
    .bind(vat_id.map(|v| v.as_str().to_string()).unwrap_or_default())
    .bind(customer)
    .execute(&st.pool)
    .await?;
    Ok(())
}
