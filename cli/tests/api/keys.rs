use axum::http::Method;
use impactify::auth::{KeyCache, Permissions};
use std::time::Duration;

use crate::harness::TestApi;

#[tokio::test]
async fn revocation_takes_effect_within_the_cache_ttl() {
    let api = TestApi::with_key_cache(KeyCache::new(
        Duration::from_millis(800),
        Duration::from_secs(60),
    ))
    .await;
    let all = Permissions::parse_list("*").unwrap();
    let key = api
        .store()
        .create_key(&api.event.id, all, None, None)
        .await
        .unwrap();
    let plaintext = key.key.reveal().to_owned();
    api.call(Method::GET, "/event", &plaintext, None).await.ok();
    api.store()
        .revoke_key(&api.event.id, &key.record.id)
        .await
        .unwrap()
        .unwrap();
    // Still cached on this container...
    api.call(Method::GET, "/event", &plaintext, None).await.ok();
    // ...but no longer than the TTL.
    tokio::time::sleep(Duration::from_millis(900)).await;
    api.call(Method::GET, "/event", &plaintext, None)
        .await
        .problem(401);
}

#[tokio::test]
async fn expiry_is_checked_on_every_request_even_from_the_cache() {
    let api = TestApi::with_key_cache(KeyCache::new(
        Duration::from_secs(60),
        Duration::from_secs(60),
    ))
    .await;
    let expires = impactify::time::format(chrono::Utc::now() + chrono::Duration::milliseconds(700));
    let all = Permissions::parse_list("*").unwrap();
    let key = api
        .store()
        .create_key(&api.event.id, all, None, Some(expires))
        .await
        .unwrap();
    api.call(Method::GET, "/event", key.key.reveal(), None)
        .await
        .ok();
    tokio::time::sleep(Duration::from_millis(800)).await;
    api.call(Method::GET, "/event", key.key.reveal(), None)
        .await
        .problem(401);
}

#[tokio::test]
async fn last_used_at_moves_at_most_once_per_interval() {
    let api =
        TestApi::with_key_cache(KeyCache::new(Duration::ZERO, Duration::from_millis(500))).await;
    let all = Permissions::parse_list("*").unwrap();
    let key = api
        .store()
        .create_key(&api.event.id, all, None, None)
        .await
        .unwrap();
    let last_used = || async {
        api.store()
            .key_by_hash(&key.key.hash())
            .await
            .unwrap()
            .unwrap()
            .last_used_at
    };
    assert_eq!(last_used().await, None);

    api.call(Method::GET, "/event", key.key.reveal(), None)
        .await
        .ok();
    let first = last_used().await.expect("set by the first request");
    for _ in 0..5 {
        api.call(Method::GET, "/chat", key.key.reveal(), None)
            .await
            .ok();
    }
    assert_eq!(
        last_used().await.as_ref(),
        Some(&first),
        "not on every request"
    );

    tokio::time::sleep(Duration::from_millis(600)).await;
    api.call(Method::GET, "/event", key.key.reveal(), None)
        .await
        .ok();
    let second = last_used().await.unwrap();
    assert!(second > first, "{second} after {first}");
    // Listing shows it, and still never the key.
    let listed = api.store().list_keys(&api.event.id).await.unwrap();
    assert!(
        listed
            .iter()
            .any(|k| k.last_used_at.as_ref() == Some(&second))
    );
}

#[tokio::test]
async fn the_cache_does_not_let_a_key_into_another_event() {
    let api = TestApi::with_key_cache(KeyCache::new(
        Duration::from_secs(60),
        Duration::from_secs(60),
    ))
    .await;
    let (_, other_key) = api.other_event().await;
    let widget = api
        .create_widget(serde_json::json!({"type":"INFO","text":"x"}))
        .await;
    let path = format!("/widget/{}", widget["id"].as_str().unwrap());
    api.call(Method::GET, "/event", &other_key, None).await.ok();
    api.call(Method::GET, &path, &other_key, None)
        .await
        .problem(404);
    api.get(&path).await.ok();
}

#[tokio::test]
async fn a_warm_request_costs_one_dynamodb_call() {
    use impactify::store::client::counting_calls;
    let api = TestApi::with_key_cache(KeyCache::new(
        Duration::from_secs(60),
        Duration::from_secs(60),
    ))
    .await;
    // First use: the key's GetItem, its lastUsedAt, the event's GetItem.
    let (first, calls) = counting_calls(api.get("/event")).await;
    first.ok();
    assert_eq!(calls, 3);
    for path in ["/event", "/widgets", "/chat"] {
        let (reply, calls) = counting_calls(api.get(path)).await;
        reply.ok();
        assert_eq!(calls, 1, "{path}");
    }
    // Refusals before storage cost nothing.
    let (reply, calls) = counting_calls(api.call(Method::GET, "/event", "imp_junk", None)).await;
    reply.problem(401);
    assert_eq!(calls, 0);
}
