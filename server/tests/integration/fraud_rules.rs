//! The operator's fraud rules on both engines: saved rules screen the next order; bad input is
//! refused; the country check uses the country header of a trusted proxy.

use crate::common::*;
use app::api::fraud::{FraudRules, FraudRulesView, SaveFraudRules};
use app::api::orders::PlaceOrder;
use app::backend::db::Engine;

async fn flagged(app: &TestApp, instance: &str) -> (String, String) {
    sqlx::query_as("SELECT status, flag_reasons FROM orders WHERE instance_name = $1")
        .bind(instance)
        .fetch_one(&app.pool)
        .await
        .expect("order")
}

async fn saved_rules_screen_the_next_order(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let anonymous = app
        .call::<FraudRulesView>(&app.client(None), None, path_of::<FraudRules>(), &[])
        .await;
    assert_eq!(anonymous.status, 401);
    let (operator, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let save = |fields: Vec<(&'static str, &'static str)>| {
        let operator = operator.clone();
        let app = &app;
        async move {
            app.call::<()>(&operator, None, path_of::<SaveFraudRules>(), &fields)
                .await
        }
    };
    for (per_email, domains, message) in [
        ("-1", "", "limit per email address"),
        ("5", "not_a domain", "is not a domain name"),
    ] {
        let reply = save(vec![
            ("per_email", per_email),
            ("per_ip", "10"),
            ("domains", domains),
        ])
        .await;
        assert_eq!(reply.status, 422);
        assert!(reply.body.unwrap_err().to_string().contains(message));
    }
    let ok = save(vec![
        ("per_email", "5"),
        ("per_ip", "0"),
        ("domains", "Acme.Example\n@spam.test"),
    ])
    .await;
    assert!(ok.status.is_success(), "{:?}", ok.body);
    let rules: FraudRulesView = app
        .call(&operator, None, path_of::<FraudRules>(), &[])
        .await
        .body
        .expect("rules");
    assert_eq!(
        (
            rules.per_email,
            rules.per_ip,
            rules.domains.as_str(),
            rules.check_country
        ),
        (5, 0, "acme.example\nspam.test", false)
    );
    // paid_form orders from ada@acme.example, now a listed disposable domain.
    app.call::<String>(
        &app.client(None),
        None,
        path_of::<PlaceOrder>(),
        &paid_form("acme", "k1", &[]),
    )
    .await
    .body
    .expect("order");
    let (status, reasons) = flagged(&app, "acme").await;
    assert_eq!(status, "awaiting_approval");
    assert!(
        reasons.contains("disposable email domain acme.example"),
        "{reasons}"
    );
}

/// Saves rules that check the country, then orders from France and, by the header, from the US;
/// the proxy on this machine is trusted or not.
async fn order_with_country_header(engine: Engine, proxy_trusted: bool) -> TestApp {
    let app = TestApp::spawn_with(engine, |c| {
        c.ip_country_header = Some("X-Client-Country".into());
        if proxy_trusted {
            c.client_ip.trusted_proxies = vec!["127.0.0.1".parse().expect("address")];
        }
    })
    .await;
    let (operator, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    app.call::<()>(
        &operator,
        None,
        path_of::<SaveFraudRules>(),
        &[
            ("per_email", "0"),
            ("per_ip", "0"),
            ("domains", ""),
            ("check_country", "on"),
        ],
    )
    .await
    .body
    .expect("saved");
    let key = create_api_key(&app).await;
    let order = |name: &str, country: &str| {
        let body = serde_json::json!({
            "plan": "erp-business", "company": "Acme", "contact_name": "Ada",
            "email": format!("{name}@acme.example"), "password": PASSWORD, "instance_name": name,
            "period_months": 1, "billing_country": "FR", "billing_address": "1 rue de la Paix, Paris", "payment_method": "card",
            "card": { "number": "4242424242424242", "exp_month": 12, "exp_year": 2030, "cvc": "123" },
        });
        app.client(None)
            .post(app.url(None, "/api/v1/orders"))
            .bearer_auth(&key)
            .header("Idempotency-Key", name.to_string())
            .header("X-Client-Country", country.to_string())
            .header("Prefer", "wait=30")
            .json(&body)
            .send()
    };
    order("abroad", "US").await.expect("request");
    order("athome", "FR").await.expect("request");
    app
}

async fn the_country_check_uses_the_proxy_header(engine: Engine) {
    let app = order_with_country_header(engine, true).await;
    let (status, reasons) = flagged(&app, "abroad").await;
    assert_eq!(status, "awaiting_approval");
    assert!(
        reasons.contains("billing country FR differs from the IP address's country US"),
        "{reasons}"
    );
    assert_eq!(flagged(&app, "athome").await.0, "completed");
}

async fn the_country_header_is_ignored_from_an_untrusted_peer(engine: Engine) {
    let app = order_with_country_header(engine, false).await;
    for name in ["abroad", "athome"] {
        let (status, reasons) = flagged(&app, name).await;
        assert_eq!(
            (status.as_str(), reasons.as_str()),
            ("completed", ""),
            "{name}"
        );
    }
}

on_both_engines!(
    saved_rules_screen_the_next_order,
    the_country_check_uses_the_proxy_header,
    the_country_header_is_ignored_from_an_untrusted_peer,
);
