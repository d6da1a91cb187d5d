use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::text::{check_len, check_multiline};
use crate::http::Problem;

/// A chat message of the event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChatMessage {
    #[schema(format = "uuid")]
    pub id: String,
    #[schema(format = "uuid")]
    pub event_id: String,
    pub sender_id: String,
    pub content: String,
    /// Millisecond precision, UTC.
    #[schema(format = "date-time")]
    pub created_at: String,
}

impl ChatMessage {
    /// A new message stamped now. `senderId` 1-200 and `content` 1-5,000 characters.
    pub fn new(event_id: &str, sender_id: String, content: String) -> Result<Self, Problem> {
        let mut errors = Vec::new();
        check_len("senderId", &sender_id, 1, 200, &mut errors);
        check_multiline("content", &content, 1, 5_000, &mut errors);
        if !errors.is_empty() {
            return Err(Problem::validation(errors));
        }
        Ok(Self {
            id: uuid::Uuid::now_v7().to_string(),
            event_id: event_id.to_owned(),
            sender_id,
            content,
            created_at: crate::time::now(),
        })
    }
}
