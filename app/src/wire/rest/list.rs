//! A page of a list.
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Rows newest first, and the link to the next (older) page.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct List<T> {
    /// This page's rows.
    pub data: Vec<T>,
    /// The next (older) page's link; null on the last page. Follow it rather than building it.
    pub next: Option<String>,
}
