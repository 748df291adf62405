//! Modules and verticals: edited, published, attached and guarded.
use super::structure::{message, operator, parts, post, products};
use crate::common::*;
use app::api::catalog::parts::{CreatePart, DeletePart, ListParts, SetPartPublished, UpdatePart};
use app::api::catalog::products::{AttachPart, DetachPart};
use app::api::catalog::templates::DeleteTemplate;
use app::backend::db::Engine;
use app::wire::catalog::parts::PartView;

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

on_both_engines!(modules_and_verticals_are_edited_and_guarded);
