use aws_sdk_dynamodb::types::{ReturnValue, ReturnValuesOnConditionCheckFailure};
use serde_dynamo::aws_sdk_dynamodb_1::{from_item, to_attribute_value, to_item};

use super::{Page, Store, StoreError, event_pk, s, with_keys};
use crate::model::{Widget, WidgetPatch};

pub(crate) const WIDGET_PREFIX: &str = "WIDGET#";
const WIDGET_END: &str = "WIDGET$";

fn widget_sk(widget_id: &str) -> String {
    format!("{WIDGET_PREFIX}{widget_id}")
}

/// Why an update did not apply.
#[derive(Debug, PartialEq)]
pub enum UpdateRefused {
    NotFound,
    /// The stored widget is of another type than the update's fields.
    OtherType(crate::model::WidgetType),
}

impl Store {
    pub async fn put_widget(&self, widget: &Widget) -> Result<(), StoreError> {
        let item = with_keys(
            to_item(widget)?,
            event_pk(&widget.event_id),
            widget_sk(&widget.id),
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

    pub async fn get_widget(
        &self,
        event_id: &str,
        widget_id: &str,
    ) -> Result<Option<Widget>, StoreError> {
        let output = self
            .client()
            .get_item()
            .table_name(self.table())
            .key("PK", s(event_pk(event_id)))
            .key("SK", s(widget_sk(widget_id)))
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(output.item.map(from_item).transpose()?)
    }

    /// Sets the given `data` fields in one conditional `UpdateItem`: the widget must exist and be
    /// of the patch's type. On refusal DynamoDB returns the stored item, which tells the two apart
    /// without a second read.
    pub async fn update_widget(
        &self,
        event_id: &str,
        widget_id: &str,
        patch: &WidgetPatch,
        now: &str,
    ) -> Result<Result<Widget, UpdateRefused>, StoreError> {
        let mut request = self
            .client()
            .update_item()
            .table_name(self.table())
            .key("PK", s(event_pk(event_id)))
            .key("SK", s(widget_sk(widget_id)))
            .condition_expression("attribute_exists(PK) AND #type = :type")
            .expression_attribute_names("#type", "type")
            .expression_attribute_names("#data", "data")
            .expression_attribute_names("#updatedAt", "updatedAt")
            .expression_attribute_values(":type", s(patch.kind.as_str()))
            .expression_attribute_values(":updatedAt", s(now))
            .return_values(ReturnValue::AllNew)
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld);
        let mut sets = vec!["#updatedAt = :updatedAt".to_owned()];
        for (i, change) in patch.changes.iter().enumerate() {
            sets.push(format!("#data.#f{i} = :v{i}"));
            request = request
                .expression_attribute_names(format!("#f{i}"), change.field())
                .expression_attribute_values(format!(":v{i}"), to_attribute_value(change)?);
        }
        match request
            .update_expression(format!("SET {}", sets.join(", ")))
            .send()
            .await
        {
            Ok(output) => {
                let item = output
                    .attributes
                    .ok_or_else(|| StoreError::failed("no attributes"))?;
                Ok(Ok(from_item(item)?))
            }
            Err(e) => match e.as_service_error() {
                Some(refused) if refused.is_conditional_check_failed_exception() => {
                    let stored = match refused {
                        aws_sdk_dynamodb::operation::update_item::UpdateItemError::ConditionalCheckFailedException(c) => c.item.clone(),
                        _ => None,
                    };
                    Ok(Err(match stored {
                        Some(item) => UpdateRefused::OtherType(from_item::<Widget>(item)?.kind),
                        None => UpdateRefused::NotFound,
                    }))
                }
                _ => Err(StoreError::from_sdk(e)),
            },
        }
    }

    /// Deletes and returns the widget in one call; `None` when there was none.
    pub async fn delete_widget(
        &self,
        event_id: &str,
        widget_id: &str,
    ) -> Result<Option<Widget>, StoreError> {
        let result = self
            .client()
            .delete_item()
            .table_name(self.table())
            .key("PK", s(event_pk(event_id)))
            .key("SK", s(widget_sk(widget_id)))
            .condition_expression("attribute_exists(PK)")
            .return_values(ReturnValue::AllOld)
            .send()
            .await;
        match result {
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

    /// Widgets after the sort key `after` (`WIDGET#` for the first), oldest first.
    pub async fn widget_page(
        &self,
        event_id: &str,
        after: &str,
        limit: usize,
    ) -> Result<Page<Widget>, StoreError> {
        self.page(event_id, after, WIDGET_END, limit).await
    }
}
