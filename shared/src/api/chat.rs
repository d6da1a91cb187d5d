use lambda_http::{Body, Request, Response};

use super::list;
use crate::App;
use crate::auth::{Caller, Permission};
use crate::http::Problem;
use crate::http::request::query;
use crate::store::chat::{CHAT_PREFIX, chat_sk_after};

/// List chat messages
///
/// Oldest first, a page at a time: when more follow, the `Link` header holds the URL of the next
/// page. With `since`, only messages created after that moment.
#[utoipa::path(
    get,
    path = "/api/rest/v1/chat",
    operation_id = "listChatMessages",
    tag = "chat",
    params(
        crate::openapi::params::Page,
        (
            "since" = Option<String>, Query, format = DateTime,
            description = "Only messages created strictly after this RFC 3339 timestamp (any offset)."
        ),
    ),
    responses(
        (status = 200, description = "A page of messages, oldest first",
            body = Vec<crate::model::ChatMessage>,
            headers(("Link" = String, description = "`<URL>; rel=\"next\"`: the absolute URL of the next page, present only when more items follow. It carries `limit`, `cursor` and `since` along."))),
        (status = 400, response = crate::openapi::responses::BadRequest),
    )
)]
pub async fn list(app: &App, caller: &Caller, req: &Request) -> Result<Response<Body>, Problem> {
    caller.require(Permission::ChatRead)?;
    let limit = list::limit(req)?;
    let mut after = match query(req, "since") {
        None => CHAT_PREFIX.to_owned(),
        Some(raw) => {
            let since = crate::time::parse(raw).ok_or_else(|| {
                Problem::field(
                    "since",
                    "must be an RFC 3339 timestamp, e.g. 2026-01-31T18:00:00Z",
                )
            })?;
            chat_sk_after(&crate::time::format(since))
        }
    };
    if let Some(cursor) = list::cursor(req, &caller.event_id, CHAT_PREFIX)? {
        after = after.max(cursor);
    }
    let page = app.store.chat_page(&caller.event_id, &after, limit).await?;
    Ok(list::respond(req, &caller.event_id, page, limit))
}
