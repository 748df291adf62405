//! Resources and products: edited, published and guarded.
use super::structure::{message, operator, post, products};
use crate::common::*;
use app::api::catalog::products::{
    AttachPart, CreateProduct, DeleteProduct, SetProductPublished, UpdateProduct,
};
use app::api::catalog::resources::{
    CreateResource, DeleteResource, ListResources, SetResourcePublished, UpdateResource,
};
use app::backend::db::Engine;
use app::wire::catalog::resources::ResourceView;

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

on_both_engines!(resources_and_products_are_edited_and_guarded);
