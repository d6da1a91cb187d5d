use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::text::{check_len, check_multiline};
use super::{from_object, not_null};
use crate::http::{FieldError, Problem};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum WidgetType {
    Info,
    Markdown,
    Poll,
}

impl WidgetType {
    pub fn as_str(self) -> &'static str {
        match self {
            WidgetType::Info => "INFO",
            WidgetType::Markdown => "MARKDOWN",
            WidgetType::Poll => "POLL",
        }
    }
}

/// A widget of the event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Widget {
    #[schema(format = "uuid")]
    pub id: String,
    #[schema(format = "uuid")]
    pub event_id: String,
    #[serde(rename = "type")]
    pub kind: WidgetType,
    pub data: WidgetData,
    #[schema(format = "date-time")]
    pub created_at: String,
    #[schema(format = "date-time")]
    pub updated_at: String,
}

/// A widget's own fields; `type` is repeated inside, as the contract shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "UPPERCASE")]
pub enum WidgetData {
    Info {
        text: String,
    },
    Markdown {
        title: String,
        content: String,
    },
    #[serde(rename_all = "camelCase")]
    Poll {
        question: String,
        options: Vec<PollOption>,
        is_active: bool,
    },
}

impl WidgetData {
    pub fn kind(&self) -> WidgetType {
        match self {
            WidgetData::Info { .. } => WidgetType::Info,
            WidgetData::Markdown { .. } => WidgetType::Markdown,
            WidgetData::Poll { .. } => WidgetType::Poll,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PollOption {
    pub id: String,
    pub text: String,
    pub voter_ids: Vec<String>,
}

/// The body of `POST /widget` and `POST /widget/{id}`: flat, every type's fields in one object,
/// so that a field of the wrong type can be named in the error instead of being ignored.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct WidgetBody {
    #[serde(rename = "type", default, deserialize_with = "not_null")]
    pub kind: Option<WidgetType>,
    #[serde(default, deserialize_with = "not_null")]
    pub text: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    pub content: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    pub question: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    pub options: Option<Vec<PollOptionObject>>,
    #[serde(default, deserialize_with = "not_null")]
    pub is_active: Option<bool>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PollOptionBody {
    #[serde(default, deserialize_with = "not_null")]
    pub id: Option<String>,
    pub text: String,
    #[serde(default, deserialize_with = "not_null")]
    pub voter_ids: Option<Vec<String>>,
}

/// Each option must be an object (see [`from_object`]).
#[derive(Clone, Debug)]
pub struct PollOptionObject(pub PollOptionBody);

impl<'de> Deserialize<'de> for PollOptionObject {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        from_object(de).map(Self)
    }
}

/// One field of a partial update; serializes to the field's stored value.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum WidgetChange {
    Text(String),
    Title(String),
    Content(String),
    Question(String),
    Options(Vec<PollOption>),
    IsActive(bool),
}

impl WidgetChange {
    /// The field's name inside `data`.
    pub fn field(&self) -> &'static str {
        match self {
            WidgetChange::Text(_) => "text",
            WidgetChange::Title(_) => "title",
            WidgetChange::Content(_) => "content",
            WidgetChange::Question(_) => "question",
            WidgetChange::Options(_) => "options",
            WidgetChange::IsActive(_) => "isActive",
        }
    }

    fn kind(&self) -> WidgetType {
        match self {
            WidgetChange::Text(_) => WidgetType::Info,
            WidgetChange::Title(_) | WidgetChange::Content(_) => WidgetType::Markdown,
            _ => WidgetType::Poll,
        }
    }
}

/// A validated partial update: the fields to set, all of one widget type.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetPatch {
    pub kind: WidgetType,
    /// Whether the body named the type, or it was inferred from the fields.
    pub kind_given: bool,
    pub changes: Vec<WidgetChange>,
}

impl WidgetBody {
    /// Validates the given fields and turns them into changes, in a fixed order.
    fn changes(self, errors: &mut Vec<FieldError>) -> Vec<WidgetChange> {
        let mut changes = Vec::new();
        if let Some(text) = self.text {
            check_multiline("text", &text, 1, 5_000, errors);
            changes.push(WidgetChange::Text(text));
        }
        if let Some(title) = self.title {
            check_len("title", &title, 1, 200, errors);
            changes.push(WidgetChange::Title(title));
        }
        if let Some(content) = self.content {
            check_multiline("content", &content, 1, 50_000, errors);
            changes.push(WidgetChange::Content(content));
        }
        if let Some(question) = self.question {
            check_len("question", &question, 1, 500, errors);
            changes.push(WidgetChange::Question(question));
        }
        if let Some(options) = self.options {
            changes.push(WidgetChange::Options(poll_options(options, errors)));
        }
        if let Some(is_active) = self.is_active {
            changes.push(WidgetChange::IsActive(is_active));
        }
        changes
    }

    /// A create: `type` and that type's required fields.
    pub fn into_new(self) -> Result<WidgetData, Problem> {
        let Some(kind) = self.kind else {
            return Err(Problem::field(
                "type",
                "is required: INFO, MARKDOWN or POLL",
            ));
        };
        let mut errors = Vec::new();
        let changes = self.changes(&mut errors);
        check_kind(kind, &changes, &mut errors);
        let take = |field: &str| changes.iter().find(|c| c.field() == field).cloned();
        let mut require = |field: &str| {
            let found = take(field);
            if found.is_none() {
                errors.push(FieldError::new(field, "is required"));
            }
            found
        };
        let data = match kind {
            WidgetType::Info => match require("text") {
                Some(WidgetChange::Text(text)) => Some(WidgetData::Info { text }),
                _ => None,
            },
            WidgetType::Markdown => match (require("title"), require("content")) {
                (Some(WidgetChange::Title(title)), Some(WidgetChange::Content(content))) => {
                    Some(WidgetData::Markdown { title, content })
                }
                _ => None,
            },
            WidgetType::Poll => match (require("question"), require("options")) {
                (Some(WidgetChange::Question(question)), Some(WidgetChange::Options(options))) => {
                    let is_active =
                        !matches!(take("isActive"), Some(WidgetChange::IsActive(false)));
                    Some(WidgetData::Poll {
                        question,
                        options,
                        is_active,
                    })
                }
                _ => None,
            },
        };
        match data {
            Some(data) if errors.is_empty() => Ok(data),
            _ => Err(Problem::validation(errors)),
        }
    }

    /// An update: some of one type's fields; `type`, when given, must be the widget's.
    pub fn into_patch(self) -> Result<WidgetPatch, Problem> {
        let given_kind = self.kind;
        let mut errors = Vec::new();
        let changes = self.changes(&mut errors);
        let Some(kind) = given_kind.or_else(|| changes.first().map(WidgetChange::kind)) else {
            return Err(Problem::field("body", "give at least one field to change"));
        };
        if changes.is_empty() {
            return Err(Problem::field("body", "give at least one field to change"));
        }
        if given_kind.is_none() && changes.iter().any(|c| c.kind() != kind) {
            for change in &changes {
                errors.push(FieldError::new(
                    change.field(),
                    "fields of different widget types cannot be mixed",
                ));
            }
        } else {
            check_kind(kind, &changes, &mut errors);
        }
        if errors.is_empty() {
            Ok(WidgetPatch {
                kind,
                kind_given: given_kind.is_some(),
                changes,
            })
        } else {
            Err(Problem::validation(errors))
        }
    }
}

fn check_kind(kind: WidgetType, changes: &[WidgetChange], errors: &mut Vec<FieldError>) {
    for change in changes.iter().filter(|c| c.kind() != kind) {
        errors.push(FieldError::new(
            change.field(),
            format!("is not a field of {} widgets", kind.as_str()),
        ));
    }
}

/// Voters per option; with the 256 KiB body limit this keeps every widget far below DynamoDB's
/// 400 KB item limit.
pub const MAX_VOTERS: usize = 10_000;

fn poll_options(options: Vec<PollOptionObject>, errors: &mut Vec<FieldError>) -> Vec<PollOption> {
    if !(2..=20).contains(&options.len()) {
        errors.push(FieldError::new(
            "options",
            format!("must have 2 to 20 options (got {})", options.len()),
        ));
        return Vec::new();
    }
    let mut out: Vec<PollOption> = Vec::with_capacity(options.len());
    for (i, PollOptionObject(option)) in options.into_iter().enumerate() {
        check_len(&format!("options[{i}].text"), &option.text, 1, 200, errors);
        let id = match option.id {
            Some(id) => {
                check_len(&format!("options[{i}].id"), &id, 1, 64, errors);
                if out.iter().any(|o| o.id == id) {
                    errors.push(FieldError::new(
                        format!("options[{i}].id"),
                        "must be unique within the poll",
                    ));
                }
                id
            }
            None => uuid::Uuid::now_v7().to_string(),
        };
        let voter_ids = option.voter_ids.unwrap_or_default();
        if voter_ids.len() > MAX_VOTERS {
            errors.push(FieldError::new(
                format!("options[{i}].voterIds"),
                format!("must have at most {MAX_VOTERS} entries"),
            ));
        }
        for (j, voter) in voter_ids.iter().enumerate().take(MAX_VOTERS) {
            check_len(
                &format!("options[{i}].voterIds[{j}]"),
                voter,
                1,
                200,
                errors,
            );
        }
        out.push(PollOption {
            id,
            text: option.text,
            voter_ids,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::request::parse_json;

    fn new(json: &str) -> Result<WidgetData, Problem> {
        parse_json::<WidgetBody>(json.as_bytes())?.into_new()
    }

    fn patch(json: &str) -> Result<WidgetPatch, Problem> {
        parse_json::<WidgetBody>(json.as_bytes())?.into_patch()
    }

    fn fields(p: Problem) -> Vec<String> {
        p.errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn creates_each_type() {
        assert_eq!(
            new(r#"{"type":"INFO","text":"hi"}"#).unwrap(),
            WidgetData::Info { text: "hi".into() }
        );
        let poll = new(r#"{"type":"POLL","question":"q","options":[{"text":"a","voterIds":[]},{"id":"b","text":"b"}]}"#)
            .unwrap();
        let WidgetData::Poll {
            options, is_active, ..
        } = poll
        else {
            panic!("not a poll")
        };
        assert!(is_active);
        assert_eq!(options[0].id.len(), 36);
        assert_eq!(options[1].id, "b");
        assert!(options[1].voter_ids.is_empty());
    }

    #[test]
    fn names_missing_foreign_and_invalid_fields() {
        assert_eq!(fields(new(r#"{"text":"x"}"#).unwrap_err()), ["type"]);
        assert_eq!(
            fields(new(r#"{"type":"MARKDOWN","title":"t"}"#).unwrap_err()),
            ["content"]
        );
        assert_eq!(
            fields(new(r#"{"type":"INFO","text":"x","title":"t"}"#).unwrap_err()),
            ["title"]
        );
        assert_eq!(
            fields(new(r#"{"type":"INFO","text":""}"#).unwrap_err()),
            ["text"]
        );
        assert_eq!(
            fields(new(r#"{"type":"INFO","type":"POLL","text":"a"}"#).unwrap_err()),
            ["type"]
        );
        assert_eq!(fields(new(r#"{"type":"CHART"}"#).unwrap_err()), ["type"]);
        assert_eq!(
            fields(new(r#"{"type":"POLL","question":"q","options":[{"id":"a","text":"x"},{"id":"a","text":"y"}]}"#).unwrap_err()),
            ["options[1].id"]
        );
        assert_eq!(
            fields(new(r#"{"type":"POLL","question":"q","options":[{"text":"x"}]}"#).unwrap_err()),
            ["options"]
        );
        assert_eq!(
            fields(new(r#"{"type":"INFO","text":null}"#).unwrap_err()),
            ["text"]
        );
    }

    #[test]
    fn patches_infer_or_check_the_type() {
        assert_eq!(
            patch(r#"{"title":"t"}"#).unwrap().kind,
            WidgetType::Markdown
        );
        assert_eq!(
            fields(patch(r#"{"type":"INFO","title":"t"}"#).unwrap_err()),
            ["title"]
        );
        assert_eq!(
            fields(patch(r#"{"text":"a","title":"t"}"#).unwrap_err()),
            ["text", "title"]
        );
        assert_eq!(fields(patch(r#"{}"#).unwrap_err()), ["body"]);
        assert_eq!(fields(patch(r#"{"type":"INFO"}"#).unwrap_err()), ["body"]);
        assert_eq!(
            patch(r#"{"isActive":false}"#).unwrap().changes,
            vec![WidgetChange::IsActive(false)]
        );
    }
}
