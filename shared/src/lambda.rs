//! What every function's `main` runs: logging, the client built once, then the runtime loop.

use lambda_http::{Error, service_fn};
use std::convert::Infallible;

use crate::{App, Group, Store, api};

pub async fn run(group: Group) -> Result<(), Error> {
    crate::telemetry::init();
    if group == Group::Docs {
        // Serves only the committed document and the docs page: no DynamoDB client to build.
        return lambda_http::run(service_fn(|req| async move {
            Ok::<_, Infallible>(api::handle_docs(req).await)
        }))
        .await;
    }
    let table = std::env::var("TABLE_NAME").unwrap_or_else(|_| crate::store::DEFAULT_TABLE.into());
    let app = App::new(Store::new(crate::store::client::from_lambda_env(), table));
    lambda_http::run(service_fn(move |req| {
        let app = app.clone();
        async move { Ok::<_, Infallible>(api::handle(&app, group, req).await) }
    }))
    .await
}
