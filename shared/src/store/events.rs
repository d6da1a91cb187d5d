use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue, ReturnValuesOnConditionCheckFailure};
use serde_dynamo::aws_sdk_dynamodb_1::{to_attribute_value, to_item};

use super::version::{self, Expect, Versioned, WriteRefused, versioned, with_version};
use super::{Store, StoreError, event_pk, s, with_keys};
use crate::model::{Event, EventPatch};

const EVENT_SK: &str = "EVENT";

impl Store {
    pub async fn put_event(&self, event: &Event) -> Result<(), StoreError> {
        let item = with_keys(to_item(event)?, event_pk(&event.id), EVENT_SK.into());
        self.client()
            .put_item()
            .table_name(self.table())
            .set_item(Some(with_version(item, 1)))
            .condition_expression("attribute_not_exists(PK)")
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(())
    }

    pub async fn get_event(&self, event_id: &str) -> Result<Option<Versioned<Event>>, StoreError> {
        let output = self
            .client()
            .get_item()
            .table_name(self.table())
            .key("PK", s(event_pk(event_id)))
            .key("SK", s(EVENT_SK))
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        output.item.map(versioned).transpose()
    }

    /// Sets only the given fields (one `UpdateItem`, so concurrent updates of other fields are
    /// never lost); `None` inside removes the attribute. With `expect`, applies only at a
    /// matching version.
    pub async fn update_event(
        &self,
        event_id: &str,
        patch: &EventPatch,
        now: &str,
        expect: Option<&Expect>,
    ) -> Result<Result<Versioned<Event>, WriteRefused>, StoreError> {
        let token = version::new_write_token();
        let mut sets = vec![
            "#updatedAt = :updatedAt",
            "#version = if_not_exists(#version, :zero) + :one",
            "#writeToken = :token",
        ];
        let mut removes = Vec::new();
        let mut condition =
            "attribute_exists(PK) AND (attribute_not_exists(#writeToken) OR #writeToken <> :token)"
                .to_owned();
        let mut request = self
            .client()
            .update_item()
            .table_name(self.table())
            .key("PK", s(event_pk(event_id)))
            .key("SK", s(EVENT_SK))
            .expression_attribute_names("#updatedAt", "updatedAt")
            .expression_attribute_names("#version", version::VERSION)
            .expression_attribute_names("#writeToken", version::WRITE_TOKEN)
            .expression_attribute_values(":token", s(&token))
            .expression_attribute_values(":updatedAt", s(now))
            .expression_attribute_values(":zero", AttributeValue::N("0".into()))
            .expression_attribute_values(":one", AttributeValue::N("1".into()))
            .return_values(ReturnValue::AllNew)
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld);
        if let Some((versions, values)) = version::condition(expect) {
            condition.push_str(&format!(" AND {versions}"));
            for (name, value) in values {
                request = request.expression_attribute_values(name, value);
            }
        }
        if let Some(title) = &patch.title {
            sets.push("#title = :title");
            request = request
                .expression_attribute_names("#title", "title")
                .expression_attribute_values(":title", s(title));
        }
        match &patch.livestream_link {
            Some(Some(link)) => {
                sets.push("#livestreamLink = :livestreamLink");
                request = request.expression_attribute_values(":livestreamLink", s(link));
            }
            Some(None) => removes.push("#livestreamLink"),
            None => {}
        }
        if patch.livestream_link.is_some() {
            request = request.expression_attribute_names("#livestreamLink", "livestreamLink");
        }
        match &patch.location {
            Some(Some(location)) => {
                sets.push("#location = :location");
                request =
                    request.expression_attribute_values(":location", to_attribute_value(location)?);
            }
            Some(None) => removes.push("#location"),
            None => {}
        }
        if patch.location.is_some() {
            request = request.expression_attribute_names("#location", "location");
        }
        let mut expression = format!("SET {}", sets.join(", "));
        if !removes.is_empty() {
            expression.push_str(&format!(" REMOVE {}", removes.join(", ")));
        }
        let result = request
            .update_expression(expression)
            .condition_expression(condition)
            .send()
            .await;
        // Only the version can refuse an existing event.
        version::update_outcome(&token, result, |stored| {
            Ok(match stored {
                None => WriteRefused::NotFound,
                Some(old) => WriteRefused::Stale {
                    current: version::version_of(old),
                },
            })
        })
    }
}
