//! The add-ons, storefronts and tax-rates editors on both engines: happy paths, bad input
//! refused with 422/409, and operators only.
mod common;

use app::api::catalog_admin::{
    AdminAddonView, AdminAddons, AdminStorefrontView, AdminStorefronts, AdminTaxRates, CreateAddon,
    CreateStorefront, RemoveTaxRate, SetStorefrontPlan, SetTaxRate, TaxRateView, UpdateAddon,
    UpdateStorefront,
};
use app::api::orders::PlaceOrder;
use app::backend::db::Engine;
use common::*;
use reqwest::Client;

async fn status<T: serde::de::DeserializeOwned>(
    app: &TestApp,
    client: &Client,
    path: &str,
    form: &[(&str, &str)],
) -> u16 {
    app.call::<T>(client, None, path, form)
        .await
        .status
        .as_u16()
}

async fn addons(app: &TestApp, op: &Client) -> Vec<AdminAddonView> {
    app.call(op, None, path_of::<AdminAddons>(), &[])
        .await
        .body
        .expect("add-ons")
}

async fn addons_keep_the_price_customers_pay(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let create = |code: &'static str, currency: &'static str, setup: &'static str| {
        vec![
            ("form[code]", code),
            ("form[name]", "Extra module"),
            ("form[description]", "One more module."),
            ("form[currency]", currency),
            ("form[setup]", setup),
            ("form[recurring]", "12.50"),
        ]
    };
    let path = path_of::<CreateAddon>();
    assert_eq!(
        status::<i64>(&app, &op, path, &create("extra-module", "EUR", "0")).await,
        200
    );
    assert_eq!(
        status::<i64>(&app, &op, path, &create("extra-module", "EUR", "0")).await,
        409,
        "duplicate"
    );
    assert_eq!(
        status::<i64>(&app, &op, path, &create("Extra Module", "EUR", "0")).await,
        422,
        "bad code"
    );
    assert_eq!(
        status::<i64>(&app, &op, path, &create("x-2", "EURO", "0")).await,
        422,
        "bad currency"
    );
    assert_eq!(
        status::<i64>(&app, &op, path, &create("x-3", "EUR", "-1")).await,
        422,
        "negative"
    );
    assert_eq!(
        status::<i64>(&app, &op, path, &create("x-4", "EUR", "5000000")).await,
        422,
        "absurd"
    );
    let extra = addons(&app, &op)
        .await
        .into_iter()
        .find(|a| a.code == "extra-module")
        .expect("listed");
    assert_eq!((extra.recurring.as_str(), extra.in_use), ("12.50", false));

    let edit = |id: String, setup: &'static str, recurring: &'static str| {
        vec![
            ("addon_id", id),
            ("form[name]", "Premium theme+".to_string()),
            ("form[description]", "Brand colours.".to_string()),
            ("form[setup]", setup.to_string()),
            ("form[recurring]", recurring.to_string()),
        ]
    };
    let update = |form: Vec<(&'static str, String)>| {
        let (app, op) = (&app, op.clone());
        async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            status::<()>(app, &op, path_of::<UpdateAddon>(), &pairs).await
        }
    };
    let theme = addons(&app, &op)
        .await
        .into_iter()
        .find(|a| a.code == "premium-theme")
        .expect("theme");
    let theme_id = theme.id.to_string();
    assert_eq!(
        update(edit(theme_id.clone(), "50.00", "6.00")).await,
        200,
        "nobody pays it yet"
    );
    assert_eq!(update(edit(theme_id.clone(), "abc", "6.00")).await, 422);
    assert_eq!(update(edit("9999".into(), "1", "1")).await, 404);

    let form = paid_form(
        "acme",
        "k1",
        &[
            ("form[period_months]", "1"),
            ("form[billing_country]", "US"),
            ("form[addons][premium-theme]", "1"),
        ],
    );
    let placed = app
        .call::<String>(&app.client(None), None, path_of::<PlaceOrder>(), &form)
        .await;
    assert_eq!(placed.status, 200);
    let theme = addons(&app, &op)
        .await
        .into_iter()
        .find(|a| a.code == "premium-theme")
        .expect("theme");
    assert!(theme.in_use);
    assert_eq!(
        update(edit(theme_id.clone(), "60.00", "6.00")).await,
        409,
        "customers pay the old price"
    );
    assert_eq!(
        update(edit(theme_id, "50.00", "6.00")).await,
        200,
        "names still change"
    );
    let theme = addons(&app, &op)
        .await
        .into_iter()
        .find(|a| a.code == "premium-theme")
        .expect("theme");
    assert_eq!(
        (theme.name.as_str(), theme.setup.as_str()),
        ("Premium theme+", "50.00")
    );

    let anon = app.client(None);
    assert_eq!(
        status::<i64>(&app, &anon, path, &create("x-5", "EUR", "0")).await,
        401
    );
    let page = app
        .call::<Vec<AdminAddonView>>(&anon, None, path_of::<AdminAddons>(), &[])
        .await;
    assert_eq!(page.status, 401);
}

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

async fn tax_rates_are_set_per_country_in_basis_points(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let set = |country: &'static str, percent: &'static str| {
        let (app, op) = (&app, op.clone());
        async move {
            app.call::<i64>(
                &op,
                None,
                path_of::<SetTaxRate>(),
                &[("country", country), ("percent", percent)],
            )
            .await
        }
    };
    assert_eq!(set("BE", "21").await.body, Ok(2100));
    assert_eq!(
        set("FR", "19.6").await.body,
        Ok(1960),
        "an existing country is updated, not duplicated"
    );
    assert_eq!(set("LU", "0").await.body, Ok(0));
    for (country, percent, why) in [
        ("XX", "20", "unknown country"),
        ("be", "20", "lower case"),
        ("BEL", "20", "alpha-3"),
        ("BE", "100.01", "above 100"),
        ("BE", "-1", "negative"),
        ("BE", "7.255", "three decimals"),
        ("BE", "abc", "not a number"),
    ] {
        assert_eq!(set(country, percent).await.status, 422, "{why}");
    }
    let rates: Vec<TaxRateView> = app
        .call(&op, None, path_of::<AdminTaxRates>(), &[])
        .await
        .body
        .expect("rates");
    let fr = rates.iter().find(|r| r.country == "FR").expect("FR");
    assert_eq!(fr.percent, "19.60");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM tax_rates WHERE country = 'FR'")
            .await,
        1
    );
    assert_eq!(
        app.count("SELECT basis_points FROM tax_rates WHERE country = 'BE'")
            .await,
        2100
    );

    // A new order from France pays the new rate; removing a country stops sales to it.
    let form = paid_form("acme", "k1", &[("form[period_months]", "1")]);
    let placed = app
        .call::<String>(&app.client(None), None, path_of::<PlaceOrder>(), &form)
        .await;
    assert_eq!(placed.status, 200);
    assert_eq!(
        app.count("SELECT total_minor FROM orders").await,
        14800 + 2901,
        "19.60 % of 148.00 is 29.008, rounded to 29.01"
    );
    let remove = |country: &'static str| {
        let (app, op) = (&app, op.clone());
        async move {
            status::<()>(
                app,
                &op,
                path_of::<RemoveTaxRate>(),
                &[("country", country)],
            )
            .await
        }
    };
    assert_eq!(remove("DE").await, 200);
    assert_eq!(remove("DE").await, 404);
    let form = paid_form(
        "berlin",
        "k2",
        &[
            ("form[period_months]", "1"),
            ("form[billing_country]", "DE"),
        ],
    );
    let refused = app
        .call::<String>(&app.client(None), None, path_of::<PlaceOrder>(), &form)
        .await;
    assert_eq!(refused.status, 422, "no longer sold to Germany");

    let anon = app.client(None);
    assert_eq!(
        status::<i64>(
            &app,
            &anon,
            path_of::<SetTaxRate>(),
            &[("country", "BE"), ("percent", "1")]
        )
        .await,
        401
    );
    assert_eq!(
        status::<()>(
            &app,
            &anon,
            path_of::<RemoveTaxRate>(),
            &[("country", "BE")]
        )
        .await,
        401
    );
}

on_both_engines!(
    addons_keep_the_price_customers_pay,
    storefronts_have_one_default_and_sell_in_their_currency,
    tax_rates_are_set_per_country_in_basis_points
);
