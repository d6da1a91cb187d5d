//! The SAM template, the `events/` files and the code cannot drift apart: every route of the
//! contract is routed to the function that implements it, the table matches `impactify table
//! create`, and every event file, handed to the function the template routes it to (as
//! `sam local invoke` would), gets its expected status.

use impactify::http::routes::{Group, ROUTES};
use impactify::store::Store;
use serde_norway::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

fn template() -> Value {
    let text = std::fs::read_to_string(root().join("template.yaml")).unwrap();
    serde_norway::from_str(&text).unwrap()
}

fn resources_of_type<'a>(template: &'a Value, kind: &str) -> Vec<(&'a str, &'a Value)> {
    template["Resources"]
        .as_mapping()
        .unwrap()
        .iter()
        .filter(|(_, r)| r["Type"].as_str() == Some(kind))
        .map(|(name, r)| (name.as_str().unwrap(), r))
        .collect()
}

/// (method, path) → the group whose binary the template builds for that route.
fn template_routes() -> Vec<(String, String, Group)> {
    let template = template();
    let mut routes = Vec::new();
    for (name, function) in resources_of_type(&template, "AWS::Serverless::Function") {
        assert_eq!(
            function["Metadata"]["BuildMethod"], "rust-cargolambda",
            "{name}"
        );
        let binary = function["Metadata"]["BuildProperties"]["Binary"]
            .as_str()
            .unwrap();
        let group = Group::ALL
            .into_iter()
            .find(|g| g.name() == binary)
            .unwrap_or_else(|| panic!("{name} builds {binary}, which is no function"));
        for (_, event) in function["Properties"]["Events"].as_mapping().unwrap() {
            assert_eq!(event["Type"], "HttpApi");
            let props = &event["Properties"];
            routes.push((
                props["Method"].as_str().unwrap().to_owned(),
                props["Path"].as_str().unwrap().to_owned(),
                group,
            ));
        }
    }
    routes
}

#[test]
fn every_contract_route_goes_to_the_function_that_implements_it() {
    let mut routed: Vec<_> = template_routes();
    let mut contract: Vec<_> = ROUTES
        .iter()
        .map(|r| (r.method.to_owned(), r.path.to_owned(), r.group))
        .collect();
    routed.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    contract.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    assert_eq!(routed, contract);
}

#[test]
fn functions_are_arm64_al2023_with_their_own_log_group_and_table_name() {
    let template = template();
    let globals = &template["Globals"]["Function"];
    assert_eq!(globals["Runtime"], "provided.al2023");
    assert_eq!(globals["Architectures"][0], "arm64");
    assert_eq!(globals["Handler"], "bootstrap");
    assert_eq!(globals["Tracing"], "Active");
    assert!(matches!(
        &globals["Environment"]["Variables"]["TABLE_NAME"],
        Value::Tagged(t) if t.tag == "Ref" && t.value == "Table"
    ));
    let functions = resources_of_type(&template, "AWS::Serverless::Function");
    assert_eq!(functions.len(), Group::ALL.len());
    let mut log_groups = BTreeSet::new();
    for (name, function) in functions {
        let Value::Tagged(log_group) = &function["Properties"]["LoggingConfig"]["LogGroup"] else {
            panic!("{name} has no log group of its own");
        };
        let log_group = log_group.value.as_str().unwrap();
        assert_eq!(
            template["Resources"][log_group]["Type"],
            "AWS::Logs::LogGroup"
        );
        assert!(
            log_groups.insert(log_group.to_owned()),
            "{name} shares a log group"
        );
    }
}

#[tokio::test]
async fn the_template_table_is_the_one_impactify_creates() {
    let template = template();
    let table = &template["Resources"]["Table"]["Properties"];
    assert_eq!(table["BillingMode"], "PAY_PER_REQUEST");
    assert_eq!(
        table["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"],
        true
    );
    assert_eq!(table["SSESpecification"]["SSEEnabled"], true);

    let store = fresh_store().await;
    let described = store
        .client()
        .describe_table()
        .table_name(store.table())
        .send()
        .await
        .unwrap()
        .table
        .unwrap();
    let keys = |schema: &Value| -> Vec<(String, String)> {
        schema
            .as_sequence()
            .unwrap()
            .iter()
            .map(|k| {
                (
                    k["AttributeName"].as_str().unwrap().to_owned(),
                    k["KeyType"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let live_keys =
        |schema: &[aws_sdk_dynamodb::types::KeySchemaElement]| -> Vec<(String, String)> {
            schema
                .iter()
                .map(|k| {
                    (
                        k.attribute_name().to_owned(),
                        k.key_type().as_str().to_owned(),
                    )
                })
                .collect()
        };
    assert_eq!(keys(&table["KeySchema"]), live_keys(described.key_schema()));

    let mut attributes: Vec<(String, String)> = table["AttributeDefinitions"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["AttributeName"].as_str().unwrap().to_owned(),
                a["AttributeType"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let mut live_attributes: Vec<(String, String)> = described
        .attribute_definitions()
        .iter()
        .map(|a| {
            (
                a.attribute_name().to_owned(),
                a.attribute_type().as_str().to_owned(),
            )
        })
        .collect();
    attributes.sort();
    live_attributes.sort();
    assert_eq!(attributes, live_attributes);

    let indexes = table["GlobalSecondaryIndexes"].as_sequence().unwrap();
    let live_indexes = described.global_secondary_indexes();
    assert_eq!(indexes.len(), live_indexes.len());
    for (index, live) in indexes.iter().zip(live_indexes) {
        assert_eq!(index["IndexName"].as_str(), live.index_name());
        assert_eq!(keys(&index["KeySchema"]), live_keys(live.key_schema()));
        assert_eq!(
            index["Projection"]["ProjectionType"].as_str(),
            live.projection()
                .and_then(|p| p.projection_type())
                .map(|p| p.as_str())
        );
    }
}

/// Each file in `events/` and the status its request must get.
const EXPECTED: &[(&str, u16)] = &[
    ("health-get.json", 200),
    ("health-get-deep.json", 200),
    ("event-get.json", 200),
    ("event-get-unauthenticated.json", 401),
    ("event-update.json", 200),
    ("chat-list.json", 200),
    ("widgets-list.json", 200),
    ("widget-create.json", 200),
    ("widget-create-bad-body.json", 400),
    ("widget-get.json", 200),
    ("widget-update.json", 200),
    ("widget-delete.json", 200),
    ("openapi-get.json", 200),
    ("docs-get.json", 200),
];

#[tokio::test]
async fn every_event_file_gets_its_status_from_the_function_the_template_routes_it_to() {
    let files: BTreeSet<String> = std::fs::read_dir(root().join("events"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".json"))
        .collect();
    let listed: BTreeSet<String> = EXPECTED.iter().map(|(f, _)| f.to_string()).collect();
    assert_eq!(
        files, listed,
        "every events/ file has an expected status here"
    );

    let routes = template_routes();
    let mut covered = BTreeSet::new();
    for (file, status) in EXPECTED {
        let store = fresh_store().await;
        impactify_cli::fixture::seed(&store).await.unwrap();
        let app = impactify::App::new(store);

        let text = std::fs::read_to_string(root().join("events").join(file)).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let route_key = json["routeKey"].as_str().unwrap();
        let (method, path) = route_key.split_once(' ').unwrap();
        let group = routes
            .iter()
            .find(|(m, p, _)| m == method && p == path)
            .unwrap_or_else(|| panic!("{file}: the template routes no {route_key}"))
            .2;
        covered.insert(route_key.to_owned());

        let request = lambda_http::request::from_str(&text).unwrap();
        let response = impactify::api::handle(&app, group, request).await;
        assert_eq!(
            response.status().as_u16(),
            *status,
            "{file}: {}",
            String::from_utf8_lossy(response.body().as_ref())
        );
    }
    let all: BTreeSet<String> = ROUTES
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert_eq!(covered, all, "every route has an event file");
}

/// Where `scripts/check` has `cargo lambda build` put the functions for this machine (not
/// `target/lambda`, where `sam build` puts arm64 ones).
fn bootstrap(group: Group) -> PathBuf {
    let dir = std::env::var_os("IMPACTIFY_LAMBDA_DIR")
        .map_or_else(|| root().join("target/lambda-host"), PathBuf::from);
    let path = dir.join(group.name()).join("bootstrap");
    assert!(
        path.exists(),
        "{} is missing: run scripts/check (it runs `cargo lambda build --lambda-dir target/lambda-host`)",
        path.display()
    );
    path
}

#[tokio::test]
async fn every_event_file_gets_its_status_from_the_real_function_binary() {
    let routes = template_routes();
    for (file, status) in EXPECTED {
        let store = fresh_store().await;
        impactify_cli::fixture::seed(&store).await.unwrap();
        let text = std::fs::read_to_string(root().join("events").join(file)).unwrap();
        let event: serde_json::Value = serde_json::from_str(&text).unwrap();
        let (method, path) = event["routeKey"].as_str().unwrap().split_once(' ').unwrap();
        let group = routes
            .iter()
            .find(|(m, p, _)| m == method && p == path)
            .unwrap()
            .2;
        let run = impactify_cli::runtime_api::invoke_once(
            &bootstrap(group),
            event,
            &[("TABLE_NAME", store.table()), ("RUST_LOG", "warn")],
        )
        .await
        .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(
            run.response["statusCode"], *status,
            "{file}: {}",
            run.response
        );
        let body = run.response["body"].as_str().unwrap();
        let content_type = run.response["headers"]["content-type"].as_str().unwrap();
        if *status == 200 && group == Group::Docs {
            // The committed document, and the page that renders it.
            if content_type == "application/json" {
                let doc: serde_json::Value = serde_json::from_str(body).unwrap();
                assert_eq!(doc["openapi"], "3.0.3", "{file}");
            } else {
                assert_eq!(content_type, "text/html; charset=utf-8", "{file}");
                assert!(body.starts_with("<!doctype html>"), "{file}");
            }
        } else if *status == 200 && group != Group::Health {
            assert_eq!(content_type, "application/json", "{file}");
            let json: serde_json::Value = serde_json::from_str(body).unwrap();
            assert!(json.is_object() || json.is_array(), "{file}: {body}");
        } else if *status != 200 {
            let problem: serde_json::Value = serde_json::from_str(body).unwrap();
            assert_eq!(problem["status"], *status, "{file}");
            assert_eq!(problem["requestId"], event_request_id(file));
        }
    }
}

fn event_request_id(file: &str) -> String {
    format!("events-{}", file.trim_end_matches(".json"))
}

async fn fresh_store() -> Store {
    assert!(
        std::env::var_os("AWS_ENDPOINT_URL_DYNAMODB").is_some(),
        "run scripts/check: it starts DynamoDB Local"
    );
    let client = Store::from_env().await.client().clone();
    let store = Store::new(client, format!("deploy-{}", uuid::Uuid::now_v7()));
    store.create_table().await.unwrap();
    store
}
