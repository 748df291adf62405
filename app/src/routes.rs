//! The HTML shell and the router: every page and its address.
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Meta, MetaTags, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

use crate::components::layout::Layout;
use crate::lazy_routes::{
    AccountRoute, ForgotPasswordRoute, InstancePausedRoute, InvitationRoute, LoginRoute,
    OperatorAddonsRoute, OperatorApiKeysRoute, OperatorCatalogRoute, OperatorCouponsRoute,
    OperatorDashboardRoute, OperatorExchangeRatesRoute, OperatorFraudRoute, OperatorHealthRoute,
    OperatorInvoiceRoute, OperatorModulesRoute, OperatorOrderRoute, OperatorOrdersRoute,
    OperatorPlanRoute, OperatorProductsRoute, OperatorRehearsalRoute, OperatorResourcesRoute,
    OperatorStorefrontsRoute, OperatorTaxRatesRoute, OperatorTemplateRoute, OperatorTemplatesRoute,
    OperatorTenantRoute, OperatorTenantsRoute, OperatorTicketRoute, OperatorTicketsRoute,
    OperatorVerticalsRoute, PortalBillingRoute, PortalMembersRoute, PortalOverviewRoute,
    PortalSubscriptionRoute, PortalTicketRoute, PortalTicketsRoute, ResetPasswordRoute,
    StorefrontConfirmEmailRoute, StorefrontCreditNoteRoute, StorefrontInvoiceRoute,
    StorefrontOrderRoute, StorefrontOrderStatusRoute, TwoFactorLoginRoute, TwoFactorRoute,
};
use crate::pages::operator::area::OperatorArea;
use crate::pages::storefront::catalog::CatalogPage;
use crate::pages::NotFoundPage;

/// The full HTML document rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // The request's language, for `<html lang>` (which the browser's WASM reads back) and for
    // every view below.
    #[cfg(feature = "ssr")]
    let locale = crate::backend::context::request_locale();
    #[cfg(not(feature = "ssr"))]
    let locale = crate::i18n::Locale::default();
    provide_context(locale);
    // An instance's pages wear its storefront's accent colour (white label).
    #[cfg(feature = "ssr")]
    let accent = crate::backend::context::request_brand().map(|b| format!("--accent: {}", b.color));
    #[cfg(not(feature = "ssr"))]
    let accent: Option<String> = None;
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                <HydrationScripts options=options.clone() />
                <HashedStylesheet options id="leptos" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <MetaTags />
            </head>
            <body style=accent>
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
    #[cfg(feature = "hydrate")]
    if use_context::<crate::i18n::Locale>().is_none() {
        provide_context(crate::i18n::document_locale());
    }
    view! {
        <Title text="Tenantry" />
        <Meta name="description" content=crate::i18n::t("meta-description") />
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=CatalogPage ssr=SsrMode::Async />
                    <Route path=path!("/order/:plan") view={Lazy::<StorefrontOrderRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/s/:storefront") view=CatalogPage ssr=SsrMode::Async />
                    <Route path=path!("/s/:storefront/order/:plan") view={Lazy::<StorefrontOrderRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/orders/:token") view={Lazy::<StorefrontOrderStatusRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/orders/:token/invoice") view={Lazy::<StorefrontInvoiceRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/orders/:token/credit-notes/:number") view={Lazy::<StorefrontCreditNoteRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/orders/:token/confirm") view={Lazy::<StorefrontConfirmEmailRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/login") view={Lazy::<LoginRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/forgot-password") view={Lazy::<ForgotPasswordRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/reset-password") view={Lazy::<ResetPasswordRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/login/two-factor") view={Lazy::<TwoFactorLoginRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account") view={Lazy::<AccountRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account/two-factor") view={Lazy::<TwoFactorRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/portal") view={Lazy::<PortalOverviewRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/portal/subscription") view={Lazy::<PortalSubscriptionRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/portal/members") view={Lazy::<PortalMembersRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/portal/billing") view={Lazy::<PortalBillingRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/invitation") view={Lazy::<InvitationRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/portal/tickets") view={Lazy::<PortalTicketsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/portal/tickets/:id") view={Lazy::<PortalTicketRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/paused") view={Lazy::<InstancePausedRoute>::new()} ssr=SsrMode::Async />
                    <ParentRoute path=path!("/operator") view=OperatorArea ssr=SsrMode::Async>
                        <Route path=path!("") view={Lazy::<OperatorDashboardRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("orders") view={Lazy::<OperatorOrdersRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("orders/:id") view={Lazy::<OperatorOrderRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("invoices/:id") view={Lazy::<OperatorInvoiceRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("catalog") view={Lazy::<OperatorCatalogRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("catalog/plans/:id") view={Lazy::<OperatorPlanRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("catalog/addons") view={Lazy::<OperatorAddonsRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("storefronts") view={Lazy::<OperatorStorefrontsRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("tax-rates") view={Lazy::<OperatorTaxRatesRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("coupons") view={Lazy::<OperatorCouponsRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("catalog/products") view={Lazy::<OperatorProductsRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("catalog/modules") view={Lazy::<OperatorModulesRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("catalog/verticals") view={Lazy::<OperatorVerticalsRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("catalog/resources") view={Lazy::<OperatorResourcesRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("catalog/templates") view={Lazy::<OperatorTemplatesRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("catalog/templates/:code") view={Lazy::<OperatorTemplateRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("api-keys") view={Lazy::<OperatorApiKeysRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("fraud") view={Lazy::<OperatorFraudRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("exchange-rates") view={Lazy::<OperatorExchangeRatesRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("tenants") view={Lazy::<OperatorTenantsRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("health") view={Lazy::<OperatorHealthRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("tenants/:id") view={Lazy::<OperatorTenantRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("rehearsals/:id") view={Lazy::<OperatorRehearsalRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("tickets") view={Lazy::<OperatorTicketsRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("tickets/:id") view={Lazy::<OperatorTicketRoute>::new()} ssr=SsrMode::Async />
                    </ParentRoute>
                </Routes>
            </Layout>
        </Router>
    }
}
