//! Everything the Impactify functions share: API keys (`auth`), the JSON shapes and their validation
//! (`model`), the single-table DynamoDB store (`store`), HTTP plumbing (`http`) and the route handlers
//! (`api`). Every Lambda binary and the local server call [`api::handle`] with a plain
//! `lambda_http::Request`, so one code path serves Lambda, tests and `impactify serve`.

pub mod api;
pub mod auth;
pub mod http;
pub mod lambda;
pub mod model;
pub mod openapi;
pub mod store;
pub mod telemetry;
pub mod time;

pub use api::Group;
pub use store::Store;

/// What a handler needs: the store. Cheap to clone (the SDK client is reference-counted).
#[derive(Clone, Debug)]
pub struct App {
    pub store: Store,
}

impl App {
    /// Builds the DynamoDB client from the environment (`TABLE_NAME`, `AWS_REGION`,
    /// `AWS_ENDPOINT_URL_DYNAMODB`, credentials) once per process.
    pub async fn from_env() -> Self {
        Self {
            store: Store::from_env().await,
        }
    }
}
