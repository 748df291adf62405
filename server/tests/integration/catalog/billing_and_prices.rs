//! What a storefront tells its customers, on both engines: the billing details the operator sets
//! (IBAN checked when saved), the prices a plan card advertises, and plan descriptions that may not
//! promise a module the plan does not install.

use super::structure::operator;
use crate::common::*;
use app::api::catalog::plan_editor::UpdatePlanTerms;
use app::api::catalog::storefronts::{AdminStorefronts, UpdateStorefrontBilling};
use app::api::catalog::StorefrontCatalog;
use app::backend::db::Engine;
use app::wire::catalog::storefronts::AdminStorefrontView;
use app::wire::catalog::StorefrontView;

fn billing<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("storefront_id", "1"),
        ("form[legal_name]", "Example GmbH"),
        ("form[address]", "Street 1\n10115 Berlin"),
        ("form[country]", "de"),
        ("form[vat_id]", "DE 123456788"),
        ("form[registration_number]", "HRB 1"),
        ("form[account_holder]", "Example GmbH"),
        ("form[iban]", "de89 3704 0044 0532 0130 00"),
        ("form[bic]", "cobadeffxxx"),
        ("form[bank_name]", "Commerzbank"),
        ("form[reference_format]", "Order {order} / {invoice}"),
    ];
    for (k, v) in extra {
        form.retain(|(fk, _)| fk != k);
        form.push((k, v));
    }
    form
}

async fn operators_set_billing_details_checked_when_saved(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let op = operator(&app).await;
    let save = path_of::<UpdateStorefrontBilling>();
    let anonymous = app.client(None);
    assert_eq!(
        app.call::<()>(&anonymous, None, save, &billing(&[]))
            .await
            .status
            .as_u16(),
        401,
        "only an operator edits billing details"
    );
    for (bad, why) in [
        (vec![("form[iban]", "DE88370400440532013000")], "IBAN"),
        (vec![("form[iban]", "DE8937040044")], "IBAN"),
        (vec![("form[bic]", "COBA")], "BIC"),
        (
            vec![("form[reference_format]", "{invoice} {invioce}")],
            "placeholders",
        ),
        (vec![("form[account_holder]", "")], "account holder"),
        (vec![("form[country]", "Germany")], "two-letter"),
    ] {
        let reply = app.call::<()>(&op, None, save, &billing(&bad)).await;
        assert_eq!(reply.status.as_u16(), 422, "{bad:?}");
        let message = reply.body.expect_err("refused").to_string();
        assert!(message.contains(why), "{bad:?}: {message}");
    }
    let stored = |views: Vec<AdminStorefrontView>| {
        views.into_iter().find(|s| s.id == 1).expect("main").billing
    };
    let before = stored(
        app.call(&op, None, path_of::<AdminStorefronts>(), &[])
            .await
            .body
            .expect("list"),
    );
    assert_eq!(
        before.iban, "DE89370400440532013000",
        "refused forms change nothing"
    );
    assert_eq!(before.legal_name, "Tenantry Demo GmbH");

    app.call::<()>(&op, None, save, &billing(&[("form[test_mode]", "on")]))
        .await
        .body
        .expect("saved");
    let after = stored(
        app.call(&op, None, path_of::<AdminStorefronts>(), &[])
            .await
            .body
            .expect("list"),
    );
    assert_eq!(
        after.iban, "DE89370400440532013000",
        "stored without spaces"
    );
    assert_eq!(
        (after.bic.as_str(), after.country.as_str()),
        ("COBADEFFXXX", "DE")
    );
    assert_eq!(after.vat_id, "DE123456788");
    assert_eq!(after.legal_name, "Example GmbH");
    assert!(after.test_mode.is_some());
}

async fn plan_cards_advertise_every_price_and_what_is_installed(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let catalog: StorefrontView = app
        .call(
            &app.client(None),
            None,
            path_of::<StorefrontCatalog>(),
            &[("code", "")],
        )
        .await
        .body
        .expect("catalog");
    let business = catalog
        .plans
        .iter()
        .find(|p| p.code == "erp-business")
        .expect("erp-business");
    let months: Vec<u32> = business.prices.iter().map(|p| p.period_months).collect();
    assert_eq!(months, [1, 3, 12]);
    let (monthly, yearly) = (&business.prices[0], &business.prices[2]);
    assert_eq!(monthly.per_period_minor, 4_900);
    assert_eq!(monthly.setup_minor, 9_900);
    assert_eq!(monthly.first_payment_minor, 14_800);
    assert_eq!(yearly.per_month_minor, 4_158);
    assert_eq!(yearly.saving_percent, 15);
    assert_eq!(
        business.includes,
        ["Accounting", "Inventory", "Purchase", "Sales"]
    );
    let trial = catalog
        .plans
        .iter()
        .find(|p| p.code == "erp-trial")
        .expect("erp-trial");
    assert!(
        trial.prices.is_empty(),
        "a trial-only plan advertises no price"
    );
}

async fn a_description_may_not_promise_a_module_the_plan_lacks(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let op = operator(&app).await;
    let id = plan_id(&app, "erp-business").await;
    let d = detail(&app, &op, id).await;
    let (id, users, days) = (
        id.to_string(),
        d.included_users.to_string(),
        d.trial_days.to_string(),
    );
    let terms = |description: &'static str| {
        vec![
            ("plan_id", id.clone()),
            ("form[name]", d.name.clone()),
            ("form[description]", description.to_string()),
            ("form[included_users]", users.clone()),
            ("form[trial_days]", days.clone()),
            ("form[trial_end_action]", "suspend".to_string()),
        ]
    };
    let form = terms("Sales and a knowledge base for everyone.");
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let reply = app
        .call::<i64>(&op, None, path_of::<UpdatePlanTerms>(), &pairs)
        .await;
    assert_eq!(reply.status.as_u16(), 422);
    assert!(reply
        .body
        .expect_err("refused")
        .to_string()
        .contains("Knowledge base"));
    // The demo plan's own description agrees with its template.
    let form = terms("Sales, purchase, accounting and inventory for a growing team.");
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        app.call::<i64>(&op, None, path_of::<UpdatePlanTerms>(), &pairs)
            .await
            .status
            .as_u16(),
        200
    );
}

on_both_engines!(
    operators_set_billing_details_checked_when_saved,
    plan_cards_advertise_every_price_and_what_is_installed,
    a_description_may_not_promise_a_module_the_plan_lacks,
);
