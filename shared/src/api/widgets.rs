use lambda_http::{Body, Request, Response};

use super::list;
use crate::App;
use crate::auth::{Caller, Permission};
use crate::http::Problem;
use crate::http::request::json_body;
use crate::http::response::json;
use crate::model::widget::WidgetBody;
use crate::model::{Widget, WidgetPatch};
use crate::store::widgets::{UpdateRefused, WIDGET_PREFIX};

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
    let after = list::cursor(req, WIDGET_PREFIX)?.unwrap_or_else(|| WIDGET_PREFIX.to_owned());
    let page = app
        .store
        .widget_page(&caller.event_id, &after, limit)
        .await?;
    Ok(list::respond(req, &page.items, page.next, limit))
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
    app.store.put_widget(&widget).await?;
    Ok(json(&widget))
}

pub async fn get(app: &App, caller: &Caller, id: &str) -> Result<Response<Body>, Problem> {
    caller.require(Permission::WidgetRead)?;
    let widget = app
        .store
        .get_widget(&caller.event_id, checked_id(id)?)
        .await?;
    Ok(json(&widget.ok_or_else(not_found)?))
}

pub async fn update(
    app: &App,
    caller: &Caller,
    id: &str,
    req: &Request,
) -> Result<Response<Body>, Problem> {
    caller.require(Permission::WidgetUpdate)?;
    let id = checked_id(id)?;
    let patch: WidgetPatch = json_body::<WidgetBody>(req)?.into_patch()?;
    let now = crate::time::now();
    match app
        .store
        .update_widget(&caller.event_id, id, &patch, &now)
        .await?
    {
        Ok(widget) => Ok(json(&widget)),
        Err(UpdateRefused::NotFound) => Err(not_found()),
        Err(UpdateRefused::OtherType(stored)) => {
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

pub async fn delete(app: &App, caller: &Caller, id: &str) -> Result<Response<Body>, Problem> {
    caller.require(Permission::WidgetDelete)?;
    let widget = app
        .store
        .delete_widget(&caller.event_id, checked_id(id)?)
        .await?;
    Ok(json(&widget.ok_or_else(not_found)?))
}
