//! The API's JSON shapes (what responses carry and the store keeps) and the request bodies with
//! their validation.

pub mod chat;
pub mod event;
pub(crate) mod text;
pub mod widget;

pub use chat::ChatMessage;
pub use event::{Event, EventPatch, Location, Pricing};
pub use widget::{PollOption, Widget, WidgetData, WidgetPatch, WidgetType};

use serde::de::{MapAccess, Visitor, value::MapAccessDeserializer};
use serde::{Deserialize, Deserializer};
use std::marker::PhantomData;

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

/// Deserializes `T` from an object only: serde's derive also accepts an array of the fields in
/// declaration order, which no client means and which would bypass field names.
pub(crate) fn from_object<'de, T, D>(de: D) -> Result<T, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    struct ObjectOnly<T>(PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectOnly<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(MapAccessDeserializer::new(map))
        }
    }
    de.deserialize_map(ObjectOnly(PhantomData))
}
