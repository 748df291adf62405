//! Coupons: the checkout's look-up of a typed code, and the operator's list, new coupon and
//! deactivation (operator only, checked on the server).
use leptos::prelude::*;

use crate::error::AppError;
pub use crate::wire::coupons::{CouponForm, CouponTerms, CouponView};

/// The terms of a coupon typed at the checkout of `plan` on `storefront` (blank: none), for the
/// page's live price; a coupon that cannot be redeemed there is an error on the coupon field.
#[server]
pub async fn coupon_for_checkout(
    plan: String,
    storefront: String,
    code: String,
) -> Result<Option<CouponTerms>, AppError> {
    use crate::backend::catalog::storefront_plans;
    use crate::backend::{context, coupons};
    use crate::domain::coupons::Sale;
    let result = async {
        let st = context::state()?;
        let sf = storefront_plans::by_code(&st.pool, &storefront).await?;
        let row = storefront_plans::plan(&st.pool, sf.id, &plan).await?;
        let currency = crate::domain::Currency::parse(&row.currency)?;
        let sale = Sale {
            plan_family: row.family(),
            storefront: &sf.code,
            currency,
            now: st.now(),
        };
        coupons::terms_for_sale(&st.pool, &code, &sale, context::request_locale()).await
    }
    .await;
    context::finish(result, None)
}

/// Every coupon with its redemptions.
#[server]
pub async fn admin_coupons() -> Result<Vec<CouponView>, AppError> {
    use crate::backend::{context, coupons};
    context::as_operator(
        None,
        |st, _| async move { coupons::admin::list(&st.pool).await },
    )
    .await
}

/// Creates a coupon.
#[server]
pub async fn create_coupon(form: CouponForm) -> Result<(), AppError> {
    use crate::backend::{context, coupons};
    let keep = [
        ("form[code]", form.code.clone()),
        ("form[value]", form.value.clone()),
        ("form[currency]", form.currency.clone()),
        ("form[periods]", form.periods.clone()),
        ("form[plan]", form.plan.clone()),
        ("form[storefront]", form.storefront.clone()),
        ("form[max_redemptions]", form.max_redemptions.clone()),
        ("form[expires_on]", form.expires_on.clone()),
    ];
    let keep: Vec<(&str, &str)> = keep.iter().map(|(k, v)| (*k, v.as_str())).collect();
    context::as_operator(Some(("/operator/coupons", &keep)), |st, _| async move {
        coupons::admin::create(&st, &form).await
    })
    .await
}

/// Stops a coupon from being redeemed again.
#[server]
pub async fn deactivate_coupon(code: String) -> Result<(), AppError> {
    use crate::backend::{context, coupons};
    context::as_operator(Some(("/operator/coupons", &[])), |st, _| async move {
        coupons::admin::deactivate(&st, &code).await
    })
    .await
}
