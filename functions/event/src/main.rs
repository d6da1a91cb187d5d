//! The `event` Lambda function: see `impactify::api` for its routes.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    impactify::lambda::run(impactify::Group::Event).await
}
