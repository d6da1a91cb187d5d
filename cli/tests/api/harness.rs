//! Test harness: a fresh table in DynamoDB Local per test, an event in it, keys, and requests
//! sent through `impactify serve`'s router (the same path a developer's curl takes).

use axum::body::{Body, to_bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use impactify::App;
use impactify::auth::{KeyCache, Permissions};
use impactify::model::{ChatMessage, Event};
use impactify::store::Store;
use serde_json::Value;
use std::time::Duration;
use tower::ServiceExt;

pub struct TestApi {
    pub app: App,
    pub router: axum::Router,
    pub event: Event,
    /// Holds every permission (`*`).
    pub key: String,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }

    /// Asserts a problem+json answer with this status and returns the `field`s it names.
    pub fn problem(&self, status: u16) -> Vec<String> {
        assert_eq!(
            self.status.as_u16(),
            status,
            "body: {}",
            String::from_utf8_lossy(&self.body)
        );
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json")
        );
        let body = self.json();
        assert_eq!(body["status"], status);
        assert!(body["title"].is_string() && body["detail"].is_string());
        assert!(body["requestId"].as_str().is_some_and(|id| !id.is_empty()));
        body["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .map(|e| e["field"].as_str().unwrap().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn ok(&self) -> Value {
        assert_eq!(
            self.status,
            StatusCode::OK,
            "body: {}",
            String::from_utf8_lossy(&self.body)
        );
        self.json()
    }
}

/// A store on a table of its own.
pub async fn fresh_store() -> Store {
    assert!(
        std::env::var_os("AWS_ENDPOINT_URL_DYNAMODB").is_some(),
        "these tests need DynamoDB Local: run scripts/check, which starts one and sets \
         AWS_ENDPOINT_URL_DYNAMODB"
    );
    let client = Store::from_env().await.client().clone();
    let store = Store::new(client, format!("test-{}", uuid::Uuid::now_v7()));
    assert!(store.create_table().await.unwrap());
    store
}

impl TestApi {
    /// Without key caching: tests revoke keys and expect the next request to see it.
    pub async fn new() -> Self {
        Self::with_key_cache(KeyCache::new(
            Duration::ZERO,
            impactify::auth::cache::TOUCH_INTERVAL,
        ))
        .await
    }

    pub async fn with_key_cache(keys: KeyCache) -> Self {
        let store = fresh_store().await;
        let event = Event::new("Launch party".into(), Some("With cake".into())).unwrap();
        store.put_event(&event).await.unwrap();
        let app = App::with_key_cache(store, keys);
        let router = impactify_cli::serve::router(app.clone());
        let mut api = Self {
            app,
            router,
            event,
            key: String::new(),
        };
        api.key = api.key_with("*").await;
        api
    }

    pub fn store(&self) -> &Store {
        &self.app.store
    }

    pub async fn key_with(&self, permissions: &str) -> String {
        self.key_for(&self.event.id, permissions).await
    }

    pub async fn key_for(&self, event_id: &str, permissions: &str) -> String {
        let permissions = Permissions::parse_list(permissions).unwrap();
        let key = self
            .store()
            .create_key(event_id, permissions, None, None)
            .await
            .unwrap();
        key.key.reveal().to_owned()
    }

    /// Another event in the same table, with a key for it.
    pub async fn other_event(&self) -> (Event, String) {
        let event = Event::new("Other".into(), None).unwrap();
        self.store().put_event(&event).await.unwrap();
        let key = self.key_for(&event.id, "*").await;
        (event, key)
    }

    pub async fn chat(&self, content: &str) -> ChatMessage {
        let message = ChatMessage::new(&self.event.id, "tester".into(), content.into()).unwrap();
        self.store().put_chat_message(&message).await.unwrap();
        message
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: impl Into<Body>,
    ) -> Reply {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header("host", "localhost:3000");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = self
            .router
            .clone()
            .oneshot(request.body(body.into()).unwrap())
            .await
            .unwrap();
        let (parts, body) = response.into_parts();
        Reply {
            status: parts.status,
            headers: parts.headers,
            body: to_bytes(body, usize::MAX).await.unwrap().to_vec(),
        }
    }

    pub async fn call(&self, method: Method, path: &str, key: &str, body: Option<Value>) -> Reply {
        let auth = format!("Bearer {key}");
        let mut headers = vec![("authorization", auth.as_str())];
        let body = match body {
            Some(json) => {
                headers.push(("content-type", "application/json"));
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        self.send(method, &format!("/api/rest/v1{path}"), &headers, body)
            .await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, &self.key, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.call(Method::POST, path, &self.key, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.call(Method::DELETE, path, &self.key, None).await
    }

    /// POSTs a raw body with the given headers (besides the key).
    pub async fn post_raw(&self, path: &str, headers: &[(&str, &str)], body: Vec<u8>) -> Reply {
        let auth = format!("Bearer {}", self.key);
        let mut all = vec![("authorization", auth.as_str())];
        all.extend_from_slice(headers);
        self.send(Method::POST, &format!("/api/rest/v1{path}"), &all, body)
            .await
    }

    pub async fn create_widget(&self, body: Value) -> Value {
        self.post("/widget", body).await.ok()
    }
}
