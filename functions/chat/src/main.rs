//! The `chat` Lambda function: see `impactify::api` for its routes.

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_http::Error> {
    impactify::lambda::run(impactify::Group::Chat).await
}
