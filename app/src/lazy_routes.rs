//! Every page but the storefront's catalog as a lazily loaded route, one WASM chunk per audience
//! (`cargo leptos build --split`): the customer's pages after the catalog, the login (with the
//! account's own pages), the portal's and the operator's. A chunk is fetched the first time one
//! of its pages is opened; code that several chunks use goes into shared chunks. A storefront
//! visitor downloads the catalog and never the portal's or the operator's editors. The server
//! renders every page as before, so the HTML and the forms without JavaScript are unchanged.
//!
//! One chunk per audience rather than per page: each chunk is a module of its own with its
//! imports, and a split per page made hundreds of small files that compress badly (measured:
//! bench/page_weight.py, README's Performance).
use leptos::prelude::*;
use leptos_router::LazyRoute;

use crate::pages::accounts::AccountPage;
use crate::pages::auth::LoginPage;
use crate::pages::operator::catalog::{
    addons::AddonsPage,
    coupons::CouponsPage,
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
use crate::pages::operator::exchange_rates::ExchangeRatesPage;
use crate::pages::operator::fraud::FraudRulesPage;
use crate::pages::operator::health::HealthPage;
use crate::pages::operator::invoices::detail::InvoiceDetailPage;
use crate::pages::operator::orders::{detail::OrderDetailPage, queue::OrderQueuePage};
use crate::pages::operator::rehearsals::RehearsalPage;
use crate::pages::operator::tenant_list::TenantListPage;
use crate::pages::operator::tenants::TenantPage;
use crate::pages::operator::tickets::{OperatorTicketPage, TicketQueuePage};
use crate::pages::operator::{api_keys::ApiKeysPage, dashboard::DashboardPage};
use crate::pages::password_resets::{ForgotPasswordPage, ResetPasswordPage};
use crate::pages::portal::billing::BillingPage;
use crate::pages::portal::invitation::InvitationPage;
use crate::pages::portal::members::MembersPage;
use crate::pages::portal::overview::OverviewPage;
use crate::pages::portal::paused::PausedPage;
use crate::pages::portal::subscription::SubscriptionPage;
use crate::pages::portal::tickets::{TicketPage, TicketsPage};
use crate::pages::storefront::{
    confirm_email::ConfirmEmailPage, credit_note::CreditNotePage, invoice::InvoicePage,
    order::OrderPage, order_status::OrderStatusPage,
};
use crate::pages::two_factor::{login::TwoFactorLoginPage, TwoFactorPage};

/// Declares one chunk: the enum `$which` naming its pages, the lazy function `$chunk` that renders
/// one of them (its code is the chunk), and for each page a route type `$route` for
/// `Lazy::<$route>::new()`. `$preload` is the loader `#[lazy]` generates for `$chunk`: the router
/// awaits it before hydrating, so the page's view is ready when hydration reaches it. The pages
/// load their data themselves (resources), so a route's data is empty.
macro_rules! lazy_chunk {
    ($(#[$doc:meta])* $chunk:ident, $preload:ident, $which:ident { $($route:ident => $page:ident,)+ }) => {
        #[doc = concat!("The pages of the chunk `", stringify!($chunk), "`.")]
        #[derive(Clone, Copy, Debug)]
        pub enum $which {
            $(
                #[doc = concat!("[`", stringify!($page), "`]")]
                $route,
            )+
        }

        $(#[$doc])*
        #[lazy]
        fn $chunk(page: $which) -> AnyView {
            match page {
                $($which::$route => view! { <$page /> }.into_any(),)+
            }
        }

        $(
            #[doc = concat!("The lazily loaded route of [`", stringify!($page), "`].")]
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    Self
                }

                async fn view(_this: Self) -> AnyView {
                    $chunk($which::$route).await
                }

                async fn preload() {
                    #[cfg(feature = "hydrate")]
                    $preload().await;
                }
            }
        )+
    };
}

lazy_chunk! {
    /// The customer's pages after the catalog: the order form, the order, its invoice and credit
    /// notes.
    storefront_pages, __preload_storefront_pages, StorefrontChunk {
        StorefrontOrderRoute => OrderPage,
        StorefrontOrderStatusRoute => OrderStatusPage,
        StorefrontInvoiceRoute => InvoicePage,
        StorefrontCreditNoteRoute => CreditNotePage,
        StorefrontConfirmEmailRoute => ConfirmEmailPage,
    }
}

lazy_chunk! {
    /// The login and its second step, for operators (storefront host) and tenant admins (instance
    /// host), and the account's own pages.
    login_page, __preload_login_page, LoginChunk {
        LoginRoute => LoginPage,
        ForgotPasswordRoute => ForgotPasswordPage,
        ResetPasswordRoute => ResetPasswordPage,
        AccountRoute => AccountPage,
        TwoFactorRoute => TwoFactorPage,
        TwoFactorLoginRoute => TwoFactorLoginPage,
    }
}

lazy_chunk! {
    /// The tenant admin's portal and support tickets.
    portal_pages, __preload_portal_pages, PortalChunk {
        PortalOverviewRoute => OverviewPage,
        PortalSubscriptionRoute => SubscriptionPage,
        PortalMembersRoute => MembersPage,
        PortalBillingRoute => BillingPage,
        InvitationRoute => InvitationPage,
        PortalTicketsRoute => TicketsPage,
        PortalTicketRoute => TicketPage,
        InstancePausedRoute => PausedPage,
    }
}

lazy_chunk! {
    /// The operator's dashboard, order queue, catalog editors and support tickets.
    operator_pages, __preload_operator_pages, OperatorChunk {
        OperatorDashboardRoute => DashboardPage,
        OperatorOrdersRoute => OrderQueuePage,
        OperatorOrderRoute => OrderDetailPage,
        OperatorInvoiceRoute => InvoiceDetailPage,
        OperatorCatalogRoute => PlansPage,
        OperatorPlanRoute => PlanEditorPage,
        OperatorAddonsRoute => AddonsPage,
        OperatorStorefrontsRoute => StorefrontsPage,
        OperatorTaxRatesRoute => TaxRatesPage,
        OperatorCouponsRoute => CouponsPage,
        OperatorProductsRoute => ProductsPage,
        OperatorModulesRoute => ModulesPage,
        OperatorVerticalsRoute => VerticalsPage,
        OperatorResourcesRoute => ResourcesPage,
        OperatorTemplatesRoute => TemplatesPage,
        OperatorTemplateRoute => TemplateEditPage,
        OperatorApiKeysRoute => ApiKeysPage,
        OperatorFraudRoute => FraudRulesPage,
        OperatorExchangeRatesRoute => ExchangeRatesPage,
        OperatorTenantsRoute => TenantListPage,
        OperatorHealthRoute => HealthPage,
        OperatorTenantRoute => TenantPage,
        OperatorRehearsalRoute => RehearsalPage,
        OperatorTicketsRoute => TicketQueuePage,
        OperatorTicketRoute => OperatorTicketPage,
    }
}
