//! White label: an instance's portal, login page and mails wear the brand of the storefront its
//! tenant bought from (name, colour, logo, support address), so a reseller's customers never see
//! another brand. The platform's own pages keep the platform's.
use sqlx::AnyPool;

use super::host::HostKind;
use super::state::AppState;
use crate::error::Result;
use crate::i18n::{tr, tr_args, Locale};
use crate::wire::brand::BrandView;

/// A storefront's brand columns, as [`brand_of`] reads them.
type BrandRow = (String, String, String, String);

const BRAND_COLUMNS: &str = "sf.name, sf.logo_url, sf.primary_color, sf.support_email";

fn brand_of((name, logo_url, color, support_email): BrandRow) -> BrandView {
    BrandView {
        name,
        logo_url,
        color,
        support_email,
    }
}

/// The brand of tenant `tenant_id`: its subscription's storefront, else its first order's.
pub async fn of_tenant(pool: &AnyPool, tenant_id: i64) -> Result<Option<BrandView>> {
    let row: Option<BrandRow> = sqlx::query_as(&format!(
        "SELECT {BRAND_COLUMNS} FROM storefronts sf \
         WHERE sf.id = COALESCE((SELECT s.storefront_id FROM subscriptions s WHERE s.tenant_id = $1), \
         (SELECT o.storefront_id FROM orders o WHERE o.tenant_id = $1 AND o.storefront_id IS NOT NULL ORDER BY o.id LIMIT 1))"
    ))
    .bind(tenant_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(brand_of))
}

/// The brand of storefront `storefront_id`.
pub async fn of_storefront(pool: &AnyPool, storefront_id: i64) -> Result<Option<BrandView>> {
    let row: Option<BrandRow> = sqlx::query_as(&format!(
        "SELECT {BRAND_COLUMNS} FROM storefronts sf WHERE sf.id = $1"
    ))
    .bind(storefront_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(brand_of))
}

/// The brand of the instance `host` serves (none on the platform's own host, or for an instance
/// that does not exist).
pub async fn of_host(st: &AppState, host: &HostKind) -> Result<Option<BrandView>> {
    let HostKind::Instance(name) = host else {
        return Ok(None);
    };
    let tenant: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM tenants WHERE name = $1 AND state <> 'failed'")
            .bind(name)
            .fetch_optional(&st.pool)
            .await?;
    match tenant {
        Some((id,)) => of_tenant(&st.pool, id).await,
        None => Ok(None),
    }
}

/// The end of a mail: signed by the brand's team, with its support address; the platform's
/// signature without a brand.
pub fn signature(brand: Option<&BrandView>, locale: Locale) -> String {
    let Some(b) = brand else {
        return tr(locale, "mail-signature");
    };
    let mut text = tr_args(locale, "mail-signature-brand", &[("brand", b.name.clone())]);
    if !b.support_email.is_empty() {
        text.push('\n');
        text.push_str(&tr_args(
            locale,
            "mail-support",
            &[("email", b.support_email.clone())],
        ));
    }
    text
}

/// [`signature`] for a mail to tenant `tenant_id`'s people (the platform's when the brand can't
/// be read: the mail still goes).
pub async fn signature_of_tenant(pool: &AnyPool, tenant_id: i64, locale: Locale) -> String {
    signed(of_tenant(pool, tenant_id).await, locale)
}

/// [`signature`] for a mail about an order or invoice of storefront `storefront_id`.
pub async fn signature_of_storefront(pool: &AnyPool, storefront_id: i64, locale: Locale) -> String {
    signed(of_storefront(pool, storefront_id).await, locale)
}

fn signed(brand: Result<Option<BrandView>>, locale: Locale) -> String {
    match brand {
        Ok(brand) => signature(brand.as_ref(), locale),
        Err(e) => {
            tracing::warn!(error = %e, "the brand could not be read");
            signature(None, locale)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_brand_signs_with_its_name_and_support() {
        let b = BrandView {
            name: "Acme Hosting".into(),
            logo_url: String::new(),
            color: "#112233".into(),
            support_email: "help@acme-hosting.example".into(),
        };
        let text = signature(Some(&b), Locale::En);
        assert!(text.contains("The Acme Hosting team"), "{text}");
        assert!(text.contains("help@acme-hosting.example"), "{text}");
        assert!(!signature(None, Locale::En).contains("Acme"));
        let de = signature(Some(&b), Locale::De);
        assert!(de.contains("Acme Hosting"), "{de}");
    }
}
