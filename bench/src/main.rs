//! `impactify-bench`: measures, in one run on one machine, what the functions cost.
//!
//! - cold start of each real function binary (spawn → first poll of the Runtime API, and → first
//!   response), beside a hello-world `lambda_runtime` binary as the floor;
//! - warm latency through `impactify serve` beside one raw `GetItem` with the same client, and the
//!   DynamoDB calls each request makes;
//! - `GET /chat?limit=100` with 100, 10,000 and 100,000 stored messages;
//! - binary sizes and each function's peak RSS over a warm run.
//!
//! Run it through `scripts/bench`, which builds the release binaries and starts DynamoDB Local.

use aws_sdk_dynamodb::types::AttributeValue;
use clap::Parser;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use impactify::App;
use impactify::model::ChatMessage;
use impactify::store::Store;
use impactify::store::client::calls;
use impactify_cli::fixture;
use impactify_cli::runtime_api::{RuntimeApi, invoke_once};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

type Error = Box<dyn std::error::Error + Send + Sync>;

#[derive(Parser)]
struct Args {
    /// Release binaries of the functions and of `hello` (stripped by the release profile).
    #[arg(long, default_value = "target/release")]
    release_dir: PathBuf,
    /// arm64 bootstraps (`<dir>/<function>/bootstrap`), if they were built.
    #[arg(long)]
    arm64_dir: Option<PathBuf>,
    /// Cold starts per function.
    #[arg(long, default_value_t = 15)]
    spawns: usize,
    /// Warm requests per route.
    #[arg(long, default_value_t = 500)]
    requests: usize,
    /// Stored chat messages to page through.
    #[arg(long, value_delimiter = ',', default_value = "100,10000,100000")]
    scale: Vec<usize>,
    #[arg(long, default_value = "events")]
    events_dir: PathBuf,
}

const FUNCTIONS: [(&str, &str); 4] = [
    ("health", "health-get.json"),
    ("event", "event-get.json"),
    ("chat", "chat-list.json"),
    ("widgets", "widgets-list.json"),
];

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args = Args::parse();
    let mut out = String::new();
    let table = format!("bench-{}", uuid::Uuid::now_v7());
    let store = Store::new(Store::from_env().await.client().clone(), table.clone());
    store.create_table().await?;
    fixture::seed(&store).await?;
    let event = |file: &str| -> Result<Value, Error> {
        Ok(serde_json::from_str(&std::fs::read_to_string(
            args.events_dir.join(file),
        )?)?)
    };

    // ---------------------------------------------------------------- cold start
    writeln!(
        out,
        "Cold start ({} spawns each, medians; release build; DynamoDB Local)",
        args.spawns
    )?;
    writeln!(
        out,
        "{:<10} {:>10} {:>16} {:>14}",
        "function", "init ms", "first resp. ms", "init / floor"
    )?;
    let floor = cold_starts(
        &args.release_dir.join("hello"),
        event("health-get.json")?,
        &table,
        args.spawns,
    )
    .await?;
    writeln!(
        out,
        "{:<10} {:>10.1} {:>16.1} {:>14}",
        "hello",
        ms(floor.0),
        ms(floor.1),
        "1.00"
    )?;
    for (name, file) in FUNCTIONS {
        let (init, total) = cold_starts(
            &args.release_dir.join(name),
            event(file)?,
            &table,
            args.spawns,
        )
        .await?;
        writeln!(
            out,
            "{name:<10} {:>10.1} {:>16.1} {:>14.2}",
            ms(init),
            ms(total),
            init.as_secs_f64() / floor.0.as_secs_f64()
        )?;
    }
    print!("{out}");

    // ---------------------------------------------------------------- warm latency
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}/api/rest/v1", listener.local_addr()?);
    let router = impactify_cli::serve::router(App::new(store.clone()));
    tokio::spawn(async move { axum::serve(listener, router).await });
    let http: Client<HttpConnector, Full<Bytes>> =
        Client::builder(TokioExecutor::new()).build_http();
    let get = |path: &str| request(&http, "GET", format!("{base}{path}"), None);

    let mut warm = String::new();
    writeln!(
        warm,
        "\nWarm latency through impactify serve ({} requests each, after warm-up)",
        args.requests
    )?;
    writeln!(
        warm,
        "{:<28} {:>9} {:>9} {:>15}",
        "request", "p50 ms", "p99 ms", "DynamoDB calls"
    )?;
    for _ in 0..50 {
        get("/event").await?;
    }
    let get_item = timed(args.requests, 0, || async {
        store
            .client()
            .get_item()
            .table_name(&table)
            .key(
                "PK",
                AttributeValue::S(format!("EVENT#{}", fixture::EVENT_ID)),
            )
            .key("SK", AttributeValue::S("EVENT".into()))
            .send()
            .await
            .map(|_| ())
            .map_err(Error::from)
    })
    .await?;
    writeln!(
        warm,
        "{:<28} {:>9.2} {:>9.2} {:>15}",
        "raw GetItem (same client)",
        ms(get_item.0),
        ms(get_item.1),
        "1"
    )?;
    let mut event_p50 = Duration::ZERO;
    for (label, path) in [
        ("GET /event", "/event"),
        ("GET /widgets", "/widgets"),
        ("GET /chat", "/chat"),
    ] {
        timed(100, 0, || get(path)).await?;
        let before = calls();
        let (p50, p99) = timed(args.requests, 0, || get(path)).await?;
        let per_request = (calls() - before) as f64 / args.requests as f64;
        if path == "/event" {
            event_p50 = p50;
        }
        writeln!(
            warm,
            "{label:<28} {:>9.2} {:>9.2} {:>15.2}",
            ms(p50),
            ms(p99),
            per_request
        )?;
    }
    let body = r#"{"type":"INFO","text":"benchmark"}"#;
    timed(100, 0, || {
        request(&http, "POST", format!("{base}/widget"), Some(body))
    })
    .await?;
    let before = calls();
    let (p50, p99) = timed(args.requests, 0, || {
        request(&http, "POST", format!("{base}/widget"), Some(body))
    })
    .await?;
    let per_request = (calls() - before) as f64 / args.requests as f64;
    writeln!(
        warm,
        "{:<28} {:>9.2} {:>9.2} {:>15.2}",
        "POST /widget",
        ms(p50),
        ms(p99),
        per_request
    )?;
    writeln!(
        warm,
        "GET /event p50 / raw GetItem p50 = {:.2}",
        event_p50.as_secs_f64() / get_item.0.as_secs_f64()
    )?;
    print!("{warm}");

    // ---------------------------------------------------------------- scaling
    // The sizes take turns request by request, so that the machine's noise (other processes, the
    // JVM's garbage collector) falls on all of them alike.
    let mut scale = String::new();
    writeln!(
        scale,
        "\nGET /chat?limit=100 by stored messages (p50 of 300, sizes interleaved)"
    )?;
    writeln!(
        scale,
        "{:>10} {:>14} {:>14}",
        "messages", "first page ms", "last page ms"
    )?;
    let mut events = Vec::new();
    for &n in &args.scale {
        events.push((n, chat_event(&store, n).await?));
    }
    let rounds = 300;
    let mut times = vec![(Vec::with_capacity(rounds), Vec::with_capacity(rounds)); events.len()];
    for round in 0..rounds + 50 {
        for (i, (_, (key, since))) in events.iter().enumerate() {
            let auth = format!("Bearer {key}");
            for (last, path) in [
                (false, "/chat?limit=100".to_owned()),
                (true, format!("/chat?limit=100&since={since}")),
            ] {
                let start = Instant::now();
                request_with(&http, "GET", format!("{base}{path}"), None, &auth).await?;
                if round >= 50 {
                    let sample = if last {
                        &mut times[i].1
                    } else {
                        &mut times[i].0
                    };
                    sample.push(start.elapsed());
                }
            }
        }
    }
    let mut firsts = Vec::new();
    for ((n, _), (first, last)) in events.iter().zip(times) {
        let (first, last) = (median(first), median(last));
        firsts.push(first);
        writeln!(scale, "{n:>10} {:>14.2} {:>14.2}", ms(first), ms(last))?;
    }
    let slowest = firsts.iter().max().copied().unwrap_or_default();
    let fastest = firsts.iter().min().copied().unwrap_or_default();
    writeln!(
        scale,
        "slowest / fastest first page = {:.2}",
        slowest.as_secs_f64() / fastest.as_secs_f64()
    )?;
    print!("{scale}");

    // ---------------------------------------------------------------- size and memory
    let mut size = String::new();
    writeln!(
        size,
        "\nBinary size (stripped) and peak RSS over {} warm invocations",
        args.requests
    )?;
    writeln!(
        size,
        "{:<10} {:>12} {:>12} {:>13} {:>13}",
        "function", "host MB", "arm64 MB", "peak RSS MB", "warm p50 ms"
    )?;
    for (name, file) in std::iter::once(("hello", "health-get.json")).chain(FUNCTIONS) {
        let host = megabytes(&args.release_dir.join(name));
        let arm64 = args
            .arm64_dir
            .as_ref()
            .map(|dir| megabytes(&dir.join(name).join("bootstrap")))
            .unwrap_or_else(|| "-".into());
        let (rss, p50) = warm_process(
            &args.release_dir.join(name),
            event(file)?,
            &table,
            args.requests,
        )
        .await?;
        writeln!(
            size,
            "{name:<10} {host:>12} {arm64:>12} {:>13.1} {:>13.2}",
            rss,
            ms(p50)
        )?;
    }
    print!("{size}");

    store.delete_table().await?;
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn megabytes(path: &Path) -> String {
    std::fs::metadata(path).map_or("-".into(), |m| {
        format!("{:.2}", m.len() as f64 / 1_048_576.0)
    })
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

/// Median init and first-response time over `spawns` cold starts.
async fn cold_starts(
    binary: &Path,
    event: Value,
    table: &str,
    spawns: usize,
) -> Result<(Duration, Duration), Error> {
    let (mut inits, mut totals) = (Vec::new(), Vec::new());
    for _ in 0..spawns {
        let run = invoke_once(
            binary,
            event.clone(),
            &[("TABLE_NAME", table), ("RUST_LOG", "warn")],
        )
        .await?;
        if run.response["statusCode"] != 200 {
            return Err(format!("{}: {}", binary.display(), run.response).into());
        }
        inits.push(run.init);
        totals.push(run.total);
    }
    Ok((median(inits), median(totals)))
}

/// p50 and p99 of `n` sequential runs of `f`, after `warmup` unmeasured ones.
async fn timed<F, Fut>(n: usize, warmup: usize, mut f: F) -> Result<(Duration, Duration), Error>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<(), Error>>,
{
    for _ in 0..warmup {
        f().await?;
    }
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let start = Instant::now();
        f().await?;
        times.push(start.elapsed());
    }
    times.sort();
    Ok((times[n / 2], times[(n * 99 / 100).min(n - 1)]))
}

async fn request(
    http: &Client<HttpConnector, Full<Bytes>>,
    method: &str,
    url: String,
    body: Option<&str>,
) -> Result<(), Error> {
    request_with(http, method, url, body, &format!("Bearer {}", fixture::KEY)).await
}

async fn request_with(
    http: &Client<HttpConnector, Full<Bytes>>,
    method: &str,
    url: String,
    body: Option<&str>,
    auth: &str,
) -> Result<(), Error> {
    let request = hyper::Request::builder()
        .method(method)
        .uri(&url)
        .header("authorization", auth)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body.unwrap_or_default().to_owned())))?;
    let response = http.request(request).await?;
    let status = response.status();
    let bytes = response.into_body().collect().await?.to_bytes();
    if status != 200 {
        return Err(format!(
            "{method} {url}: {status} {}",
            String::from_utf8_lossy(&bytes)
        )
        .into());
    }
    Ok(())
}

/// An event holding `n` chat messages, a key for it, and a `since` that selects the last page.
async fn chat_event(store: &Store, n: usize) -> Result<(String, String), Error> {
    let event =
        impactify::model::Event::new(format!("{n} messages"), None).map_err(|p| p.detail)?;
    store.put_event(&event).await?;
    let base = impactify::time::parse("2026-01-01T00:00:00Z").ok_or("timestamp")?;
    let messages: Vec<ChatMessage> = (0..n)
        .map(|i| {
            let mut m =
                ChatMessage::new(&event.id, format!("u{}", i % 500), format!("message {i}"))
                    .expect("valid message");
            // One message a second, so that `since` can pick the last hundred exactly.
            m.created_at = impactify::time::format(base + chrono_seconds(i));
            m
        })
        .collect();
    let chunks: Vec<&[ChatMessage]> = messages.chunks(2_500).collect();
    let writes = chunks.iter().map(|chunk| store.put_chat_messages(chunk));
    for result in futures::future::join_all(writes).await {
        result?;
    }
    let all = impactify::auth::Permissions::parse_list("*")?;
    let key = store.create_key(&event.id, all, None, None).await?;
    let since = impactify::time::format(base + chrono_seconds(n.saturating_sub(101)));
    Ok((key.key.reveal().to_owned(), since.replace(':', "%3A")))
}

fn chrono_seconds(i: usize) -> chrono::Duration {
    chrono::Duration::seconds(i as i64)
}

/// Peak RSS (MB) of a function process over `n` warm invocations, and their p50.
async fn warm_process(
    binary: &Path,
    event: Value,
    table: &str,
    n: usize,
) -> Result<(f64, Duration), Error> {
    let runtime = RuntimeApi::start().await?;
    let mut child = tokio::process::Command::new(binary)
        .envs(runtime.env("bench"))
        .env("TABLE_NAME", table)
        .env("RUST_LOG", "warn")
        .kill_on_drop(true)
        .spawn()?;
    let pid = child.id().ok_or("no pid")?;
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let start = Instant::now();
        runtime
            .invoke(event.clone(), Duration::from_secs(10))
            .await?;
        times.push(start.elapsed());
    }
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .ok_or("no VmHWM")?;
    child.kill().await?;
    Ok((kb / 1024.0, median(times)))
}
