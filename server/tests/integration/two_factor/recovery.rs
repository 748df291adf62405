//! A lost phone: each recovery code logs in once (of twenty uses at once, one), typed in any case
//! and with or without its dash, and the account page then says how many are left. New codes
//! replace the old ones; turning two-factor sign-in off needs the password or a current code,
//! and after it the password alone logs in again.
use super::*;
use app::api::two_factor::{DisableTwoFactor, RenewRecoveryCodes};
use app::error::AppError;

async fn a_recovery_code_logs_in_once(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let (_, codes) = enrol(&app, &op, None).await;

    // Twenty logins waiting at once, each typing the same recovery code.
    let mut waiting = Vec::new();
    for _ in 0..20 {
        waiting.push(operator_waiting(&app).await);
    }
    let tries = futures::future::join_all(
        waiting
            .iter()
            .map(|client| code_step(&app, client, None, &codes[0])),
    )
    .await;
    let statuses: Vec<u16> = tries.iter().map(|r| r.status.as_u16()).collect();
    assert_eq!(
        tries.iter().filter(|r| r.body.is_ok()).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| [200, 422, 429].contains(s)),
        "{statuses:?}"
    );
    let winner = waiting
        .iter()
        .zip(&tries)
        .find(|(_, r)| r.body.is_ok())
        .map(|(c, _)| c)
        .expect("one logged in");
    assert!(dashboard_status(&app, winner).await.is_success());
    let account = html(&app, winner, None, "/account").await;
    assert!(
        account.contains("Recovery codes left: 9"),
        "the account page counts them: {account}"
    );

    // Used is used; another code works typed loosely. (The clock first moves past the
    // throttle's memory of the refused ones: how many got past it depends on the race.)
    app.clock.advance(Duration::hours(2));
    let again = operator_waiting(&app).await;
    assert_eq!(code_step(&app, &again, None, &codes[0]).await.status, 422);
    let loose = codes[1].replace('-', " ").to_uppercase();
    code_step(&app, &again, None, &loose)
        .await
        .body
        .expect("a second code, typed loosely");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM two_factor_recovery_codes WHERE used_at IS NOT NULL")
            .await,
        2
    );
}

on_both_engines!(a_recovery_code_logs_in_once);

async fn codes_are_renewed_and_two_factor_turned_off_with_proof(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let (secret, old) = enrol(&app, &op, None).await;
    let call = |path: &'static str, proof: String| {
        let (app, op) = (&app, &op);
        async move {
            app.call::<serde_json::Value>(op, None, path, &[("proof", &proof)])
                .await
        }
    };

    // Renewing needs the password (or a code): the new codes replace the old.
    let wrong = call(path_of::<RenewRecoveryCodes>(), "not my password".into()).await;
    assert_eq!(wrong.body.unwrap_err().field(), Some("proof"));
    let new: Vec<String> = serde_json::from_value(
        call(path_of::<RenewRecoveryCodes>(), OPERATOR_PASSWORD.into())
            .await
            .body
            .expect("renewed"),
    )
    .expect("codes");
    assert_eq!(new.len(), 10);
    assert!(new.iter().all(|c| !old.contains(c)));
    let waiting = operator_waiting(&app).await;
    assert_eq!(code_step(&app, &waiting, None, &old[0]).await.status, 422);
    code_step(&app, &waiting, None, &new[0])
        .await
        .body
        .expect("a new code works");

    // Off with a current code; a recovery code is not enough.
    let refused = call(path_of::<DisableTwoFactor>(), new[1].clone()).await;
    assert!(matches!(
        refused.body.unwrap_err(),
        AppError::InField { .. }
    ));
    call(path_of::<DisableTwoFactor>(), code(&app, &secret, 0))
        .await
        .body
        .expect("off");
    assert_eq!(app.count("SELECT COUNT(*) FROM two_factor").await, 0);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM two_factor_recovery_codes")
            .await,
        0
    );
    let (_, step) = password_step(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    assert!(matches!(step.body, Ok(LoginStep::LoggedIn(_))));
}

on_both_engines!(codes_are_renewed_and_two_factor_turned_off_with_proof);
