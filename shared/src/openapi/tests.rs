use super::*;
use crate::http::routes::ROUTES;
use std::collections::BTreeSet;

fn document() -> Value {
    serde_json::from_str(&generate()).unwrap()
}

#[test]
fn the_committed_document_is_the_generated_one() {
    let generated = generate();
    if generated != DOCUMENT {
        let line = generated
            .lines()
            .zip(DOCUMENT.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| generated.lines().count().min(DOCUMENT.lines().count()));
        panic!(
            "openapi.json differs from the document the code generates (first at line {}: \
             committed {:?}, generated {:?}).\nRegenerate it with:\n\n    {REGENERATE}\n",
            line + 1,
            DOCUMENT.lines().nth(line).unwrap_or("<end of file>"),
            generated.lines().nth(line).unwrap_or("<end of file>"),
        );
    }
}

#[test]
fn documents_every_route_of_the_table_and_nothing_else() {
    let doc = document();
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.insert((method.to_uppercase(), path.clone()));
        }
    }
    let routes: BTreeSet<_> = ROUTES
        .iter()
        .map(|r| (r.method.to_owned(), r.path.to_owned()))
        .collect();
    assert_eq!(documented, routes);
}

#[test]
fn is_openapi_3_0_with_permissions_security_and_errors_per_route() {
    let doc = document();
    assert_eq!(doc["openapi"], "3.0.3");
    assert_eq!(
        doc["components"]["securitySchemes"][BEARER],
        json!({
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "imp_<38 characters>",
            "description": "An API key of the event, created by its host: `imp_` and 38 \
                            base62 characters."
        })
    );
    for route in ROUTES {
        let op = &doc["paths"][route.path][route.method.to_lowercase()];
        let description = op["description"].as_str().unwrap();
        let statuses: BTreeSet<&str> = op["responses"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        match route.permission {
            Some(p) => {
                assert!(
                    description.ends_with(&format!("**Permission:** `{}` (or `*`).", p.as_str())),
                    "{description}"
                );
                assert_eq!(op["security"], json!([{ BEARER: [] }]));
                for status in ["200", "401", "403", "500", "503"] {
                    assert!(statuses.contains(status), "{route:?} {status}");
                }
            }
            None => {
                assert!(description.ends_with("**No API key needed.**"));
                assert_eq!(op["security"], json!([]));
                assert!(!statuses.contains("401"), "{route:?}");
            }
        }
        for status in statuses.iter().filter(|s| **s != "200") {
            let name = op["responses"][*status]["$ref"].as_str().unwrap();
            let response = &doc["components"]["responses"][name.rsplit('/').next().unwrap()];
            assert_eq!(
                response["content"]["application/problem+json"]["schema"]["$ref"],
                "#/components/schemas/Problem",
                "{route:?} {status}"
            );
        }
    }
    let lists = [("/api/rest/v1/chat", 3), ("/api/rest/v1/widgets", 2)];
    for (path, params) in lists {
        let op = &doc["paths"][path]["get"];
        assert!(op["responses"]["200"]["headers"]["Link"].is_object());
        assert_eq!(op["parameters"].as_array().unwrap().len(), params);
        assert_eq!(op["parameters"][0]["name"], "limit");
        assert_eq!(
            op["parameters"][0]["schema"],
            json!({"type": "integer", "format": "int32", "minimum": 1, "maximum": 500, "default": 100})
        );
    }
}

#[test]
fn widget_bodies_are_one_schema_per_type() {
    let doc = document();
    let create = &doc["paths"]["/api/rest/v1/widget"]["post"]["requestBody"];
    assert_eq!(
        create["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/WidgetCreate"
    );
    let schema = &doc["components"]["schemas"]["WidgetCreate"];
    assert_eq!(schema["discriminator"]["propertyName"], "type");
    assert_eq!(
        schema["oneOf"],
        json!([
            {"$ref": "#/components/schemas/InfoWidgetCreate"},
            {"$ref": "#/components/schemas/MarkdownWidgetCreate"},
            {"$ref": "#/components/schemas/PollWidgetCreate"}
        ])
    );
    let schemas = &doc["components"]["schemas"];
    for name in [
        "InfoWidgetCreate",
        "MarkdownWidgetCreate",
        "PollWidgetCreate",
    ] {
        assert_eq!(schemas[name]["additionalProperties"], false, "{name}");
        assert!(
            schemas[name]["required"]
                .as_array()
                .unwrap()
                .contains(&json!("type"))
        );
    }
    assert_eq!(
        schemas["InfoWidgetCreate"]["properties"]["text"]["maxLength"],
        5000
    );
    assert_eq!(
        schemas["PollWidgetCreate"]["properties"]["options"]["minItems"],
        2
    );
    assert_eq!(
        schemas["PollWidgetCreate"]["properties"]["options"]["maxItems"],
        20
    );
    assert_eq!(
        schemas["MarkdownWidgetUpdate"]["anyOf"],
        json!([{"required": ["content"]}, {"required": ["title"]}])
    );
    assert_eq!(schemas["EventPatch"]["minProperties"], 1);
    assert_eq!(schemas["EventPatch"]["additionalProperties"], false);
}

#[test]
fn the_docs_page_embeds_the_committed_document() {
    let page = docs_page();
    assert!(page.contains("<title>Impactify Public REST API</title>"));
    assert!(page.contains(
        "<script src=\"https://cdn.jsdelivr.net/npm/@scalar/api-reference@1.76.0/dist/browser/standalone.js\"\n        integrity=\"sha384-"
    ));
    assert!(page.contains("\"openapi\":\"3.0.3\""));
    // The document sits inside a <script> element: nothing in it may end that element.
    assert!(!DOCUMENT.to_ascii_lowercase().contains("</script"));
    assert!(!page.contains("$spec") && !page.contains("$title"));
}

/// Rust's `regex` has no lookahead; its `$` already means the very end.
fn rust_regex(pattern: &str) -> regex_lite::Regex {
    regex_lite::Regex::new(&pattern.replace("(?![\\s\\S])", "$")).unwrap()
}

#[test]
fn the_not_blank_patterns_are_what_the_text_checks_refuse() {
    let one_line = rust_regex(&schemas::not_blank_pattern());
    let multiline = rust_regex(&schemas::not_blank_multiline_pattern());
    for c in (0..=0x10ffff).filter_map(char::from_u32) {
        // Alone, and beside a letter (a control character next to text is still refused).
        for text in [c.to_string(), format!("a{c}")] {
            let mut errors = Vec::new();
            crate::model::text::check_len("f", &text, 1, 5, &mut errors);
            assert_eq!(
                one_line.is_match(&text),
                errors.is_empty(),
                "U+{:04X}",
                c as u32
            );
            let mut errors = Vec::new();
            crate::model::text::check_multiline("f", &text, 1, 5, &mut errors);
            assert_eq!(
                multiline.is_match(&text),
                errors.is_empty(),
                "U+{:04X}",
                c as u32
            );
        }
    }
    assert!(one_line.is_match("  a  "));
    assert!(!one_line.is_match(" \u{3000}\t"));
    assert!(!one_line.is_match("a\nb"));
    assert!(multiline.is_match("# a\r\n\tb"));
    assert!(!multiline.is_match("a\u{7}"));
}

#[test]
fn the_url_pattern_is_what_the_url_check_accepts() {
    let pattern = rust_regex(&schemas::url_pattern());
    let mut cases: Vec<String> = [
        "https://youtube.com/live/x?y=1",
        "HTTP://example.com",
        "hTtPs://a",
        "http://a:8080/x#y",
        "http://user:pw@host/p",
        "http://a@b@host",
        "http://a@",
        "http://@host",
        "http://:80",
        "http://u@:80",
        "https://",
        "https:///path",
        "https://?q",
        "https://#f",
        "ftp://example.com",
        "example.com",
        "https:/example.com",
        "https://exa mple.com",
        "https://example.com/\n",
        "https://example.com\n",
        "https://example.com/\u{7f}",
        "https://example.com/\u{85}",
        "https://example.com/\u{a0}",
        "https://example.com/\u{3000}",
        "https://example.com/\u{200b}",
        "https://example.com/\u{feff}",
        "https://ex\u{e9}mple.com/\u{1f600}",
        "https://[::1]:8080/",
        " https://example.com",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Every character after a valid prefix, host and path.
    for c in (0..=0x3100).filter_map(char::from_u32) {
        cases.push(format!("https://h/{c}"));
        cases.push(format!("https://{c}"));
        cases.push(format!("https://{c}@h"));
    }
    for case in &cases {
        let mut errors = Vec::new();
        crate::model::text::check_url("f", case, &mut errors);
        assert_eq!(pattern.is_match(case), errors.is_empty(), "{case:?}");
    }
}
