//! What every function's `main` runs: logging, the client built once, then the runtime loop.

use lambda_http::{Error, service_fn};
use std::convert::Infallible;

use crate::{App, Group, api};

pub async fn run(group: Group) -> Result<(), Error> {
    crate::telemetry::init();
    let app = App::from_env().await;
    lambda_http::run(service_fn(move |req| {
        let app = app.clone();
        async move { Ok::<_, Infallible>(api::handle(&app, group, req).await) }
    }))
    .await
}
