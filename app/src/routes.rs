//! The HTML shell and the router: every page and its address.
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::components::layout::Layout;
use crate::pages::auth::LoginPage;
use crate::pages::operator::fraud::FraudRules;
use crate::pages::operator::orders::detail::OrderDetail;
use crate::pages::operator::{
    addons::AddonsAdmin, api_keys::ApiKeys, catalog::CatalogAdmin, dashboard::OperatorDashboard,
    orders::queue::OrderQueue, plan_editor::PlanEditor, storefronts::StorefrontsAdmin,
    tax_rates::TaxRatesAdmin,
};
use crate::pages::operator::{
    parts::{ModulesPage, VerticalsPage},
    products::ProductsPage,
    resources::ResourcesPage,
    template_edit::TemplateEditPage,
    templates::TemplatesPage,
};
use crate::pages::portal::overview::PortalOverview;
use crate::pages::portal::subscription::SubscriptionPage;
use crate::pages::storefront::{
    catalog::Catalog, confirm_email::ConfirmEmailPage, invoice::InvoicePage, order::OrderPage,
    order_status::OrderStatusPage,
};
use crate::pages::NotFound;

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
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=Catalog ssr=SsrMode::Async />
                    <Route path=path!("/order/:plan") view=OrderPage ssr=SsrMode::Async />
                    <Route path=path!("/s/:storefront") view=Catalog ssr=SsrMode::Async />
                    <Route path=path!("/s/:storefront/order/:plan") view=OrderPage ssr=SsrMode::Async />
                    <Route path=path!("/orders/:token") view=OrderStatusPage ssr=SsrMode::Async />
                    <Route path=path!("/orders/:token/invoice") view=InvoicePage ssr=SsrMode::Async />
                    <Route path=path!("/orders/:token/confirm") view=ConfirmEmailPage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/portal") view=PortalOverview ssr=SsrMode::Async />
                    <Route path=path!("/portal/subscription") view=SubscriptionPage ssr=SsrMode::Async />
                    <Route path=path!("/operator") view=OperatorDashboard ssr=SsrMode::Async />
                    <Route path=path!("/operator/orders") view=OrderQueue ssr=SsrMode::Async />
                    <Route path=path!("/operator/orders/:id") view=OrderDetail ssr=SsrMode::Async />
                    <Route path=path!("/operator/catalog") view=CatalogAdmin ssr=SsrMode::Async />
                    <Route path=path!("/operator/catalog/plans/:id") view=PlanEditor ssr=SsrMode::Async />
                    <Route path=path!("/operator/catalog/addons") view=AddonsAdmin ssr=SsrMode::Async />
                    <Route path=path!("/operator/storefronts") view=StorefrontsAdmin ssr=SsrMode::Async />
                    <Route path=path!("/operator/tax-rates") view=TaxRatesAdmin ssr=SsrMode::Async />
                    <Route path=path!("/operator/catalog/products") view=ProductsPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/catalog/modules") view=ModulesPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/catalog/verticals") view=VerticalsPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/catalog/resources") view=ResourcesPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/catalog/templates") view=TemplatesPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/catalog/templates/:code") view=TemplateEditPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/api-keys") view=ApiKeys ssr=SsrMode::Async />
                    <Route path=path!("/operator/fraud") view=FraudRules ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
