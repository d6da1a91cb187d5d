//! Reading one page of an event's chat messages or widgets: a `Query` on the event's partition
//! between two sort keys, so the cost of a page never depends on how much the event holds.

use aws_sdk_dynamodb::types::AttributeValue;
use serde::de::DeserializeOwned;
use serde_dynamo::aws_sdk_dynamodb_1::from_item;

use super::{Item, Store, StoreError, event_pk, s};

/// Items in sort-key order, and the sort key to continue after when more follow.
#[derive(Debug)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

impl Store {
    /// Up to `limit` items whose sort key lies strictly after `after` and before `before`.
    /// DynamoDB stops a query at 1 MB, so this keeps querying until it has `limit + 1` items (the
    /// extra one only tells whether another page exists) or the range is exhausted.
    pub(crate) async fn page<T: DeserializeOwned>(
        &self,
        event_id: &str,
        after: &str,
        before: &str,
        limit: usize,
    ) -> Result<Page<T>, StoreError> {
        let pk = event_pk(event_id);
        let mut start: Item = [("PK".to_owned(), s(&pk)), ("SK".to_owned(), s(after))].into();
        let mut items: Vec<Item> = Vec::with_capacity(limit + 1);
        loop {
            let want = limit + 1 - items.len();
            let output = self
                .client()
                .query()
                .table_name(self.table())
                .key_condition_expression("PK = :pk AND SK BETWEEN :after AND :before")
                .expression_attribute_values(":pk", s(&pk))
                .expression_attribute_values(":after", s(after))
                .expression_attribute_values(":before", s(before))
                .set_exclusive_start_key(Some(start))
                .limit(i32::try_from(want).unwrap_or(i32::MAX))
                .send()
                .await
                .map_err(StoreError::from_sdk)?;
            items.extend(output.items.unwrap_or_default());
            match output.last_evaluated_key {
                Some(key) if items.len() <= limit => start = key,
                _ => break,
            }
        }
        let next = if items.len() > limit {
            items.truncate(limit);
            items.last().and_then(|item| match item.get("SK") {
                Some(AttributeValue::S(sk)) => Some(sk.clone()),
                _ => None,
            })
        } else {
            None
        };
        let items = items
            .into_iter()
            .map(from_item)
            .collect::<Result<Vec<T>, _>>()?;
        Ok(Page { items, next })
    }
}
