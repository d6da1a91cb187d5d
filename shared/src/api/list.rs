//! What the list routes share: `limit`, `cursor` and the `Link` header.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use lambda_http::http::{HeaderValue, header};
use lambda_http::{Body, Request, Response};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use crate::http::Problem;
use crate::http::request::query;
use crate::http::response::json;

pub const DEFAULT_LIMIT: usize = 100;
pub const MAX_LIMIT: usize = 500;

pub fn limit(req: &Request) -> Result<usize, Problem> {
    match query(req, "limit") {
        None => Ok(DEFAULT_LIMIT),
        Some(raw) => raw
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or_else(|| {
                Problem::field("limit", format!("must be an integer from 1 to {MAX_LIMIT}"))
            }),
    }
}

/// The sort key a cursor continues after. Cursors are opaque to clients; they can only position
/// a read inside the caller's own event, since the partition always comes from the key.
pub fn cursor(req: &Request, prefix: &str) -> Result<Option<String>, Problem> {
    let Some(raw) = query(req, "cursor") else {
        return Ok(None);
    };
    URL_SAFE_NO_PAD
        .decode(raw)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .filter(|sk| sk.starts_with(prefix) && sk.len() > prefix.len())
        .map(Some)
        .ok_or_else(|| Problem::field("cursor", "is not a cursor this list gave out"))
}

/// A bare JSON array (what clients expect), with `Link: <...>; rel="next"` when more follow.
pub fn respond<T: Serialize>(
    req: &Request,
    items: &[T],
    next: Option<String>,
    limit: usize,
) -> Response<Body> {
    let mut response = json(&items);
    if let Some(next) = next {
        let mut query = format!("limit={limit}&cursor={}", URL_SAFE_NO_PAD.encode(next));
        if let Some(since) = self::query(req, "since") {
            query.push_str("&since=");
            query.extend(utf8_percent_encode(since, NON_ALPHANUMERIC));
        }
        let link = format!("<{}?{query}>; rel=\"next\"", base_url(req));
        if let Ok(value) = HeaderValue::from_str(&link) {
            response.headers_mut().insert(header::LINK, value);
        }
    }
    response
}

/// The absolute URL of the requested path (with any stage prefix), so clients can follow the
/// link as it is.
fn base_url(req: &Request) -> String {
    let headers = req.headers();
    let path = req.uri().path();
    match headers.get(header::HOST).and_then(|h| h.to_str().ok()) {
        Some(host) => {
            let proto = headers
                .get("x-forwarded-proto")
                .and_then(|h| h.to_str().ok())
                .unwrap_or("https");
            format!("{proto}://{host}{path}")
        }
        None => path.to_owned(),
    }
}
