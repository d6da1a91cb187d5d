//! The `docs` Lambda function: the OpenAPI document and the docs page, without a key or a table.

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_http::Error> {
    impactify::lambda::run(impactify::Group::Docs).await
}
