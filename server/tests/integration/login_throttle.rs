//! Login throttling on both engines: attempts are counted before their password is checked,
//! failures are held against the account from one address, and the client's address comes from a
//! trusted proxy's header only.

use crate::common::*;
use app::api::auth::{Login, UserView};
use app::backend::client_ip::ClientIpConfig;
use app::backend::config::Config;
use app::backend::db::Engine;
use app::domain::login_throttle::Scope;
use app::error::AppError;
use reqwest::{header, Client};
use tokio::task::JoinSet;

const WRONG: &str = "wrong password!";
const ATTACKER: &str = "203.0.113.66";
const OWNER: &str = "198.51.100.7";

/// Behind a reverse proxy on this machine that names the client in `X-Forwarded-For`.
fn behind_proxy(c: &mut Config) {
    c.client_ip = ClientIpConfig::parse(Some("X-Forwarded-For".into()), Some("127.0.0.1,::1"));
}

/// What one login answered.
struct Attempt {
    status: u16,
    retry_after: Option<i64>,
    body: Result<UserView, AppError>,
}

/// One login as the hydrated app sends it, from `from` when given (in `X-Forwarded-For`).
async fn attempt(
    client: Client,
    url: String,
    origin: String,
    from: Option<String>,
    email: &str,
    password: &str,
) -> Attempt {
    let mut req = client
        .post(url)
        .header(header::ORIGIN, origin)
        .header(header::ACCEPT, "application/json")
        .form(&[("email", email), ("password", password)]);
    if let Some(ip) = from {
        req = req.header("X-Forwarded-For", ip);
    }
    let res = req.send().await.expect("login request");
    let status = res.status().as_u16();
    let retry_after = res
        .headers()
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    let text = res.text().await.expect("body");
    let body = if status == 200 {
        Ok(serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}")))
    } else {
        Err(serde_json::from_str(&text).unwrap_or_else(|e| panic!("{status} {text}: {e}")))
    };
    Attempt {
        status,
        retry_after,
        body,
    }
}

async fn login_from(app: &TestApp, from: Option<&str>, email: &str, password: &str) -> Attempt {
    attempt(
        app.client(None),
        app.url(None, path_of::<Login>()),
        format!("http://{}", app.host(None)),
        from.map(str::to_string),
        email,
        password,
    )
    .await
}

/// Sends every login at once, each with its own client; answers in the order given.
async fn all_at_once(app: &TestApp, logins: Vec<(Option<String>, &'static str)>) -> Vec<Attempt> {
    let mut tasks = JoinSet::new();
    for (i, (from, password)) in logins.into_iter().enumerate() {
        let (client, url, origin) = (
            app.client(None),
            app.url(None, path_of::<Login>()),
            format!("http://{}", app.host(None)),
        );
        tasks.spawn(async move {
            let a = attempt(client, url, origin, from, OPERATOR_EMAIL, password).await;
            (i, a)
        });
    }
    let mut answers: Vec<(usize, Attempt)> = tasks.join_all().await;
    answers.sort_by_key(|(i, _)| *i);
    answers.into_iter().map(|(_, a)| a).collect()
}

fn assert_refused(a: &Attempt) -> i64 {
    assert_eq!(a.status, 429);
    let secs = a.retry_after.expect("a 429 says when to retry");
    match &a.body {
        Err(AppError::TooManyRequests {
            message,
            retry_after_secs,
        }) => {
            assert!(message.contains("Try again in"), "{message}");
            assert_eq!(*retry_after_secs, u64::try_from(secs).expect("positive"));
        }
        other => panic!("expected 429, got {:?}", other.as_ref().err()),
    }
    secs
}

fn assert_wrong_password(a: &Attempt) {
    assert_eq!(a.status, 422);
    assert!(matches!(&a.body, Err(AppError::Invalid(m)) if m == "Wrong email or password."));
}

async fn failures(app: &TestApp, key: &str) -> i64 {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT failures FROM login_counters WHERE counter_key = $1")
            .bind(key)
            .fetch_optional(&app.pool)
            .await
            .expect("counter");
    row.map(|r| r.0).unwrap_or(0)
}

/// Fails `n` times for the operator from `from`, waiting out each delay the server asks for.
async fn fail_patiently(app: &TestApp, from: &str, n: usize) {
    let mut failed = 0;
    while failed < n {
        let a = login_from(app, Some(from), OPERATOR_EMAIL, WRONG).await;
        if a.status == 429 {
            let secs = assert_refused(&a);
            app.clock.advance(chrono::Duration::seconds(secs));
        } else {
            assert_wrong_password(&a);
            failed += 1;
        }
    }
}

async fn parallel_guesses_are_counted_before_they_are_checked(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let answers = all_at_once(&app, (0..40).map(|_| (None, WRONG)).collect()).await;
    let checked = answers.iter().filter(|a| a.status == 422).count();
    let refused = answers.iter().filter(|a| a.status == 429).count();
    let allowed = usize::try_from(Scope::AccountFromAddress.policy().free_failures).expect("n");
    assert_eq!(
        (checked, refused),
        (allowed, 40 - allowed),
        "only the free attempts are checked"
    );
    for a in &answers {
        if a.status == 422 {
            assert_wrong_password(a);
        } else {
            assert_refused(a);
        }
    }
    let checked = i64::try_from(checked).expect("n");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM login_attempts WHERE succeeded = 0")
            .await,
        checked,
        "one history row per password checked"
    );
    let account = format!("platform:{OPERATOR_EMAIL}");
    assert_eq!(
        failures(&app, &format!("pair:{account}|127.0.0.1")).await,
        checked
    );
    assert_eq!(failures(&app, &format!("account:{account}")).await, checked);
    assert_eq!(failures(&app, "address:127.0.0.1").await, checked);
}

async fn the_owner_gets_in_from_another_address_while_an_attacker_waits(engine: Engine) {
    let app = TestApp::spawn_with(engine, behind_proxy).await;
    fail_patiently(&app, ATTACKER, 8).await;
    let held = login_from(&app, Some(ATTACKER), OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert_eq!(assert_refused(&held), 8, "the 4th delay of the pair: 8 s");

    let owner = login_from(&app, Some(OWNER), OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert_eq!(
        owner.status, 200,
        "a stranger's failures do not lock the owner out"
    );
    assert_eq!(owner.body.expect("user").email, OPERATOR_EMAIL);

    let still = login_from(&app, Some(ATTACKER), OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert_refused(&still);
    let (from_attacker, from_owner) = (
        app.count(&format!(
            "SELECT COUNT(*) FROM login_attempts WHERE ip = '{ATTACKER}' AND succeeded = 0"
        ))
        .await,
        app.count(&format!(
            "SELECT COUNT(*) FROM login_attempts WHERE ip = '{OWNER}' AND succeeded = 1"
        ))
        .await,
    );
    assert_eq!(
        (from_attacker, from_owner),
        (8, 1),
        "addresses from the proxy's header"
    );
    let account = format!("platform:{OPERATOR_EMAIL}");
    assert_eq!(
        failures(&app, &format!("account:{account}")).await,
        8,
        "the owner's success is not a failure"
    );
}

async fn an_attack_from_many_addresses_delays_the_owner_briefly(engine: Engine) {
    let app = TestApp::spawn_with(engine, behind_proxy).await;
    let answers = all_at_once(
        &app,
        (1..=40)
            .map(|i| (Some(format!("203.0.113.{i}")), WRONG))
            .collect(),
    )
    .await;
    let checked = answers.iter().filter(|a| a.status == 422).count();
    let free = usize::try_from(Scope::Account.policy().free_failures).expect("n");
    assert_eq!(checked, free, "the account's free failures, then its delay");
    let longest = answers
        .iter()
        .filter(|a| a.status == 429)
        .map(assert_refused)
        .max()
        .expect("some refused");
    assert!(
        longest <= 30,
        "the account-wide delay is short: {longest} s"
    );

    let owner = login_from(&app, Some(OWNER), OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let wait = assert_refused(&owner);
    assert!(wait <= 30, "{wait}");
    app.clock.advance(chrono::Duration::seconds(wait));
    let owner = login_from(&app, Some(OWNER), OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert_eq!(owner.status, 200, "in after the short account-wide delay");
}

async fn the_attacker_gets_in_again_once_the_delay_has_passed(engine: Engine) {
    let app = TestApp::spawn_with(engine, behind_proxy).await;
    fail_patiently(&app, ATTACKER, 5).await;
    let refused = login_from(&app, Some(ATTACKER), OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert_eq!(assert_refused(&refused), 1);
    assert!(
        matches!(&refused.body, Err(AppError::TooManyRequests { message, .. })
            if message == "Too many failed login attempts. Try again in 1 second (at 09:00:01 UTC)."),
        "{:?}",
        refused.body.as_ref().err()
    );
    app.clock.advance(chrono::Duration::milliseconds(999));
    let early = login_from(&app, Some(ATTACKER), OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert_eq!(assert_refused(&early), 1, "not yet");
    app.clock.advance(chrono::Duration::milliseconds(1));
    assert_wrong_password(&login_from(&app, Some(ATTACKER), OPERATOR_EMAIL, WRONG).await);
    let doubled = login_from(&app, Some(ATTACKER), OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert_eq!(
        assert_refused(&doubled),
        2,
        "each failure doubles the delay"
    );
    app.clock.advance(chrono::Duration::seconds(2));
    let back = login_from(&app, Some(ATTACKER), OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert_eq!(back.status, 200, "in once the delay has passed");
    let account = format!("platform:{OPERATOR_EMAIL}");
    assert_eq!(
        failures(&app, &format!("pair:{account}|{ATTACKER}")).await,
        0,
        "a success clears the failures of the account from that address"
    );
    assert_wrong_password(&login_from(&app, Some(ATTACKER), OPERATOR_EMAIL, WRONG).await);
}

async fn the_proxy_header_is_ignored_from_an_untrusted_peer(engine: Engine) {
    let app = TestApp::spawn_with(engine, |c| {
        c.client_ip = ClientIpConfig::parse(Some("X-Forwarded-For".into()), None)
    })
    .await;
    for i in 1..=5 {
        let a = login_from(&app, Some(&format!("203.0.113.{i}")), OPERATOR_EMAIL, WRONG).await;
        assert_wrong_password(&a);
    }
    let forged = login_from(&app, Some(OWNER), OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert_refused(&forged);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM login_attempts WHERE ip <> '127.0.0.1'")
            .await,
        0,
        "every attempt is the TCP peer's"
    );
}

async fn orders_take_the_client_address_from_the_trusted_proxy(engine: Engine) {
    let app = TestApp::spawn_with(engine, behind_proxy).await;
    let res = app
        .client(None)
        .post(app.url(None, path_of::<app::api::orders::PlaceOrder>()))
        .header(header::ORIGIN, format!("http://{}", app.host(None)))
        .header(header::ACCEPT, "application/json")
        .header("X-Forwarded-For", format!("10.9.9.9, {OWNER}"))
        .form(&trial_form("acme", "ada@acme.example", "k-acme"))
        .send()
        .await
        .expect("order");
    assert_eq!(res.status(), 200);
    let key = create_api_key(&app).await;
    let res = app
        .client(None)
        .post(app.url(None, "/api/v1/orders"))
        .bearer_auth(&key)
        .header("Idempotency-Key", "k-beta")
        .header("X-Forwarded-For", ATTACKER)
        .json(&serde_json::json!({
            "plan": "erp-trial", "company": "Beta", "contact_name": "Bob",
            "email": "bob@beta.example", "password": PASSWORD, "instance_name": "beta",
        }))
        .send()
        .await
        .expect("order");
    assert!(res.status().is_success(), "{}", res.status());
    app.settle().await;
    let ips: Vec<(String, String)> =
        sqlx::query_as("SELECT instance_name, client_ip FROM orders ORDER BY instance_name")
            .fetch_all(&app.pool)
            .await
            .expect("orders");
    assert_eq!(
        ips,
        vec![
            ("acme".to_string(), OWNER.to_string()),
            ("beta".to_string(), ATTACKER.to_string())
        ]
    );
}

on_both_engines!(
    parallel_guesses_are_counted_before_they_are_checked,
    the_owner_gets_in_from_another_address_while_an_attacker_waits,
    an_attack_from_many_addresses_delays_the_owner_briefly,
    the_attacker_gets_in_again_once_the_delay_has_passed,
    the_proxy_header_is_ignored_from_an_untrusted_peer,
    orders_take_the_client_address_from_the_trusted_proxy,
);
