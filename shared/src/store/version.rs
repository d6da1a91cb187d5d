//! Optimistic concurrency: every event and widget item carries a `version` number, which the API
//! shows as a strong `ETag` and checks against `If-Match` inside the conditional write itself, so
//! that of concurrent writers with the same tag exactly one wins.
//!
//! The version lives beside the entity in the item, not in the JSON shapes of the contract.

use aws_sdk_dynamodb::types::AttributeValue;
use serde::de::DeserializeOwned;
use serde_dynamo::aws_sdk_dynamodb_1::from_item;

use super::{Item, StoreError};

pub(crate) const VERSION: &str = "version";

/// Each write stamps the item with a token of its own. The SDK retries an attempt that timed out,
/// and the first attempt may have been applied after all: the retry then fails its condition, and
/// finding its own token in the stored item tells it that the write did happen, so it answers
/// with the stored result instead of a false 404, 412 or 500 (and never applies twice).
pub(crate) const WRITE_TOKEN: &str = "writeToken";

pub(crate) fn new_write_token() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Whether `stored` carries `token`: this write was applied by an earlier attempt.
pub(crate) fn written_by(stored: &Item, token: &str) -> bool {
    matches!(stored.get(WRITE_TOKEN), Some(AttributeValue::S(t)) if t == token)
}

/// An entity and the version it was read or written at.
#[derive(Clone, Debug, PartialEq)]
pub struct Versioned<T> {
    pub value: T,
    pub version: u64,
}

/// What `If-Match` asks of the stored version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expect {
    /// `If-Match: *`: any stored version.
    Any,
    /// One of these versions; empty when no tag in the header could match.
    OneOf(Vec<u64>),
}

/// Why a conditional write did not apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteRefused {
    NotFound,
    /// `If-Match` named another version than the stored one.
    Stale {
        current: u64,
    },
    /// The stored widget is of another type than the update's fields.
    OtherType(crate::model::WidgetType),
}

pub(crate) fn version_of(item: &Item) -> u64 {
    match item.get(VERSION) {
        Some(AttributeValue::N(n)) => n.parse().unwrap_or(0),
        _ => 0,
    }
}

pub(crate) fn versioned<T: DeserializeOwned>(item: Item) -> Result<Versioned<T>, StoreError> {
    let version = version_of(&item);
    Ok(Versioned {
        value: from_item(item)?,
        version,
    })
}

pub(crate) fn with_version(mut item: Item, version: u64) -> Item {
    item.insert(VERSION.into(), AttributeValue::N(version.to_string()));
    item
}

/// The condition for `expect`, over the attribute name `#version`, with its values.
pub(crate) fn condition(
    expect: Option<&Expect>,
) -> Option<(String, Vec<(String, AttributeValue)>)> {
    match expect? {
        Expect::Any => None,
        Expect::OneOf(versions) => {
            // Versions start at 1: an empty list becomes one that cannot match.
            let versions = if versions.is_empty() {
                &[0][..]
            } else {
                versions
            };
            let values: Vec<_> = versions
                .iter()
                .enumerate()
                .map(|(i, v)| (format!(":expected{i}"), AttributeValue::N(v.to_string())))
                .collect();
            let names: Vec<_> = values.iter().map(|(name, _)| name.as_str()).collect();
            Some((format!("#version IN ({})", names.join(", ")), values))
        }
    }
}

/// Whether a stored version satisfies `expect` (to explain a refused write).
pub(crate) fn satisfies(expect: Option<&Expect>, version: u64) -> bool {
    match expect {
        None | Some(Expect::Any) => true,
        Some(Expect::OneOf(versions)) => versions.contains(&version),
    }
}

/// What an `UpdateItem` with `ReturnValues=ALL_NEW` and `ALL_OLD` on a failed condition came to:
/// the new version (also when an earlier attempt of this write, stamped `token`, applied it), a
/// refusal explained from the stored item (`None`: there was none), or an error.
pub(crate) fn update_outcome<T: DeserializeOwned>(
    token: &str,
    result: Result<
        aws_sdk_dynamodb::operation::update_item::UpdateItemOutput,
        aws_sdk_dynamodb::error::SdkError<
            aws_sdk_dynamodb::operation::update_item::UpdateItemError,
            aws_sdk_dynamodb::config::http::HttpResponse,
        >,
    >,
    explain: impl FnOnce(Option<&Item>) -> Result<WriteRefused, StoreError>,
) -> Result<Result<Versioned<T>, WriteRefused>, StoreError> {
    use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
    match result {
        Ok(output) => {
            let item = output
                .attributes
                .ok_or_else(|| StoreError::failed("no attributes"))?;
            Ok(Ok(versioned(item)?))
        }
        Err(e) => match e.as_service_error() {
            Some(UpdateItemError::ConditionalCheckFailedException(refused)) => {
                match &refused.item {
                    Some(stored) if written_by(stored, token) => Ok(Ok(versioned(stored.clone())?)),
                    stored => Ok(Err(explain(stored.as_ref())?)),
                }
            }
            _ => Err(StoreError::from_sdk(e)),
        },
    }
}
