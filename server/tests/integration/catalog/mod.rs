//! The catalog on both engines: the operator's editors (plans and their versions, add-ons,
//! storefronts, tax rates, modules and verticals, products, resources, service templates), their
//! pages, and provisioning from a plan's template.
mod addons;
mod billing_and_prices;
mod editing;
mod pages;
mod parts;
mod plan_versions;
mod plans;
mod products;
mod storefronts;
mod structure;
mod tax_rates;
mod template_provisioning;
mod templates;
