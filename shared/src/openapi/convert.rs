//! OpenAPI 3.1 → 3.0.3, for the parts of 3.1 utoipa writes.
//!
//! utoipa 6 writes only OpenAPI 3.1 (JSON Schema 2020-12). The document is published as 3.0.3:
//! the seed promises 3.0, API Gateway imports 3.0, and most client generators handle 3.0 best.
//! The differences that matter here are all inside schemas:
//!
//! | 3.1 | 3.0.3 |
//! |---|---|
//! | `type: [X, "null"]` | `type: X, nullable: true` |
//! | `oneOf`/`anyOf` with `{type: "null"}` and one other schema | that schema, `nullable: true` (a `$ref` wrapped in `allOf`) |
//! | `$ref` with sibling keywords | `allOf: [{$ref}]` with the siblings (3.0 ignores a `$ref`'s siblings) |
//! | `examples: [a, ...]` | `example: a` |
//! | `const: v` | `enum: [v]` |
//! | `exclusiveMinimum: n` | `minimum: n, exclusiveMinimum: true` (and the same for maximum) |
//!
//! and at the top: `openapi: "3.0.3"`, no `license.identifier`, `info.summary`,
//! `jsonSchemaDialect`, `webhooks` or `components.pathItems`. Anything 3.1-only it does not know
//! how to convert is an error rather than a document that silently means something else.

use serde_json::{Map, Value, json};

/// Converts a 3.1 document in place.
pub fn to_openapi_3_0(doc: &mut Value) -> Result<(), String> {
    let root = doc.as_object_mut().ok_or("the document is not an object")?;
    root.insert("openapi".into(), json!("3.0.3"));
    root.remove("jsonSchemaDialect");
    if root.remove("webhooks").is_some_and(|w| w != json!({})) {
        return Err("webhooks have no OpenAPI 3.0 form".into());
    }
    if let Some(info) = root.get_mut("info").and_then(Value::as_object_mut) {
        info.remove("summary");
        if let Some(license) = info.get_mut("license").and_then(Value::as_object_mut) {
            license.remove("identifier");
        }
    }
    if let Some(components) = root.get_mut("components").and_then(Value::as_object_mut) {
        components.remove("pathItems");
    }
    for (key, value) in root.iter_mut() {
        match (key.as_str(), value) {
            ("components", Value::Object(components)) => {
                for (name, part) in components.iter_mut() {
                    match (name.as_str(), part) {
                        ("schemas", Value::Object(schemas)) => {
                            for schema in schemas.values_mut() {
                                convert_schema(schema)?;
                            }
                        }
                        (_, part) => find_schemas(part)?,
                    }
                }
            }
            (_, value) => find_schemas(value)?,
        }
    }
    refuse_null_type(doc)
}

/// A `{type: "null"}` left anywhere (outside a `oneOf`/`anyOf` it could be folded into) has no
/// 3.0 form.
fn refuse_null_type(value: &Value) -> Result<(), String> {
    match value {
        Value::Object(map) => {
            if map.get("type") == Some(&json!("null")) {
                return Err("a schema of type null only has no OpenAPI 3.0 form".into());
            }
            map.values().try_for_each(refuse_null_type)
        }
        Value::Array(items) => items.iter().try_for_each(refuse_null_type),
        _ => Ok(()),
    }
}

/// Outside `components.schemas`, schemas sit under a `schema` key (parameters, media types,
/// headers).
fn find_schemas(value: &mut Value) -> Result<(), String> {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if key == "schema" {
                    convert_schema(child)?;
                } else {
                    find_schemas(child)?;
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                find_schemas(item)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Converts one schema and every schema inside it.
pub fn convert_schema(schema: &mut Value) -> Result<(), String> {
    let Value::Object(map) = schema else {
        // `true`/`false` schemas (e.g. `additionalProperties: false`) mean the same in 3.0.
        return Ok(());
    };
    for key in [
        "unevaluatedProperties",
        "prefixItems",
        "$defs",
        "dependentSchemas",
        "if",
    ] {
        if map.contains_key(key) {
            return Err(format!("`{key}` has no OpenAPI 3.0 form"));
        }
    }
    // Subschemas first, so that a `{type: "null"}` among them is recognised whatever its form.
    for key in ["items", "not", "additionalProperties"] {
        if let Some(child) = map.get_mut(key) {
            convert_schema(child)?;
        }
    }
    if let Some(Value::Object(properties)) = map.get_mut("properties") {
        for child in properties.values_mut() {
            convert_schema(child)?;
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        if let Some(Value::Array(children)) = map.get_mut(key) {
            for child in children {
                convert_schema(child)?;
            }
        }
    }

    convert_type(map)?;
    for key in ["oneOf", "anyOf"] {
        drop_null_alternative(map, key);
    }
    if let Some(examples) = map.remove("examples")
        && let Some(first) = examples.as_array().and_then(|e| e.first())
    {
        map.entry("example").or_insert_with(|| first.clone());
    }
    if let Some(value) = map.remove("const") {
        map.insert("enum".into(), json!([value]));
    }
    for (exclusive, inclusive) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(bound) = map.get(exclusive).filter(|b| b.is_number()).cloned() {
            map.insert(inclusive.into(), bound);
            map.insert(exclusive.into(), json!(true));
        }
    }
    if map.contains_key("$ref") && map.len() > 1 {
        let reference = map.remove("$ref").expect("checked above");
        push_all_of(map, json!({ "$ref": reference }));
    }
    Ok(())
}

/// `type: [X, "null"]` → `type: X, nullable: true`; `type: [X]` → `type: X`.
fn convert_type(map: &mut Map<String, Value>) -> Result<(), String> {
    let Some(Value::Array(types)) = map.get("type") else {
        return Ok(());
    };
    let nullable = types.iter().any(|t| t == "null");
    let others: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
    match others.as_slice() {
        [one] => {
            map.insert("type".into(), one.clone());
        }
        [] => return Err("a schema of type null only has no OpenAPI 3.0 form".into()),
        _ => return Err(format!("several types {others:?} have no OpenAPI 3.0 form")),
    }
    if nullable {
        map.insert("nullable".into(), json!(true));
    }
    Ok(())
}

fn is_null_schema(schema: &Value) -> bool {
    schema.get("type") == Some(&json!("null"))
}

/// `oneOf: [{type: null}, S]` → S with `nullable: true`; with several other schemas, those
/// schemas and `nullable: true`.
fn drop_null_alternative(map: &mut Map<String, Value>, key: &str) {
    let Some(Value::Array(alternatives)) = map.get_mut(key) else {
        return;
    };
    if !alternatives.iter().any(is_null_schema) {
        return;
    }
    alternatives.retain(|s| !is_null_schema(s));
    if alternatives.len() == 1 {
        let only = alternatives.pop().expect("one left");
        map.remove(key);
        match only {
            Value::Object(inner) if inner.contains_key("$ref") => {
                push_all_of(map, Value::Object(inner));
            }
            Value::Object(inner) => {
                for (k, v) in inner {
                    // The outer schema's own keywords (description, default) win.
                    map.entry(k).or_insert(v);
                }
            }
            other => push_all_of(map, other),
        }
    }
    map.insert("nullable".into(), json!(true));
}

fn push_all_of(map: &mut Map<String, Value>, schema: Value) {
    match map.get_mut("allOf") {
        Some(Value::Array(all)) => all.insert(0, schema),
        _ => {
            map.insert("allOf".into(), json!([schema]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(mut value: Value) -> Value {
        convert_schema(&mut value).unwrap();
        value
    }

    #[test]
    fn type_arrays_become_nullable() {
        assert_eq!(
            schema(json!({"type": ["string", "null"], "maxLength": 3})),
            json!({"type": "string", "nullable": true, "maxLength": 3})
        );
        assert_eq!(
            schema(json!({"type": ["integer"]})),
            json!({"type": "integer"})
        );
        assert_eq!(schema(json!({"type": "string"})), json!({"type": "string"}));
        assert!(convert_schema(&mut json!({"type": ["string", "integer"]})).is_err());
        assert!(convert_schema(&mut json!({"type": ["null"]})).is_err());
    }

    #[test]
    fn a_null_alternative_becomes_nullable() {
        assert_eq!(
            schema(json!({"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Location"}]})),
            json!({"allOf": [{"$ref": "#/components/schemas/Location"}], "nullable": true})
        );
        assert_eq!(
            schema(json!({
                "description": "d",
                "anyOf": [{"type": "string", "description": "inner"}, {"type": "null"}]
            })),
            json!({"description": "d", "type": "string", "nullable": true})
        );
        assert_eq!(
            schema(json!({"oneOf": [{"type": "null"}, {"type": "string"}, {"type": "integer"}]})),
            json!({"oneOf": [{"type": "string"}, {"type": "integer"}], "nullable": true})
        );
        // Nothing to do without a null alternative.
        let plain = json!({"oneOf": [{"type": "string"}, {"type": "integer"}]});
        assert_eq!(schema(plain.clone()), plain);
    }

    #[test]
    fn refs_with_siblings_examples_const_and_exclusive_bounds() {
        assert_eq!(
            schema(json!({"$ref": "#/components/schemas/A", "description": "d"})),
            json!({"allOf": [{"$ref": "#/components/schemas/A"}], "description": "d"})
        );
        assert_eq!(
            schema(json!({"$ref": "#/components/schemas/A"})),
            json!({"$ref": "#/components/schemas/A"})
        );
        assert_eq!(
            schema(json!({"type": "string", "examples": ["a", "b"]})),
            json!({"type": "string", "example": "a"})
        );
        assert_eq!(schema(json!({"const": "INFO"})), json!({"enum": ["INFO"]}));
        assert_eq!(
            schema(json!({"type": "number", "exclusiveMinimum": 0})),
            json!({"type": "number", "minimum": 0, "exclusiveMinimum": true})
        );
    }

    #[test]
    fn converts_nested_schemas() {
        assert_eq!(
            schema(json!({
                "type": "object",
                "properties": {
                    "a": {"type": ["string", "null"]},
                    "b": {"type": "array", "items": {"type": ["number", "null"]}},
                    "c": {"allOf": [{"type": ["boolean", "null"]}]}
                },
                "additionalProperties": false
            })),
            json!({
                "type": "object",
                "properties": {
                    "a": {"type": "string", "nullable": true},
                    "b": {"type": "array", "items": {"type": "number", "nullable": true}},
                    "c": {"allOf": [{"type": "boolean", "nullable": true}]}
                },
                "additionalProperties": false
            })
        );
    }

    #[test]
    fn refuses_what_3_0_cannot_say() {
        assert!(convert_schema(&mut json!({"prefixItems": [{"type": "string"}]})).is_err());
        assert!(convert_schema(&mut json!({"properties": {"a": {"$defs": {}}}})).is_err());
    }

    #[test]
    fn refuses_a_lone_null_schema_in_the_document() {
        let mut doc = json!({"openapi": "3.1.0", "components": {"schemas": {
            "A": {"type": "object", "properties": {"n": {"type": "null"}}}
        }}});
        assert!(to_openapi_3_0(&mut doc).is_err());
    }

    #[test]
    fn converts_the_document_around_the_schemas() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
            "info": {"title": "t", "version": "1", "summary": "s",
                     "license": {"name": "MIT", "identifier": "MIT"}},
            "paths": {"/x": {"get": {
                "parameters": [{"name": "limit", "in": "query",
                                "schema": {"type": ["integer", "null"]}}],
                "responses": {"200": {
                    "description": "ok",
                    "headers": {"Link": {"schema": {"type": ["string", "null"]}}},
                    "content": {"application/json": {
                        "schema": {"examples": [1], "type": "integer"},
                        "examples": {"one": {"value": 1}}
                    }}
                }}
            }}},
            "components": {
                "schemas": {"A": {"type": ["string", "null"]}},
                "responses": {"E": {"description": "e", "content": {"application/json": {
                    "schema": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/A"}]}
                }}}}
            }
        });
        to_openapi_3_0(&mut doc).unwrap();
        assert_eq!(
            doc,
            json!({
                "openapi": "3.0.3",
                "info": {"title": "t", "version": "1", "license": {"name": "MIT"}},
                "paths": {"/x": {"get": {
                    "parameters": [{"name": "limit", "in": "query",
                                    "schema": {"type": "integer", "nullable": true}}],
                    "responses": {"200": {
                        "description": "ok",
                        "headers": {"Link": {"schema": {"type": "string", "nullable": true}}},
                        "content": {"application/json": {
                            "schema": {"example": 1, "type": "integer"},
                            // A media type's `examples` map is 3.0 too: left alone.
                            "examples": {"one": {"value": 1}}
                        }}
                    }}
                }}},
                "components": {
                    "schemas": {"A": {"type": "string", "nullable": true}},
                    "responses": {"E": {"description": "e", "content": {"application/json": {
                        "schema": {"allOf": [{"$ref": "#/components/schemas/A"}], "nullable": true}
                    }}}}
                }
            })
        );
    }
}
