//! Products as the operator edits them, with the modules and verticals they bundle.
use serde::{Deserialize, Serialize};

/// A product with the modules and verticals it bundles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductView {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Whether it is sold.
    pub published: bool,
    /// Module codes.
    pub modules: Vec<String>,
    /// Vertical codes.
    pub verticals: Vec<String>,
    /// Plans of this product.
    pub plans: i64,
}

/// The products page: every product and the published parts that may be attached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductsView {
    /// Every product.
    pub products: Vec<ProductView>,
    /// Published module codes.
    pub module_choices: Vec<String>,
    /// Published vertical codes.
    pub vertical_choices: Vec<String>,
}
