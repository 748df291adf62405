//! A tenant's members on both engines: an admin invites by mail within the licence (of 50
//! invitations at once against 3 free seats, exactly 3 are sent), the invitee sets a name and
//! password with the link once and signs in with their role; roles change, members are
//! deactivated, reactivated and removed, and the instance's own users follow; the last active
//! admin stays; a billing contact and a plain user are refused the Users page, another tenant's
//! admin learns nothing; bad input leaves nothing behind.
use crate::common::*;
use app::api::members::{
    AcceptInvitation, ChangeMember, InviteMember, MembersOverview, MembersView, OpenInvitation,
    ResendInvitation, RevokeInvitation, SetMemberRole,
};
use app::backend::db::Engine;
use chrono::Duration;
use reqwest::Client;
use sqlx::Connection;

const ADMIN: &str = "ada@acme.example";

/// The code of the open invitation link mailed to `email` (the one whose digest is stored).
async fn code_for(app: &TestApp, email: &str) -> String {
    let codes: Vec<String> = app
        .outbox()
        .into_iter()
        .filter(|m| m.contains("invitation?code=") && m.contains(&format!("To: {email}")))
        .map(|mail| {
            let at = mail.find("invitation?code=").expect("link") + "invitation?code=".len();
            mail[at..]
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect()
        })
        .collect();
    let (stored,): (String,) = sqlx::query_as(
        "SELECT code_hash FROM invitations WHERE email = $1 AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(email)
    .fetch_one(&app.pool)
    .await
    .expect("an open invitation");
    codes
        .into_iter()
        .find(|c| app::backend::one_time::digest(c) == stored)
        .unwrap_or_else(|| panic!("no mail with the open invitation for {email}"))
}

async fn invite(app: &TestApp, admin: &Client, email: &str, role: &str) -> Reply<()> {
    app.call(
        admin,
        Some("acme"),
        path_of::<InviteMember>(),
        &[("email", email), ("role", role)],
    )
    .await
}

async fn overview(app: &TestApp, admin: &Client) -> MembersView {
    app.call::<MembersView>(admin, Some("acme"), path_of::<MembersOverview>(), &[])
        .await
        .body
        .expect("members")
}

async fn accept(app: &TestApp, code: &str, name: &str, password: &str) -> Reply<()> {
    app.call(
        &app.client(Some("acme")),
        Some("acme"),
        path_of::<AcceptInvitation>(),
        &[("code", code), ("full_name", name), ("password", password)],
    )
    .await
}

async fn member_id(app: &TestApp, email: &str) -> i64 {
    let (id,): (i64,) =
        sqlx::query_as("SELECT id FROM users WHERE email = $1 AND tenant_id IS NOT NULL")
            .bind(email)
            .fetch_one(&app.pool)
            .await
            .expect("member");
    id
}

/// The addresses in acme's own database.
async fn instance_users(app: &TestApp) -> Vec<(String, String)> {
    let mut conn = sqlx::AnyConnection::connect(&app.tenant_url("acme").await)
        .await
        .expect("instance db");
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT email, role FROM users ORDER BY email")
            .fetch_all(&mut conn)
            .await
            .expect("users");
    conn.close().await.expect("close");
    rows
}

/// acme's plan includes `n` users.
async fn licence_of(app: &TestApp, n: i64) {
    sqlx::query("UPDATE plans SET included_users = $1 WHERE code = 'erp-business'")
        .bind(n)
        .execute(&app.pool)
        .await
        .expect("licence");
}

async fn an_invited_member_joins_with_the_link_once(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    subscribed(&app).await;
    licence_of(&app, 5).await;
    let (admin, _) = login(&app, Some("acme"), ADMIN, PASSWORD).await;
    invite(&app, &admin, "bob@acme.example", "tenant_billing")
        .await
        .body
        .expect("invited");
    let v = overview(&app, &admin).await;
    assert_eq!(
        (v.seats.active, v.seats.invited, v.seats.licensed),
        (1, 1, 5)
    );
    assert_eq!(v.invitations[0].email, "bob@acme.example");
    let code = code_for(&app, "bob@acme.example").await;

    // The link says what it invites to, on its instance only.
    let landing = app
        .call::<serde_json::Value>(
            &app.client(Some("acme")),
            Some("acme"),
            path_of::<OpenInvitation>(),
            &[("code", &code)],
        )
        .await;
    assert_eq!(landing.body.expect("landing")["company"], "Acme Ltd");
    let weak = accept(&app, &code, "Bob Billing", "short")
        .await
        .body
        .unwrap_err();
    assert_eq!(weak.field(), Some("password"), "{weak}");
    let nameless = accept(&app, &code, "  ", "a-good-pass-2026")
        .await
        .body
        .unwrap_err();
    assert_eq!(nameless.field(), Some("full_name"), "{nameless}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE email = 'bob@acme.example'")
            .await,
        0
    );

    // Of twenty uses at once, one creates the member.
    let uses = (0..20).map(|_| accept(&app, &code, "Bob Billing", "a-good-pass-2026"));
    let replies = futures::future::join_all(uses).await;
    assert_eq!(replies.iter().filter(|r| r.body.is_ok()).count(), 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE email = 'bob@acme.example'")
            .await,
        1
    );
    assert!(
        accept(&app, &code, "Bob", "a-good-pass-2026")
            .await
            .body
            .is_err(),
        "used up"
    );

    // Bob signs in with his role: the billing pages, not the Users page.
    let (bob, who) = login(&app, Some("acme"), "bob@acme.example", "a-good-pass-2026").await;
    assert_eq!(
        who.body.expect("bob").role,
        app::domain::Role::TenantBilling
    );
    let refused = app
        .call::<MembersView>(&bob, Some("acme"), path_of::<MembersOverview>(), &[])
        .await;
    assert_eq!(refused.status.as_u16(), 403);
    let sub = app
        .call::<serde_json::Value>(
            &bob,
            Some("acme"),
            path_of::<app::api::subscription::SubscriptionOverview>(),
            &[],
        )
        .await;
    assert!(sub.status.is_success(), "{:?}", sub.body);
    // A billing contact does not use the instance.
    assert!(!instance_users(&app)
        .await
        .iter()
        .any(|(e, _)| e == "bob@acme.example"));

    // A plain user has no portal at all.
    invite(&app, &admin, "cy@acme.example", "tenant_user")
        .await
        .body
        .expect("cy");
    accept(
        &app,
        &code_for(&app, "cy@acme.example").await,
        "Cy User",
        "a-good-pass-2026",
    )
    .await
    .body
    .expect("cy joined");
    let (cy, _) = login(&app, Some("acme"), "cy@acme.example", "a-good-pass-2026").await;
    let portal = app
        .call::<serde_json::Value>(
            &cy,
            Some("acme"),
            path_of::<app::api::portal::PortalOverview>(),
            &[],
        )
        .await;
    assert_eq!(portal.status.as_u16(), 403);
    assert!(instance_users(&app)
        .await
        .contains(&("cy@acme.example".into(), "user".into())));

    // An expired link is refused; sent again, it works.
    invite(&app, &admin, "di@acme.example", "tenant_admin")
        .await
        .body
        .expect("di");
    let old = code_for(&app, "di@acme.example").await;
    app.clock.advance(Duration::hours(73));
    assert!(accept(&app, &old, "Di", "a-good-pass-2026")
        .await
        .body
        .is_err());
    let (admin, _) = login(&app, Some("acme"), ADMIN, PASSWORD).await;
    let v = overview(&app, &admin).await;
    assert!(v.invitations[0].expired);
    assert_eq!(v.seats.invited, 0, "an expired invitation holds no seat");
    let id = v.invitations[0].id.to_string();
    app.call::<()>(
        &admin,
        Some("acme"),
        path_of::<ResendInvitation>(),
        &[("id", &id)],
    )
    .await
    .body
    .expect("resent");
    let new = code_for(&app, "di@acme.example").await;
    assert_ne!(old, new);
    accept(&app, &new, "Di Admin", "a-good-pass-2026")
        .await
        .body
        .expect("di joined");
    assert!(instance_users(&app)
        .await
        .contains(&("di@acme.example".into(), "admin".into())));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM member_events WHERE event = 'joined'")
            .await,
        3
    );
}

async fn fifty_invitations_at_once_fill_three_seats(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    subscribed(&app).await;
    licence_of(&app, 4).await; // Ada takes one: three are free.
    let (admin, _) = login(&app, Some("acme"), ADMIN, PASSWORD).await;
    let emails: Vec<String> = (0..50).map(|i| format!("user{i}@acme.example")).collect();
    let sends = emails
        .iter()
        .map(|e| invite(&app, &admin, e, "tenant_user"));
    let replies = futures::future::join_all(sends).await;
    let sent = replies.iter().filter(|r| r.body.is_ok()).count();
    assert_eq!(
        sent,
        3,
        "{:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    for refused in replies.iter().filter_map(|r| r.body.as_ref().err()) {
        assert!(refused.to_string().contains("All 4 users"), "{refused}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM invitations").await, 3);
    let v = overview(&app, &admin).await;
    assert_eq!(v.seats.free(), 0);
    assert!(
        v.add_users_url.contains("extra_users%5D=1"),
        "{}",
        v.add_users_url
    );
    // The same address twenty times at once: one invitation.
    licence_of(&app, 10).await;
    let same = (0..20).map(|_| invite(&app, &admin, "same@acme.example", "tenant_user"));
    let replies = futures::future::join_all(same).await;
    assert_eq!(replies.iter().filter(|r| r.body.is_ok()).count(), 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM invitations WHERE email = 'same@acme.example'")
            .await,
        1
    );
    // Revoking frees the seat.
    let id = overview(&app, &admin).await.invitations[0].id.to_string();
    app.call::<()>(
        &admin,
        Some("acme"),
        path_of::<RevokeInvitation>(),
        &[("id", &id)],
    )
    .await
    .body
    .expect("revoked");
    assert_eq!(overview(&app, &admin).await.seats.invited, 3);
}

async fn roles_and_states_change_and_the_last_admin_stays(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    subscribed(&app).await;
    licence_of(&app, 3).await;
    let (admin, _) = login(&app, Some("acme"), ADMIN, PASSWORD).await;
    let ada = member_id(&app, ADMIN).await.to_string();
    let set_role = |id: String, role: &'static str| {
        let (app, admin) = (&app, admin.clone());
        async move {
            app.call::<()>(
                &admin,
                Some("acme"),
                path_of::<SetMemberRole>(),
                &[("id", &id), ("role", role)],
            )
            .await
            .body
        }
    };
    let change = |id: String, change: &'static str| {
        let (app, admin) = (&app, admin.clone());
        async move {
            app.call::<()>(
                &admin,
                Some("acme"),
                path_of::<ChangeMember>(),
                &[("id", &id), ("change", change)],
            )
            .await
            .body
        }
    };
    // Alone, Ada can't stop being an admin.
    for refused in [
        set_role(ada.clone(), "tenant_user").await,
        change(ada.clone(), "deactivate").await,
        change(ada.clone(), "remove").await,
    ] {
        assert!(refused
            .unwrap_err()
            .to_string()
            .contains("last active admin"));
    }
    assert!(
        set_role(ada.clone(), "operator").await.is_err(),
        "not a member's role"
    );

    invite(&app, &admin, "eve@acme.example", "tenant_user")
        .await
        .body
        .expect("eve");
    accept(
        &app,
        &code_for(&app, "eve@acme.example").await,
        "Eve",
        "a-good-pass-2026",
    )
    .await
    .body
    .expect("eve joined");
    let eve = member_id(&app, "eve@acme.example").await.to_string();
    let (eve_session, _) = login(&app, Some("acme"), "eve@acme.example", "a-good-pass-2026").await;

    // Deactivated, Eve's session ends, she can't sign in and leaves the instance.
    change(eve.clone(), "deactivate")
        .await
        .expect("deactivated");
    let me = app
        .call::<Option<serde_json::Value>>(
            &eve_session,
            Some("acme"),
            path_of::<app::api::auth::Me>(),
            &[],
        )
        .await;
    assert_eq!(me.body.expect("me"), None);
    assert!(
        login(&app, Some("acme"), "eve@acme.example", "a-good-pass-2026")
            .await
            .1
            .body
            .is_err()
    );
    assert!(!instance_users(&app)
        .await
        .iter()
        .any(|(e, _)| e == "eve@acme.example"));
    assert!(change(eve.clone(), "deactivate").await.is_err(), "already");
    // Her seat is free while she is deactivated: two invitations fill the licence...
    for e in ["f1@acme.example", "f2@acme.example"] {
        invite(&app, &admin, e, "tenant_user")
            .await
            .body
            .expect("invited");
    }
    // ...so she can't come back until one is revoked.
    assert!(change(eve.clone(), "reactivate")
        .await
        .unwrap_err()
        .to_string()
        .contains("All 3 users"));
    let id = overview(&app, &admin).await.invitations[0].id.to_string();
    app.call::<()>(
        &admin,
        Some("acme"),
        path_of::<RevokeInvitation>(),
        &[("id", &id)],
    )
    .await
    .body
    .expect("revoked");
    change(eve.clone(), "reactivate")
        .await
        .expect("reactivated");
    assert!(instance_users(&app)
        .await
        .contains(&("eve@acme.example".into(), "user".into())));

    // Two admins demoting each other at once leave one admin.
    set_role(eve.clone(), "tenant_admin")
        .await
        .expect("eve admin");
    assert!(instance_users(&app)
        .await
        .contains(&("eve@acme.example".into(), "admin".into())));
    let (both, _) = futures::join!(
        set_role(eve.clone(), "tenant_user"),
        set_role(ada.clone(), "tenant_user")
    );
    let _ = both;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE role = 'tenant_admin' AND state = 'active'")
            .await,
        1
    );
    // Make sure Ada is the admin again for the rest.
    let ada_role: (String,) = sqlx::query_as("SELECT role FROM users WHERE email = $1")
        .bind(ADMIN)
        .fetch_one(&app.pool)
        .await
        .expect("ada");
    let admin = if ada_role.0 == "tenant_admin" {
        admin
    } else {
        login(&app, Some("acme"), "eve@acme.example", "a-good-pass-2026")
            .await
            .0
    };

    // Removed, Eve is off the page and the instance; invited again, she comes back.
    let other = if ada_role.0 == "tenant_admin" {
        eve.clone()
    } else {
        ada.clone()
    };
    let other_email = if ada_role.0 == "tenant_admin" {
        "eve@acme.example"
    } else {
        ADMIN
    };
    app.call::<()>(
        &admin,
        Some("acme"),
        path_of::<ChangeMember>(),
        &[("id", &other), ("change", "remove")],
    )
    .await
    .body
    .expect("removed");
    let v = overview(&app, &admin).await;
    assert!(!v.members.iter().any(|m| m.email == other_email));
    invite(&app, &admin, other_email, "tenant_billing")
        .await
        .body
        .expect("invited back");
    assert!(invite(&app, &admin, &v.members[0].email, "tenant_user")
        .await
        .body
        .unwrap_err()
        .to_string()
        .contains("already a user"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM member_events WHERE event IN ('deactivated', 'reactivated', 'removed', 'role_changed')").await,
        5
    );
}

async fn only_the_tenants_admins_reach_its_members(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    subscribed(&app).await;
    let (admin, _) = login(&app, Some("acme"), ADMIN, PASSWORD).await;
    // Not logged in: 401. The operator, on the platform: not found.
    let anon = app
        .call::<MembersView>(
            &app.client(Some("acme")),
            Some("acme"),
            path_of::<MembersOverview>(),
            &[],
        )
        .await;
    assert_eq!(anon.status.as_u16(), 401);
    let (op, _) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    let on_platform = app
        .call::<MembersView>(&op, None, path_of::<MembersOverview>(), &[])
        .await;
    assert_eq!(on_platform.status.as_u16(), 404);
    // Bad input is refused and stores nothing.
    let bad = invite(&app, &admin, "not-an-email", "tenant_user")
        .await
        .body
        .unwrap_err();
    assert_eq!(bad.field(), Some("email"));
    let role = invite(&app, &admin, "x@acme.example", "operator").await;
    assert!(role.body.is_err());
    assert_eq!(app.count("SELECT COUNT(*) FROM invitations").await, 0);

    // A second tenant: its admin can't act on acme's members, nor use acme's link.
    second_tenant(&app).await;
    licence_of(&app, 5).await;
    invite(&app, &admin, "gil@acme.example", "tenant_user")
        .await
        .body
        .expect("gil");
    let code = code_for(&app, "gil@acme.example").await;
    let on_beta = app
        .call::<()>(
            &app.client(Some("beta")),
            Some("beta"),
            path_of::<AcceptInvitation>(),
            &[
                ("code", &code),
                ("full_name", "Gil"),
                ("password", "a-good-pass-2026"),
            ],
        )
        .await;
    assert!(on_beta.body.is_err(), "acme's link on beta");
    let (bea, _) = login(&app, Some("beta"), "bea@beta.example", PASSWORD).await;
    let ada = member_id(&app, ADMIN).await.to_string();
    let theirs = app
        .call::<()>(
            &bea,
            Some("beta"),
            path_of::<ChangeMember>(),
            &[("id", &ada), ("change", "deactivate")],
        )
        .await;
    assert_eq!(
        theirs.status.as_u16(),
        404,
        "another tenant's member is not found"
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM users WHERE state = 'active' AND email = 'ada@acme.example'"
        )
        .await,
        1
    );

    // Without JavaScript: the invitation form comes back to the page, the page lists it.
    let back = admin
        .post(app.url(Some("acme"), path_of::<InviteMember>()))
        .header(
            reqwest::header::ORIGIN,
            format!("http://{}", app.host(Some("acme"))),
        )
        .header(reqwest::header::ACCEPT, "text/html")
        .form(&[
            ("email", "<b>hal</b>@acme.example"),
            ("role", "tenant_user"),
        ])
        .send()
        .await
        .expect("post");
    assert!(back.headers()[reqwest::header::LOCATION]
        .to_str()
        .unwrap()
        .starts_with("/portal/members?error="));
    let page = html(&app, &admin, Some("acme"), "/portal/members").await;
    assert!(page.contains("gil@acme.example"), "{page}");
    assert!(page.contains("of 5 users"), "{page}");
    let joined = html(
        &app,
        &app.client(Some("acme")),
        Some("acme"),
        &format!("/invitation?code={code}"),
    )
    .await;
    assert!(joined.contains("Acme Ltd"), "{joined}");
}

on_both_engines!(
    an_invited_member_joins_with_the_link_once,
    fifty_invitations_at_once_fill_three_seats,
    roles_and_states_change_and_the_last_admin_stays,
    only_the_tenants_admins_reach_its_members
);
