//! The route table: which paths exist, which methods they take, and which function serves them.
//!
//! Routing reads the raw path (API Gateway's `rawPath`), never the URI, whose path gains a stage
//! prefix on named stages.

use lambda_http::http::Method;
use percent_encoding::percent_decode_str;

pub const BASE_PATH: &str = "/api/rest/v1";

/// The endpoint groups; each is one Lambda function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Group {
    Health,
    Event,
    Chat,
    Widgets,
}

impl Group {
    pub const ALL: [Group; 4] = [Group::Health, Group::Event, Group::Chat, Group::Widgets];

    pub fn name(self) -> &'static str {
        match self {
            Group::Health => "health",
            Group::Event => "event",
            Group::Chat => "chat",
            Group::Widgets => "widgets",
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
        }
    }

    /// The `Allow` header value for this path (OPTIONS is answered for every route).
    pub fn allow(&self) -> &'static str {
        match self {
            Route::Health | Route::Chat | Route::Widgets => "GET, OPTIONS",
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
            Route::parse("/api/rest/v1/widget/abc%2Fdef"),
            Some(Route::Widget("abc/def".into()))
        );
        assert_eq!(Route::parse("/api/rest/v1/widget/a/b"), None);
        assert_eq!(Route::parse("/api/rest/v1/widget/"), None);
        assert_eq!(Route::parse("/api/rest/v1/event/"), None);
        assert_eq!(Route::parse("/health"), None);
    }

    #[test]
    fn allows_only_listed_methods() {
        assert!(Route::Event.allows(&Method::POST));
        assert!(!Route::Chat.allows(&Method::POST));
        assert!(!Route::Chat.allows(&Method::OPTIONS));
        assert!(Route::Widget("x".into()).allows(&Method::DELETE));
    }
}
