//! The API's JSON shapes (what responses carry and the store keeps) and the request bodies with
//! their validation.

pub mod chat;
pub mod event;
mod text;
pub mod widget;

pub use chat::ChatMessage;
pub use event::{Event, EventPatch, Location, Pricing};
pub use widget::{PollOption, Widget, WidgetData, WidgetPatch, WidgetType};

use serde::{Deserialize, Deserializer};

/// For `Option<Option<T>>` fields: absent → `None`, `null` → `Some(None)`, value → `Some(Some(v))`.
pub(crate) fn nullable<'de, T, D>(de: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(de).map(Some)
}

/// For optional fields that may be left out but never sent as `null`.
pub(crate) fn not_null<'de, T, D>(de: D) -> Result<Option<T>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    T::deserialize(de).map(Some)
}
