use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue, ReturnValuesOnConditionCheckFailure};
use serde_dynamo::aws_sdk_dynamodb_1::{from_item, to_attribute_value, to_item};

use super::version::{self, Expect, Versioned, WriteRefused, versioned, with_version};
use super::{Item, Page, Store, StoreError, event_pk, s, with_keys};
use crate::model::{Widget, WidgetPatch};

pub(crate) const WIDGET_PREFIX: &str = "WIDGET#";
const WIDGET_END: &str = "WIDGET$";

fn widget_sk(widget_id: &str) -> String {
    format!("{WIDGET_PREFIX}{widget_id}")
}

/// Why the stored item refused a write, given what the write asked.
fn refusal(stored: Option<&Item>, expect: Option<&Expect>) -> Result<WriteRefused, StoreError> {
    let Some(stored) = stored else {
        return Ok(WriteRefused::NotFound);
    };
    let current = version::version_of(stored);
    if !version::satisfies(expect, current) {
        return Ok(WriteRefused::Stale { current });
    }
    let widget: Widget = from_item(stored.clone())?;
    Ok(WriteRefused::OtherType(widget.kind))
}

impl Store {
    /// Stores a new widget at version 1.
    pub async fn put_widget(&self, widget: &Widget) -> Result<Versioned<Widget>, StoreError> {
        let token = version::new_write_token();
        let mut item = with_keys(
            to_item(widget)?,
            event_pk(&widget.event_id),
            widget_sk(&widget.id),
        );
        item.insert(version::WRITE_TOKEN.into(), s(&token));
        let result = self
            .client()
            .put_item()
            .table_name(self.table())
            .set_item(Some(with_version(item, 1)))
            .condition_expression("attribute_not_exists(PK)")
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
            .send()
            .await;
        use aws_sdk_dynamodb::operation::put_item::PutItemError;
        match result {
            Ok(_) => {}
            // An earlier attempt of this very write created it (see `version::WRITE_TOKEN`).
            Err(e)
                if matches!(
                    e.as_service_error(),
                    Some(PutItemError::ConditionalCheckFailedException(c))
                        if c.item.as_ref().is_some_and(|stored| version::written_by(stored, &token))
                ) => {}
            Err(e) => return Err(StoreError::from_sdk(e)),
        }
        Ok(Versioned {
            value: widget.clone(),
            version: 1,
        })
    }

    pub async fn get_widget(
        &self,
        event_id: &str,
        widget_id: &str,
    ) -> Result<Option<Versioned<Widget>>, StoreError> {
        let output = self
            .client()
            .get_item()
            .table_name(self.table())
            .key("PK", s(event_pk(event_id)))
            .key("SK", s(widget_sk(widget_id)))
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        output.item.map(versioned).transpose()
    }

    /// Sets the given `data` fields in one conditional `UpdateItem`: the widget must exist, be of
    /// the patch's type and, with `expect`, be at a matching version. On refusal DynamoDB returns
    /// the stored item, which tells the reasons apart without a second read.
    pub async fn update_widget(
        &self,
        event_id: &str,
        widget_id: &str,
        patch: &WidgetPatch,
        now: &str,
        expect: Option<&Expect>,
    ) -> Result<Result<Versioned<Widget>, WriteRefused>, StoreError> {
        let token = version::new_write_token();
        let mut condition = "attribute_exists(PK) AND #type = :type \
            AND (attribute_not_exists(#writeToken) OR #writeToken <> :token)"
            .to_owned();
        let mut request = self
            .client()
            .update_item()
            .table_name(self.table())
            .key("PK", s(event_pk(event_id)))
            .key("SK", s(widget_sk(widget_id)))
            .expression_attribute_names("#type", "type")
            .expression_attribute_names("#data", "data")
            .expression_attribute_names("#updatedAt", "updatedAt")
            .expression_attribute_names("#version", version::VERSION)
            .expression_attribute_names("#writeToken", version::WRITE_TOKEN)
            .expression_attribute_values(":token", s(&token))
            .expression_attribute_values(":type", s(patch.kind.as_str()))
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
        let mut sets = vec![
            "#updatedAt = :updatedAt".to_owned(),
            "#version = if_not_exists(#version, :zero) + :one".to_owned(),
            "#writeToken = :token".to_owned(),
        ];
        for (i, change) in patch.changes.iter().enumerate() {
            sets.push(format!("#data.#f{i} = :v{i}"));
            request = request
                .expression_attribute_names(format!("#f{i}"), change.field())
                .expression_attribute_values(format!(":v{i}"), to_attribute_value(change)?);
        }
        let result = request
            .update_expression(format!("SET {}", sets.join(", ")))
            .condition_expression(condition)
            .send()
            .await;
        version::update_outcome(&token, result, |stored| refusal(stored, expect))
    }

    /// Deletes and returns the widget in one call (with `expect`, only at a matching version).
    pub async fn delete_widget(
        &self,
        event_id: &str,
        widget_id: &str,
        expect: Option<&Expect>,
    ) -> Result<Result<Versioned<Widget>, WriteRefused>, StoreError> {
        let mut condition = "attribute_exists(PK)".to_owned();
        let mut request = self
            .client()
            .delete_item()
            .table_name(self.table())
            .key("PK", s(event_pk(event_id)))
            .key("SK", s(widget_sk(widget_id)))
            .return_values(ReturnValue::AllOld)
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld);
        if let Some((versions, values)) = version::condition(expect) {
            condition.push_str(&format!(" AND {versions}"));
            request = request.expression_attribute_names("#version", version::VERSION);
            for (name, value) in values {
                request = request.expression_attribute_values(name, value);
            }
        }
        // Not retried: after a first attempt that deleted it but answered too late, a retry would
        // find nothing and answer a false 404. A timeout is a 503; the client's own retry then
        // learns the outcome (200 or 404).
        let no_retries = aws_sdk_dynamodb::config::Builder::default()
            .retry_config(aws_config::retry::RetryConfig::disabled());
        let result = request
            .condition_expression(condition)
            .customize()
            .config_override(no_retries)
            .send()
            .await;
        match result {
            Ok(output) => {
                let item = output
                    .attributes
                    .ok_or_else(|| StoreError::failed("no attributes"))?;
                Ok(Ok(versioned(item)?))
            }
            Err(e) => {
                use aws_sdk_dynamodb::operation::delete_item::DeleteItemError;
                match e.as_service_error() {
                    Some(DeleteItemError::ConditionalCheckFailedException(refused)) => {
                        Ok(Err(refusal(refused.item.as_ref(), expect)?))
                    }
                    _ => Err(StoreError::from_sdk(e)),
                }
            }
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
