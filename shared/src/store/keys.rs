use serde::{Deserialize, Serialize};
use serde_dynamo::aws_sdk_dynamodb_1::{from_item, to_item};

use super::table::KEYS_BY_EVENT_INDEX;
use super::{Store, StoreError, event_pk, s, with_keys};
use crate::auth::{ApiKey, KeyHash, Permissions};

const KEY_SK: &str = "KEY";

fn key_pk(hash: &KeyHash) -> String {
    format!("KEY#{}", hash.0)
}

/// What the table keeps about a key: never the key itself, only its hash (in `PK`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyRecord {
    pub id: String,
    pub event_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub permissions: Permissions,
    pub created_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    /// Absent until revoked (a stored `NULL` would defeat `if_not_exists` on revoke).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<String>,
    /// When a request last used the key, to within [`crate::auth::cache::TOUCH_INTERVAL`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_at: Option<String>,
}

/// A freshly created key: the only moment its plaintext exists outside the caller's hands.
pub struct NewKey {
    pub key: ApiKey,
    pub record: KeyRecord,
}

impl Store {
    pub async fn create_key(
        &self,
        event_id: &str,
        permissions: Permissions,
        name: Option<String>,
        expires_at: Option<String>,
    ) -> Result<NewKey, StoreError> {
        self.insert_key(ApiKey::generate(), event_id, permissions, name, expires_at)
            .await
    }

    /// Stores a given key: for fixed test fixtures (see `impactify seed --fixture`).
    pub async fn insert_key(
        &self,
        key: ApiKey,
        event_id: &str,
        permissions: Permissions,
        name: Option<String>,
        expires_at: Option<String>,
    ) -> Result<NewKey, StoreError> {
        let record = KeyRecord {
            id: uuid::Uuid::now_v7().to_string(),
            event_id: event_id.to_owned(),
            name,
            permissions,
            created_at: crate::time::now(),
            expires_at,
            revoked_at: None,
            last_used_at: None,
        };
        let mut item = with_keys(to_item(&record)?, key_pk(&key.hash()), KEY_SK.into());
        item.insert("GSI1PK".into(), s(event_pk(event_id)));
        item.insert("GSI1SK".into(), s(format!("KEY#{}", record.id)));
        self.client()
            .put_item()
            .table_name(self.table())
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(PK)")
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(NewKey { key, record })
    }

    /// The one read that authenticates a request.
    pub async fn key_by_hash(&self, hash: &KeyHash) -> Result<Option<KeyRecord>, StoreError> {
        let output = self
            .client()
            .get_item()
            .table_name(self.table())
            .key("PK", s(key_pk(hash)))
            .key("SK", s(KEY_SK))
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(output.item.map(from_item).transpose()?)
    }

    /// Sets `lastUsedAt` to now unless it is more recent than `interval` ago (so containers that
    /// race write once). Touches only that attribute of a key item: the functions' IAM policies
    /// allow no other write to them.
    pub async fn touch_key(
        &self,
        hash: &KeyHash,
        interval: std::time::Duration,
    ) -> Result<(), StoreError> {
        let now = chrono::Utc::now();
        let cutoff = chrono::Duration::from_std(interval).unwrap_or_default();
        let result = self
            .client()
            .update_item()
            .table_name(self.table())
            .key("PK", s(key_pk(hash)))
            .key("SK", s(KEY_SK))
            .update_expression("SET lastUsedAt = :now")
            .condition_expression(
                "attribute_exists(PK) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt <= :cutoff)",
            )
            .expression_attribute_values(":now", s(crate::time::format(now)))
            .expression_attribute_values(":cutoff", s(crate::time::format(now - cutoff)))
            .send()
            .await;
        match result {
            Ok(_) => Ok(()),
            Err(e)
                if e.as_service_error()
                    .is_some_and(|e| e.is_conditional_check_failed_exception()) =>
            {
                Ok(())
            }
            Err(e) => Err(StoreError::from_sdk(e)),
        }
    }

    /// Every key of an event, oldest first (through the sparse `GSI1` index).
    pub async fn list_keys(&self, event_id: &str) -> Result<Vec<KeyRecord>, StoreError> {
        let mut keys = Vec::new();
        let mut start = None;
        loop {
            let output = self
                .client()
                .query()
                .table_name(self.table())
                .index_name(KEYS_BY_EVENT_INDEX)
                .key_condition_expression("GSI1PK = :pk AND begins_with(GSI1SK, :key)")
                .expression_attribute_values(":pk", s(event_pk(event_id)))
                .expression_attribute_values(":key", s("KEY#"))
                .set_exclusive_start_key(start)
                .send()
                .await
                .map_err(StoreError::from_sdk)?;
            for item in output.items.unwrap_or_default() {
                keys.push(from_item(item)?);
            }
            start = output.last_evaluated_key;
            if start.is_none() {
                return Ok(keys);
            }
        }
    }

    /// Marks a key revoked; `Ok(None)` when the event has no key with that id.
    pub async fn revoke_key(
        &self,
        event_id: &str,
        key_id: &str,
    ) -> Result<Option<KeyRecord>, StoreError> {
        let output = self
            .client()
            .query()
            .table_name(self.table())
            .index_name(KEYS_BY_EVENT_INDEX)
            .key_condition_expression("GSI1PK = :pk AND GSI1SK = :sk")
            .expression_attribute_values(":pk", s(event_pk(event_id)))
            .expression_attribute_values(":sk", s(format!("KEY#{key_id}")))
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        let Some(pk) = output
            .items
            .unwrap_or_default()
            .into_iter()
            .find_map(|mut item| item.remove("PK"))
        else {
            return Ok(None);
        };
        let output = self
            .client()
            .update_item()
            .table_name(self.table())
            .key("PK", pk)
            .key("SK", s(KEY_SK))
            .update_expression("SET revokedAt = if_not_exists(revokedAt, :now)")
            .condition_expression("attribute_exists(PK)")
            .expression_attribute_values(":now", s(crate::time::now()))
            .return_values(aws_sdk_dynamodb::types::ReturnValue::AllNew)
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(output.attributes.map(from_item).transpose()?)
    }
}
