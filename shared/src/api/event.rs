use lambda_http::{Body, Request, Response};

use crate::App;
use crate::auth::{Caller, Permission};
use crate::http::Problem;
use crate::http::request::json_body;
use crate::http::response::json;
use crate::model::EventPatch;

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
        (status = 200, description = "The event", body = crate::model::Event),
        (status = 404, response = crate::openapi::responses::NotFound),
    )
)]
pub async fn get(app: &App, caller: &Caller) -> Result<Response<Body>, Problem> {
    caller.require(Permission::EventRead)?;
    let event = app.store.get_event(&caller.event_id).await?;
    Ok(json(&event.ok_or_else(event_not_found)?))
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
    responses(
        (status = 200, description = "The event after the update", body = crate::model::Event),
        (status = 400, response = crate::openapi::responses::BadRequest),
        (status = 404, response = crate::openapi::responses::NotFound),
        (status = 413, response = crate::openapi::responses::PayloadTooLarge),
    )
)]
pub async fn update(app: &App, caller: &Caller, req: &Request) -> Result<Response<Body>, Problem> {
    caller.require(Permission::EventUpdate)?;
    let patch: EventPatch = json_body(req)?;
    patch.validate()?;
    let event = app
        .store
        .update_event(&caller.event_id, &patch, &crate::time::now())
        .await?;
    Ok(json(&event.ok_or_else(event_not_found)?))
}
