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
    let after = list::cursor(req, &caller.event_id, WIDGET_PREFIX)?
        .unwrap_or_else(|| WIDGET_PREFIX.to_owned());
    let page = app
        .store
        .widget_page(&caller.event_id, &after, limit)
        .await?;
    Ok(list::respond(req, &caller.event_id, page, limit))
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
            headers(("ETag" = String, description = "The strong entity tag of this version, `\"<version>\"`: send it back in `If-Match` to update only that version.")),
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
    Ok(json_versioned(&app.store.put_widget(&widget).await?))
}

/// Get a widget
#[utoipa::path(
    get,
    path = "/api/rest/v1/widget/{widgetId}",
    operation_id = "getWidget",
    tag = "widgets",
    params(crate::openapi::params::WidgetId),
    responses(
        (status = 200, description = "The widget", body = Widget,
            headers(("ETag" = String, description = "The strong entity tag of this version, `\"<version>\"`: send it back in `If-Match` to update only that version."))),
        (status = 404, response = crate::openapi::responses::NotFound),
    )
)]
pub async fn get(app: &App, caller: &Caller, id: &str) -> Result<Response<Body>, Problem> {
    caller.require(Permission::WidgetRead)?;
    let widget = app
        .store
        .get_widget(&caller.event_id, checked_id(id)?)
        .await?;
    Ok(json_versioned(&widget.ok_or_else(not_found)?))
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
    params(crate::openapi::params::WidgetId, ("If-Match" = Option<String>, Header, nullable = false, pattern = r#"^(\*|(W/)?"[^"]*"( *, *(W/)?"[^"]*")*)$"#, description = "Apply only if the stored version has one of these strong entity tags (from `ETag`), or `*`. Otherwise nothing changes and the answer is 412 with `currentVersion`.")),
    request_body = crate::openapi::schemas::WidgetUpdate,
    responses(
        (status = 200, description = "The widget after the update", body = Widget,
            headers(("ETag" = String, description = "The strong entity tag of this version, `\"<version>\"`: send it back in `If-Match` to update only that version."))),
        (status = 412, response = crate::openapi::responses::PreconditionFailed),
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
                    "this widget is of type {}; its type cannot change",
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
    params(crate::openapi::params::WidgetId, ("If-Match" = Option<String>, Header, nullable = false, pattern = r#"^(\*|(W/)?"[^"]*"( *, *(W/)?"[^"]*")*)$"#, description = "Apply only if the stored version has one of these strong entity tags (from `ETag`), or `*`. Otherwise nothing changes and the answer is 412 with `currentVersion`.")),
    responses(
        (status = 200, description = "The deleted widget", body = Widget,
            headers(("ETag" = String, description = "The strong entity tag of this version, `\"<version>\"`: send it back in `If-Match` to update only that version."))),
        (status = 412, response = crate::openapi::responses::PreconditionFailed),
        (status = 404, response = crate::openapi::responses::NotFound),
    )
)]
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
