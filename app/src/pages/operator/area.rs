//! The operator's area: every operator page is a child of this route, which lets only the
//! operator in. The server functions behind each page check again.
use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect};

use crate::api::operator::operator_gate;
use crate::components::error_box::page_error;
use crate::error::AppError;

/// Shows the operator page asked for, sends a visitor without a login to the login page, and
/// shows why to anyone else (another role; an instance's host has no operator pages).
#[component]
pub fn OperatorArea() -> impl IntoView {
    let gate = Resource::new(|| (), |_| operator_gate());
    view! {
        <Suspense fallback=|| view! { <p>"Loading\u{2026}"</p> }>
            {move || Suspend::new(async move {
                match gate.await {
                    Ok(()) => view! { <OperatorNav /> <Outlet /> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    // Operators must use two-factor sign-in and this one has not set it up yet.
                    Err(AppError::SecondFactorRequired) => view! { <Redirect path="/account/two-factor" /> }.into_any(),
                    Err(e) => view! { <p class="error">{page_error(&e)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The operator's sections, above every operator page (they wrap on a phone).
#[component]
fn OperatorNav() -> impl IntoView {
    let links = [
        ("/operator", "Dashboard"),
        ("/operator/tenants", "Tenants"),
        ("/operator/orders", "Order queue"),
        ("/operator/tickets", "Support tickets"),
        ("/operator/health", "Health"),
        ("/operator/catalog", "Catalog"),
        ("/operator/storefronts", "Storefronts"),
        ("/operator/tax-rates", "Tax rates"),
        ("/operator/coupons", "Coupons"),
        ("/operator/api-keys", "API keys"),
        ("/operator/fraud", "Fraud rules"),
        ("/operator/exchange-rates", "Exchange rates"),
    ];
    view! {
        <nav class="operator-nav" aria-label="Operator">
            {links.into_iter().map(|(href, label)| view! { <a href=href>{label}</a> }).collect_view()}
        </nav>
    }
}
