//! Plan versions on both engines: a price, rate, add-on or term change on a version with orders
//! makes a new version; existing subscribers stay on the old one and new orders pay the new price.

use crate::common::*;
use app::api::catalog::addons::CreateAddon;
use app::api::catalog::plan_editor::{
    AttachPlanAddon, DetachPlanAddon, EditPlanPeriod, SetPlanRate, UpdatePlanTerms,
};
use app::api::orders::PlaceOrder;
use app::backend::db::Engine;

/// Places a one-month ERP Business order from the US (no tax) and returns its total.
async fn order(app: &TestApp, instance: &str, extra: &[(&str, &str)]) -> i64 {
    let mut fields = vec![
        ("form[period_months]", "1"),
        ("form[billing_country]", "US"),
    ];
    fields.extend_from_slice(extra);
    let form = paid_form(instance, instance, &fields);
    let placed = app
        .call::<String>(&app.client(None), None, path_of::<PlaceOrder>(), &form)
        .await;
    assert_eq!(
        placed.status,
        200,
        "order {instance}: {:?}",
        placed.body.err()
    );
    let (total,): (i64,) =
        sqlx::query_as("SELECT total_minor FROM orders WHERE instance_name = $1")
            .bind(instance)
            .fetch_one(&app.pool)
            .await
            .expect("order row");
    total
}

async fn bound_plan(app: &TestApp, instance: &str) -> (i64, i64) {
    let (order,): (i64,) = sqlx::query_as("SELECT plan_id FROM orders WHERE instance_name = $1")
        .bind(instance)
        .fetch_one(&app.pool)
        .await
        .expect("order");
    let subs: Vec<(i64,)> = sqlx::query_as(
        "SELECT s.plan_id FROM subscriptions s JOIN orders o ON o.tenant_id = s.tenant_id WHERE o.instance_name = $1",
    )
    .bind(instance)
    .fetch_all(&app.pool)
    .await
    .expect("subscriptions");
    (order, subs.first().map(|(p,)| *p).unwrap_or(order))
}

async fn every_price_edit_on_a_plan_in_use_makes_a_new_version(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert_eq!(order(&app, "first", &[]).await, 4900 + 9900);
    let v1 = plan_id(&app, "erp-business").await;
    assert_eq!(bound_plan(&app, "first").await, (v1, v1));

    // A name change applies in place, even with orders.
    let d = detail(&app, &op, v1).await;
    assert!(d.in_use);
    let v1s = v1.to_string();
    let users = d.included_users.to_string();
    let trial = d.trial_days.to_string();
    let mut terms = vec![
        ("plan_id", v1s.as_str()),
        ("form[name]", "ERP Business (renamed)"),
        ("form[description]", "Same price."),
        ("form[included_users]", users.as_str()),
        ("form[trial_days]", trial.as_str()),
        ("form[trial_end_action]", "suspend"),
    ];
    assert_eq!(
        edit::<UpdatePlanTerms>(&app, &op, &terms).await,
        (200, Some(v1))
    );

    // A rate change: version 2; the old version keeps its subscriber and its rate.
    let rate = [
        ("plan_id", v1s.as_str()),
        ("form[resource]", "users"),
        ("form[included]", users.as_str()),
        ("form[hard_limit]", "500"),
        ("form[setup]", "0"),
        ("form[recurring]", "6.00"),
        ("form[overage]", "5.00"),
    ];
    let (status, v2) = edit::<SetPlanRate>(&app, &op, &rate).await;
    let v2 = v2.expect("versioned");
    assert_eq!(status, 200);
    assert_ne!(v2, v1);
    let old = detail(&app, &op, v1).await;
    assert_eq!(
        (old.code.as_str(), old.status.as_str(), old.current_id),
        ("erp-business@v1", "retired", Some(v2))
    );
    let old_users = old
        .rates
        .iter()
        .find(|r| r.resource == "users")
        .expect("users rate");
    assert_eq!(
        old_users.recurring, "4.00",
        "the subscriber's version keeps its rate"
    );
    let new = detail(&app, &op, v2).await;
    assert_eq!(
        (
            new.code.as_str(),
            new.version,
            new.status.as_str(),
            new.name.as_str()
        ),
        ("erp-business", 2, "published", "ERP Business (renamed)")
    );
    assert_eq!(
        (new.periods.len(), new.addons.len(), new.storefronts.len()),
        (old.periods.len(), old.addons.len(), 1),
        "the copy keeps periods, add-ons and storefronts"
    );
    assert_eq!(bound_plan(&app, "first").await, (v1, v1));
    terms[0].1 = v1s.as_str();
    assert_eq!(
        edit::<UpdatePlanTerms>(&app, &op, &terms).await.0,
        409,
        "a retired version is not edited"
    );
    assert_eq!(
        order(&app, "second", &[("form[extra_users]", "2")]).await,
        4900 + 9900 + 2 * 600,
        "new orders pay the new rate"
    );

    // A period price change on version 2 (now ordered): version 3.
    let v2s = v2.to_string();
    let price = [
        ("plan_id", v2s.as_str()),
        ("op", "save"),
        ("months", "1"),
        ("setup", "99.00"),
        ("recurring", "59.00"),
        ("renewal", "59.00"),
    ];
    let (_, v3) = edit::<EditPlanPeriod>(&app, &op, &price).await;
    let v3 = v3.expect("versioned");
    assert!(v3 != v2 && v3 != v1);
    assert_eq!(detail(&app, &op, v2).await.periods[0].recurring, "49.00");
    assert_eq!(bound_plan(&app, "second").await, (v2, v2));
    assert_eq!(
        order(&app, "third", &[]).await,
        5900 + 9900,
        "new orders pay the new price"
    );

    // An add-on link change on version 3: version 4, which sells the new add-on.
    let form = [
        ("form[code]", "onboarding"),
        ("form[name]", "Onboarding call"),
        ("form[currency]", "EUR"),
        ("form[setup]", "30.00"),
        ("form[recurring]", "0"),
    ];
    let addon = app
        .call::<i64>(&op, None, path_of::<CreateAddon>(), &form)
        .await
        .body
        .expect("addon")
        .to_string();
    let v3s = v3.to_string();
    let attach = [
        ("plan_id", v3s.as_str()),
        ("addon_id", addon.as_str()),
        ("max_quantity", "1"),
    ];
    let (_, v4) = edit::<AttachPlanAddon>(&app, &op, &attach).await;
    let v4 = v4.expect("versioned");
    assert_ne!(v4, v3);
    assert!(detail(&app, &op, v3)
        .await
        .addons
        .iter()
        .all(|a| a.code != "onboarding"));
    assert_eq!(bound_plan(&app, "third").await, (v3, v3));
    assert_eq!(
        order(&app, "fourth", &[("form[addons][onboarding]", "1")]).await,
        5900 + 9900 + 3000
    );

    // Detaching from the ordered version 4 versions again; retired versions are never deleted.
    let v4s = v4.to_string();
    let detach = [("plan_id", v4s.as_str()), ("addon_id", addon.as_str())];
    let (_, v5) = edit::<DetachPlanAddon>(&app, &op, &detach).await;
    assert_ne!(v5.expect("versioned"), v4);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM plans WHERE code = 'erp-business' OR code LIKE 'erp-business@v%'"
        )
        .await,
        5
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM plans WHERE code LIKE 'erp-business@v%' AND status = 'retired'"
        )
        .await,
        4
    );
}

on_both_engines!(every_price_edit_on_a_plan_in_use_makes_a_new_version);
