//! Every integration test, in one binary: each starts the real server on a free port against a
//! fresh SQLite file and a fresh PostgreSQL database. One binary links the application once
//! instead of once per file, which keeps a clean build's disk use and link time down.
#[macro_use]
mod common;

mod accounts;
mod api;
mod api_contract;
mod billing;
mod billing_scenario;
mod brand;
mod catalog;
mod change_races;
mod coupons;
mod credit_notes;
mod dashboard;
mod dunning;
mod fraud_rules;
mod golden_path;
mod health;
mod invoice_page;
mod invoices;
mod language;
mod login_throttle;
mod members;
mod operator_area;
mod order_races;
mod order_review;
mod orders;
mod paid_orders;
mod password_resets;
mod provisioning_jobs;
mod provisioning_outcome;
mod rehearsals;
mod request_limits;
mod schema_drift;
mod secrets;
mod security;
mod security_headers;
mod storefront_cache;
mod storefronts;
mod subscription_changes;
mod tenant_db_privileges;
mod tenants;
mod tickets;
mod trial_abuse;
mod trial_confirmation;
mod trial_conversion;
mod trials;
mod two_factor;
