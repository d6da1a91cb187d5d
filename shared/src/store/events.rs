use aws_sdk_dynamodb::types::ReturnValue;
use serde_dynamo::aws_sdk_dynamodb_1::{from_item, to_attribute_value, to_item};

use super::{Store, StoreError, event_pk, s, with_keys};
use crate::model::{Event, EventPatch};

const EVENT_SK: &str = "EVENT";

impl Store {
    pub async fn put_event(&self, event: &Event) -> Result<(), StoreError> {
        let item = with_keys(to_item(event)?, event_pk(&event.id), EVENT_SK.into());
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

    pub async fn get_event(&self, event_id: &str) -> Result<Option<Event>, StoreError> {
        let output = self
            .client()
            .get_item()
            .table_name(self.table())
            .key("PK", s(event_pk(event_id)))
            .key("SK", s(EVENT_SK))
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(output.item.map(from_item).transpose()?)
    }

    /// Sets only the given fields (one `UpdateItem`, so concurrent updates of other fields are
    /// never lost); `None` inside removes the attribute. `Ok(None)` when the event does not exist.
    pub async fn update_event(
        &self,
        event_id: &str,
        patch: &EventPatch,
        now: &str,
    ) -> Result<Option<Event>, StoreError> {
        let mut sets = vec!["#updatedAt = :updatedAt"];
        let mut removes = Vec::new();
        let mut request = self
            .client()
            .update_item()
            .table_name(self.table())
            .key("PK", s(event_pk(event_id)))
            .key("SK", s(EVENT_SK))
            .condition_expression("attribute_exists(PK)")
            .expression_attribute_names("#updatedAt", "updatedAt")
            .expression_attribute_values(":updatedAt", s(now))
            .return_values(ReturnValue::AllNew);
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
        match request.update_expression(expression).send().await {
            Ok(output) => Ok(output.attributes.map(from_item).transpose()?),
            Err(e)
                if e.as_service_error()
                    .is_some_and(|e| e.is_conditional_check_failed_exception()) =>
            {
                Ok(None)
            }
            Err(e) => Err(StoreError::from_sdk(e)),
        }
    }
}
