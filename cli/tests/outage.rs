//! Storage going away mid-run: requests fail fast with 503 and `Retry-After` (no hang, no 500),
//! nothing is half-written, and the same server recovers by itself when storage returns.
//!
//! Runs a DynamoDB Local of its own (on disk, so that its data survives the restart), found
//! through `DYNAMODB_LOCAL_DIR`, which `scripts/check` exports.

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode};
use impactify::App;
use impactify::auth::Permissions;
use impactify::model::Event;
use impactify::store::Store;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tower::ServiceExt;

struct DynamoDbLocal {
    child: Child,
}

impl DynamoDbLocal {
    fn start(jar_dir: &Path, data: &Path, port: u16) -> Self {
        let child = Command::new("java")
            .current_dir(jar_dir)
            .arg(format!(
                "-Djava.library.path={}",
                jar_dir.join("DynamoDBLocal_lib").display()
            ))
            .args([
                "-jar",
                "DynamoDBLocal.jar",
                "-disableTelemetry",
                "-sharedDb",
                "-dbPath",
            ])
            .arg(data)
            .args(["-port", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("java runs");
        Self { child }
    }

    fn stop(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for DynamoDbLocal {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

async fn wait_until_up(store: &Store) {
    let start = Instant::now();
    // Any answer will do: the table does not exist yet.
    while store.client().list_tables().limit(1).send().await.is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "DynamoDB Local did not start"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn send(
    router: &axum::Router,
    method: &str,
    path: &str,
    key: &str,
    body: &str,
) -> (StatusCode, Option<String>, String) {
    let request = Request::builder()
        .method(method)
        .uri(format!("/api/rest/v1{path}"))
        .header("host", "localhost")
        .header("authorization", format!("Bearer {key}"))
        .body(Body::from(body.to_owned()))
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    let retry_after = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    let status = response.status();
    let body = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (
        status,
        retry_after,
        String::from_utf8(body.to_vec()).unwrap(),
    )
}

/// A DynamoDB Local of the test's own (on disk, so that a restart keeps the data), a table with an
/// event and a key, and the local server's router over it, already answering.
struct Setup {
    dynamodb: DynamoDbLocal,
    jar_dir: PathBuf,
    data: PathBuf,
    port: u16,
    key: String,
    router: axum::Router,
}

async fn setup(name: &str) -> Setup {
    let jar_dir = PathBuf::from(
        std::env::var_os("DYNAMODB_LOCAL_DIR")
            .expect("run scripts/check: it sets DYNAMODB_LOCAL_DIR"),
    );
    let data = std::env::temp_dir().join(format!("impactify-{name}-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&data).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dynamodb = DynamoDbLocal::start(&jar_dir, &data, port);
    let endpoint = format!("http://127.0.0.1:{port}");
    let store = Store::new(
        impactify::store::client::for_endpoint(&endpoint).await,
        name,
    );
    wait_until_up(&store).await;
    store.create_table().await.unwrap();
    let event = Event::new(name.into(), None).unwrap();
    store.put_event(&event).await.unwrap();
    let key = store
        .create_key(&event.id, Permissions::parse_list("*").unwrap(), None, None)
        .await
        .unwrap();
    let key = key.key.reveal().to_owned();
    let router = impactify_cli::serve::router(App::new(store));
    // Warm: the key is cached and connections are open.
    assert_eq!(
        send(&router, "GET", "/event", &key, "").await.0,
        StatusCode::OK
    );
    Setup {
        dynamodb,
        jar_dir,
        data,
        port,
        key,
        router,
    }
}

#[tokio::test]
async fn storage_outage_gives_fast_503s_and_the_server_recovers_by_itself() {
    let Setup {
        dynamodb,
        jar_dir,
        data,
        port,
        key,
        router,
    } = setup("Outage").await;
    dynamodb.stop();
    let started = Instant::now();
    for (method, path, body) in [
        ("GET", "/event", ""),
        ("POST", "/event", r#"{"title":"during the outage"}"#),
        (
            "POST",
            "/widget",
            r#"{"type":"INFO","text":"during the outage"}"#,
        ),
        ("GET", "/widgets", ""),
        ("GET", "/health?deep=true", ""),
    ] {
        let asked = Instant::now();
        let (status, retry_after, body) = send(&router, method, path, &key, body).await;
        let took = asked.elapsed();
        assert_eq!(
            status,
            StatusCode::SERVICE_UNAVAILABLE,
            "{method} {path}: {body}"
        );
        assert_eq!(retry_after.as_deref(), Some("1"));
        assert!(body.contains("\"status\":503"), "{body}");
        assert!(
            !body.contains("outage\"") && !body.to_lowercase().contains("dynamo"),
            "{body}"
        );
        assert!(
            took < Duration::from_secs(6),
            "{method} {path} took {took:?}"
        );
        eprintln!(
            "storage down: {method} {path} → 503 in {} ms",
            took.as_millis()
        );
    }
    let down_for = started.elapsed();

    let _dynamodb = DynamoDbLocal::start(&jar_dir, &data, port);
    let restarted = Instant::now();
    let recovered = loop {
        let (status, _, _) = send(&router, "GET", "/event", &key, "").await;
        if status == StatusCode::OK {
            break restarted.elapsed();
        }
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(restarted.elapsed() < Duration::from_secs(60), "no recovery");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    eprintln!(
        "storage down for {} ms of requests; after restart the same server answered 200 in {} ms",
        down_for.as_millis(),
        recovered.as_millis()
    );
    // Nothing from the outage was written, half or whole.
    let (_, _, event_now) = send(&router, "GET", "/event", &key, "").await;
    assert!(event_now.contains("\"title\":\"Outage\""), "{event_now}");
    let (_, _, widgets) = send(&router, "GET", "/widgets", &key, "").await;
    assert_eq!(widgets, "[]");
    // And writes work again.
    let (status, _, _) = send(
        &router,
        "POST",
        "/widget",
        &key,
        r#"{"type":"INFO","text":"back"}"#,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let _ = std::fs::remove_dir_all(&data);
}

/// Freezes the process for `pause` while `work` runs: its first attempt reaches DynamoDB and is
/// applied only after the SDK's 2 s attempt timeout, so the SDK retries.
async fn frozen<F: std::future::Future>(pid: u32, pause: Duration, work: F) -> F::Output {
    let signal = |sig: &str| {
        Command::new("kill")
            .args([sig, &pid.to_string()])
            .status()
            .unwrap();
    };
    signal("-STOP");
    let thaw = tokio::spawn(async move {
        tokio::time::sleep(pause).await;
        Command::new("kill")
            .args(["-CONT", &pid.to_string()])
            .status()
            .unwrap();
    });
    let output = work.await;
    thaw.await.unwrap();
    output
}

#[tokio::test]
async fn a_write_answered_late_is_applied_once_and_answered_truthfully() {
    let Setup {
        dynamodb,
        data,
        key,
        router,
        ..
    } = setup("late").await;
    let pid = dynamodb.child.id();
    let pause = Duration::from_millis(2_500);

    let (status, _, body) = frozen(
        pid,
        pause,
        send(
            &router,
            "POST",
            "/widget",
            &key,
            r#"{"type":"INFO","text":"late"}"#,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let id = serde_json::from_str::<serde_json::Value>(&body).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, _, list) = send(&router, "GET", "/widgets", &key, "").await;
    assert_eq!(list.matches("\"late\"").count(), 1, "{list}");

    let path = format!("/widget/{id}");
    let versioned = |router: axum::Router, body: &'static str, if_match: Option<&'static str>| {
        let key = key.clone();
        let path = path.clone();
        async move {
            let mut request = Request::builder()
                .method("POST")
                .uri(format!("/api/rest/v1{path}"))
                .header("host", "localhost")
                .header("authorization", format!("Bearer {key}"));
            if let Some(tag) = if_match {
                request = request.header("if-match", tag);
            }
            let response = router
                .oneshot(request.body(Body::from(body)).unwrap())
                .await
                .unwrap();
            let etag = response
                .headers()
                .get("etag")
                .map(|v| v.to_str().unwrap().to_owned());
            (response.status(), etag)
        }
    };
    // With If-Match: not a false 412 from the retry meeting its own write.
    let (status, etag) = frozen(
        pid,
        pause,
        versioned(router.clone(), r#"{"text":"v2"}"#, Some("\"1\"")),
    )
    .await;
    assert_eq!((status, etag.as_deref()), (StatusCode::OK, Some("\"2\"")));
    // Without: applied once, not twice.
    let (status, etag) = frozen(
        pid,
        pause,
        versioned(router.clone(), r#"{"text":"v3"}"#, None),
    )
    .await;
    assert_eq!((status, etag.as_deref()), (StatusCode::OK, Some("\"3\"")));
    let (_, _, stored) = send(&router, "GET", &path, &key, "").await;
    assert!(stored.contains("\"text\":\"v3\""), "{stored}");

    // A delete is not retried: a late answer is a 503 (never a false 404), and the client's retry
    // learns the outcome. Whether the abandoned attempt was applied depends on whether DynamoDB
    // read it before the connection closed, so the retry meets a 200 (it deletes now) or a 404
    // (the first one did); either way the widget is then gone, once.
    let (status, retry_after, _) =
        frozen(pid, pause, send(&router, "DELETE", &path, &key, "")).await;
    assert_eq!(
        (status, retry_after.as_deref()),
        (StatusCode::SERVICE_UNAVAILABLE, Some("1"))
    );
    let retried = send(&router, "DELETE", &path, &key, "").await.0;
    assert!(
        [StatusCode::OK, StatusCode::NOT_FOUND].contains(&retried),
        "{retried}"
    );
    assert_eq!(
        send(&router, "GET", &path, &key, "").await.0,
        StatusCode::NOT_FOUND
    );
    drop(dynamodb);
    let _ = std::fs::remove_dir_all(&data);
}
