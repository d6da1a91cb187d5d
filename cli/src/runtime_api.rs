//! A minimal Lambda Runtime API (the `2018-06-01` endpoints a `bootstrap` polls), so that real
//! function binaries can be run and invoked on a developer's machine without Docker: by
//! `impactify invoke`, by the tests, and by the cold-start benchmark.
//!
//! It hands out one queued event per `GET .../invocation/next` and collects the function's answer
//! from `POST .../invocation/{id}/response` (or `/error`).

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use serde_json::Value;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot};

type Outcome = Result<Value, String>;

struct Invocation {
    id: String,
    event: Value,
}

#[derive(Default)]
struct Shared {
    waiting: HashMap<String, oneshot::Sender<Outcome>>,
    /// When the process first asked for work: the end of its init.
    first_poll: Option<Instant>,
}

#[derive(Clone)]
struct RuntimeState {
    queue: Arc<tokio::sync::Mutex<mpsc::UnboundedReceiver<Invocation>>>,
    shared: Arc<Mutex<Shared>>,
}

/// A running emulator. One function process at a time polls it.
pub struct RuntimeApi {
    pub addr: SocketAddr,
    sender: mpsc::UnboundedSender<Invocation>,
    shared: Arc<Mutex<Shared>>,
    server: tokio::task::JoinHandle<()>,
}

impl RuntimeApi {
    pub async fn start() -> std::io::Result<Self> {
        let (sender, receiver) = mpsc::unbounded_channel();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let state = RuntimeState {
            queue: Arc::new(tokio::sync::Mutex::new(receiver)),
            shared: shared.clone(),
        };
        let app = Router::new()
            .route("/2018-06-01/runtime/invocation/next", get(next))
            .route(
                "/2018-06-01/runtime/invocation/{id}/response",
                post(respond),
            )
            .route("/2018-06-01/runtime/invocation/{id}/error", post(fail))
            .route("/2018-06-01/runtime/init/error", post(init_error))
            .with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Self {
            addr,
            sender,
            shared,
            server,
        })
    }

    /// The environment a function process needs to find this runtime API.
    pub fn env(&self, function: &str) -> Vec<(String, String)> {
        [
            ("AWS_LAMBDA_RUNTIME_API", self.addr.to_string()),
            ("AWS_LAMBDA_FUNCTION_NAME", function.to_owned()),
            ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".to_owned()),
            ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256".to_owned()),
            ("AWS_LAMBDA_LOG_GROUP_NAME", format!("/local/{function}")),
            ("AWS_LAMBDA_LOG_STREAM_NAME", "local".to_owned()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
    }

    /// When the function first polled for work, if it has.
    pub fn first_poll(&self) -> Option<Instant> {
        self.shared.lock().expect("not poisoned").first_poll
    }

    /// Queues `event` and waits for the function's answer.
    pub async fn invoke(&self, event: Value, timeout: Duration) -> Outcome {
        let id = uuid::Uuid::now_v7().to_string();
        let (tx, rx) = oneshot::channel();
        self.shared
            .lock()
            .expect("not poisoned")
            .waiting
            .insert(id.clone(), tx);
        self.sender
            .send(Invocation { id, event })
            .map_err(|_| "the runtime API stopped".to_owned())?;
        match tokio::time::timeout(timeout, rx).await {
            Ok(Ok(outcome)) => outcome,
            Ok(Err(_)) => Err("the runtime API dropped the invocation".into()),
            Err(_) => Err(format!("no answer within {timeout:?}")),
        }
    }
}

impl Drop for RuntimeApi {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn next(State(state): State<RuntimeState>) -> impl IntoResponse {
    state
        .shared
        .lock()
        .expect("not poisoned")
        .first_poll
        .get_or_insert_with(Instant::now);
    let Some(invocation) = state.queue.lock().await.recv().await else {
        return (StatusCode::GONE, HeaderMap::new(), String::new());
    };
    let deadline = std::time::SystemTime::now() + Duration::from_secs(10);
    let deadline_ms = deadline
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let mut headers = HeaderMap::new();
    let mut set = |name: &'static str, value: String| {
        if let Ok(v) = HeaderValue::from_str(&value) {
            headers.insert(name, v);
        }
    };
    set("lambda-runtime-aws-request-id", invocation.id);
    set("lambda-runtime-deadline-ms", deadline_ms.to_string());
    set(
        "lambda-runtime-invoked-function-arn",
        "arn:aws:lambda:us-east-1:123456789012:function:local".into(),
    );
    set(
        "lambda-runtime-trace-id",
        "Root=1-00000000-000000000000000000000000;Sampled=0".into(),
    );
    (StatusCode::OK, headers, invocation.event.to_string())
}

fn finish(state: &RuntimeState, id: &str, outcome: Outcome) -> StatusCode {
    match state
        .shared
        .lock()
        .expect("not poisoned")
        .waiting
        .remove(id)
    {
        Some(waiter) => {
            let _ = waiter.send(outcome);
            StatusCode::ACCEPTED
        }
        None => StatusCode::BAD_REQUEST,
    }
}

async fn respond(
    State(state): State<RuntimeState>,
    Path(id): Path<String>,
    body: Bytes,
) -> StatusCode {
    let outcome = serde_json::from_slice(&body).map_err(|e| format!("response is not JSON: {e}"));
    finish(&state, &id, outcome)
}

async fn fail(
    State(state): State<RuntimeState>,
    Path(id): Path<String>,
    body: Bytes,
) -> StatusCode {
    finish(
        &state,
        &id,
        Err(String::from_utf8_lossy(&body).into_owned()),
    )
}

async fn init_error(State(state): State<RuntimeState>, body: Bytes) -> StatusCode {
    let message = String::from_utf8_lossy(&body).into_owned();
    let mut shared = state.shared.lock().expect("not poisoned");
    for (_, waiter) in shared.waiting.drain() {
        let _ = waiter.send(Err(format!("init failed: {message}")));
    }
    StatusCode::ACCEPTED
}

/// What one cold invocation of a function binary gave.
pub struct ColdRun {
    pub response: Value,
    /// From spawn to the first poll for work.
    pub init: Duration,
    /// From spawn to the response.
    pub total: Duration,
}

/// Spawns `bootstrap` (inheriting this process's environment, `TABLE_NAME` and `AWS_*`, plus
/// `env`), invokes it once with `event`, and stops it.
pub async fn invoke_once(
    bootstrap: &std::path::Path,
    event: Value,
    env: &[(&str, &str)],
) -> Result<ColdRun, Box<dyn std::error::Error + Send + Sync>> {
    let runtime = RuntimeApi::start().await?;
    let function = bootstrap
        .parent()
        .and_then(|p| p.file_name())
        .map_or("function".into(), |n| n.to_string_lossy().into_owned());
    let spawned = Instant::now();
    let mut child = tokio::process::Command::new(bootstrap)
        .envs(runtime.env(&function))
        .envs(env.iter().copied())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", bootstrap.display()))?;
    let outcome = runtime.invoke(event, Duration::from_secs(15)).await;
    let total = spawned.elapsed();
    let init = runtime
        .first_poll()
        .map_or(total, |at| at.duration_since(spawned));
    let _ = child.kill().await;
    Ok(ColdRun {
        response: outcome?,
        init,
        total,
    })
}
