//! Logging: JSON lines under Lambda (CloudWatch Logs Insights reads them, and the runtime's span
//! carries the Lambda `requestId`), human-readable lines on a developer's terminal.

use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = EnvFilter::try_from_env("RUST_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,aws_smithy_runtime=warn,aws_config=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let result = if std::env::var_os("AWS_LAMBDA_FUNCTION_NAME").is_some() {
        builder
            .json()
            .with_current_span(false)
            .with_span_list(true)
            .without_time() // CloudWatch stamps every line already
            .with_ansi(false)
            .try_init()
    } else {
        builder.with_writer(std::io::stderr).try_init()
    };
    // A second init (tests, or a binary that already set one up) keeps the first subscriber.
    let _ = result;
}
