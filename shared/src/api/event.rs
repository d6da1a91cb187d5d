use lambda_http::{Body, Request, Response};

use crate::App;
use crate::auth::{Caller, Permission};
use crate::http::Problem;
use crate::http::request::{if_match, json_body};
use crate::http::response::json_versioned;
use crate::model::EventPatch;
use crate::store::WriteRefused;

fn event_not_found() -> Problem {
    Problem::not_found("The event of this API key does not exist.")
}

/// Get the event
///
/// The event the API key belongs to.
#[utoipa::path(
    get,
    path = "/api/rest/v1/event",
    operation_id = "getEvent",
    tag = "event",
    responses(
        (status = 200, description = "The event", body = crate::model::Event,
            headers(("ETag" = String, description = "The strong entity tag of this version, `\"<version>\"`: send it back in `If-Match` to update only that version."))),
        (status = 404, response = crate::openapi::responses::NotFound),
    )
)]
pub async fn get(app: &App, caller: &Caller) -> Result<Response<Body>, Problem> {
    caller.require(Permission::EventRead)?;
    let event = app.store.get_event(&caller.event_id).await?;
    Ok(json_versioned(&event.ok_or_else(event_not_found)?))
}

/// Update the event
///
/// Sets the given fields and leaves the others as they were; `null` clears `livestreamLink` or
/// `location`. Nothing is written when the body is invalid.
#[utoipa::path(
    post,
    path = "/api/rest/v1/event",
    operation_id = "updateEvent",
    tag = "event",
    request_body = EventPatch,
    params(("If-Match" = Option<String>, Header, nullable = false, pattern = r#"^(\*|(W/)?"[^"]*"( *, *(W/)?"[^"]*")*)$"#, description = "Apply only if the stored version has one of these strong entity tags (from `ETag`), or `*`. Otherwise nothing changes and the answer is 412 with `currentVersion`.")),
    responses(
        (status = 200, description = "The event after the update", body = crate::model::Event,
            headers(("ETag" = String, description = "The strong entity tag of this version, `\"<version>\"`: send it back in `If-Match` to update only that version."))),
        (status = 412, response = crate::openapi::responses::PreconditionFailed),
        (status = 400, response = crate::openapi::responses::BadRequest),
        (status = 404, response = crate::openapi::responses::NotFound),
        (status = 413, response = crate::openapi::responses::PayloadTooLarge),
    )
)]
pub async fn update(app: &App, caller: &Caller, req: &Request) -> Result<Response<Body>, Problem> {
    caller.require(Permission::EventUpdate)?;
    let expect = if_match(req);
    let patch: EventPatch = json_body(req)?;
    patch.validate()?;
    let now = crate::time::now();
    match app
        .store
        .update_event(&caller.event_id, &patch, &now, expect.as_ref())
        .await?
    {
        Ok(event) => Ok(json_versioned(&event)),
        Err(WriteRefused::Stale { current }) => Err(Problem::stale("event", current)),
        Err(_) => Err(event_not_found()),
    }
}
