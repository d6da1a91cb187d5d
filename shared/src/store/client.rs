//! The DynamoDB client: built once per process, with timeouts that fail a request well before
//! the Lambda timeout instead of hanging until it.

use aws_config::BehaviorVersion;
use aws_config::meta::region::RegionProviderChain;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_sdk_dynamodb::config::interceptors::BeforeSerializationInterceptorContextRef;
use aws_sdk_dynamodb::config::{ConfigBag, Intercept};
use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Connect 1 s, each attempt 2 s, the whole call (3 attempts with backoff) 5 s: under the
/// functions' 10 s timeout with room to answer 503.
pub async fn from_env() -> aws_sdk_dynamodb::Client {
    let config = aws_sdk_dynamodb::config::Builder::from(&config().await)
        .interceptor(CallCounter)
        .build();
    aws_sdk_dynamodb::Client::from_conf(config)
}

/// The same client, for an explicit endpoint (tests that run a DynamoDB Local of their own).
pub async fn for_endpoint(endpoint: &str) -> aws_sdk_dynamodb::Client {
    let config = aws_sdk_dynamodb::config::Builder::from(&config().await)
        .endpoint_url(endpoint)
        .interceptor(CallCounter)
        .build();
    aws_sdk_dynamodb::Client::from_conf(config)
}

static CALLS: AtomicU64 = AtomicU64::new(0);

tokio::task_local! {
    static CALLS_IN_REQUEST: Cell<u32>;
}

/// DynamoDB operations this process has made (retries of one operation count once).
pub fn calls() -> u64 {
    CALLS.load(Ordering::Relaxed)
}

/// Runs `work`, returning its result and the DynamoDB operations it made (for the request log).
pub async fn counting_calls<F: std::future::Future>(work: F) -> (F::Output, u32) {
    let (output, calls) = CALLS_IN_REQUEST
        .scope(Cell::new(0), async {
            let output = work.await;
            (output, CALLS_IN_REQUEST.with(Cell::get))
        })
        .await;
    // Counted inside another count (a test around a request): that one includes these.
    let _ = CALLS_IN_REQUEST.try_with(|outer| outer.set(outer.get() + calls));
    (output, calls)
}

#[derive(Debug)]
struct CallCounter;

impl Intercept for CallCounter {
    fn name(&self) -> &'static str {
        "CallCounter"
    }

    fn read_before_execution(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        _cfg: &mut ConfigBag,
    ) -> Result<(), aws_sdk_dynamodb::error::BoxError> {
        CALLS.fetch_add(1, Ordering::Relaxed);
        let _ = CALLS_IN_REQUEST.try_with(|calls| calls.set(calls.get() + 1));
        Ok(())
    }
}

async fn config() -> aws_config::SdkConfig {
    let timeouts = TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(1))
        .operation_attempt_timeout(Duration::from_secs(2))
        .operation_timeout(Duration::from_secs(5))
        .build();
    // Locally there is often no region configured; DynamoDB Local ignores it anyway.
    let region = RegionProviderChain::default_provider().or_else("us-east-1");
    aws_config::defaults(BehaviorVersion::latest())
        .region(region)
        .timeout_config(timeouts)
        .retry_config(RetryConfig::standard().with_max_attempts(3))
        .load()
        .await
}
