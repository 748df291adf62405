//! `GET /openapi.json`: the API described in OpenAPI 3.1.
use axum::Json;
use serde_json::{json, Value};

fn error_response(description: &str) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } })
}

fn ok(schema: &str) -> Value {
    json!({ "description": "OK", "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{schema}") } } } })
}

fn id_param() -> Value {
    json!([{ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } }])
}

fn page_params() -> Value {
    json!([
        { "name": "limit", "in": "query", "required": false, "schema": { "type": "integer", "minimum": 1, "maximum": 200, "default": 50 } },
        { "name": "before", "in": "query", "required": false, "schema": { "type": "integer" },
          "description": "Only rows older than this id; follow the previous page's `next` link instead of building it." }
    ])
}

fn prefer_wait() -> Value {
    json!({ "name": "Prefer", "in": "header", "required": false, "schema": { "type": "string", "example": "wait=30" },
        "description": "`wait=N` (RFC 7240): wait up to N seconds (at most 60) for provisioning to finish. The answer is 201 (or 200) once the order has settled, 202 while it is still being provisioned; follow it with GET /orders/{id}." })
}

fn errors() -> Value {
    json!({
        "401": error_response("Missing or invalid API key (code `unauthorized`)"),
        "404": error_response("No such resource (code `not_found`)"),
        "409": error_response("Conflicts with existing data, e.g. a taken instance name (code `conflict`)"),
        "413": error_response("The request body is larger than the server accepts, 1 MiB unless configured otherwise (code `payload_too_large`)"),
        "422": error_response("Invalid input, including a body field the API does not know; the message says what to fix (code `invalid`)"),
    })
}

fn with_errors(mut responses: Value) -> Value {
    if let (Some(map), Value::Object(errs)) = (responses.as_object_mut(), errors()) {
        map.extend(errs);
    }
    responses
}

/// The body of `POST /orders`.
fn new_order_schema() -> Value {
    json!({ "type": "object", "required": ["plan", "company", "contact_name", "email", "password", "instance_name"], "additionalProperties": false, "properties": {
        "plan": { "type": "string" }, "storefront": { "type": "string", "description": "The storefront's code (as in `/s/<code>`); default the main storefront." },
        "company": { "type": "string" }, "contact_name": { "type": "string" },
        "email": { "type": "string", "format": "email" }, "password": { "type": "string", "minLength": 10 },
        "instance_name": { "type": "string", "pattern": "^[a-z0-9-]{3,63}$" },
        "period_months": { "type": "integer", "minimum": 1 }, "extra_users": { "type": "integer", "minimum": 0 },
        "addons": { "type": "object", "additionalProperties": { "type": "integer", "minimum": 1 } },
        "billing_country": { "type": "string", "pattern": "^[A-Z]{2}$" },
        "billing_address": { "type": "string", "maxLength": 500, "description": "Street, postal code and city; required for paid orders, printed on the invoice." },
        "payment_method": { "type": "string", "enum": ["card", "bank_transfer"] },
        "expected_total_minor": { "type": "integer", "description": "The total the client showed its user, in minor units; the order is refused (422) if the server's total differs." },
        "offer": { "type": "string", "enum": ["paid", "trial"], "description": "Where the plan offers both; default paid. Trial orders need no payment fields." },
        "card": { "type": "object", "required": ["number", "exp_month", "exp_year", "cvc"], "additionalProperties": false, "properties": {
            "number": { "type": "string" }, "exp_month": { "type": "integer" }, "exp_year": { "type": "integer" }, "cvc": { "type": "string" } } } } })
}

/// The OpenAPI document.
pub async fn document() -> Json<Value> {
    Json(json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Tenantry API",
            "version": "1",
            "description": "Catalog, orders, customers and invoices. Authenticate with an operator API key: `Authorization: Bearer tnt_...`. Errors are `{\"error\": {\"code\", \"message\"}}`."
        },
        "servers": [{ "url": "/api/v1" }],
        "security": [{ "bearer": [] }],
        "paths": {
            "/plans": { "get": { "summary": "Published plans with every price", "responses": with_errors(json!({ "200": ok("PlanList") })) } },
            "/orders": { "get": { "summary": "Orders, newest first, a page at a time; `status` keeps one workflow status",
                "parameters": [page_params()[0].clone(), page_params()[1].clone(), { "name": "status", "in": "query", "required": false, "schema": { "type": "string" } }],
                "responses": with_errors(json!({ "200": ok("List") })) },
              "post": {
                "summary": "Place an order (same workflow as the storefront); its instance is provisioned in the background unless it waits for approval",
                "parameters": [{ "name": "Idempotency-Key", "in": "header", "required": true, "schema": { "type": "string", "pattern": "^[A-Za-z0-9_-]{1,100}$" },
                    "description": "The same key and body again return the first order; the same key with another body is refused (409)." }, prefer_wait()],
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewOrder" } } } },
                "responses": with_errors(json!({ "201": ok("Order"), "202": ok("Order") }))
            } },
            "/orders/{id}": { "get": { "summary": "One order", "parameters": id_param(), "responses": with_errors(json!({ "200": ok("Order") })) } },
            "/orders/{id}/approve": { "post": { "summary": "Approve an order waiting for approval (an offline payment counts as received); provisioning follows in the background", "parameters": [id_param()[0].clone(), prefer_wait()], "responses": with_errors(json!({ "200": ok("Order"), "202": ok("Order") })) } },
            "/orders/{id}/reject": { "post": {
                "summary": "Reject an order; its payment is refunded or voided and the instance name released",
                "parameters": id_param(),
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["reason"], "additionalProperties": false, "properties": { "reason": { "type": "string" } } } } } },
                "responses": with_errors(json!({ "200": ok("Order") }))
            } },
            "/customers": { "get": { "summary": "Customers, newest first, a page at a time", "parameters": page_params(), "responses": with_errors(json!({ "200": ok("List") })) } },
            "/customers/{id}": { "get": { "summary": "One customer", "parameters": id_param(), "responses": with_errors(json!({ "200": ok("Customer") })) } },
            "/invoices": { "get": { "summary": "Invoices, newest first, a page at a time", "parameters": page_params(), "responses": with_errors(json!({ "200": ok("List") })) } },
            "/invoices/{id}": { "get": { "summary": "One invoice with its lines", "parameters": id_param(), "responses": with_errors(json!({ "200": ok("Invoice") })) } }
        },
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": {
                "Error": { "type": "object", "required": ["error"], "properties": { "error": { "type": "object", "required": ["code", "message"], "properties": {
                    "code": { "type": "string", "enum": ["invalid", "not_found", "unauthorized", "forbidden", "conflict", "payload_too_large", "too_many_requests", "internal"] },
                    "message": { "type": "string" } } } } },
                "List": { "type": "object", "properties": { "data": { "type": "array", "items": { "type": "object" } },
                    "next": { "type": ["string", "null"], "description": "Link to the next (older) page; null on the last page." } } },
                "PlanList": { "type": "object", "properties": { "data": { "type": "array", "items": { "type": "object", "properties": {
                    "code": { "type": "string" }, "name": { "type": "string" }, "currency": { "type": "string" }, "trial_days": { "type": "integer" }, "prices": { "type": "object" } } } } } },
                "NewOrder": new_order_schema(),
                "Order": { "type": "object", "properties": {
                    "id": { "type": "integer" }, "token": { "type": "string" },
                    "status": { "type": "string", "enum": ["placed", "screening", "awaiting_payment", "awaiting_approval", "provisioning", "completed", "rejected", "cancelled", "failed"] },
                    "instance_name": { "type": "string" }, "instance_url": { "type": "string" }, "plan": { "type": "string" },
                    "total_minor": { "type": "integer" }, "currency": { "type": "string" }, "invoice_number": { "type": ["string", "null"] }, "created_at": { "type": "string" } } },
                "Customer": { "type": "object", "properties": { "id": { "type": "integer" }, "company": { "type": "string" }, "contact_name": { "type": "string" }, "email": { "type": "string" }, "created_at": { "type": "string" } } },
                "Invoice": { "type": "object", "properties": { "id": { "type": "integer" }, "number": { "type": "string" }, "status": { "type": "string", "enum": ["open", "paid", "void"] },
                    "total_minor": { "type": "integer" }, "lines": { "type": "array", "items": { "type": "object" } } } }
            }
        }
    }))
}
