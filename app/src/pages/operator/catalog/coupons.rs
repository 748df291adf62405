//! The coupons page at `/operator/coupons`: every coupon with its redemptions ("3 of 10"), a form
//! for a new one and deactivation; plain form posts, so it works without JavaScript.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use super::nav::hidden;
use crate::api::coupons::{admin_coupons, CouponView, CreateCoupon, DeactivateCoupon};
use crate::components::confirm::ConfirmSubmit;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::components::table_box::{rows_or, TableBox};
use crate::domain::coupons::CouponDuration;
use crate::pages::query_param;

/// The page, for operators.
#[component]
pub fn CouponsPage() -> impl IntoView {
    let create = ServerAction::<CreateCoupon>::new();
    let deactivate = ServerAction::<DeactivateCoupon>::new();
    let list = Resource::new(
        move || (create.version().get(), deactivate.version().get()),
        |_| admin_coupons(),
    );
    let from_query = query_param("error").map(|e| match query_param("error_field") {
        Some(field) => format!("{e} ({field})"),
        None => e,
    });
    let error = Signal::derive(move || {
        let failed = create.value().get().and_then(|r| r.err());
        failed
            .or_else(|| deactivate.value().get().and_then(|r| r.err()))
            .map(|e| match e.field() {
                Some(field) => format!("{e} ({field})"),
                None => e.to_string(),
            })
            .or_else(|| from_query.clone())
    });
    view! {
        <Title text="Coupons \u{2014} Tenantry" />
        <section class="card wide">
            <div class="row"><h1>"Coupons"</h1><a href="/operator/catalog">"Catalog"</a></div>
            <p class="muted">"A coupon takes a percentage or a fixed amount off an order before tax, for its first period, a number of periods or every renewal. Deactivating one stops new redemptions; subscriptions that redeemed it keep their discount."</p>
            <ErrorBox message=error />
            <NewCouponForm action=create />
            <Loaded resource=list show={move |list| rows_or(list, "No coupons yet.", move |list| view! {
                <TableBox label="Coupons">
                <table class="table coupons">
                    <thead><tr><th>"Code"</th><th>"Discount"</th><th>"Duration"</th><th>"Only for"</th>
                        <th class="num">"Redemptions"</th><th>"Last day"</th><th>"Status"</th><th>"Actions"</th></tr></thead>
                    <tbody>{list.into_iter().map(|c| row(c, deactivate)).collect_view()}</tbody>
                </table>
                </TableBox>
            })} />
        </section>
    }
}

fn row(c: CouponView, deactivate: ServerAction<DeactivateCoupon>) -> impl IntoView {
    let only_for = [c.plan.as_str(), c.storefront.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let status = if c.active { "Active" } else { "Deactivated" };
    let code = c.code.clone();
    view! {
        <tr data-code=c.code.clone()>
            <td><code>{c.code.clone()}</code></td>
            <td>{c.discount.clone()}</td>
            <td>{duration_label(c.duration)}</td>
            <td>{only_for}</td>
            <td class="num">{c.redemptions.clone()}</td>
            <td>{c.expires_on.clone()}</td>
            <td><span class=if c.active { "badge active" } else { "badge" }>{status}</span></td>
            <td>{c.active.then(|| view! {
                <ActionForm action=deactivate attr:class="inline">
                    {hidden("code", code.clone())}
                    <ConfirmSubmit label="Deactivate" question=format!("Really deactivate {code}? It cannot be redeemed again.") confirm="Yes, deactivate" />
                </ActionForm>
            })}</td>
        </tr>
    }
}

/// How long a coupon discounts, in words.
fn duration_label(d: CouponDuration) -> String {
    match d {
        CouponDuration::Once => "First period".into(),
        CouponDuration::Periods(1) => "1 period".into(),
        CouponDuration::Periods(n) => format!("{n} periods"),
        CouponDuration::Forever => "Every period".into(),
    }
}

/// The form for a new coupon; what was typed comes back after a plain form post's error.
#[component]
fn NewCouponForm(action: ServerAction<CreateCoupon>) -> impl IntoView {
    let input = |name: &'static str, label: &'static str, placeholder: &'static str| {
        let typed = query_param(&format!("form[{name}]")).unwrap_or_default();
        view! {
            <label>{label}
                <input name=format!("form[{name}]") placeholder=placeholder value=typed />
            </label>
        }
    };
    view! {
        <ActionForm action=action attr:class="stack coupon-form">
            <h2>"New coupon"</h2>
            {input("code", "Code", "SAVE10")}
            <label>"Discount"
                <select name="form[kind]">
                    <option value="percent">"Percentage"</option>
                    <option value="fixed">"Fixed amount"</option>
                </select>
            </label>
            {input("value", "Percentage or amount", "10 or 5.00")}
            {input("currency", "Currency (fixed amount only)", "EUR")}
            <label>"Duration"
                <select name="form[duration]">
                    <option value="once">"First period"</option>
                    <option value="periods">"A number of periods"</option>
                    <option value="forever">"Every period"</option>
                </select>
            </label>
            {input("periods", "Number of periods", "3")}
            {input("plan", "Only for plan (code, optional)", "erp-business")}
            {input("storefront", "Only on storefront (code, optional)", "main")}
            {input("max_redemptions", "Redemption limit (optional)", "100")}
            {input("expires_on", "Last day, YYYY-MM-DD (optional)", "2026-12-31")}
            <button type="submit" class="primary">"Create coupon"</button>
        </ActionForm>
    }
}
