use lambda_http::{Body, Request, Response};

use crate::App;
use crate::http::Problem;
use crate::http::request::query;
use crate::http::response::text;

/// `GET /health`: no key needed. `?deep=true` also proves the table answers.
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
