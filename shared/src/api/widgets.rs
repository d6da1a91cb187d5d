use lambda_http::{Body, Request, Response};

use super::list;
use crate::App;
use crate::auth::{Caller, Permission};
use crate::http::Problem;
use crate::http::request::{if_match, json_body};
use crate::http::response::json_versioned;
use crate::model::widget::WidgetBody;
use crate::model::{Widget, WidgetPatch};
use crate::store::WriteRefused;
use crate::store::widgets::WIDGET_PREFIX;

fn not_found() -> Problem {
    Problem::not_found("This event has no widget with this id.")
}

/// Widget ids are the canonical text of a UUID; anything else cannot exist, so it is a 404
/// without a read (and never reaches a key expression).
fn checked_id(id: &str) -> Result<&str, Problem> {
    match uuid::Uuid::try_parse(id) {
        Ok(uuid) if uuid.hyphenated().to_string() == id => Ok(id),
        _ => Err(not_found()),
    }
}

pub async fn list(app: &App, caller: &Caller, req: &Request) -> Result<Response<Body>, Problem> {
    caller.require(Permission::WidgetRead)?;
    let limit = list::limit(req)?;
    let after = list::cursor(req, &caller.event_id, WIDGET_PREFIX)?
        .unwrap_or_else(|| WIDGET_PREFIX.to_owned());
    let page = app
        .store
        .widget_page(&caller.event_id, &after, limit)
        .await?;
    Ok(list::respond(req, &caller.event_id, page, limit))
}

pub async fn create(app: &App, caller: &Caller, req: &Request) -> Result<Response<Body>, Problem> {
    caller.require(Permission::WidgetCreate)?;
    let data = json_body::<WidgetBody>(req)?.into_new()?;
    let now = crate::time::now();
    let widget = Widget {
        id: uuid::Uuid::now_v7().to_string(),
        event_id: caller.event_id.clone(),
        kind: data.kind(),
        data,
        created_at: now.clone(),
        updated_at: now,
    };
    Ok(json_versioned(&app.store.put_widget(&widget).await?))
}

pub async fn get(app: &App, caller: &Caller, id: &str) -> Result<Response<Body>, Problem> {
    caller.require(Permission::WidgetRead)?;
    let widget = app
        .store
        .get_widget(&caller.event_id, checked_id(id)?)
        .await?;
    Ok(json_versioned(&widget.ok_or_else(not_found)?))
}

pub async fn update(
    app: &App,
    caller: &Caller,
    id: &str,
    req: &Request,
) -> Result<Response<Body>, Problem> {
    caller.require(Permission::WidgetUpdate)?;
    let id = checked_id(id)?;
    let expect = if_match(req);
    let patch: WidgetPatch = json_body::<WidgetBody>(req)?.into_patch()?;
    let now = crate::time::now();
    let result = app
        .store
        .update_widget(&caller.event_id, id, &patch, &now, expect.as_ref())
        .await?;
    match result {
        Ok(widget) => Ok(json_versioned(&widget)),
        Err(WriteRefused::NotFound) => Err(not_found()),
        Err(WriteRefused::Stale { current }) => Err(Problem::stale("widget", current)),
        Err(WriteRefused::OtherType(stored)) => {
            let field = if patch.kind_given {
                "type"
            } else {
                patch.changes[0].field()
            };
            Err(Problem::field(
                field,
                format!(
                    "this widget is a {} widget; its type cannot change",
                    stored.as_str()
                ),
            ))
        }
    }
}

pub async fn delete(
    app: &App,
    caller: &Caller,
    id: &str,
    req: &Request,
) -> Result<Response<Body>, Problem> {
    caller.require(Permission::WidgetDelete)?;
    let id = checked_id(id)?;
    let expect = if_match(req);
    match app
        .store
        .delete_widget(&caller.event_id, id, expect.as_ref())
        .await?
    {
        Ok(widget) => Ok(json_versioned(&widget)),
        Err(WriteRefused::Stale { current }) => Err(Problem::stale("widget", current)),
        Err(_) => Err(not_found()),
    }
}
