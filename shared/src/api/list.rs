//! What the list routes share: `limit`, `cursor`, the response size budget and the `Link` header.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use lambda_http::http::{HeaderValue, header};
use lambda_http::{Body, Request, Response};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::http::Problem;
use crate::http::request::query;
use crate::http::response::json_text;
use crate::store::Page;

pub const DEFAULT_LIMIT: usize = 100;
pub const MAX_LIMIT: usize = 500;

/// Lambda refuses responses over 6 MB (6,291,456 bytes), counted after the body is escaped into
/// the JSON document the function returns; stay well under it.
pub const RESPONSE_BUDGET_BYTES: usize = 5_000_000;

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

/// A cursor is the sort key to continue after, plus a check binding it to the event: a cursor
/// from another event, or an edited one, is refused instead of silently reading from elsewhere
/// in the caller's own event. (It cannot reach another event's items either way: the partition
/// always comes from the key.)
fn seal(event_id: &str, sort_key: &str) -> String {
    format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(sort_key),
        URL_SAFE_NO_PAD.encode(&check(event_id, sort_key)[..9])
    )
}

fn check(event_id: &str, sort_key: &str) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update(b"impactify-cursor-v1\0");
    hash.update(event_id.as_bytes());
    hash.update(b"\0");
    hash.update(sort_key.as_bytes());
    hash.finalize().into()
}

/// The sort key a `cursor` continues after, if one was sent.
pub fn cursor(req: &Request, event_id: &str, prefix: &str) -> Result<Option<String>, Problem> {
    let Some(raw) = query(req, "cursor") else {
        return Ok(None);
    };
    let refuse = || Problem::field("cursor", "is not a cursor this list gave out");
    let (key, mac) = raw.split_once('.').ok_or_else(refuse)?;
    let sort_key = URL_SAFE_NO_PAD
        .decode(key)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(refuse)?;
    let mac = URL_SAFE_NO_PAD.decode(mac).map_err(|_| refuse())?;
    if mac != check(event_id, &sort_key)[..9] || !sort_key.starts_with(prefix) {
        return Err(refuse());
    }
    Ok(Some(sort_key))
}

/// A bare JSON array (what clients expect), cut to [`RESPONSE_BUDGET_BYTES`], with
/// `Link: <...>; rel="next"` when more follow.
pub fn respond<T: Serialize>(
    req: &Request,
    event_id: &str,
    page: Page<T>,
    limit: usize,
) -> Response<Body> {
    let mut body = String::from("[");
    let mut escaped = 2;
    let mut last_included = None;
    let mut cut = false;
    for (i, (item, sort_key)) in page.items.iter().zip(&page.sort_keys).enumerate() {
        let json = serde_json::to_string(item).expect("API shapes always serialize");
        let size = escaped_len(&json) + 1;
        if i > 0 && escaped + size > RESPONSE_BUDGET_BYTES {
            cut = true;
            break;
        }
        if i > 0 {
            body.push(',');
        }
        body.push_str(&json);
        escaped += size;
        last_included = Some(sort_key);
    }
    body.push(']');
    let mut response = json_text(body);
    let next = last_included.filter(|_| cut || page.more);
    if let Some(next) = next {
        let mut query = format!("limit={limit}&cursor={}", seal(event_id, next));
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

/// Bytes of `json` once escaped as a JSON string (an upper bound: every control character is
/// counted as `\\u00XX`).
fn escaped_len(json: &str) -> usize {
    json.bytes()
        .map(|b| match b {
            b'"' | b'\\' => 2,
            0..=0x1f => 6,
            _ => 1,
        })
        .sum()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn request(cursor: &str) -> Request {
        lambda_http::http::Request::builder()
            .uri(format!("/x?cursor={cursor}"))
            .body(Body::Empty)
            .map(|r| {
                use lambda_http::RequestExt;
                let q: lambda_http::aws_lambda_events::query_map::QueryMap =
                    format!("cursor={cursor}").parse().unwrap();
                r.with_query_string_parameters(q)
            })
            .unwrap()
    }

    #[test]
    fn cursors_round_trip_only_for_their_event() {
        let sealed = seal("e1", "CHAT#2026#x");
        assert_eq!(
            cursor(&request(&sealed), "e1", "CHAT#").unwrap().unwrap(),
            "CHAT#2026#x"
        );
        assert!(cursor(&request(&sealed), "e2", "CHAT#").is_err());
        assert!(cursor(&request(&sealed), "e1", "WIDGET#").is_err());
        let (key, mac) = sealed.split_once('.').unwrap();
        let edited = format!("{}.{mac}", URL_SAFE_NO_PAD.encode("CHAT#2027#x"));
        assert!(cursor(&request(&edited), "e1", "CHAT#").is_err());
        assert!(cursor(&request(key), "e1", "CHAT#").is_err());
    }

    #[test]
    fn escaped_length_counts_what_json_escaping_adds() {
        assert_eq!(escaped_len(r#"{"a":"\n"}"#), 10 + 4 + 1);
        assert_eq!(escaped_len("😀"), 4);
    }
}
