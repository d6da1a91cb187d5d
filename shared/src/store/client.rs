//! The DynamoDB client: built once per process, with timeouts that fail a request well before
//! the Lambda timeout instead of hanging until it.

use aws_config::BehaviorVersion;
use aws_config::environment::EnvironmentVariableRegionProvider;
use aws_config::meta::region::RegionProviderChain;
use aws_config::profile::ProfileFileRegionProvider;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_sdk_dynamodb::config::SharedHttpClient;
use aws_sdk_dynamodb::config::interceptors::BeforeSerializationInterceptorContextRef;
use aws_sdk_dynamodb::config::{ConfigBag, Intercept};
use aws_smithy_http_client::tls::{self, TlsContext, TrustStore};
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

/// The client a Lambda function needs, from its environment alone: Lambda always sets
/// `AWS_REGION` and the credential variables, so the full `aws-config` chain (profile files,
/// SSO, IMDS, STS) would only cost cold-start time. The standard `AWS_ENDPOINT_URL_DYNAMODB`
/// (or `AWS_ENDPOINT_URL`) still points it at DynamoDB Local.
pub fn from_lambda_env() -> aws_sdk_dynamodb::Client {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let region = env("AWS_REGION")
        .or_else(|| env("AWS_DEFAULT_REGION"))
        .unwrap_or_else(|| "us-east-1".to_owned());
    let mut config = aws_sdk_dynamodb::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .http_client(https_client(lambda_roots()))
        .region(aws_sdk_dynamodb::config::Region::new(region))
        .credentials_provider(
            aws_config::environment::EnvironmentVariableCredentialsProvider::new(),
        )
        .timeout_config(timeouts())
        .retry_config(RetryConfig::standard().with_max_attempts(3))
        .interceptor(CallCounter);
    if let Some(url) = env("AWS_ENDPOINT_URL_DYNAMODB").or_else(|| env("AWS_ENDPOINT_URL")) {
        config = config.endpoint_url(url);
    }
    aws_sdk_dynamodb::Client::from_conf(config.build())
}

/// The roots AWS service endpoints chain to (Amazon Trust Services: Amazon Root CA 1-4 and
/// Starfield Services Root CA G2). Parsing these five instead of the system's ~140 roots takes
/// about 4.5 ms off every cold start. `SSL_CERT_FILE` or `SSL_CERT_DIR` (a proxy that re-signs
/// TLS, say) bring back the system store.
fn lambda_roots() -> TrustStore {
    if std::env::var_os("SSL_CERT_FILE").is_some() || std::env::var_os("SSL_CERT_DIR").is_some() {
        return TrustStore::default();
    }
    TrustStore::empty()
        .with_native_roots(false)
        .with_pem_certificate(include_bytes!("aws-roots.pem").as_slice())
}

fn https_client(roots: TrustStore) -> SharedHttpClient {
    let tls = TlsContext::builder()
        .with_trust_store(roots)
        .build()
        .expect("the trust store is valid");
    aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(
            tls::rustls_provider::CryptoMode::Ring,
        ))
        .tls_context(tls)
        .build_https()
}

fn timeouts() -> TimeoutConfig {
    TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(1))
        .operation_attempt_timeout(Duration::from_secs(2))
        .operation_timeout(Duration::from_secs(5))
        .build()
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
    // Environment, then profile file, then us-east-1 (DynamoDB Local ignores it): never the EC2
    // instance metadata service, which a laptop or CI machine does not have.
    let region = RegionProviderChain::first_try(EnvironmentVariableRegionProvider::new())
        .or_else(ProfileFileRegionProvider::new())
        .or_else("us-east-1");
    aws_config::defaults(BehaviorVersion::latest())
        .http_client(https_client(TrustStore::default()))
        .region(region)
        .timeout_config(timeouts())
        .retry_config(RetryConfig::standard().with_max_attempts(3))
        .load()
        .await
}
