//! The OpenAPI document, generated from the handlers' `#[utoipa::path]` attributes and the wire
//! types: a route cannot be served without being described.
use app::wire::rest::{ErrorBody, ErrorCode, ErrorDetail};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoResponses, Modify, OpenApi};

/// The document's fixed parts; the paths are added by the router ([`super::router`]).
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tenantry API",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later"),
        version = "1",
        description = "Catalog, orders, customers and invoices. Authenticate with an operator API key: \
                       `Authorization: Bearer tnt_...`. Errors are `{\"error\": {\"code\", \"message\"}}`."
    ),
    servers((url = "/api/v1")),
    components(schemas(ErrorBody, ErrorDetail, ErrorCode)),
    security(("bearer" = [])),
    modifiers(&Bearer)
)]
pub struct ApiDoc;

/// Declares the bearer API key scheme.
struct Bearer;

impl Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The errors every operation may answer.
#[derive(IntoResponses)]
#[allow(dead_code)] // Only described, never built: errors are answered by `ApiError`.
pub enum Errors {
    /// Missing or invalid API key (code `unauthorized`).
    #[response(status = 401)]
    Unauthorized(ErrorBody),
    /// No such resource, or an id that cannot name one (code `not_found`).
    #[response(status = 404)]
    NotFound(ErrorBody),
    /// The method is not one this path answers (code `method_not_allowed`).
    #[response(status = 405)]
    MethodNotAllowed(ErrorBody),
    /// The request body is larger than the server accepts, 1 MiB unless configured otherwise
    /// (code `payload_too_large`).
    #[response(status = 413)]
    PayloadTooLarge(ErrorBody),
    /// Invalid input, including a body field or a query value the API does not accept; the
    /// message says what to fix (code `invalid`).
    #[response(status = 422)]
    Invalid(ErrorBody),
    /// Too many requests; retry after `Retry-After` seconds (code `too_many_requests`).
    #[response(status = 429)]
    TooManyRequests(ErrorBody),
    /// Something failed on the server; retrying later may help (code `internal`).
    #[response(status = 500)]
    Internal(ErrorBody),
}

/// The errors of operations that create or change something.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum ConflictError {
    /// Conflicts with existing data or the resource's state, e.g. a taken instance name, an
    /// idempotency key reused with another body, an order no longer waiting (code `conflict`).
    #[response(status = 409)]
    Conflict(ErrorBody),
}
