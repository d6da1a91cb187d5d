use lambda_http::{Body, Request, Response};

use super::list;
use crate::App;
use crate::auth::{Caller, Permission};
use crate::http::Problem;
use crate::http::request::query;
use crate::store::chat::{CHAT_PREFIX, chat_sk_after};

/// `GET /chat`: oldest first, optionally only messages created after `since`.
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
