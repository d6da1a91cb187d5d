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

use std::sync::Arc;

/// What a handler needs: the store and the cache of verified keys. Cheap to clone.
#[derive(Clone, Debug)]
pub struct App {
    pub store: Store,
    pub keys: Arc<auth::KeyCache>,
}

impl App {
    /// With the key cache configured by `KEY_CACHE_TTL_SECONDS` (default 10).
    pub fn new(store: Store) -> Self {
        Self::with_key_cache(store, auth::KeyCache::from_env())
    }

    pub fn with_key_cache(store: Store, keys: auth::KeyCache) -> Self {
        Self {
            store,
            keys: Arc::new(keys),
        }
    }

    /// Builds the DynamoDB client from the environment (`TABLE_NAME`, `AWS_REGION`,
    /// `AWS_ENDPOINT_URL_DYNAMODB`, credentials) once per process.
    pub async fn from_env() -> Self {
        Self::new(Store::from_env().await)
    }
}
