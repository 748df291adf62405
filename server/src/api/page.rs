//! Keyset pagination for the API's lists: newest first, `?limit=` (1-200, default 50) and
//! `?before=<id>` from the previous page's `next` link.
use std::collections::HashMap;

use app::error::AppError;
use serde_json::{json, Value};

/// One page request, parsed and checked.
pub struct Page {
    /// Rows per page.
    pub limit: i64,
    /// Only rows with a smaller id (the previous page's last id).
    pub before: i64,
}

const DEFAULT_LIMIT: i64 = 50;
const MAX_LIMIT: i64 = 200;

impl Page {
    /// Reads `limit` and `before` from the query string; anything else is ignored.
    pub fn from_query(query: &HashMap<String, String>) -> Result<Page, AppError> {
        let limit = match query.get("limit") {
            None => DEFAULT_LIMIT,
            Some(raw) => raw
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=MAX_LIMIT).contains(n))
                .ok_or_else(|| {
                    AppError::Invalid(format!(
                        "limit must be a whole number from 1 to {MAX_LIMIT}."
                    ))
                })?,
        };
        let before = match query.get("before") {
            None => i64::MAX,
            Some(raw) => raw.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
                AppError::Invalid("before must be an id from a previous page's next link.".into())
            })?,
        };
        Ok(Page { limit, before })
    }

    /// How many rows to fetch: one more than a page, to know whether another page follows.
    pub fn fetch(&self) -> i64 {
        self.limit + 1
    }

    /// The list answer: `data` and the `next` page's link (null on the last page). `rows` were
    /// fetched with [`Page::fetch`], newest first, each with its id.
    pub fn answer(&self, path: &str, mut rows: Vec<(i64, Value)>) -> Value {
        let more = rows.len() as i64 > self.limit;
        rows.truncate(usize::try_from(self.limit).unwrap_or(0));
        let next = match rows.last() {
            Some((id, _)) if more => {
                let sep = if path.contains('?') { '&' } else { '?' };
                Value::String(format!(
                    "/api/v1{path}{sep}limit={}&before={id}",
                    self.limit
                ))
            }
            _ => Value::Null,
        };
        json!({ "data": rows.into_iter().map(|(_, v)| v).collect::<Vec<_>>(), "next": next })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn limits_and_cursors_are_checked() {
        let p = Page::from_query(&query(&[])).unwrap();
        assert_eq!((p.limit, p.before), (50, i64::MAX));
        let p = Page::from_query(&query(&[("limit", "2"), ("before", "9")])).unwrap();
        assert_eq!((p.limit, p.before, p.fetch()), (2, 9, 3));
        for bad in [
            ("limit", "0"),
            ("limit", "201"),
            ("limit", "x"),
            ("before", "-3"),
        ] {
            assert!(Page::from_query(&query(&[bad])).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_next_link_appears_only_when_more_rows_follow() {
        let p = Page::from_query(&query(&[("limit", "2")])).unwrap();
        let rows = |ids: &[i64]| ids.iter().map(|i| (*i, json!({ "id": i }))).collect();
        let full = p.answer("/customers", rows(&[9, 8, 7]));
        assert_eq!(full["next"], "/api/v1/customers?limit=2&before=8");
        assert_eq!(full["data"].as_array().map(Vec::len), Some(2));
        let last = p.answer("/customers", rows(&[2, 1]));
        assert!(last["next"].is_null());
    }
}
