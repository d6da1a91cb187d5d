//! The `impactify` binary, as ops and scripts run it: every subcommand, with `--json`.

use serde_json::Value;
use std::process::{Command, Output};

struct Cli {
    table: String,
}

impl Cli {
    fn new() -> Self {
        assert!(
            std::env::var_os("AWS_ENDPOINT_URL_DYNAMODB").is_some(),
            "run scripts/check: it starts DynamoDB Local"
        );
        Self {
            table: format!("cli-{}", uuid::Uuid::now_v7()),
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_impactify"))
            .args(args)
            .env("TABLE_NAME", &self.table)
            .env("RUST_LOG", "warn")
            .output()
            .unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.run(&all);
        assert!(
            out.status.success(),
            "impactify {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "impactify {args:?} should fail");
        String::from_utf8(out.stderr).unwrap()
    }
}

#[test]
fn every_subcommand_works_and_prints_json() {
    let cli = Cli::new();
    assert_eq!(cli.json(&["table", "create"])["created"], true);
    assert_eq!(
        cli.json(&["table", "create"])["created"],
        false,
        "idempotent"
    );

    let event = cli.json(&["event", "create", "--title", "Gala"]);
    let event_id = event["id"].as_str().unwrap();
    assert_eq!(event["title"], "Gala");
    assert_eq!(event["pricing"]["type"], "FREE");

    let key = cli.json(&[
        "key",
        "create",
        "--event",
        event_id,
        "--permissions",
        "event:read,chat:read",
        "--name",
        "scoreboard",
        "--expires-in",
        "30d",
    ]);
    let key_id = key["id"].as_str().unwrap();
    assert!(key["key"].as_str().unwrap().starts_with("imp_"));
    assert_eq!(
        key["permissions"],
        serde_json::json!(["event:read", "chat:read"])
    );
    assert_eq!(key["name"], "scoreboard");
    let expires = impactify::time::parse(key["expiresAt"].as_str().unwrap()).unwrap();
    let days = (expires - chrono::Utc::now()).num_hours() as f64 / 24.0;
    assert!((29.9..=30.0).contains(&days), "{days}");

    let listed = cli.json(&["key", "list", "--event", event_id]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["id"], key_id);
    assert!(listed[0].get("key").is_none(), "the key is shown only once");

    let message = cli.json(&[
        "chat",
        "post",
        "--event",
        event_id,
        "--sender",
        "host",
        "--content",
        "Hi all",
    ]);
    assert_eq!(message["content"], "Hi all");
    assert_eq!(message["eventId"], event_id);

    let revoked = cli.json(&["key", "revoke", "--event", event_id, key_id]);
    assert!(revoked["revokedAt"].is_string());

    let seeded = cli.json(&["seed", "--addr", "127.0.0.1:4000"]);
    let key = seeded["key"]["key"].as_str().unwrap();
    assert_eq!(seeded["key"]["permissions"], serde_json::json!(["*"]));
    assert_eq!(
        seeded["curl"],
        format!("curl -H 'Authorization: Bearer {key}' http://127.0.0.1:4000/api/rest/v1/event")
    );
}

#[test]
fn mistakes_fail_with_a_message() {
    let cli = Cli::new();
    cli.json(&["table", "create"]);
    let event = cli.json(&["event", "create", "--title", "Gala"]);
    let event_id = event["id"].as_str().unwrap();
    let err = cli.fails(&[
        "key",
        "create",
        "--event",
        event_id,
        "--permissions",
        "event:write",
    ]);
    assert!(err.contains("unknown permission `event:write`"), "{err}");
    let err = cli.fails(&["key", "create", "--event", "nope", "--permissions", "*"]);
    assert!(err.contains("no event nope"), "{err}");
    let err = cli.fails(&["key", "revoke", "--event", event_id, "nope"]);
    assert!(err.contains("has no key nope"), "{err}");
    let err = cli.fails(&["event", "create", "--title", " "]);
    assert!(err.contains("title"), "{err}");
    let err = cli.fails(&[
        "key",
        "create",
        "--event",
        event_id,
        "--permissions",
        "*",
        "--expires-in",
        "soon",
    ]);
    assert!(err.contains("--expires-in"), "{err}");
    for expiry in ["0s", "100000000d", "5000000000000d"] {
        let err = cli.fails(&[
            "key",
            "create",
            "--event",
            event_id,
            "--permissions",
            "*",
            "--expires-in",
            expiry,
        ]);
        assert!(
            err.contains("--expires-in must be more than 0"),
            "{expiry}: {err}"
        );
    }
    // The fixture's key is public: never into a table that is not DynamoDB Local.
    let out = Command::new(env!("CARGO_BIN_EXE_impactify"))
        .args(["seed", "--fixture"])
        .env("TABLE_NAME", &cli.table)
        .env_remove("AWS_ENDPOINT_URL_DYNAMODB")
        .env_remove("AWS_ENDPOINT_URL")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("only runs against DynamoDB Local"), "{err}");
}

/// `impactify openapi --output openapi.json` is how the committed document is regenerated; it
/// needs no table or endpoint.
#[test]
fn openapi_prints_the_committed_document() {
    let out = Command::new(env!("CARGO_BIN_EXE_impactify"))
        .arg("openapi")
        .env_remove("AWS_ENDPOINT_URL_DYNAMODB")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        impactify::openapi::DOCUMENT
    );
}

#[test]
fn openapi_writes_the_document_to_a_file() {
    let path = std::env::temp_dir().join(format!("openapi-{}.json", uuid::Uuid::now_v7()));
    let out = Command::new(env!("CARGO_BIN_EXE_impactify"))
        .args(["openapi", "--output"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        impactify::openapi::DOCUMENT
    );
    std::fs::remove_file(path).unwrap();
}
