//! The DynamoDB client: built once per process, with timeouts that fail a request well before
//! the Lambda timeout instead of hanging until it.

use aws_config::BehaviorVersion;
use aws_config::meta::region::RegionProviderChain;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use std::time::Duration;

/// Connect 1 s, each attempt 2 s, the whole call (3 attempts with backoff) 5 s: under the
/// functions' 10 s timeout with room to answer 503.
pub async fn from_env() -> aws_sdk_dynamodb::Client {
    aws_sdk_dynamodb::Client::new(&config().await)
}

/// The same client, for an explicit endpoint (tests that run a DynamoDB Local of their own).
pub async fn for_endpoint(endpoint: &str) -> aws_sdk_dynamodb::Client {
    let config = aws_sdk_dynamodb::config::Builder::from(&config().await)
        .endpoint_url(endpoint)
        .build();
    aws_sdk_dynamodb::Client::from_conf(config)
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
