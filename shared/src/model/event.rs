use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::text::{check_len, check_url};
use super::{from_object, not_null, nullable};
use crate::http::{FieldError, Problem};

/// The event an API key belongs to.
// `default` lets items written before a field existed load; responses always carry every field,
// hence `required` in the schema.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    #[schema(format = "uuid")]
    pub id: String,
    pub title: String,
    #[serde(default)]
    #[schema(required = true)]
    pub description: Option<String>,
    #[serde(default)]
    #[schema(required = true)]
    pub tags: Vec<String>,
    #[serde(default)]
    #[schema(required = true)]
    pub location: Option<Location>,
    /// URL of the event's image.
    #[serde(default)]
    #[schema(required = true)]
    pub thumbnail: Option<String>,
    #[serde(default)]
    #[schema(required = true)]
    pub pricing: Pricing,
    /// Absolute http or https URL.
    #[serde(default)]
    #[schema(required = true)]
    pub livestream_link: Option<String>,
    #[serde(default)]
    #[schema(required = true, format = "date-time")]
    pub starts_at: Option<String>,
    #[serde(default)]
    #[schema(required = true, format = "date-time")]
    pub ends_at: Option<String>,
    #[schema(format = "date-time")]
    pub created_at: String,
    #[schema(format = "date-time")]
    pub updated_at: String,
}

impl Event {
    /// A new free event with the given title (1-200 characters), stamped now.
    pub fn new(title: String, description: Option<String>) -> Result<Self, Problem> {
        let mut errors = Vec::new();
        check_len("title", &title, 1, 200, &mut errors);
        if !errors.is_empty() {
            return Err(Problem::validation(errors));
        }
        let now = crate::time::now();
        Ok(Self {
            id: uuid::Uuid::now_v7().to_string(),
            title,
            description,
            tags: Vec::new(),
            location: None,
            thumbnail: None,
            pricing: Pricing::default(),
            livestream_link: None,
            starts_at: None,
            ends_at: None,
            created_at: now.clone(),
            updated_at: now,
        })
    }
}

/// A point in WGS 84 degrees. Both fields are required; no other field is accepted.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Location {
    #[schema(minimum = -90, maximum = 90)]
    pub latitude: f64,
    #[schema(minimum = -180, maximum = 180)]
    pub longitude: f64,
}

impl<'de> Deserialize<'de> for Location {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Fields {
            latitude: f64,
            longitude: f64,
        }
        let Fields {
            latitude,
            longitude,
        } = from_object(de)?;
        Ok(Self {
            latitude: storable(latitude),
            longitude: storable(longitude),
        })
    }
}

/// The smallest magnitude a DynamoDB number can have; a write of anything closer to zero (but
/// not zero) is refused.
const DYNAMODB_MIN_MAGNITUDE: f64 = 1e-130;

/// A coordinate closer to zero than DynamoDB can store is zero: 1e-130 degrees has no physical
/// meaning, and refusing a valid latitude such as `1e-200` would be worse.
fn storable(degrees: f64) -> f64 {
    if degrees.abs() < DYNAMODB_MIN_MAGNITUDE {
        0.0
    } else {
        degrees
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Pricing {
    #[serde(rename = "type")]
    pub kind: PricingType,
    #[schema(required = true)]
    pub price: Option<f64>,
    #[schema(required = true)]
    pub currency: Option<String>,
}

impl Default for Pricing {
    fn default() -> Self {
        Self {
            kind: PricingType::Free,
            price: None,
            currency: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum PricingType {
    Free,
    Paid,
}

/// `POST /event`: at least one field. Fields left out stay as they are; `null` clears
/// `livestreamLink` or `location`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(
    min_properties = 1,
    examples(json!({
        "title": "Launch party",
        "livestreamLink": "https://youtube.com/live/abc",
        "location": {"latitude": 38.7223, "longitude": -9.1393}
    }))
)]
pub struct EventPatch {
    #[serde(default, deserialize_with = "not_null")]
    #[schema(schema_with = crate::openapi::schemas::title)]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(schema_with = crate::openapi::schemas::livestream_link)]
    pub livestream_link: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(nullable)]
    pub location: Option<Option<Location>>,
}

impl EventPatch {
    pub fn validate(&self) -> Result<(), Problem> {
        let mut errors = Vec::new();
        if self.title.is_none() && self.livestream_link.is_none() && self.location.is_none() {
            return Err(Problem::field(
                "body",
                "give at least one of title, livestreamLink, location",
            ));
        }
        if let Some(title) = &self.title {
            check_len("title", title, 1, 200, &mut errors);
        }
        if let Some(Some(link)) = &self.livestream_link {
            check_url("livestreamLink", link, &mut errors);
        }
        if let Some(Some(location)) = &self.location {
            if !(-90.0..=90.0).contains(&location.latitude) {
                errors.push(FieldError::new(
                    "location.latitude",
                    "must be between -90 and 90",
                ));
            }
            if !(-180.0..=180.0).contains(&location.longitude) {
                errors.push(FieldError::new(
                    "location.longitude",
                    "must be between -180 and 180",
                ));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Problem::validation(errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::request::parse_json;

    fn patch(json: &str) -> Result<EventPatch, Problem> {
        let p: EventPatch = parse_json(json.as_bytes())?;
        p.validate().map(|_| p)
    }

    #[test]
    fn tells_absent_from_null() {
        let p = patch(r#"{"livestreamLink":null}"#).unwrap();
        assert_eq!(p.livestream_link, Some(None));
        assert_eq!(p.location, None);
        assert_eq!(p.title, None);
    }

    #[test]
    fn coordinates_too_small_for_dynamodb_are_zero() {
        let p = patch(r#"{"location":{"latitude":1.59e-103,"longitude":-2.4e-176}}"#).unwrap();
        assert_eq!(
            p.location,
            Some(Some(Location {
                latitude: 1.59e-103,
                longitude: 0.0
            }))
        );
        let p = patch(r#"{"location":{"latitude":1e-130,"longitude":-9.9e-131}}"#).unwrap();
        let location = p.location.unwrap().unwrap();
        assert_eq!((location.latitude, location.longitude), (1e-130, 0.0));
    }

    #[test]
    fn refuses_bad_fields_by_name() {
        let field = |json: &str| patch(json).unwrap_err().errors[0].field.clone();
        assert_eq!(field(r#"{}"#), "body");
        assert_eq!(field(r#"{"title":null}"#), "title");
        assert_eq!(field(r#"{"title":"  "}"#), "title");
        assert_eq!(
            field(r#"{"location":{"latitude":91,"longitude":0}}"#),
            "location.latitude"
        );
        assert_eq!(
            field(r#"{"location":{"latitude":1}}"#),
            "location.longitude"
        );
        assert_eq!(
            field(r#"{"location":{"latitude":1e400,"longitude":0}}"#),
            "location.latitude"
        );
        assert_eq!(
            field(r#"{"livestreamLink":"javascript:alert(1)"}"#),
            "livestreamLink"
        );
        assert_eq!(field(r#"{"id":"x","title":"t"}"#), "id");
    }
}
