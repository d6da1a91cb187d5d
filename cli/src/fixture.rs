//! The fixed event, key and widgets that the API Gateway events in `events/` refer to, so that
//! `sam local invoke -e events/...`, `cargo lambda invoke` and the tests find them in the table.
//! For local tables only: the key is public.

use impactify::auth::{ApiKey, Permissions};
use impactify::model::{ChatMessage, Event, Widget, WidgetData};
use impactify::store::{Store, StoreError};

pub const EVENT_ID: &str = "01930000-0000-7000-8000-000000000001";
pub const KEY: &str = "imp_EventsFixtureKeyForLocalInvokes0HthonG";
/// Read and updated by `widget-get.json` and `widget-update.json`.
pub const WIDGET_ID: &str = "01930000-0000-7000-8000-0000000000a1";
/// Deleted by `widget-delete.json`.
pub const DOOMED_WIDGET_ID: &str = "01930000-0000-7000-8000-0000000000a2";

pub async fn seed(store: &Store) -> Result<Event, StoreError> {
    let mut event = Event::new("Events fixture".into(), Some("For events/*.json".into()))
        .expect("a valid title");
    event.id = EVENT_ID.into();
    store.put_event(&event).await?;
    let key = ApiKey::parse(KEY).expect("the fixture key has a valid checksum");
    let all = Permissions::parse_list("*").expect("`*` parses");
    store
        .insert_key(key, EVENT_ID, all, Some("events fixture".into()), None)
        .await?;
    for id in [WIDGET_ID, DOOMED_WIDGET_ID] {
        let now = impactify::time::now();
        let data = WidgetData::Info {
            text: "Doors open at 19:00".into(),
        };
        let widget = Widget {
            id: id.into(),
            event_id: EVENT_ID.into(),
            kind: data.kind(),
            data,
            created_at: now.clone(),
            updated_at: now,
        };
        store.put_widget(&widget).await?;
    }
    let message =
        ChatMessage::new(EVENT_ID, "host".into(), "Welcome!".into()).expect("valid message");
    store.put_chat_message(&message).await?;
    Ok(event)
}
