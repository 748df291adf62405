//! The catalog's structure as the operator edits it: modules and verticals, products that bundle
//! them, resources, and service templates (what a plan's new instances get).
use sqlx::AnyConnection;

use crate::backend::state::AppState;
use crate::backend::storefront_cache::commit_edit;
use crate::domain::RequiredText;
use crate::error::{AppError, Result};

/// Turns a unique-constraint violation into a 409 that names the taken code.
pub(crate) fn taken(e: sqlx::Error, what: &str, code: &str) -> AppError {
    if e.as_database_error()
        .is_some_and(|d| d.is_unique_violation())
    {
        AppError::Conflict(format!("A {what} with code {code} already exists."))
    } else {
        e.into()
    }
}

/// A checked display name (1 to 200 characters).
pub(crate) fn name(value: &str) -> Result<String> {
    Ok(RequiredText::parse("Name", value, 200)?.into_string())
}

/// A checked, trimmed description (at most 2000 characters, may be empty).
pub(crate) fn description(value: &str) -> Result<String> {
    let text = value.trim();
    if text.chars().count() > 2000 {
        return Err(AppError::Invalid(
            "Description must be at most 2000 characters".into(),
        ));
    }
    Ok(text.to_string())
}

/// The id of the thing being edited, by code; 404 when there is none.
pub(crate) async fn id_of(conn: &mut AnyConnection, table: &str, code: &str) -> Result<i64> {
    let row: Option<(i64,)> = sqlx::query_as(&format!("SELECT id FROM {table} WHERE code = $1"))
        .bind(code)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|(id,)| id).ok_or(AppError::NotFound)
}

/// The id and published flag of a thing to attach, by code; 422 naming it when there is none.
pub(crate) async fn find(
    conn: &mut AnyConnection,
    table: &str,
    label: &str,
    code: &str,
) -> Result<(i64, bool)> {
    let row: Option<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT id, published FROM {table} WHERE code = $1"
    ))
    .bind(code)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|(id, published)| (id, published == 1))
        .ok_or_else(|| AppError::Invalid(format!("There is no {label} with code {code}.")))
}

/// The id of a published thing to attach; unpublished ones are refused with a 409.
pub(crate) async fn published_id(
    conn: &mut AnyConnection,
    table: &str,
    label: &str,
    code: &str,
) -> Result<i64> {
    match find(conn, table, label, code).await? {
        (id, true) => Ok(id),
        (_, false) => Err(AppError::Conflict(format!(
            "The {label} {code} is not published; publish it first."
        ))),
    }
}

/// Publishes or unpublishes the row with this code.
pub(crate) async fn set_published(
    st: &AppState,
    table: &str,
    code: &str,
    published: bool,
) -> Result<()> {
    let fields = [("published", Field::Int(i64::from(published)))];
    update_by_code(st, table, code, &fields).await
}

/// Codes from a query that selects one text column.
pub(crate) async fn codes(conn: &mut AnyConnection, sql: &str, id: i64) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as(sql).bind(id).fetch_all(&mut *conn).await?;
    Ok(rows.into_iter().map(|(c,)| c).collect())
}

/// Codes of the published rows of a table, the choices an editor offers.
pub(crate) async fn published_codes(conn: &mut AnyConnection, table: &str) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as(&format!(
        "SELECT code FROM {table} WHERE published = 1 ORDER BY code"
    ))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|(c,)| c).collect())
}

/// A column value a catalog edit writes.
#[derive(Clone, Copy)]
pub(crate) enum Field<'a> {
    Text(&'a str),
    Int(i64),
}

fn bind_fields<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    fields: &[(&str, Field<'q>)],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    for (_, field) in fields {
        query = match *field {
            Field::Text(text) => query.bind(text),
            Field::Int(n) => query.bind(n),
        };
    }
    query
}

/// Creates an unpublished row of `table` with `code` and `fields`; a taken code is a 409 that
/// names the `what`.
pub(crate) async fn insert_draft(
    st: &AppState,
    table: &str,
    what: &str,
    code: &str,
    fields: &[(&str, Field<'_>)],
) -> Result<()> {
    let columns: Vec<&str> = fields.iter().map(|(c, _)| *c).collect();
    let slots: Vec<String> = (2..fields.len() + 2).map(|i| format!("${i}")).collect();
    let sql = format!(
        "INSERT INTO {table} (code, {}, published) VALUES ($1, {}, 0)",
        columns.join(", "),
        slots.join(", ")
    );
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    bind_fields(sqlx::query(&sql).bind(code), fields)
        .execute(&mut *tx)
        .await
        .map_err(|e| taken(e, what, code))?;
    commit_edit(st, tx).await
}

/// Writes `fields` of the row of `table` with `code`; 404 when there is none.
pub(crate) async fn update_by_code(
    st: &AppState,
    table: &str,
    code: &str,
    fields: &[(&str, Field<'_>)],
) -> Result<()> {
    let sets: Vec<String> = fields
        .iter()
        .enumerate()
        .map(|(i, (c, _))| format!("{c} = ${}", i + 1))
        .collect();
    let sql = format!(
        "UPDATE {table} SET {} WHERE code = ${}",
        sets.join(", "),
        fields.len() + 1
    );
    let mut tx = crate::backend::db::begin(&st.pool).await?;
    let changed = bind_fields(sqlx::query(&sql), fields)
        .bind(code)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if changed == 0 {
        return Err(AppError::NotFound);
    }
    commit_edit(st, tx).await
}
