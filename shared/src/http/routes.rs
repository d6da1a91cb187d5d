//! The route table: which paths exist, which methods they take, and which function serves them.
//!
//! Routing reads the raw path (API Gateway's `rawPath`), never the URI, whose path gains a stage
//! prefix on named stages.

use lambda_http::http::Method;
use percent_encoding::percent_decode_str;

use crate::auth::Permission;

pub const BASE_PATH: &str = "/api/rest/v1";

/// One row of the contract's route table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RouteSpec {
    pub method: &'static str,
    /// As API Gateway writes route keys: `/api/rest/v1/widget/{widgetId}`.
    pub path: &'static str,
    pub group: Group,
    /// `None`: no key needed.
    pub permission: Option<Permission>,
}

const fn spec(
    method: &'static str,
    path: &'static str,
    group: Group,
    permission: Option<Permission>,
) -> RouteSpec {
    RouteSpec {
        method,
        path,
        group,
        permission,
    }
}

/// Every route of the public API: the template, the events and the tests are checked against it.
pub const ROUTES: [RouteSpec; 11] = [
    spec("GET", "/api/rest/v1/health", Group::Health, None),
    spec(
        "GET",
        "/api/rest/v1/event",
        Group::Event,
        Some(Permission::EventRead),
    ),
    spec(
        "POST",
        "/api/rest/v1/event",
        Group::Event,
        Some(Permission::EventUpdate),
    ),
    spec(
        "GET",
        "/api/rest/v1/chat",
        Group::Chat,
        Some(Permission::ChatRead),
    ),
    spec(
        "GET",
        "/api/rest/v1/widgets",
        Group::Widgets,
        Some(Permission::WidgetRead),
    ),
    spec(
        "POST",
        "/api/rest/v1/widget",
        Group::Widgets,
        Some(Permission::WidgetCreate),
    ),
    spec(
        "GET",
        "/api/rest/v1/widget/{widgetId}",
        Group::Widgets,
        Some(Permission::WidgetRead),
    ),
    spec(
        "POST",
        "/api/rest/v1/widget/{widgetId}",
        Group::Widgets,
        Some(Permission::WidgetUpdate),
    ),
    spec(
        "DELETE",
        "/api/rest/v1/widget/{widgetId}",
        Group::Widgets,
        Some(Permission::WidgetDelete),
    ),
    spec("GET", "/api/rest/v1/openapi.json", Group::Docs, None),
    spec("GET", "/api/rest/v1/docs", Group::Docs, None),
];

/// The endpoint groups; each is one Lambda function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Group {
    Health,
    Event,
    Chat,
    Widgets,
    /// The OpenAPI document and the docs page: no key, no table.
    Docs,
}

impl Group {
    pub const ALL: [Group; 5] = [
        Group::Health,
        Group::Event,
        Group::Chat,
        Group::Widgets,
        Group::Docs,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Group::Health => "health",
            Group::Event => "event",
            Group::Chat => "chat",
            Group::Widgets => "widgets",
            Group::Docs => "docs",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Health,
    Event,
    Chat,
    Widgets,
    /// `/widget`: create.
    WidgetCollection,
    /// `/widget/{widgetId}`, with the id percent-decoded as API Gateway hands it over.
    Widget(String),
    /// `/openapi.json`: the OpenAPI document.
    OpenApi,
    /// `/docs`: the API reference page.
    Docs,
}

impl Route {
    /// Matches a raw path such as `/api/rest/v1/widget/abc`.
    pub fn parse(raw_path: &str) -> Option<Route> {
        let rest = raw_path.strip_prefix(BASE_PATH)?;
        Some(match rest {
            "/health" => Route::Health,
            "/event" => Route::Event,
            "/chat" => Route::Chat,
            "/widgets" => Route::Widgets,
            "/widget" => Route::WidgetCollection,
            "/openapi.json" => Route::OpenApi,
            "/docs" => Route::Docs,
            _ => {
                let id = rest.strip_prefix("/widget/")?;
                if id.is_empty() || id.contains('/') {
                    return None;
                }
                Route::Widget(percent_decode_str(id).decode_utf8_lossy().into_owned())
            }
        })
    }

    pub fn group(&self) -> Group {
        match self {
            Route::Health => Group::Health,
            Route::Event => Group::Event,
            Route::Chat => Group::Chat,
            Route::Widgets | Route::WidgetCollection | Route::Widget(_) => Group::Widgets,
            Route::OpenApi | Route::Docs => Group::Docs,
        }
    }

    /// The `Allow` header value for this path (OPTIONS is answered for every route).
    pub fn allow(&self) -> &'static str {
        match self {
            Route::Health | Route::Chat | Route::Widgets | Route::OpenApi | Route::Docs => {
                "GET, OPTIONS"
            }
            Route::Event => "GET, POST, OPTIONS",
            Route::WidgetCollection => "POST, OPTIONS",
            Route::Widget(_) => "GET, POST, DELETE, OPTIONS",
        }
    }

    pub fn allows(&self, method: &Method) -> bool {
        self.allow()
            .split(", ")
            .any(|m| m == method.as_str() && m != "OPTIONS")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_route_and_decodes_ids() {
        assert_eq!(Route::parse("/api/rest/v1/health"), Some(Route::Health));
        assert_eq!(Route::parse("/api/rest/v1/widgets"), Some(Route::Widgets));
        assert_eq!(
            Route::parse("/api/rest/v1/openapi.json"),
            Some(Route::OpenApi)
        );
        assert_eq!(Route::parse("/api/rest/v1/docs"), Some(Route::Docs));
        assert_eq!(Route::parse("/api/rest/v1/docs/"), None);
        assert_eq!(
            Route::parse("/api/rest/v1/widget/abc%2Fdef"),
            Some(Route::Widget("abc/def".into()))
        );
        assert_eq!(Route::parse("/api/rest/v1/widget/a/b"), None);
        assert_eq!(Route::parse("/api/rest/v1/widget/"), None);
        assert_eq!(Route::parse("/api/rest/v1/event/"), None);
        assert_eq!(Route::parse("/health"), None);
    }

    #[test]
    fn the_route_table_and_the_router_agree() {
        for spec in ROUTES {
            let route = Route::parse(&spec.path.replace("{widgetId}", "x")).unwrap();
            assert_eq!(route.group(), spec.group, "{spec:?}");
            assert!(route.allows(&Method::from_bytes(spec.method.as_bytes()).unwrap()));
            let listed = ROUTES.iter().filter(|s| s.path == spec.path).count();
            // Each path allows exactly its listed methods, plus OPTIONS.
            assert_eq!(route.allow().split(", ").count(), listed + 1, "{spec:?}");
        }
    }

    #[test]
    fn allows_only_listed_methods() {
        assert!(Route::Event.allows(&Method::POST));
        assert!(!Route::Chat.allows(&Method::POST));
        assert!(!Route::Chat.allows(&Method::OPTIONS));
        assert!(Route::Widget("x".into()).allows(&Method::DELETE));
    }
}
