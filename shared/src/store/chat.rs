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

    /// Writes many messages, 25 to a `BatchWriteItem`, retrying what DynamoDB leaves unprocessed
    /// (for seeding and tests: the API itself never writes chat).
    pub async fn put_chat_messages(&self, messages: &[ChatMessage]) -> Result<(), StoreError> {
        use aws_sdk_dynamodb::types::{PutRequest, WriteRequest};
        for chunk in messages.chunks(25) {
            let mut requests = Vec::with_capacity(chunk.len());
            for message in chunk {
                let item = with_keys(
                    to_item(message)?,
                    event_pk(&message.event_id),
                    chat_sk(&message.created_at, &message.id),
                );
                let put = PutRequest::builder()
                    .set_item(Some(item))
                    .build()
                    .map_err(StoreError::failed)?;
                requests.push(WriteRequest::builder().put_request(put).build());
            }
            let mut pending =
                std::collections::HashMap::from([(self.table().to_owned(), requests)]);
            for attempt in 0.. {
                let output = self
                    .client()
                    .batch_write_item()
                    .set_request_items(Some(pending))
                    .send()
                    .await
                    .map_err(StoreError::from_sdk)?;
                pending = output.unprocessed_items.unwrap_or_default();
                if pending.values().all(Vec::is_empty) {
                    break;
                }
                if attempt == 8 {
                    return Err(StoreError::Unavailable(
                        "batch writes stayed unprocessed".into(),
                    ));
                }
                tokio::time::sleep(std::time::Duration::from_millis(50 << attempt)).await;
            }
        }
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
