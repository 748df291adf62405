//! The operator's editors for the catalog's structure: modules and verticals, products that
//! bundle them, resources, and the service templates plans are provisioned from.
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub mod parts;
pub mod products;
pub mod resources;
pub mod templates;

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

/// A resource as the operator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceView {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Unit ("GB", "user").
    pub unit: String,
    /// Whether it may be added to templates.
    pub published: bool,
    /// Plan rates and templates that use it.
    pub used_by: i64,
}

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

/// A template in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateSummary {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Whether new instances get demo data.
    pub demo_data: bool,
    /// Whether plans may be bound to it.
    pub published: bool,
    /// Modules it installs.
    pub modules: Vec<String>,
    /// Plans bound to it.
    pub plans: i64,
}

/// One resource of a template with its included amount and hard limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllowanceView {
    /// Resource code.
    pub resource: String,
    /// Resource name.
    pub name: String,
    /// Resource unit.
    pub unit: String,
    /// Amount included in the price.
    pub included: i64,
    /// Most that may be used.
    pub hard_limit: i64,
}

/// A template with everything it bundles and the choices its edit page offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateView {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Whether new instances get demo data.
    pub demo_data: bool,
    /// Whether plans may be bound to it.
    pub published: bool,
    /// Modules installed.
    pub modules: Vec<String>,
    /// Resources with their allowances.
    pub resources: Vec<AllowanceView>,
    /// Default settings written into each instance.
    pub settings: Vec<(String, String)>,
    /// Codes of the plans bound to it.
    pub plans: Vec<String>,
    /// Published modules not yet in it.
    pub module_choices: Vec<String>,
    /// Published resources.
    pub resource_choices: Vec<String>,
    /// Plans (not retired) that could be bound to it.
    pub plan_choices: Vec<String>,
}
