//! Provisioning installs exactly what the plan's template says.
use app::api::catalog::parts::{CreatePart, ListParts, SetPartPublished};
use app::api::catalog::templates::{
    AddTemplateModule, BindPlanTemplate, CreateTemplate, SetTemplatePublished, SetTemplateSetting,
    UpdateTemplate,
};
use std::collections::BTreeMap;

use super::structure::{operator, post};
use crate::common::*;
use app::backend::db;
use app::backend::db::Engine;
use app::wire::catalog::parts::PartView;

/// The modules, settings and demo contacts in an instance's own database.
async fn instance_contents(
    app: &TestApp,
    name: &str,
) -> (Vec<String>, BTreeMap<String, String>, i64) {
    let url = app.tenant_url(name).await;
    let pool = db::connect(&url, 1).await.expect("instance database");
    let modules: Vec<(String,)> = sqlx::query_as("SELECT code FROM modules ORDER BY code")
        .fetch_all(&pool)
        .await
        .expect("modules");
    let settings: Vec<(String, String)> = sqlx::query_as("SELECT key, value FROM settings")
        .fetch_all(&pool)
        .await
        .expect("settings");
    let (demo,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM contacts WHERE demo = 1")
        .fetch_one(&pool)
        .await
        .expect("contacts");
    pool.close().await;
    (
        modules.into_iter().map(|(m,)| m).collect(),
        settings.into_iter().collect(),
        demo,
    )
}

async fn provisioning_installs_the_plans_template(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let op = operator(&app).await;
    for code in ["crm", "projects"] {
        let form = [
            ("kind", "module"),
            ("code", code),
            ("name", code),
            ("description", ""),
        ];
        assert_eq!(post::<CreatePart>(&app, &op, &form).await.0, 200);
        let publish = [("kind", "module"), ("code", code), ("published", "true")];
        assert_eq!(post::<SetPartPublished>(&app, &op, &publish).await.0, 200);
    }
    let tpl = |extra: &[(&'static str, &'static str)]| {
        let mut form = vec![("template", "crm-trial")];
        form.extend_from_slice(extra);
        form
    };
    let create = [
        ("code", "crm-trial"),
        ("name", "CRM trial"),
        ("demo_data", "true"),
    ];
    assert_eq!(post::<CreateTemplate>(&app, &op, &create).await.0, 200);
    for module in ["crm", "projects"] {
        assert_eq!(
            post::<AddTemplateModule>(&app, &op, &tpl(&[("module", module)]))
                .await
                .0,
            200
        );
    }
    for (key, value) in [
        ("timezone", "Europe/Paris"),
        ("locale", "fr"),
        ("crm.pipeline", "b2b"),
    ] {
        assert_eq!(
            post::<SetTemplateSetting>(&app, &op, &tpl(&[("key", key), ("value", value)]))
                .await
                .0,
            200
        );
    }
    assert_eq!(
        post::<SetTemplatePublished>(&app, &op, &tpl(&[("published", "true")]))
            .await
            .0,
        200
    );
    assert_eq!(
        post::<BindPlanTemplate>(&app, &op, &tpl(&[("plan", "erp-trial")]))
            .await
            .0,
        200
    );

    order_trial(&app, "acme", "ada@acme.example", "key-structure-1")
        .await
        .body
        .expect("order placed");
    let (modules, settings, demo) = instance_contents(&app, "acme").await;
    assert_eq!(
        modules,
        vec!["crm", "projects"],
        "exactly the template's modules"
    );
    let expected: BTreeMap<String, String> = [
        ("company_name", "Acme Ltd"),
        ("instance_name", "acme"),
        ("locale", "fr"),
        ("timezone", "Europe/Paris"),
        ("plan", "erp-trial"),
        ("crm.pipeline", "b2b"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(settings, expected);
    assert_eq!(demo, 3, "the template loads demo data");

    // The demo's own binding: a paid ERP plan installs the ERP modules, without demo data.
    let update = [
        ("template", "crm-trial"),
        ("name", "CRM trial"),
        ("demo_data", "false"),
    ];
    assert_eq!(post::<UpdateTemplate>(&app, &op, &update).await.0, 200);
    order_trial(&app, "beta", "bob@beta.example", "key-structure-2")
        .await
        .body
        .expect("second order");
    let (_, _, demo) = instance_contents(&app, "beta").await;
    assert_eq!(demo, 0, "the template's demo flag decides, not the plan's");

    // Re-pricing a plan in use makes a new version, which keeps the template.
    let (plan_id,): (i64,) = sqlx::query_as("SELECT id FROM plans WHERE code = 'erp-trial'")
        .fetch_one(&app.pool)
        .await
        .expect("plan");
    let plan_id = plan_id.to_string();
    let price = [
        ("plan_id", plan_id.as_str()),
        ("months", "1"),
        ("setup", "0.00"),
        ("recurring", "0.00"),
        ("renewal", "0.00"),
    ];
    let reply = app
        .call::<i64>(
            &op,
            None,
            path_of::<app::api::catalog::plans::RepricePlan>(),
            &price,
        )
        .await;
    assert_ne!(reply.body.expect("repriced").to_string(), plan_id);
    let versions = app
        .count("SELECT COUNT(*) FROM plans p JOIN service_templates t ON t.id = p.template_id WHERE p.code LIKE 'erp-trial%' AND t.code = 'crm-trial'")
        .await;
    assert_eq!(
        versions, 2,
        "both versions are provisioned from the same template"
    );

    // The operator side does not exist on an instance's host.
    let (admin, reply) = login(&app, Some("acme"), "ada@acme.example", PASSWORD).await;
    reply.body.expect("instance admin logs in");
    let refused = app
        .call::<Vec<PartView>>(
            &admin,
            Some("acme"),
            path_of::<ListParts>(),
            &[("kind", "module")],
        )
        .await;
    assert_eq!(refused.status, 404);
}

on_both_engines!(provisioning_installs_the_plans_template);
