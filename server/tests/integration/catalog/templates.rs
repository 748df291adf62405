//! Service templates: modules, allowances, settings, plans, and what is refused.
use super::structure::{message, operator, post, template};
use crate::common::*;
use app::api::catalog::parts::CreatePart;
use app::api::catalog::resources::{CreateResource, DeleteResource};
use app::api::catalog::templates::{
    AddTemplateModule, BindPlanTemplate, CreateTemplate, DeleteTemplate, ListTemplates,
    RemoveTemplateModule, RemoveTemplateSetting, SetTemplatePublished, SetTemplateResource,
    SetTemplateSetting, TemplateDetail, UpdateTemplate,
};
use app::backend::db::Engine;
use app::wire::catalog::templates::{TemplateSummary, TemplateView};

async fn templates_are_edited_and_guarded(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let op = operator(&app).await;
    let create = [
        ("code", "crm-starter"),
        ("name", "CRM starter"),
        ("demo_data", "false"),
    ];
    assert_eq!(post::<CreateTemplate>(&app, &op, &create).await.0, 200);
    assert_eq!(post::<CreateTemplate>(&app, &op, &create).await.0, 409);
    assert_eq!(
        post::<CreateTemplate>(
            &app,
            &op,
            &[("code", "x"), ("name", "X"), ("demo_data", "false")]
        )
        .await
        .0,
        422
    );
    let t = |extra: &[(&'static str, &'static str)]| {
        let mut form = vec![("template", "crm-starter")];
        form.extend_from_slice(extra);
        form
    };
    assert_eq!(
        post::<UpdateTemplate>(
            &app,
            &op,
            &t(&[("name", "CRM for starters"), ("demo_data", "true")])
        )
        .await
        .0,
        200
    );
    assert_eq!(
        post::<AddTemplateModule>(&app, &op, &t(&[("module", "sales")]))
            .await
            .0,
        200
    );
    assert_eq!(
        post::<AddTemplateModule>(&app, &op, &t(&[("module", "sales")]))
            .await
            .0,
        200,
        "adding twice changes nothing"
    );
    assert_eq!(
        post::<AddTemplateModule>(&app, &op, &t(&[("module", "nope")]))
            .await
            .0,
        422
    );
    let draft = [
        ("kind", "module"),
        ("code", "projects"),
        ("name", "Projects"),
        ("description", ""),
    ];
    assert_eq!(post::<CreatePart>(&app, &op, &draft).await.0, 200);
    assert_eq!(
        post::<AddTemplateModule>(&app, &op, &t(&[("module", "projects")]))
            .await
            .0,
        409,
        "draft modules are not added"
    );
    assert_eq!(
        post::<AddTemplateModule>(&app, &op, &t(&[("module", "accounting")]))
            .await
            .0,
        200
    );
    assert_eq!(
        post::<RemoveTemplateModule>(&app, &op, &t(&[("module", "accounting")]))
            .await
            .0,
        200
    );

    let (status, err) = post::<SetTemplateResource>(
        &app,
        &op,
        &t(&[
            ("resource", "users"),
            ("included", "5"),
            ("hard_limit", "3"),
        ]),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        message(err),
        "Hard limit must be at least the included amount"
    );
    assert_eq!(
        post::<SetTemplateResource>(
            &app,
            &op,
            &t(&[
                ("resource", "users"),
                ("included", "-1"),
                ("hard_limit", "3")
            ])
        )
        .await
        .0,
        422
    );
    assert_eq!(
        post::<SetTemplateResource>(
            &app,
            &op,
            &t(&[
                ("resource", "users"),
                ("included", "5"),
                ("hard_limit", "10")
            ])
        )
        .await
        .0,
        200
    );
    assert_eq!(
        post::<SetTemplateResource>(
            &app,
            &op,
            &t(&[
                ("resource", "users"),
                ("included", "6"),
                ("hard_limit", "12")
            ])
        )
        .await
        .0,
        200
    );
    let hidden = [("code", "seats"), ("name", "Seats"), ("unit", "seat")];
    assert_eq!(post::<CreateResource>(&app, &op, &hidden).await.0, 200);
    assert_eq!(
        post::<SetTemplateResource>(
            &app,
            &op,
            &t(&[
                ("resource", "seats"),
                ("included", "1"),
                ("hard_limit", "1")
            ])
        )
        .await
        .0,
        409
    );

    assert_eq!(
        post::<SetTemplateSetting>(&app, &op, &t(&[("key", "locale"), ("value", "fr")]))
            .await
            .0,
        200
    );
    assert_eq!(
        post::<SetTemplateSetting>(&app, &op, &t(&[("key", "locale"), ("value", "de")]))
            .await
            .0,
        200
    );
    assert_eq!(
        post::<SetTemplateSetting>(&app, &op, &t(&[("key", "theme"), ("value", "dark")]))
            .await
            .0,
        200
    );
    let (status, err) =
        post::<SetTemplateSetting>(&app, &op, &t(&[("key", "plan"), ("value", "x")])).await;
    assert_eq!(status, 422);
    assert!(message(err).contains("comes from the order"));
    assert_eq!(
        post::<SetTemplateSetting>(&app, &op, &t(&[("key", "Bad Key"), ("value", "x")]))
            .await
            .0,
        422
    );
    assert_eq!(
        post::<RemoveTemplateSetting>(&app, &op, &t(&[("key", "theme")]))
            .await
            .0,
        200
    );

    let bind = t(&[("plan", "erp-business")]);
    let (status, err) = post::<BindPlanTemplate>(&app, &op, &bind).await;
    assert_eq!(status, 409, "plans are bound to published templates only");
    assert!(message(err).contains("not published"));
    assert_eq!(
        post::<SetTemplatePublished>(&app, &op, &t(&[("published", "true")]))
            .await
            .0,
        200
    );
    assert_eq!(post::<BindPlanTemplate>(&app, &op, &bind).await.0, 200);
    assert_eq!(
        post::<BindPlanTemplate>(&app, &op, &t(&[("plan", "nope")]))
            .await
            .0,
        422
    );

    let view = template(&app, &op, "crm-starter").await;
    assert_eq!(
        (view.name.as_str(), view.demo_data, view.published),
        ("CRM for starters", true, true)
    );
    assert_eq!(view.modules, vec!["sales"]);
    assert_eq!(
        (
            view.resources.len(),
            view.resources[0].included,
            view.resources[0].hard_limit
        ),
        (1, 6, 12)
    );
    assert_eq!(
        view.settings,
        vec![("locale".to_string(), "de".to_string())]
    );
    assert_eq!(view.plans, vec!["erp-business"]);
    assert!(
        !view.module_choices.contains(&"sales".to_string())
            && view.module_choices.contains(&"accounting".to_string())
    );
    let missing = app
        .call::<TemplateView>(
            &op,
            None,
            path_of::<TemplateDetail>(),
            &[("template", "nope")],
        )
        .await;
    assert_eq!(missing.status, 404);

    let (status, err) = post::<DeleteTemplate>(&app, &op, &t(&[])).await;
    assert_eq!(status, 409, "a template with plans is not deleted");
    assert!(message(err).contains("erp-business"));
    assert_eq!(
        post::<SetTemplatePublished>(&app, &op, &t(&[("published", "false")]))
            .await
            .0,
        200
    );
    let list: Vec<TemplateSummary> = app
        .call(&op, None, path_of::<ListTemplates>(), &[])
        .await
        .body
        .expect("templates");
    let summary = list
        .iter()
        .find(|s| s.code == "crm-starter")
        .expect("listed");
    assert_eq!((summary.published, summary.plans), (false, 1));
    let (status, _) = post::<DeleteResource>(&app, &op, &[("code", "seats")]).await;
    assert_eq!(status, 200);

    // Rebinding the plan frees the template, which can then go.
    let back = [("template", "erp-business"), ("plan", "erp-business")];
    assert_eq!(post::<BindPlanTemplate>(&app, &op, &back).await.0, 200);
    assert_eq!(post::<DeleteTemplate>(&app, &op, &t(&[])).await.0, 200);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM template_settings").await,
        3,
        "only the demo's settings remain"
    );
}

on_both_engines!(templates_are_edited_and_guarded);
