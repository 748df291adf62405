//! The tax rates editor on both engines: a rate per country in basis points, bad input refused,
//! and orders taxed (or refused) accordingly.

use crate::common::*;
use app::api::catalog::tax_rates::{AdminTaxRates, RemoveTaxRate, SetTaxRate};
use app::api::orders::PlaceOrder;
use app::backend::db::Engine;
use app::wire::catalog::tax_rates::TaxRateView;

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

on_both_engines!(tax_rates_are_set_per_country_in_basis_points);
