//! Reading what a request carries: its id, body, JSON and query parameters.

use lambda_http::request::RequestContext;
use lambda_http::{Request, RequestExt};
use serde::de::DeserializeOwned;

use super::problem::{FieldError, Problem};

/// API Gateway refuses nothing below 10 MB; the contract caps bodies at 256 KiB.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// The id API Gateway gave the request (what a client can quote to support), else Lambda's.
pub fn request_id(req: &Request) -> String {
    match req.request_context_ref() {
        Some(RequestContext::ApiGatewayV2(ctx)) if ctx.request_id.is_some() => {
            ctx.request_id.clone().unwrap_or_default()
        }
        _ => req
            .lambda_context_ref()
            .map(|c| c.request_id.clone())
            .filter(|id| !id.is_empty())
            .unwrap_or_else(new_request_id),
    }
}

/// For requests that arrive without one (direct invokes, the local server).
pub fn new_request_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The path to route on: API Gateway's raw path, or the URI's path when built by hand.
pub fn raw_path(req: &Request) -> String {
    let raw = req.raw_http_path();
    if raw.is_empty() {
        req.uri().path().to_owned()
    } else {
        raw.to_owned()
    }
}

/// Parses the body as JSON into `T`, whatever the `Content-Type` says: existing clients send
/// `application/json` in any case, with parameters, or no header at all.
pub fn json_body<T: DeserializeOwned>(req: &Request) -> Result<T, Problem> {
    let bytes: &[u8] = req.body().as_ref();
    if bytes.len() > MAX_BODY_BYTES {
        return Err(Problem::payload_too_large(MAX_BODY_BYTES));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Problem::field("body", "a JSON object is required"));
    }
    parse_json(bytes)
}

/// Strict JSON: unknown and duplicate fields, wrong types and trailing data are errors naming the
/// offending field.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Problem> {
    // Every body is an object; serde's derive would also take an array of fields in order.
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(Problem::field("body", "must be a JSON object"));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        Problem::validation(vec![field_error(&path, e.inner())])
    })?;
    de.end()
        .map_err(|_| Problem::field("body", "unexpected data after the JSON value"))?;
    Ok(value)
}

fn field_error(path: &str, err: &serde_json::Error) -> FieldError {
    let message = err.to_string();
    // serde_json appends " at line L column C"; the field name says where already.
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message,
    };
    // serde_path_to_error writes `.` for the root and `?` where it lost track (mid-syntax-error).
    let parent = path.trim_end_matches('?').trim_end_matches('.');
    if err.is_syntax() || err.is_eof() {
        let field = if parent.is_empty() { "body" } else { parent };
        return FieldError::new(field, format!("malformed JSON: {message}"));
    }
    // Missing and unknown fields are reported at their parent; name the field itself.
    for marker in ["missing field `", "unknown field `", "duplicate field `"] {
        if let Some(rest) = message.strip_prefix(marker) {
            let name = rest.split('`').next().unwrap_or_default();
            let field = if parent.is_empty() || parent.ends_with(name) {
                if parent.is_empty() {
                    name.to_owned()
                } else {
                    parent.to_owned()
                }
            } else {
                format!("{parent}.{name}")
            };
            return FieldError::new(field, message);
        }
    }
    FieldError::new(if parent.is_empty() { "body" } else { parent }, message)
}

/// What `If-Match` asks, if sent. Only strong tags of the form `"<version>"` can match (RFC 9110
/// compares strongly for `If-Match`); a header with none of them matches nothing, so the write
/// is refused with 412.
pub fn if_match(req: &Request) -> Option<crate::store::Expect> {
    use crate::store::Expect;
    let values: Vec<&str> = req
        .headers()
        .get_all(lambda_http::http::header::IF_MATCH)
        .iter()
        .map(|v| v.to_str().unwrap_or_default())
        .collect();
    if values.is_empty() {
        return None;
    }
    let tags = values.iter().flat_map(|v| v.split(',')).map(str::trim);
    let mut versions = Vec::new();
    for tag in tags {
        if tag == "*" {
            return Some(Expect::Any);
        }
        if let Some(version) = tag
            .strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .and_then(|t| t.parse::<u64>().ok())
        {
            versions.push(version);
        }
    }
    Some(Expect::OneOf(versions))
}

/// The first value of a query parameter.
pub fn query<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    req.query_string_parameters_ref()
        .and_then(|q| q.first(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Expect;
    use serde::Deserialize;

    fn expect_of(values: &[&str]) -> Option<Expect> {
        let mut builder = lambda_http::http::Request::builder();
        for v in values {
            builder = builder.header("if-match", *v);
        }
        if_match(&builder.body(lambda_http::Body::Empty).unwrap())
    }

    #[test]
    fn if_match_takes_strong_version_tags_only() {
        assert_eq!(expect_of(&[]), None);
        assert_eq!(expect_of(&["*"]), Some(Expect::Any));
        assert_eq!(expect_of(&["\"3\""]), Some(Expect::OneOf(vec![3])));
        assert_eq!(
            expect_of(&["\"1\", \"2\"", "\"5\""]),
            Some(Expect::OneOf(vec![1, 2, 5]))
        );
        assert_eq!(expect_of(&["W/\"3\""]), Some(Expect::OneOf(vec![])));
        assert_eq!(expect_of(&["3", "\"x\""]), Some(Expect::OneOf(vec![])));
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        name: String,
        inner: Option<Inner>,
        list: Option<Vec<Inner>>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        a: u8,
    }

    fn error_of(json: &str) -> FieldError {
        parse_json::<Outer>(json.as_bytes()).unwrap_err().errors[0].clone()
    }

    #[test]
    fn names_the_offending_field() {
        assert_eq!(error_of(r#"{"name":1}"#).field, "name");
        assert_eq!(
            error_of(r#"{"name":"x","inner":{"a":"b"}}"#).field,
            "inner.a"
        );
        assert_eq!(error_of(r#"{"name":"x","inner":{}}"#).field, "inner.a");
        assert_eq!(
            error_of(r#"{"name":"x","list":[{"a":1},{"b":1}]}"#).field,
            "list[1].b"
        );
        assert_eq!(error_of(r#"{"name":"x","bogus":1}"#).field, "bogus");
        assert_eq!(error_of(r#"{"inner":null}"#).field, "name");
        assert_eq!(error_of(r#"{"name":"x","name":"y"}"#).field, "name");
    }

    #[test]
    fn refuses_malformed_and_trailing_data() {
        assert_eq!(error_of(r#"{"name":"x"}garbage"#).field, "body");
        assert_eq!(error_of(r#"{"name"#).field, "body");
        assert_eq!(error_of("[1]").field, "body");
        assert!(parse_json::<Outer>(br#"{"name":"x"}  "#).is_ok());
    }
}
