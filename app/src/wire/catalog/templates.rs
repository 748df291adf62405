//! Service templates as the operator edits them.
use serde::{Deserialize, Serialize};

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
