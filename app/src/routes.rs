//! The HTML shell and the router: every page and its address.
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::components::layout::Layout;
use crate::pages::auth::LoginPage;
use crate::pages::operator::catalog::{
    addons::AddonsPage,
    parts::{ModulesPage, VerticalsPage},
    plan_editor::PlanEditorPage,
    plans::PlansPage,
    products::ProductsPage,
    resources::ResourcesPage,
    storefronts::StorefrontsPage,
    tax_rates::TaxRatesPage,
    template_edit::TemplateEditPage,
    templates::TemplatesPage,
};
use crate::pages::operator::fraud::FraudRulesPage;
use crate::pages::operator::orders::detail::OrderDetailPage;
use crate::pages::operator::{
    api_keys::ApiKeysPage, dashboard::DashboardPage, orders::queue::OrderQueuePage,
};
use crate::pages::portal::overview::OverviewPage;
use crate::pages::portal::subscription::SubscriptionPage;
use crate::pages::storefront::{
    catalog::CatalogPage, confirm_email::ConfirmEmailPage, invoice::InvoicePage, order::OrderPage,
    order_status::OrderStatusPage,
};
use crate::pages::NotFoundPage;

/// The full HTML document rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                <HydrationScripts options=options.clone() />
                <HashedStylesheet options id="leptos" />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: every route renders completely on the server (`SsrMode::Async`) so pages and
/// forms work before, and without, the WASM.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title text="Tenantry" />
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=CatalogPage ssr=SsrMode::Async />
                    <Route path=path!("/order/:plan") view=OrderPage ssr=SsrMode::Async />
                    <Route path=path!("/s/:storefront") view=CatalogPage ssr=SsrMode::Async />
                    <Route path=path!("/s/:storefront/order/:plan") view=OrderPage ssr=SsrMode::Async />
                    <Route path=path!("/orders/:token") view=OrderStatusPage ssr=SsrMode::Async />
                    <Route path=path!("/orders/:token/invoice") view=InvoicePage ssr=SsrMode::Async />
                    <Route path=path!("/orders/:token/confirm") view=ConfirmEmailPage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/portal") view=OverviewPage ssr=SsrMode::Async />
                    <Route path=path!("/portal/subscription") view=SubscriptionPage ssr=SsrMode::Async />
                    <Route path=path!("/operator") view=DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/orders") view=OrderQueuePage ssr=SsrMode::Async />
                    <Route path=path!("/operator/orders/:id") view=OrderDetailPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/catalog") view=PlansPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/catalog/plans/:id") view=PlanEditorPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/catalog/addons") view=AddonsPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/storefronts") view=StorefrontsPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/tax-rates") view=TaxRatesPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/catalog/products") view=ProductsPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/catalog/modules") view=ModulesPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/catalog/verticals") view=VerticalsPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/catalog/resources") view=ResourcesPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/catalog/templates") view=TemplatesPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/catalog/templates/:code") view=TemplateEditPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/api-keys") view=ApiKeysPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/fraud") view=FraudRulesPage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
