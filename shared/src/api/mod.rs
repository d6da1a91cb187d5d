//! The route handlers. [`handle`] is the one entry point: Lambda functions call it with their
//! group, `impactify serve` with the group the path belongs to. The docs function, which needs no
//! table, calls [`handle_docs`].
//!
//! The handler modules are visible to the crate so that `crate::openapi` can collect their
//! `#[utoipa::path]` descriptions.

pub(crate) mod chat;
pub(crate) mod docs;
pub(crate) mod event;
pub(crate) mod health;
mod list;
pub(crate) mod widgets;

use lambda_http::http::{Method, header};
use lambda_http::{Body, Request, Response};
use std::time::Instant;
use tracing::{Instrument, field};

use crate::App;
use crate::auth::{self, Caller};
use crate::http::Problem;
use crate::http::request::{raw_path, request_id};
use crate::http::response::{add_cors, preflight};
pub use crate::http::routes::Group;
use crate::http::routes::Route;
use crate::store::client::counting_calls;

/// Answers one request for the routes of `group`; other paths are 404, as behind API Gateway.
pub async fn handle(app: &App, group: Group, req: Request) -> Response<Body> {
    answer(Some(app), group, req).await
}

/// [`handle`] for the docs group, which never reads the table: its function builds no client.
pub async fn handle_docs(req: Request) -> Response<Body> {
    answer(None, Group::Docs, req).await
}

async fn answer(app: Option<&App>, group: Group, req: Request) -> Response<Body> {
    let started = Instant::now();
    let request_id = request_id(&req);
    let method = req.method().clone();
    let path = raw_path(&req);
    let span = tracing::info_span!("request", %request_id, %method, %path, key_id = field::Empty);
    let work = async move {
        let route = Route::parse(&path).filter(|r| r.group() == group);
        let result = match route {
            None => Err(Problem::not_found("There is no such route.")),
            Some(route) if method == Method::OPTIONS => Ok(preflight(route.allow())),
            Some(route) if !route.allows(&method) => {
                Err(Problem::method_not_allowed(route.allow()))
            }
            Some(route) => dispatch(app, route, &req).await,
        };
        let mut response = result.unwrap_or_else(|p| p.into_response(&request_id));
        add_cors(response.headers_mut());
        response
    };
    let (response, dynamodb_calls) = counting_calls(work.instrument(span.clone())).await;
    span.in_scope(|| {
        tracing::info!(
            status = response.status().as_u16(),
            duration_us = started.elapsed().as_micros() as u64,
            dynamodb_calls,
            "answered"
        )
    });
    response
}

/// For a server that takes every path: picks the group from the path, then [`handle`].
pub async fn handle_any(app: &App, req: Request) -> Response<Body> {
    let group = Route::parse(&raw_path(&req)).map_or(Group::Health, |r| r.group());
    handle(app, group, req).await
}

async fn dispatch(
    app: Option<&App>,
    route: Route,
    req: &Request,
) -> Result<Response<Body>, Problem> {
    match route {
        Route::OpenApi => return Ok(docs::openapi()),
        Route::Docs => return Ok(docs::page()),
        _ => {}
    }
    // Only the docs group runs without a table, and it has no other routes.
    let app = app.ok_or_else(Problem::internal)?;
    if route == Route::Health {
        return health::get(app, req).await;
    }
    let header = req
        .headers()
        .get(header::AUTHORIZATION)
        .map(|v| v.as_bytes());
    let caller: Caller = auth::authenticate(&app.store, &app.keys, header).await?;
    tracing::Span::current().record("key_id", field::display(&caller.key_id));
    match (route, req.method().clone()) {
        (Route::Event, Method::GET) => event::get(app, &caller).await,
        (Route::Event, _) => event::update(app, &caller, req).await,
        (Route::Chat, _) => chat::list(app, &caller, req).await,
        (Route::Widgets, _) => widgets::list(app, &caller, req).await,
        (Route::WidgetCollection, _) => widgets::create(app, &caller, req).await,
        (Route::Widget(id), Method::GET) => widgets::get(app, &caller, &id).await,
        (Route::Widget(id), Method::POST) => widgets::update(app, &caller, &id, req).await,
        (Route::Widget(id), _) => widgets::delete(app, &caller, &id, req).await,
        (Route::Health | Route::OpenApi | Route::Docs, _) => unreachable!("answered above"),
    }
}
