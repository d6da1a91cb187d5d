//! The table's definition. `impactify table create` uses it, and a test compares it with the SAM
//! template, so there is one source of truth for the key schema.

use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection,
    ProjectionType, ScalarAttributeType,
};

use super::{Store, StoreError};

/// The sparse index that lists an event's API keys (only key items carry `GSI1PK`).
pub const KEYS_BY_EVENT_INDEX: &str = "GSI1";

/// (attribute, role) for the table and for its one index.
pub const TABLE_KEYS: [(&str, KeyType); 2] = [("PK", KeyType::Hash), ("SK", KeyType::Range)];
pub const INDEX_KEYS: [(&str, KeyType); 2] =
    [("GSI1PK", KeyType::Hash), ("GSI1SK", KeyType::Range)];

fn schema(keys: &[(&str, KeyType)]) -> Vec<KeySchemaElement> {
    keys.iter()
        .map(|(name, kind)| {
            KeySchemaElement::builder()
                .attribute_name(*name)
                .key_type(kind.clone())
                .build()
                .expect("name and type are set")
        })
        .collect()
}

impl Store {
    /// Creates the table if it does not exist yet; returns whether it was created.
    pub async fn create_table(&self) -> Result<bool, StoreError> {
        let attributes = TABLE_KEYS.iter().chain(INDEX_KEYS.iter()).map(|(name, _)| {
            AttributeDefinition::builder()
                .attribute_name(*name)
                .attribute_type(ScalarAttributeType::S)
                .build()
                .expect("name and type are set")
        });
        let index = GlobalSecondaryIndex::builder()
            .index_name(KEYS_BY_EVENT_INDEX)
            .set_key_schema(Some(schema(&INDEX_KEYS)))
            .projection(
                Projection::builder()
                    .projection_type(ProjectionType::All)
                    .build(),
            )
            .build()
            .expect("name, schema and projection are set");
        let result = self
            .client()
            .create_table()
            .table_name(self.table())
            .billing_mode(BillingMode::PayPerRequest)
            .set_attribute_definitions(Some(attributes.collect()))
            .set_key_schema(Some(schema(&TABLE_KEYS)))
            .global_secondary_indexes(index)
            .send()
            .await;
        match result {
            Ok(_) => Ok(true),
            Err(e)
                if e.as_service_error()
                    .is_some_and(|e| e.is_resource_in_use_exception()) =>
            {
                Ok(false)
            }
            Err(e) => Err(StoreError::from_sdk(e)),
        }
    }

    pub async fn delete_table(&self) -> Result<(), StoreError> {
        self.client()
            .delete_table()
            .table_name(self.table())
            .send()
            .await
            .map(|_| ())
            .map_err(StoreError::from_sdk)
    }
}
