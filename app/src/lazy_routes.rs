//! The portal's and the operator's pages as lazily loaded routes: in the browser each page's code
//! is a WASM chunk of its own (`cargo leptos build --split`), fetched the first time the page is
//! opened, so a storefront visitor never downloads the editors. The server renders them as usual.
use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

use crate::pages::operator::fraud::FraudRules;
use crate::pages::operator::order_detail::OrderDetail;
use crate::pages::operator::{
    addons::AddonsAdmin, api_keys::ApiKeys, catalog::CatalogAdmin, dashboard::OperatorDashboard,
    orders::OrderQueue, plan_editor::PlanEditor, storefronts::StorefrontsAdmin,
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

/// Declares `$route`, a route (for `Lazy::<$route>::new()`) whose view is the component `$page`,
/// split off into its own chunk. The pages load their data themselves (resources), so the route's
/// data is empty.
macro_rules! lazy_page {
    ($($route:ident => $page:ident,)+) => {$(
        #[doc = concat!("The lazily loaded route of [`", stringify!($page), "`].")]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page /> }.into_any()
            }
        }
    )+};
}

lazy_page! {
    PortalOverviewRoute => PortalOverview,
    PortalSubscriptionRoute => SubscriptionPage,
    OperatorDashboardRoute => OperatorDashboard,
    OperatorOrdersRoute => OrderQueue,
    OperatorOrderRoute => OrderDetail,
    OperatorCatalogRoute => CatalogAdmin,
    OperatorPlanRoute => PlanEditor,
    OperatorAddonsRoute => AddonsAdmin,
    OperatorStorefrontsRoute => StorefrontsAdmin,
    OperatorTaxRatesRoute => TaxRatesAdmin,
    OperatorProductsRoute => ProductsPage,
    OperatorModulesRoute => ModulesPage,
    OperatorVerticalsRoute => VerticalsPage,
    OperatorResourcesRoute => ResourcesPage,
    OperatorTemplatesRoute => TemplatesPage,
    OperatorTemplateRoute => TemplateEditPage,
    OperatorApiKeysRoute => ApiKeys,
    OperatorFraudRoute => FraudRules,
}
