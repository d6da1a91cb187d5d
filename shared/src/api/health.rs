use lambda_http::{Body, Request, Response};

use crate::App;
use crate::http::Problem;
use crate::http::request::query;
use crate::http::response::text;

/// Health check
///
/// `OK` when the function runs; with `deep=true`, also when the table answers (503 if it does
/// not). Any `Authorization` header is ignored.
#[utoipa::path(
    get,
    path = "/api/rest/v1/health",
    operation_id = "getHealth",
    tag = "health",
    params((
        "deep" = Option<bool>, Query,
        description = "Also read the table. Only `true` or `false`."
    )),
    responses(
        (status = 200, description = "Healthy", body = String, content_type = "text/plain",
            example = "OK"),
        (status = 400, response = crate::openapi::responses::BadRequest),
        (status = 503, response = crate::openapi::responses::Unavailable),
    )
)]
pub async fn get(app: &App, req: &Request) -> Result<Response<Body>, Problem> {
    match query(req, "deep") {
        None | Some("false") => Ok(text("OK")),
        Some("true") => match app.store.ping().await {
            Ok(()) => Ok(text("OK")),
            Err(e) => {
                tracing::warn!(error = %e, "deep health check failed");
                Err(Problem::unavailable())
            }
        },
        Some(_) => Err(Problem::field("deep", "must be true or false")),
    }
}
