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

pub async fn get(app: &App, caller: &Caller) -> Result<Response<Body>, Problem> {
    caller.require(Permission::EventRead)?;
    let event = app.store.get_event(&caller.event_id).await?;
    Ok(json_versioned(&event.ok_or_else(event_not_found)?))
}

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
