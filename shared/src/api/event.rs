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

pub async fn get(app: &App, caller: &Caller) -> Result<Response<Body>, Problem> {
    caller.require(Permission::EventRead)?;
    let event = app.store.get_event(&caller.event_id).await?;
    Ok(json(&event.ok_or_else(event_not_found)?))
}

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
