//! Reading one page of an event's chat messages or widgets: a `Query` on the event's partition
//! between two sort keys, so the cost of a page never depends on how much the event holds.

use aws_sdk_dynamodb::types::AttributeValue;
use serde::de::DeserializeOwned;
use serde_dynamo::aws_sdk_dynamodb_1::from_item;

use super::{Item, Store, StoreError, event_pk, s};

/// Stop reading once this many bytes of items are in hand: a response must stay under Lambda's
/// 6 MB payload limit whatever `limit` asks (the handler trims to the exact size).
pub const READ_BUDGET_BYTES: usize = 5_000_000;

/// Items in sort-key order with their sort keys, and whether more follow the last one.
#[derive(Debug)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub sort_keys: Vec<String>,
    pub more: bool,
}

/// Roughly the bytes an item takes (names and values), which bounds its JSON size from below.
fn item_size(item: &Item) -> usize {
    fn value_size(value: &AttributeValue) -> usize {
        match value {
            AttributeValue::S(s) | AttributeValue::N(s) => s.len(),
            AttributeValue::L(list) => list.iter().map(value_size).sum::<usize>() + 1,
            AttributeValue::M(map) => item_size(map) + 1,
            AttributeValue::Ss(set) | AttributeValue::Ns(set) => set.iter().map(String::len).sum(),
            _ => 1,
        }
    }
    item.iter().map(|(k, v)| k.len() + value_size(v)).sum()
}

impl Store {
    /// Up to `limit` items whose sort key lies strictly after `after` and before `before`.
    /// DynamoDB stops a query at 1 MB, so this keeps querying until it has `limit + 1` items (the
    /// extra one only tells whether another page exists), the range is exhausted, or
    /// [`READ_BUDGET_BYTES`] are read.
    pub(crate) async fn page<T: DeserializeOwned>(
        &self,
        event_id: &str,
        after: &str,
        before: &str,
        limit: usize,
    ) -> Result<Page<T>, StoreError> {
        let pk = event_pk(event_id);
        let mut start: Item = [("PK".to_owned(), s(&pk)), ("SK".to_owned(), s(after))].into();
        let mut items: Vec<Item> = Vec::with_capacity(limit.min(100) + 1);
        let mut bytes = 0;
        let more = loop {
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
            for item in output.items.unwrap_or_default() {
                bytes += item_size(&item);
                items.push(item);
            }
            if items.len() > limit {
                items.truncate(limit);
                break true;
            }
            match output.last_evaluated_key {
                Some(_) if bytes >= READ_BUDGET_BYTES => break true,
                Some(key) => start = key,
                None => break false,
            }
        };
        let mut page = Page {
            items: Vec::with_capacity(items.len()),
            sort_keys: Vec::with_capacity(items.len()),
            more,
        };
        for mut item in items {
            let Some(AttributeValue::S(sk)) = item.remove("SK") else {
                return Err(StoreError::failed("an item without a sort key"));
            };
            page.sort_keys.push(sk);
            page.items.push(from_item(item)?);
        }
        Ok(page)
    }
}
