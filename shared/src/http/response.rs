//! Building successful responses, and the CORS headers every response carries.

use lambda_http::Body;
use lambda_http::http::{HeaderMap, HeaderValue, Response, StatusCode, header};
use serde::Serialize;

/// Every success is a 200: existing clients treat anything else as failure.
pub fn json<T: Serialize>(value: &T) -> Response<Body> {
    json_text(serde_json::to_string(value).expect("API shapes always serialize"))
}

/// A 200 with a body that is JSON already.
pub fn json_text(body: String) -> Response<Body> {
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::Text(body))
        .expect("static parts are valid")
}

/// A strong entity tag for a stored version.
pub fn etag(version: u64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).expect("digits and quotes are valid")
}

/// `json` with the version of what it shows as its `ETag`.
pub fn json_versioned<T: Serialize>(value: &crate::store::Versioned<T>) -> Response<Body> {
    let mut response = json(&value.value);
    response
        .headers_mut()
        .insert(header::ETAG, etag(value.version));
    response
}

pub fn text(body: &'static str) -> Response<Body> {
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(Body::Text(body.to_owned()))
        .expect("static parts are valid")
}

/// The answer to a CORS preflight: no key needed.
pub fn preflight(allow: &'static str) -> Response<Body> {
    let mut response = Response::builder()
        .status(StatusCode::OK)
        .body(Body::Empty)
        .expect("static parts are valid");
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static(allow),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("authorization, content-type, if-match"),
    );
    headers.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("86400"),
    );
    response
}

/// API Gateway's CORS configuration adds these in production; the handlers add them too so that
/// `impactify serve` and direct invokes behave the same.
pub fn add_cors(headers: &mut HeaderMap) {
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("etag, link, retry-after, www-authenticate"),
    );
}
