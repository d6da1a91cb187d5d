//! Parameters shared by several operations.

#![allow(dead_code)] // Read by the `IntoParams` derives only.

use utoipa::IntoParams;

/// `limit` and `cursor` of `GET /chat` and `GET /widgets`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Page {
    /// Items per page, 1 to 500 (default 100). Anything else is a 400, not clamped.
    #[param(minimum = 1, maximum = 500, default = 100, nullable = false)]
    limit: Option<u32>,
    /// Where the page starts: the `cursor` of a `Link` header's URL. Opaque and bound to the
    /// key's event and the list; only cursors this list gave out are accepted (others are a 400).
    #[param(pattern = "^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$", nullable = false)]
    cursor: Option<String>,
}

/// The `{widgetId}` path parameter.
#[derive(IntoParams)]
#[into_params(parameter_in = Path, rename_all = "camelCase")]
pub struct WidgetId {
    /// The widget's id, a UUID in canonical (lower-case) form. Any other id, or the id of
    /// another event's widget, is a 404.
    #[param(
        format = "uuid",
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    widget_id: String,
}
