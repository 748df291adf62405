//! The storefronts editor on both engines: bad input refused, exactly one default, plans only in
//! the storefront's currency, and a currency fixed by orders.

use crate::common::*;
use app::api::catalog::storefronts::{
    AdminStorefronts, CreateStorefront, SetStorefrontPlan, UpdateStorefront,
};
use app::api::orders::PlaceOrder;
use app::backend::db::Engine;
use app::wire::catalog::storefronts::AdminStorefrontView;
use reqwest::Client;

fn storefront_form<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("form[code]", "nordic"),
        ("form[name]", "Tenantry Nordic"),
        ("form[logo_url]", "https://cdn.example/nordic.svg"),
        ("form[primary_color]", "#0B7285"),
        ("form[currency]", "EUR"),
        ("form[invoice_prefix]", "NO-"),
    ];
    for (k, v) in extra {
        form.retain(|(fk, _)| fk != k);
        form.push((k, v));
    }
    form
}

async fn storefronts(app: &TestApp, op: &Client) -> Vec<AdminStorefrontView> {
    app.call(op, None, path_of::<AdminStorefronts>(), &[])
        .await
        .body
        .expect("storefronts")
}

async fn storefronts_have_one_default_and_sell_in_their_currency(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let create = path_of::<CreateStorefront>();
    for (bad, why) in [
        (vec![("form[primary_color]", "red")], "bad colour"),
        (
            vec![("form[primary_color]", "#0b7285;x:y")],
            "style injection",
        ),
        (vec![("form[logo_url]", "javascript:alert(1)")], "bad logo"),
        (vec![("form[currency]", "EU")], "bad currency"),
        (vec![("form[code]", "No Spaces")], "bad code"),
        (vec![("form[invoice_prefix]", "")], "no prefix"),
    ] {
        assert_eq!(
            status::<i64>(&app, &op, create, &storefront_form(&bad)).await,
            422,
            "{why}"
        );
    }
    assert_eq!(
        status::<i64>(&app, &op, create, &storefront_form(&[])).await,
        200
    );
    assert_eq!(
        status::<i64>(&app, &op, create, &storefront_form(&[])).await,
        409,
        "duplicate code"
    );
    let all = storefronts(&app, &op).await;
    let nordic = all.iter().find(|s| s.code == "nordic").expect("nordic");
    assert_eq!(
        (nordic.primary_color.as_str(), nordic.is_default),
        ("#0b7285", false)
    );
    let (main, us) = (
        all[0].clone(),
        all.iter().find(|s| s.code == "us").expect("us").clone(),
    );
    assert!(main.is_default);

    // Moving the default is one transaction: exactly one default afterwards.
    let nid = nordic.id.to_string();
    let update = |extra: Vec<(&'static str, &'static str)>| {
        let (app, op, nid) = (&app, op.clone(), nid.clone());
        async move {
            let mut form = storefront_form(&extra);
            form.retain(|(k, _)| *k != "form[code]");
            form.push(("storefront_id", nid.as_str()));
            status::<()>(app, &op, path_of::<UpdateStorefront>(), &form).await
        }
    };
    assert_eq!(update(vec![("form[is_default]", "on")]).await, 200);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM storefronts WHERE is_default = 1")
            .await,
        1
    );
    let now = storefronts(&app, &op).await;
    assert!(now
        .iter()
        .find(|s| s.code == "nordic")
        .is_some_and(|s| s.is_default));
    assert_eq!(
        update(vec![]).await,
        409,
        "the default cannot just be switched off"
    );
    assert_eq!(
        update(vec![
            ("form[is_default]", "on"),
            ("form[logo_url]", "ftp://x/y")
        ])
        .await,
        422
    );

    // Publishing: only plans in the storefront's currency.
    let publish = |sf: String, plan: i64, op_: &'static str| {
        let (app, op) = (&app, op.clone());
        async move {
            let plan = plan.to_string();
            let form = [
                ("storefront_id", sf.as_str()),
                ("plan_id", plan.as_str()),
                ("op", op_),
            ];
            status::<()>(app, &op, path_of::<SetStorefrontPlan>(), &form).await
        }
    };
    let eur_plan = main
        .plans
        .iter()
        .find(|p| p.code == "erp-business")
        .expect("eur plan")
        .plan_id;
    let usd_plan = us.plans.first().expect("usd plan").plan_id;
    assert_eq!(
        publish(nid.clone(), usd_plan, "publish").await,
        422,
        "wrong currency"
    );
    assert_eq!(publish(nid.clone(), eur_plan, "publish").await, 200);
    let home = app
        .client(None)
        .get(app.url(None, "/"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("html");
    assert!(
        home.contains("Tenantry Nordic") && home.contains("ERP Business"),
        "the new default storefront sells it"
    );
    assert_eq!(
        update(vec![("form[is_default]", "on"), ("form[currency]", "USD")]).await,
        409,
        "publishes EUR plans"
    );
    assert_eq!(publish(nid.clone(), eur_plan, "withdraw").await, 200);
    assert_eq!(
        update(vec![("form[is_default]", "on"), ("form[currency]", "USD")]).await,
        200,
        "no orders, no plans: may change"
    );

    // A storefront with orders keeps its currency.
    let form = paid_form(
        "acme",
        "k1",
        &[
            ("form[storefront]", "us"),
            ("form[plan]", "erp-business-us"),
            ("form[period_months]", "1"),
            ("form[billing_country]", "US"),
        ],
    );
    let placed = app
        .call::<String>(&app.client(None), None, path_of::<PlaceOrder>(), &form)
        .await;
    assert_eq!(placed.status, 200, "{:?}", placed.body.err());
    let us_id = us.id.to_string();
    let to_eur = [
        ("storefront_id", us_id.as_str()),
        ("form[name]", us.name.as_str()),
        ("form[primary_color]", us.primary_color.as_str()),
        ("form[currency]", "EUR"),
        ("form[invoice_prefix]", us.invoice_prefix.as_str()),
    ];
    assert_eq!(
        status::<()>(&app, &op, path_of::<UpdateStorefront>(), &to_eur).await,
        409,
        "orders fix the currency"
    );

    let anon = app.client(None);
    assert_eq!(
        status::<i64>(
            &app,
            &anon,
            create,
            &storefront_form(&[("form[code]", "anon")])
        )
        .await,
        401
    );
    let page = app
        .call::<Vec<AdminStorefrontView>>(&anon, None, path_of::<AdminStorefronts>(), &[])
        .await;
    assert_eq!(page.status, 401);
}

on_both_engines!(storefronts_have_one_default_and_sell_in_their_currency);
