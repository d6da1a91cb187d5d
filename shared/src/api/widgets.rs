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

/// List widgets
///
/// Oldest first, a page at a time: when more follow, the `Link` header holds the URL of the next
/// page.
#[utoipa::path(
    get,
    path = "/api/rest/v1/widgets",
    operation_id = "listWidgets",
    tag = "widgets",
    params(crate::openapi::params::Page),
    responses(
        (status = 200, description = "A page of widgets, oldest first",
            body = Vec<Widget>,
            headers(("Link" = String, description = "`<URL>; rel=\"next\"`: the absolute URL of the next page, present only when more items follow. It carries `limit`, `cursor` and `since` along."))),
        (status = 400, response = crate::openapi::responses::BadRequest),
    )
)]
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

/// Create a widget
///
/// An INFO, MARKDOWN or POLL widget, as `type` says, with that type's fields only. Poll options
/// without an `id` get one; `isActive` defaults to true.
#[utoipa::path(
    post,
    path = "/api/rest/v1/widget",
    operation_id = "createWidget",
    tag = "widgets",
    request_body = crate::openapi::schemas::WidgetCreate,
    responses(
        (status = 200, description = "The new widget", body = Widget,
            links(
                ("getWidget" = (operation_id = "getWidget",
                    parameters(("widgetId" = "$response.body#/id")))),
                ("updateWidget" = (operation_id = "updateWidget",
                    parameters(("widgetId" = "$response.body#/id")))),
                ("deleteWidget" = (operation_id = "deleteWidget",
                    parameters(("widgetId" = "$response.body#/id")))),
            )),
        (status = 400, response = crate::openapi::responses::BadRequest),
        (status = 413, response = crate::openapi::responses::PayloadTooLarge),
    )
)]
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

/// Get a widget
#[utoipa::path(
    get,
    path = "/api/rest/v1/widget/{widgetId}",
    operation_id = "getWidget",
    tag = "widgets",
    params(crate::openapi::params::WidgetId),
    responses(
        (status = 200, description = "The widget", body = Widget),
        (status = 404, response = crate::openapi::responses::NotFound),
    )
)]
pub async fn get(app: &App, caller: &Caller, id: &str) -> Result<Response<Body>, Problem> {
    caller.require(Permission::WidgetRead)?;
    let widget = app
        .store
        .get_widget(&caller.event_id, checked_id(id)?)
        .await?;
    Ok(json(&widget.ok_or_else(not_found)?))
}

/// Update a widget
///
/// Sets some of the widget's own fields; the others stay as they were. A widget's type never
/// changes: `type`, when given, must be the widget's, and fields of another type are a 400. A
/// POLL's `options` replaces the whole list.
#[utoipa::path(
    post,
    path = "/api/rest/v1/widget/{widgetId}",
    operation_id = "updateWidget",
    tag = "widgets",
    params(crate::openapi::params::WidgetId),
    request_body = crate::openapi::schemas::WidgetUpdate,
    responses(
        (status = 200, description = "The widget after the update", body = Widget),
        (status = 400, response = crate::openapi::responses::BadRequest),
        (status = 404, response = crate::openapi::responses::NotFound),
        (status = 413, response = crate::openapi::responses::PayloadTooLarge),
    )
)]
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

/// Delete a widget
///
/// Answers with the widget as it was. Deleting it again is a 404.
#[utoipa::path(
    delete,
    path = "/api/rest/v1/widget/{widgetId}",
    operation_id = "deleteWidget",
    tag = "widgets",
    params(crate::openapi::params::WidgetId),
    responses(
        (status = 200, description = "The deleted widget", body = Widget),
        (status = 404, response = crate::openapi::responses::NotFound),
    )
)]
pub async fn delete(app: &App, caller: &Caller, id: &str) -> Result<Response<Body>, Problem> {
    caller.require(Permission::WidgetDelete)?;
    let widget = app
        .store
        .delete_widget(&caller.event_id, checked_id(id)?)
        .await?;
    Ok(json(&widget.ok_or_else(not_found)?))
}
