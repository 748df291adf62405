//! Catalog editing on both engines: re-pricing keeps subscribers on their version; retire, not delete.

use crate::common::*;
use app::api::catalog::plans::{AdminPlans, DeletePlan, RepricePlan, SetPlanStatus};
use app::api::orders::PlaceOrder;
use app::backend::db::Engine;
use app::wire::catalog::plans::AdminPlanView;

async fn order(app: &TestApp, instance: &str) -> i64 {
    let form = paid_form(
        instance,
        instance,
        &[
            ("form[period_months]", "1"),
            ("form[billing_country]", "US"),
        ],
    );
    app.call::<String>(&app.client(None), None, path_of::<PlaceOrder>(), &form)
        .await
        .body
        .expect("order");
    let (total,): (i64,) =
        sqlx::query_as("SELECT total_minor FROM orders WHERE instance_name = $1")
            .bind(instance)
            .fetch_one(&app.pool)
            .await
            .expect("order row");
    total
}

async fn plan(app: &TestApp, client: &reqwest::Client, code: &str) -> AdminPlanView {
    let plans: Vec<AdminPlanView> = app
        .call(client, None, path_of::<AdminPlans>(), &[])
        .await
        .body
        .expect("plans");
    plans
        .into_iter()
        .find(|p| p.code == code)
        .unwrap_or_else(|| panic!("no plan {code}"))
}

async fn repricing_keeps_subscribers_on_their_version(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    assert_eq!(
        order(&app, "first").await,
        4900 + 9900,
        "49.00 a month plus 99.00 setup, no US tax"
    );
    let (operator, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let incomplete = app
        .call::<i64>(
            &operator,
            None,
            path_of::<RepricePlan>(),
            &[("plan_id", "1")],
        )
        .await;
    assert_eq!(
        incomplete.status, 422,
        "a form missing fields is the caller's mistake"
    );
    let old = plan(&app, &operator, "erp-business").await;
    let old_id = old.id.to_string();
    let price = |setup: &'static str, first: &'static str| {
        let id = old_id.clone();
        move |months: &'static str| {
            vec![
                ("plan_id", id.clone()),
                ("months", months.to_string()),
                ("setup", setup.to_string()),
                ("recurring", first.to_string()),
                ("renewal", first.to_string()),
            ]
        }
    };
    let call = |form: Vec<(&'static str, String)>| {
        let operator = operator.clone();
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call::<i64>(&operator, None, path_of::<RepricePlan>(), &pairs)
                .await
        }
    };
    assert_eq!(call(price("99.00", "-5")("1")).await.status, 422);
    assert_eq!(call(price("99.00", "abc")("1")).await.status, 422);
    assert_eq!(
        call(price("99.00", "59.00")("5")).await.status,
        422,
        "no 5-month period"
    );
    let new_id = call(price("99.00", "59.00")("1"))
        .await
        .body
        .expect("repriced");
    assert_ne!(new_id, old.id, "a plan in use gets a new version");

    let retired = plan(&app, &operator, "erp-business@v1").await;
    assert_eq!(
        (retired.status.as_str(), retired.subscribers),
        ("retired", 1)
    );
    assert_eq!(
        retired.periods[0].recurring, "49.00",
        "the subscriber's version keeps its price"
    );
    let current = plan(&app, &operator, "erp-business").await;
    assert_eq!(
        (
            current.version,
            current.status.as_str(),
            current.periods[0].recurring.as_str()
        ),
        (2, "published", "59.00")
    );
    let (sub_plan,): (i64,) = sqlx::query_as("SELECT plan_id FROM subscriptions")
        .fetch_one(&app.pool)
        .await
        .expect("sub");
    assert_eq!(sub_plan, old.id);
    assert_eq!(
        order(&app, "second").await,
        5900 + 9900,
        "new orders pay the new price"
    );

    let del = app
        .call::<()>(
            &operator,
            None,
            path_of::<DeletePlan>(),
            &[("plan_id", &old_id)],
        )
        .await;
    assert_eq!(
        del.status, 409,
        "a plan with subscribers is retired, never deleted"
    );
    let again = app
        .call::<()>(
            &operator,
            None,
            path_of::<SetPlanStatus>(),
            &[("plan_id", &old_id), ("status", "published")],
        )
        .await;
    assert_eq!(again.status, 409, "a retired version is not sold again");
}

async fn unused_plans_change_in_place_and_can_be_unpublished_or_deleted(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (operator, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let enterprise = plan(&app, &operator, "erp-enterprise").await;
    let id = enterprise.id.to_string();
    let form = [
        ("plan_id", id.as_str()),
        ("months", "12"),
        ("setup", "0"),
        ("recurring", "1800.00"),
        ("renewal", "1900.00"),
    ];
    let same = app
        .call::<i64>(&operator, None, path_of::<RepricePlan>(), &form)
        .await
        .body
        .expect("repriced");
    assert_eq!(same, enterprise.id, "nobody bought it: changed in place");
    let storefront = || async {
        app.client(None)
            .get(app.url(None, "/"))
            .send()
            .await
            .expect("get")
            .text()
            .await
            .expect("html")
    };
    app.call::<()>(
        &operator,
        None,
        path_of::<SetPlanStatus>(),
        &[("plan_id", &id), ("status", "draft")],
    )
    .await
    .body
    .expect("unpublished");
    assert!(!storefront().await.contains("ERP Enterprise"));
    app.call::<()>(
        &operator,
        None,
        path_of::<SetPlanStatus>(),
        &[("plan_id", &id), ("status", "published")],
    )
    .await
    .body
    .expect("published");
    assert!(storefront().await.contains("\u{20ac}1,800.00"));
    let team = plan(&app, &operator, "helpdesk-team").await;
    app.call::<()>(
        &operator,
        None,
        path_of::<DeletePlan>(),
        &[("plan_id", &team.id.to_string())],
    )
    .await
    .body
    .expect("deleted");
    assert!(!storefront().await.contains("Helpdesk Team</h2>"));
    let anon = app
        .call::<Vec<AdminPlanView>>(&app.client(None), None, path_of::<AdminPlans>(), &[])
        .await;
    assert_eq!(anon.status, 401);
}

on_both_engines!(
    repricing_keeps_subscribers_on_their_version,
    unused_plans_change_in_place_and_can_be_unpublished_or_deleted
);
