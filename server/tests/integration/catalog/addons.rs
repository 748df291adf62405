//! The add-ons editor on both engines: create and edit, bad input refused, and prices fixed
//! once customers pay them.

use crate::common::*;
use app::api::catalog::addons::{AdminAddons, CreateAddon, UpdateAddon};
use app::api::orders::PlaceOrder;
use app::backend::db::Engine;
use app::wire::catalog::addons::AdminAddonView;
use reqwest::Client;

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
    assert_eq!(placed.status, 200, "{:?}", placed.body);
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

on_both_engines!(addons_keep_the_price_customers_pay);
