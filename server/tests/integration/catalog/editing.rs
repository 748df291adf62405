//! The plan editor on both engines: building a plan, refusing bad input, operators only, and
//! the pages working without JavaScript.

use crate::common::*;
use app::api::catalog::addons::CreateAddon;
use app::api::catalog::plan_editor::{
    AdminPlan, AttachPlanAddon, CreatePlan, EditPlanPeriod, RemovePlanRate, SetPlanRate,
    UpdatePlanTerms,
};
use app::api::catalog::plans::SetPlanStatus;
use app::backend::db::Engine;
use app::wire::catalog::plans::AdminPlanDetail;

fn new_plan<'a>(code: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("form[code]", code),
        ("form[name]", "ERP Starter"),
        ("form[description]", "A small start."),
        ("form[product]", "erp"),
        ("form[currency]", "EUR"),
        ("form[included_users]", "3"),
        ("form[trial_days]", "0"),
        ("form[trial_end_action]", "suspend"),
    ];
    for (k, v) in extra {
        form.retain(|(fk, _)| fk != k);
        form.push((k, v));
    }
    form
}

async fn plan_editor_builds_a_plan_and_refuses_bad_input(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let create = |extra: Vec<(&'static str, &'static str)>| {
        let (app, op) = (&app, op.clone());
        async move { edit::<CreatePlan>(app, &op, &new_plan("erp-starter", &extra)).await }
    };
    for (bad, why) in [
        (vec![("form[code]", "ERP Starter")], "bad code"),
        (vec![("form[code]", "erp@v2")], "reserved marker"),
        (vec![("form[product]", "nope")], "unknown product"),
        (vec![("form[currency]", "eur")], "bad currency"),
        (vec![("form[included_users]", "0")], "no users"),
        (vec![("form[trial_days]", "-1")], "negative trial"),
        (vec![("form[trial_days]", "abc")], "not a number"),
        (
            vec![("form[trial_end_action]", "delete")],
            "unknown end action",
        ),
        (vec![("form[name]", "  ")], "empty name"),
    ] {
        assert_eq!(create(bad).await.0, 422, "{why}");
    }
    let (status, id) = create(vec![]).await;
    assert_eq!(status, 200);
    let id = id.expect("created");
    assert_eq!(create(vec![]).await.0, 409, "duplicate code");
    let dup = new_plan("erp-business", &[]);
    assert_eq!(edit::<CreatePlan>(&app, &op, &dup).await.0, 409);
    let ids = id.to_string();
    let sid = ids.as_str();
    let publish = [("plan_id", sid), ("status", "published")];
    let r = app
        .call::<()>(&op, None, path_of::<SetPlanStatus>(), &publish)
        .await;
    assert_eq!(r.status, 422, "nothing to sell yet");

    let period = |op_: &'static str, months: &'static str, price: &'static str| {
        vec![
            ("plan_id", sid),
            ("op", op_),
            ("months", months),
            ("setup", "0"),
            ("recurring", price),
            ("renewal", price),
        ]
    };
    for (form, want, why) in [
        (period("add", "1", "19.00"), 200, "first period"),
        (period("add", "12", "190.00"), 200, "yearly period"),
        (period("add", "1", "19.00"), 409, "duplicate period"),
        (period("add", "40", "19.00"), 422, "period too long"),
        (period("add", "6", "-1"), 422, "negative price"),
        (period("add", "6", "abc"), 422, "not a price"),
        (period("add", "6", "99999999"), 422, "absurd price"),
        (period("save", "3", "19.00"), 422, "no such period"),
        (period("jump", "1", "19.00"), 422, "unknown action"),
        (period("save", "12", "180.00"), 200, "re-priced"),
        (period("remove", "12", "0"), 200, "removed"),
        (
            period("remove", "1", "0"),
            409,
            "last period of a plan without trial",
        ),
    ] {
        let (status, version) = edit::<EditPlanPeriod>(&app, &op, &form).await;
        assert_eq!(status, want, "{why}");
        if status == 200 {
            assert_eq!(version, Some(id), "unused plans change in place ({why})");
        }
    }
    let rate = |resource: &'static str,
                included: &'static str,
                limit: &'static str,
                overage: &'static str| {
        vec![
            ("plan_id", sid),
            ("form[resource]", resource),
            ("form[included]", included),
            ("form[hard_limit]", limit),
            ("form[setup]", "0"),
            ("form[recurring]", "4.00"),
            ("form[overage]", overage),
        ]
    };
    assert_eq!(
        edit::<SetPlanRate>(&app, &op, &rate("users", "3", "50", "5.00")).await,
        (200, Some(id))
    );
    assert_eq!(
        edit::<SetPlanRate>(&app, &op, &rate("storage_gb", "10", "100", "0.10"))
            .await
            .0,
        200
    );
    assert_eq!(
        edit::<SetPlanRate>(&app, &op, &rate("users", "10", "5", "5.00"))
            .await
            .0,
        422,
        "limit below included"
    );
    assert_eq!(
        edit::<SetPlanRate>(&app, &op, &rate("nope", "1", "5", "5.00"))
            .await
            .0,
        422,
        "unknown resource"
    );
    assert_eq!(
        edit::<SetPlanRate>(&app, &op, &rate("users", "3", "50", "-5"))
            .await
            .0,
        422,
        "negative overage"
    );
    let unrate = [("plan_id", sid), ("resource", "storage_gb")];
    assert_eq!(
        edit::<RemovePlanRate>(&app, &op, &unrate).await,
        (200, Some(id))
    );
    assert_eq!(
        edit::<RemovePlanRate>(&app, &op, &unrate).await.0,
        422,
        "already gone"
    );

    let support = plan_id_of_addon(&app, "support-247").await.to_string();
    let attach = [
        ("plan_id", sid),
        ("addon_id", support.as_str()),
        ("max_quantity", "2"),
    ];
    assert_eq!(
        edit::<AttachPlanAddon>(&app, &op, &attach).await,
        (200, Some(id))
    );
    let zero = [
        ("plan_id", sid),
        ("addon_id", support.as_str()),
        ("max_quantity", "0"),
    ];
    assert_eq!(edit::<AttachPlanAddon>(&app, &op, &zero).await.0, 422);
    let dollars = [
        ("form[code]", "us-support"),
        ("form[name]", "US support"),
        ("form[currency]", "USD"),
        ("form[setup]", "0"),
        ("form[recurring]", "10.00"),
    ];
    let usd = app
        .call::<i64>(&op, None, path_of::<CreateAddon>(), &dollars)
        .await
        .body
        .expect("addon");
    let usd = usd.to_string();
    let wrong = [
        ("plan_id", sid),
        ("addon_id", usd.as_str()),
        ("max_quantity", "1"),
    ];
    assert_eq!(
        edit::<AttachPlanAddon>(&app, &op, &wrong).await.0,
        422,
        "wrong currency"
    );

    let terms = [
        ("plan_id", sid),
        ("form[name]", "ERP Starter+"),
        ("form[description]", "Now with a trial."),
        ("form[included_users]", "3"),
        ("form[trial_days]", "14"),
        ("form[trial_end_action]", "archive"),
    ];
    assert_eq!(
        edit::<UpdatePlanTerms>(&app, &op, &terms).await,
        (200, Some(id))
    );
    let d = detail(&app, &op, id).await;
    assert_eq!(
        (
            d.name.as_str(),
            d.version,
            d.status.as_str(),
            d.trial_days,
            d.trial_end_action.as_str(),
            d.in_use
        ),
        ("ERP Starter+", 1, "draft", 14, "archive", false)
    );
    assert_eq!(d.periods.len(), 1);
    assert_eq!(
        (d.periods[0].months, d.periods[0].recurring.as_str()),
        (1, "19.00")
    );
    assert_eq!(d.rates.len(), 1);
    assert_eq!(
        (
            d.rates[0].resource.as_str(),
            d.rates[0].hard_limit,
            d.rates[0].overage.as_str()
        ),
        ("users", 50, "5.00")
    );
    assert_eq!((d.addons.len(), d.addons[0].max_quantity), (1, 2));
    let r = app
        .call::<()>(&op, None, path_of::<SetPlanStatus>(), &publish)
        .await;
    assert_eq!(r.status, 200, "a priced plan can be published");

    let anon = app.client(None);
    assert_eq!(
        edit::<CreatePlan>(&app, &anon, &new_plan("erp-other", &[]))
            .await
            .0,
        401
    );
    assert_eq!(
        edit::<EditPlanPeriod>(&app, &anon, &period("add", "3", "1.00"))
            .await
            .0,
        401
    );
    let page = app
        .call::<AdminPlanDetail>(&anon, None, path_of::<AdminPlan>(), &[("plan_id", sid)])
        .await;
    assert_eq!(page.status, 401);
    let missing = app
        .call::<AdminPlanDetail>(&op, None, path_of::<AdminPlan>(), &[("plan_id", "9999")])
        .await;
    assert_eq!(missing.status, 404);
}

async fn plan_id_of_addon(app: &TestApp, code: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM addons WHERE code = $1")
        .bind(code)
        .fetch_one(&app.pool)
        .await
        .expect("addon");
    id
}

async fn editor_pages_work_without_javascript(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let id = plan_id(&app, "erp-business").await;
    let page = format!("/operator/catalog/plans/{id}");
    for (path, marker) in [
        (page.as_str(), "data-plan=\"erp-business\""),
        ("/operator/catalog", "Create draft"),
        ("/operator/catalog/addons", "data-addon=\"premium-theme\""),
        ("/operator/storefronts", "data-storefront=\"us\""),
        ("/operator/tax-rates", "data-country=\"FR\""),
    ] {
        let res = op.get(app.url(None, path)).send().await.expect("get");
        assert_eq!(res.status(), 200, "{path}");
        let html = res.text().await.expect("html");
        assert!(html.contains(marker), "{path} shows {marker}");
    }
    let anon = app.client(None);
    let res = anon
        .get(app.url(None, "/operator/tax-rates"))
        .header("accept", "text/html")
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 302, "anonymous visitors are sent to log in");

    // A plain form post comes back to the editor with the error, or goes to the version now sold.
    let ids = id.to_string();
    let post = |form: Vec<(&'static str, String)>| {
        let (app, op) = (&app, op.clone());
        async move {
            op.post(app.url(None, path_of::<EditPlanPeriod>()))
                .header("origin", format!("http://{}", app.host(None)))
                .header("accept", "text/html")
                .form(&form)
                .send()
                .await
                .expect("post")
        }
    };
    let form = |price: &str| {
        vec![
            ("plan_id", ids.clone()),
            ("op", "save".to_string()),
            ("months", "1".to_string()),
            ("setup", "99.00".to_string()),
            ("recurring", price.to_string()),
            ("renewal", price.to_string()),
        ]
    };
    let refused = post(form("-3")).await;
    let back = refused.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    assert!(back.starts_with(&format!("{page}?error=")), "{back}");
    let saved = post(form("55.00")).await;
    let to = saved.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    assert_eq!(to, page, "unused: edited in place");
}

on_both_engines!(
    plan_editor_builds_a_plan_and_refuses_bad_input,
    editor_pages_work_without_javascript
);
