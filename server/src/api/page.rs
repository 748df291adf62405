//! Keyset pagination for the API's lists: newest first, `?limit=` (1-200, default 50) and
//! `?before=<id>` from the previous page's `next` link.
use std::collections::HashMap;

use app::error::AppError;
use app::wire::rest::List;
use utoipa::IntoParams;

/// One page request, parsed and checked.
pub struct Page {
    /// Rows per page.
    pub limit: i64,
    /// Only rows with a smaller id (the previous page's last id).
    pub before: i64,
}

/// The page parameters as the document describes them (parsed by [`Page::from_query`], whose
/// messages say what to fix).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct PageParams {
    /// Rows per page (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// Only rows older than this id; follow the previous page's `next` link instead of
    /// building it.
    #[param(minimum = 1)]
    before: Option<i64>,
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

    /// The list answer: `data` and the `next` page's link (none on the last page). `rows` were
    /// fetched with [`Page::fetch`], newest first; `id` names a row.
    pub fn answer<T>(&self, path: &str, mut rows: Vec<T>, id: impl Fn(&T) -> i64) -> List<T> {
        let more = rows.len() as i64 > self.limit;
        rows.truncate(usize::try_from(self.limit).unwrap_or(0));
        let next = match rows.last() {
            Some(last) if more => {
                let sep = if path.contains('?') { '&' } else { '?' };
                Some(format!(
                    "/api/v1{path}{sep}limit={}&before={}",
                    self.limit,
                    id(last)
                ))
            }
            _ => None,
        };
        List { data: rows, next }
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
        let full = p.answer("/customers", vec![9, 8, 7], |i| *i);
        assert_eq!(
            full.next.as_deref(),
            Some("/api/v1/customers?limit=2&before=8")
        );
        assert_eq!(full.data.len(), 2);
        let last = p.answer("/customers", vec![2, 1], |i| *i);
        assert!(last.next.is_none());
    }
}
