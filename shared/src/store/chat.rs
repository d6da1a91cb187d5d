use serde_dynamo::aws_sdk_dynamodb_1::to_item;

use super::{Page, Store, StoreError, event_pk, with_keys};
use crate::model::ChatMessage;

pub(crate) const CHAT_PREFIX: &str = "CHAT#";
/// `$` sorts right after `#`: the exclusive upper end of every `CHAT#...` key.
const CHAT_END: &str = "CHAT$";

/// Sort key of a message: creation time first, so a page in key order is oldest first.
pub(crate) fn chat_sk(created_at: &str, id: &str) -> String {
    format!("{CHAT_PREFIX}{created_at}#{id}")
}

/// Sort keys after this one belong to messages created strictly after `since` (a formatted
/// timestamp): `~` sorts after every character of a message id.
pub fn chat_sk_after(since: &str) -> String {
    format!("{CHAT_PREFIX}{since}#~")
}

impl Store {
    pub async fn put_chat_message(&self, message: &ChatMessage) -> Result<(), StoreError> {
        let item = with_keys(
            to_item(message)?,
            event_pk(&message.event_id),
            chat_sk(&message.created_at, &message.id),
        );
        self.client()
            .put_item()
            .table_name(self.table())
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(PK)")
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(())
    }

    /// Messages after the sort key `after` (`CHAT#` for the very first), oldest first.
    pub async fn chat_page(
        &self,
        event_id: &str,
        after: &str,
        limit: usize,
    ) -> Result<Page<ChatMessage>, StoreError> {
        self.page(event_id, after, CHAT_END, limit).await
    }
}
