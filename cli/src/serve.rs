//! `impactify serve`: every route on one local HTTP server. Each request is turned into the
//! `lambda_http::Request` that API Gateway (HTTP API, payload 2.0) would hand the function, path
//! parameters and request context included, and answered by the same `impactify::api::handle`.
//!
//! axum is here only as the HTTP/1 server with a body limit; routing stays in the shared crate so
//! that the local server cannot route differently from the deployed functions.

use axum::body::{Body as AxumBody, to_bytes};
use axum::extract::State;
use axum::http::{HeaderValue, Request as HttpRequest};
use axum::response::Response as AxumResponse;
use impactify::App;
use impactify::http::Problem;
use impactify::http::request::{MAX_BODY_BYTES, new_request_id};
use impactify::http::routes::Route;
use lambda_http::aws_lambda_events::apigw::{
    ApiGatewayV2httpRequestContext, ApiGatewayV2httpRequestContextHttpDescription,
};
use lambda_http::aws_lambda_events::query_map::QueryMap;
use lambda_http::request::RequestContext;
use lambda_http::{Body, RequestExt};
use std::collections::HashMap;

pub fn router(app: App) -> axum::Router {
    axum::Router::new().fallback(answer).with_state(app)
}

async fn answer(State(app): State<App>, req: HttpRequest<AxumBody>) -> AxumResponse {
    let (parts, body) = req.into_parts();
    let response = match to_bytes(body, MAX_BODY_BYTES).await {
        Ok(bytes) => impactify::api::handle_any(&app, to_lambda(parts, bytes.to_vec())).await,
        Err(_) => Problem::payload_too_large(MAX_BODY_BYTES).into_response(&new_request_id()),
    };
    let (mut parts, body) = response.into_parts();
    impactify::http::response::add_cors(&mut parts.headers);
    AxumResponse::from_parts(parts, AxumBody::from(body.as_ref().to_vec()))
}

/// Builds what `lambda_http` would build from an API Gateway HTTP API event.
pub fn to_lambda(mut parts: axum::http::request::Parts, body: Vec<u8>) -> lambda_http::Request {
    let raw_path = parts.uri.path().to_owned();
    let query: QueryMap = parts
        .uri
        .query()
        .unwrap_or_default()
        .parse()
        .unwrap_or_default();
    let route = Route::parse(&raw_path);
    let mut path_parameters = HashMap::new();
    let route_key = match &route {
        Some(Route::Widget(id)) => {
            path_parameters.insert("widgetId".to_owned(), id.clone());
            format!("{} /api/rest/v1/widget/{{widgetId}}", parts.method)
        }
        Some(_) => format!("{} {raw_path}", parts.method),
        None => "$default".to_owned(),
    };
    parts
        .headers
        .entry("x-forwarded-proto")
        .or_insert(HeaderValue::from_static("http"));

    let mut http = ApiGatewayV2httpRequestContextHttpDescription::default();
    http.method = parts.method.clone();
    http.path = Some(raw_path.clone());
    http.protocol = Some("HTTP/1.1".into());
    http.source_ip = Some("127.0.0.1".into());
    http.user_agent = parts
        .headers
        .get("user-agent")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let mut context = ApiGatewayV2httpRequestContext::default();
    context.route_key = Some(route_key);
    context.stage = Some("$default".into());
    context.request_id = Some(new_request_id());
    context.time_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    context.http = http;

    let body = match String::from_utf8(body) {
        Ok(text) if text.is_empty() => Body::Empty,
        Ok(text) => Body::Text(text),
        Err(e) => Body::Binary(e.into_bytes()),
    };
    lambda_http::Request::from_parts(parts, body)
        .with_raw_http_path(raw_path)
        .with_query_string_parameters(query)
        .with_path_parameters(path_parameters)
        .with_request_context(RequestContext::ApiGatewayV2(context))
}
