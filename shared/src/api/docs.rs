//! `GET /openapi.json` and `GET /docs`: no key, no table.
//!
//! The document served is the committed `openapi.json`, compiled in: serving it costs nothing,
//! and `openapi::tests` fails whenever it differs from what the code generates.

use lambda_http::http::{StatusCode, header};
use lambda_http::{Body, Response};

use crate::openapi;

/// Clients and the docs page may cache both for a few minutes; a deploy changes them.
const CACHE: &str = "public, max-age=300";

/// The OpenAPI document of this API
///
/// OpenAPI 3.0.3, generated from the code. Generate a client from it.
#[utoipa::path(
    get,
    path = "/api/rest/v1/openapi.json",
    operation_id = "getOpenApiDocument",
    tag = "docs",
    responses((status = 200, description = "The OpenAPI 3.0.3 document", body = Object))
)]
pub fn openapi() -> Response<Body> {
    respond("application/json", openapi::DOCUMENT)
}

/// The API reference page
///
/// An HTML page rendering this document with Scalar, whose script the browser loads from its
/// CDN.
#[utoipa::path(
    get,
    path = "/api/rest/v1/docs",
    operation_id = "getDocsPage",
    tag = "docs",
    responses((status = 200, description = "An HTML page", body = String, content_type = "text/html"))
)]
pub fn page() -> Response<Body> {
    respond("text/html; charset=utf-8", openapi::docs_page())
}

fn respond(content_type: &'static str, body: &'static str) -> Response<Body> {
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, CACHE)
        .body(Body::Text(body.to_owned()))
        .expect("static parts are valid")
}
