//! The single DynamoDB table that holds events, chat messages, widgets and API keys.
//!
//! | item        | PK                 | SK                              | GSI1PK / GSI1SK          |
//! |-------------|--------------------|---------------------------------|--------------------------|
//! | event       | `EVENT#<eventId>`  | `EVENT`                         |                          |
//! | widget      | `EVENT#<eventId>`  | `WIDGET#<widgetId (UUIDv7)>`    |                          |
//! | chat        | `EVENT#<eventId>`  | `CHAT#<createdAt>#<messageId>`  |                          |
//! | API key     | `KEY#<sha256(key)>`| `KEY`                           | `EVENT#<eventId>` / `KEY#<keyId>` |
//!
//! Everything an API call reads lives in the caller's event partition, so a key of one event can
//! never address another's items: the partition comes from the key, never from the request.

pub mod chat;
pub mod client;
mod error;
mod events;
mod keys;
mod page;
pub mod table;
mod version;
pub mod widgets;

pub use error::StoreError;
pub use keys::{KeyRecord, NewKey};
pub use page::Page;
pub use version::{Expect, Versioned, WriteRefused};

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::AttributeValue;
use std::collections::HashMap;
use std::sync::Arc;

pub type Item = HashMap<String, AttributeValue>;

pub const DEFAULT_TABLE: &str = "impactify";

#[derive(Clone, Debug)]
pub struct Store {
    client: Client,
    table: Arc<str>,
}

impl Store {
    pub fn new(client: Client, table: impl Into<Arc<str>>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }

    /// `TABLE_NAME` (default `impactify`) with a client configured by [`client::from_env`].
    pub async fn from_env() -> Self {
        let table = std::env::var("TABLE_NAME").unwrap_or_else(|_| DEFAULT_TABLE.to_owned());
        Self::new(client::from_env().await, table)
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn table(&self) -> &str {
        &self.table
    }

    /// One cheap read that proves the table answers (for `GET /health?deep=true`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.client
            .get_item()
            .table_name(self.table())
            .key("PK", s("HEALTH"))
            .key("SK", s("HEALTH"))
            .send()
            .await
            .map(|_| ())
            .map_err(StoreError::from_sdk)
    }
}

pub(crate) fn s(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

pub(crate) fn event_pk(event_id: &str) -> String {
    format!("EVENT#{event_id}")
}

/// Adds the key attributes to a serialized entity.
pub(crate) fn with_keys(mut item: Item, pk: String, sk: String) -> Item {
    item.insert("PK".into(), s(pk));
    item.insert("SK".into(), s(sk));
    item
}
