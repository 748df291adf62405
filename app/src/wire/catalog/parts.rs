//! Modules and verticals (the catalog's parts) as the operator edits them.
use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// The two kinds of parts a product bundles; they share one shape and one editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PartKind {
    /// A functional module (Sales, Accounting...), installed into instances.
    Module,
    /// An industry vertical (Manufacturing, Construction...).
    Vertical,
}

impl PartKind {
    /// Reads `module` or `vertical` as sent by a form.
    pub fn parse(value: &str) -> Result<PartKind, AppError> {
        match value {
            "module" => Ok(PartKind::Module),
            "vertical" => Ok(PartKind::Vertical),
            _ => Err(AppError::Invalid("Choose module or vertical.".into())),
        }
    }

    /// The form value.
    pub fn as_str(self) -> &'static str {
        match self {
            PartKind::Module => "module",
            PartKind::Vertical => "vertical",
        }
    }

    /// The word for messages ("Module").
    pub fn label(self) -> &'static str {
        match self {
            PartKind::Module => "Module",
            PartKind::Vertical => "Vertical",
        }
    }

    /// The plural, which is also its table and its page's last path segment.
    pub fn plural(self) -> &'static str {
        match self {
            PartKind::Module => "modules",
            PartKind::Vertical => "verticals",
        }
    }

    /// The editor page's address.
    pub fn page(self) -> &'static str {
        match self {
            PartKind::Module => "/operator/catalog/modules",
            PartKind::Vertical => "/operator/catalog/verticals",
        }
    }
}

/// A module or vertical as the operator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartView {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Whether it may be attached to new products and templates.
    pub published: bool,
    /// Products and templates that use it.
    pub used_by: i64,
}
