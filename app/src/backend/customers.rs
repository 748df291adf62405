//! Customers as the REST API reads them.
use sqlx::AnyPool;

use crate::error::{AppError, Result};
use crate::wire::rest::Customer;

type Row = (i64, String, String, String, String);

fn customer((id, company, contact_name, email, created_at): Row) -> Customer {
    Customer {
        id,
        company,
        contact_name,
        email,
        created_at,
    }
}

const SELECT: &str = "SELECT id, company, contact_name, email, created_at FROM customers";

/// Up to `limit` customers with an id below `before`, newest first.
pub async fn page(pool: &AnyPool, before: i64, limit: i64) -> Result<Vec<Customer>> {
    let rows: Vec<Row> =
        sqlx::query_as(&format!("{SELECT} WHERE id < $1 ORDER BY id DESC LIMIT $2"))
            .bind(before)
            .bind(limit)
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().map(customer).collect())
}

/// One customer.
pub async fn by_id(pool: &AnyPool, id: i64) -> Result<Customer> {
    let row: Row = sqlx::query_as(&format!("{SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(customer(row))
}
