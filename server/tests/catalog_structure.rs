//! The catalog's structure on both engines: modules, verticals, products, resources and service
//! templates are created, edited, published and guarded; provisioning follows the plan's template.
mod common;

use std::collections::BTreeMap;

use app::api::catalog_structure::parts::{
    CreatePart, DeletePart, ListParts, SetPartPublished, UpdatePart,
};
use app::api::catalog_structure::products::{
    AttachPart, CreateProduct, DeleteProduct, DetachPart, ListProducts, SetProductPublished,
    UpdateProduct,
};
use app::api::catalog_structure::resources::{
    CreateResource, DeleteResource, ListResources, SetResourcePublished, UpdateResource,
};
use app::api::catalog_structure::templates::{
    AddTemplateModule, BindPlanTemplate, CreateTemplate, DeleteTemplate, ListTemplates,
    RemoveTemplateModule, RemoveTemplateSetting, SetTemplatePublished, SetTemplateResource,
    SetTemplateSetting, TemplateDetail, UpdateTemplate,
};
use app::api::catalog_structure::{
    PartView, ProductsView, ResourceView, TemplateSummary, TemplateView,
};
use app::backend::db::{self, Engine};
use app::backend::provisioning::TenantDb;
use app::error::AppError;
use common::*;
use reqwest::Client;

/// Posts a server function that answers nothing; returns the status and the error, if any.
async fn post<F: leptos::server_fn::ServerFn>(
    app: &TestApp,
    client: &Client,
    form: &[(&str, &str)],
) -> (u16, Option<AppError>) {
    let reply = app.call::<()>(client, None, path_of::<F>(), form).await;
    (reply.status.as_u16(), reply.body.err())
}

fn message(e: Option<AppError>) -> String {
    e.map(|e| e.to_string()).unwrap_or_default()
}

async fn operator(app: &TestApp) -> Client {
    let (client, reply) = login(app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
    reply.body.expect("operator logs in");
    client
}

async fn parts(app: &TestApp, client: &Client, kind: &str) -> Vec<PartView> {
    app.call(client, None, path_of::<ListParts>(), &[("kind", kind)])
        .await
        .body
        .expect("parts")
}

async fn products(app: &TestApp, client: &Client) -> ProductsView {
    app.call(client, None, path_of::<ListProducts>(), &[])
        .await
        .body
        .expect("products")
}

async fn template(app: &TestApp, client: &Client, code: &str) -> TemplateView {
    app.call(
        client,
        None,
        path_of::<TemplateDetail>(),
        &[("template", code)],
    )
    .await
    .body
    .expect("template")
}

async fn modules_and_verticals_are_edited_and_guarded(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let op = operator(&app).await;
    let create = |code: &'static str| {
        vec![
            ("kind", "module"),
            ("code", code),
            ("name", "CRM"),
            ("description", "Leads and pipelines."),
        ]
    };
    assert_eq!(
        post::<CreatePart>(&app, &op, &create("crm")).await,
        (200, None)
    );
    let (status, err) = post::<CreatePart>(&app, &op, &create("crm")).await;
    assert_eq!(status, 409);
    assert!(message(err).contains("already exists"));
    for bad in ["CRM", "c", "crm_x", "-crm", &"a".repeat(41)] {
        let form = [
            ("kind", "module"),
            ("code", bad),
            ("name", "X"),
            ("description", ""),
        ];
        let (status, err) = post::<CreatePart>(&app, &op, &form).await;
        assert_eq!(status, 422, "{bad:?}");
        assert!(message(err).starts_with("Module code"), "{bad:?}");
    }
    let (status, _) = post::<CreatePart>(
        &app,
        &op,
        &[
            ("kind", "gadget"),
            ("code", "ab"),
            ("name", "x"),
            ("description", ""),
        ],
    )
    .await;
    assert_eq!(status, 422);

    let update = [
        ("kind", "module"),
        ("code", "crm"),
        ("name", "Customers"),
        ("description", "Leads."),
    ];
    assert_eq!(post::<UpdatePart>(&app, &op, &update).await.0, 200);
    let crm = parts(&app, &op, "module")
        .await
        .into_iter()
        .find(|p| p.code == "crm")
        .expect("crm");
    assert_eq!(
        (
            crm.name.as_str(),
            crm.description.as_str(),
            crm.published,
            crm.used_by
        ),
        ("Customers", "Leads.", false, 0)
    );

    let attach = [("product", "erp"), ("kind", "module"), ("part", "crm")];
    let (status, err) = post::<AttachPart>(&app, &op, &attach).await;
    assert_eq!(status, 409, "a draft module cannot be attached");
    assert!(message(err).contains("not published"));
    let publish = |on: &'static str| [("kind", "module"), ("code", "crm"), ("published", on)];
    assert_eq!(
        post::<SetPartPublished>(&app, &op, &publish("true"))
            .await
            .0,
        200
    );
    assert_eq!(post::<AttachPart>(&app, &op, &attach).await.0, 200);
    let erp = products(&app, &op)
        .await
        .products
        .into_iter()
        .find(|p| p.code == "erp")
        .expect("erp");
    assert!(erp.modules.contains(&"crm".to_string()) && erp.modules.contains(&"sales".to_string()));
    assert_eq!(erp.verticals, vec!["manufacturing", "construction"]);
    let (legacy,): (String,) = sqlx::query_as("SELECT modules FROM products WHERE code = 'erp'")
        .fetch_one(&app.pool)
        .await
        .expect("products.modules");
    assert_eq!(
        legacy, "sales,purchase,accounting,inventory,crm",
        "the legacy column follows"
    );

    let (status, err) = post::<DeletePart>(&app, &op, &[("kind", "module"), ("code", "crm")]).await;
    assert_eq!(status, 409, "a module in use is not deleted");
    assert!(message(err).contains("product erp"));
    assert_eq!(
        post::<SetPartPublished>(&app, &op, &publish("false"))
            .await
            .0,
        200
    );
    assert_eq!(post::<DetachPart>(&app, &op, &attach).await.0, 200);
    assert_eq!(
        post::<DetachPart>(&app, &op, &attach).await.0,
        422,
        "no longer attached"
    );
    assert_eq!(
        post::<DeletePart>(&app, &op, &[("kind", "module"), ("code", "crm")])
            .await
            .0,
        200
    );
    assert_eq!(
        post::<DeletePart>(&app, &op, &[("kind", "module"), ("code", "crm")])
            .await
            .0,
        404
    );

    let (status, err) =
        post::<DeletePart>(&app, &op, &[("kind", "module"), ("code", "sales")]).await;
    assert_eq!(status, 409);
    assert!(
        message(err).contains("template erp-trial"),
        "templates are named too"
    );
    let vertical = [
        ("kind", "vertical"),
        ("code", "retail"),
        ("name", "Retail"),
        ("description", ""),
    ];
    assert_eq!(post::<CreatePart>(&app, &op, &vertical).await.0, 200);
    let publish_v = [
        ("kind", "vertical"),
        ("code", "retail"),
        ("published", "true"),
    ];
    assert_eq!(post::<SetPartPublished>(&app, &op, &publish_v).await.0, 200);
    assert!(parts(&app, &op, "vertical")
        .await
        .iter()
        .any(|v| v.code == "retail" && v.published));
    assert_eq!(
        post::<DeletePart>(&app, &op, &[("kind", "vertical"), ("code", "retail")])
            .await
            .0,
        200
    );
    assert_eq!(
        post::<DeletePart>(
            &app,
            &op,
            &[("kind", "vertical"), ("code", "manufacturing")]
        )
        .await
        .0,
        409
    );

    // Nobody else reaches the editors.
    let anonymous = app.client(None);
    assert_eq!(
        post::<CreatePart>(&app, &anonymous, &create("zz")).await.0,
        401
    );
    let reply = app
        .call::<Vec<PartView>>(
            &anonymous,
            None,
            path_of::<ListParts>(),
            &[("kind", "module")],
        )
        .await;
    assert_eq!(reply.status, 401);
    assert_eq!(
        post::<DeleteTemplate>(&app, &anonymous, &[("template", "erp-trial")])
            .await
            .0,
        401
    );
}

async fn resources_and_products_are_edited_and_guarded(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let op = operator(&app).await;
    let create = [
        ("code", "mailboxes"),
        ("name", "Mailboxes"),
        ("unit", "mailbox"),
    ];
    assert_eq!(post::<CreateResource>(&app, &op, &create).await.0, 200);
    assert_eq!(post::<CreateResource>(&app, &op, &create).await.0, 409);
    assert_eq!(
        post::<CreateResource>(&app, &op, &[("code", "Mail"), ("name", "M"), ("unit", "m")])
            .await
            .0,
        422
    );
    assert_eq!(
        post::<UpdateResource>(
            &app,
            &op,
            &[("code", "mailboxes"), ("name", "Mail"), ("unit", " ")]
        )
        .await
        .0,
        422
    );
    assert_eq!(
        post::<UpdateResource>(
            &app,
            &op,
            &[
                ("code", "mailboxes"),
                ("name", "Mailboxes"),
                ("unit", "box")
            ]
        )
        .await
        .0,
        200
    );
    assert_eq!(
        post::<SetResourcePublished>(&app, &op, &[("code", "mailboxes"), ("published", "true")])
            .await
            .0,
        200
    );
    let list: Vec<ResourceView> = app
        .call(&op, None, path_of::<ListResources>(), &[])
        .await
        .body
        .expect("resources");
    let mailboxes = list
        .iter()
        .find(|r| r.code == "mailboxes")
        .expect("mailboxes");
    assert_eq!(
        (
            mailboxes.unit.as_str(),
            mailboxes.published,
            mailboxes.used_by
        ),
        ("box", true, 0)
    );
    let (status, err) = post::<DeleteResource>(&app, &op, &[("code", "users")]).await;
    assert_eq!(status, 409);
    assert!(message(err).contains("plan erp-business"));
    assert_eq!(
        post::<SetResourcePublished>(&app, &op, &[("code", "mailboxes"), ("published", "false")])
            .await
            .0,
        200
    );
    assert_eq!(
        post::<DeleteResource>(&app, &op, &[("code", "mailboxes")])
            .await
            .0,
        200
    );

    let product = [
        ("code", "crm-suite"),
        ("name", "CRM Suite"),
        ("description", "Customers first."),
    ];
    assert_eq!(post::<CreateProduct>(&app, &op, &product).await.0, 200);
    let (status, err) = post::<CreateProduct>(&app, &op, &product).await;
    assert_eq!(status, 409);
    assert_eq!(
        message(err),
        "A product with code crm-suite already exists."
    );
    let (status, err) = post::<CreateProduct>(
        &app,
        &op,
        &[("code", "crm suite"), ("name", "x"), ("description", "")],
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        message(err),
        "Product code may only contain lowercase letters, digits and dashes"
    );
    assert_eq!(
        post::<UpdateProduct>(
            &app,
            &op,
            &[("code", "crm-suite"), ("name", ""), ("description", "")]
        )
        .await
        .0,
        422
    );
    assert_eq!(
        post::<UpdateProduct>(
            &app,
            &op,
            &[("code", "crm-suite"), ("name", "CRM"), ("description", "d")]
        )
        .await
        .0,
        200
    );
    assert_eq!(
        post::<UpdateProduct>(
            &app,
            &op,
            &[("code", "nope"), ("name", "CRM"), ("description", "d")]
        )
        .await
        .0,
        404
    );
    assert_eq!(
        post::<SetProductPublished>(&app, &op, &[("code", "crm-suite"), ("published", "true")])
            .await
            .0,
        200
    );
    let attach = [
        ("product", "crm-suite"),
        ("kind", "vertical"),
        ("part", "construction"),
    ];
    assert_eq!(post::<AttachPart>(&app, &op, &attach).await.0, 200);
    let page = products(&app, &op).await;
    let suite = page
        .products
        .iter()
        .find(|p| p.code == "crm-suite")
        .expect("suite");
    assert_eq!(
        (
            suite.name.as_str(),
            suite.published,
            suite.verticals.clone(),
            suite.plans
        ),
        ("CRM", true, vec!["construction".to_string()], 0)
    );
    assert!(page.module_choices.contains(&"sales".to_string()));
    assert_eq!(
        post::<SetProductPublished>(&app, &op, &[("code", "crm-suite"), ("published", "false")])
            .await
            .0,
        200
    );
    let (status, err) = post::<DeleteProduct>(&app, &op, &[("code", "erp")]).await;
    assert_eq!(status, 409);
    assert!(message(err).contains("erp-business"));
    assert_eq!(
        post::<DeleteProduct>(&app, &op, &[("code", "crm-suite")])
            .await
            .0,
        200
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM product_verticals pv JOIN verticals v ON v.id = pv.vertical_id WHERE v.code = 'construction'").await, 1);
}

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

/// The modules, settings and demo contacts in an instance's own database.
async fn instance_contents(
    app: &TestApp,
    name: &str,
) -> (Vec<String>, BTreeMap<String, String>, i64) {
    let (server, db_name): (String, String) =
        sqlx::query_as("SELECT db_server, db_name FROM tenants WHERE name = $1")
            .bind(name)
            .fetch_one(&app.pool)
            .await
            .expect("tenant");
    let url = TenantDb {
        server,
        name: db_name,
    }
    .url();
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

async fn pages_render_and_plain_forms_come_back_with_errors(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let op = operator(&app).await;
    let pages = [
        ("/operator/catalog", "Templates"),
        ("/operator/catalog/products", "knowledge-base"),
        ("/operator/catalog/modules", "Accounting"),
        ("/operator/catalog/verticals", "Construction"),
        ("/operator/catalog/resources", "storage_gb"),
        ("/operator/catalog/templates", "erp-business-us"),
        (
            "/operator/catalog/templates/erp-business-us",
            "America/New_York",
        ),
    ];
    for (path, expected) in pages {
        let res = op.get(app.url(None, path)).send().await.expect("page");
        assert_eq!(res.status(), 200, "{path}");
        let html = res.text().await.expect("html");
        assert!(html.contains(expected), "{path} shows {expected}");
    }
    let html = op
        .get(app.url(None, "/operator/catalog/templates/erp-trial"))
        .send()
        .await
        .expect("edit page")
        .text()
        .await
        .expect("html");
    let bound = html
        .split("Bound plans: ")
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .unwrap_or_default();
    assert!(html.contains("data-module=\"accounting\""));
    assert!(bound.contains("erp-trial"), "{bound}");

    // Without JavaScript, a refused form post goes back to its page with the message.
    let res = op
        .post(app.url(None, path_of::<CreatePart>()))
        .header("origin", format!("http://{}", app.host(None)))
        .header("accept", "text/html")
        .header("referer", app.url(None, "/operator/catalog/verticals"))
        .form(&[
            ("kind", "vertical"),
            ("code", "Bad Code"),
            ("name", "X"),
            ("description", ""),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 302);
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    assert!(
        location.starts_with("/operator/catalog/verticals?error="),
        "{location}"
    );
    let page = op
        .get(app.url(None, &location))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("html");
    assert!(page.contains("Vertical code may only contain lowercase letters"));
}

on_both_engines!(
    pages_render_and_plain_forms_come_back_with_errors,
    modules_and_verticals_are_edited_and_guarded,
    resources_and_products_are_edited_and_guarded,
    templates_are_edited_and_guarded,
    provisioning_installs_the_plans_template,
);
