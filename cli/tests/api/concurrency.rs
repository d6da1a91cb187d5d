use axum::http::Method;
use serde_json::{Value, json};

use crate::harness::{Reply, TestApi};

impl TestApi {
    async fn with_if_match(
        &self,
        method: Method,
        path: &str,
        tag: &str,
        body: Option<Value>,
    ) -> Reply {
        let auth = format!("Bearer {}", self.key);
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        self.send(
            method,
            &format!("/api/rest/v1{path}"),
            &[("authorization", &auth), ("if-match", tag)],
            body,
        )
        .await
    }
}

#[tokio::test]
async fn reads_and_writes_carry_a_strong_etag_that_grows() {
    let api = TestApi::new().await;
    assert_eq!(api.get("/event").await.header("etag"), Some("\"1\""));
    assert_eq!(
        api.post("/event", json!({"title":"a"}))
            .await
            .header("etag"),
        Some("\"2\"")
    );
    assert_eq!(api.get("/event").await.header("etag"), Some("\"2\""));

    let created = api.post("/widget", json!({"type":"INFO","text":"x"})).await;
    assert_eq!(created.header("etag"), Some("\"1\""));
    let path = format!("/widget/{}", created.json()["id"].as_str().unwrap());
    assert_eq!(
        api.post(&path, json!({"text":"y"})).await.header("etag"),
        Some("\"2\"")
    );
    assert_eq!(api.get(&path).await.header("etag"), Some("\"2\""));
    assert_eq!(api.delete(&path).await.header("etag"), Some("\"2\""));
}

#[tokio::test]
async fn a_stale_if_match_is_412_with_the_current_version_and_changes_nothing() {
    let api = TestApi::new().await;
    let widget = api.create_widget(json!({"type":"INFO","text":"v1"})).await;
    let path = format!("/widget/{}", widget["id"].as_str().unwrap());
    let v2 = api
        .with_if_match(Method::POST, &path, "\"1\"", Some(json!({"text":"v2"})))
        .await
        .ok();
    assert_eq!(v2["data"]["text"], "v2");

    for tag in ["\"1\"", "W/\"2\"", "2", "\"two\"", "\"1\", \"3\""] {
        let stale = api
            .with_if_match(Method::POST, &path, tag, Some(json!({"text":"lost"})))
            .await;
        stale.problem(412);
        assert_eq!(stale.json()["currentVersion"], 2, "{tag}");
        assert_eq!(stale.header("etag"), Some("\"2\""));
        let refused = api.with_if_match(Method::DELETE, &path, tag, None).await;
        refused.problem(412);
    }
    assert_eq!(api.get(&path).await.ok(), v2);

    // A list with the current tag, or `*`, matches.
    let v3 = api
        .with_if_match(
            Method::POST,
            &path,
            "\"7\", \"2\"",
            Some(json!({"text":"v3"})),
        )
        .await;
    assert_eq!(v3.header("etag"), Some("\"3\""));
    api.with_if_match(Method::POST, &path, "*", Some(json!({"text":"v4"})))
        .await
        .ok();
    let deleted = api
        .with_if_match(Method::DELETE, &path, "\"4\"", None)
        .await
        .ok();
    assert_eq!(deleted["data"]["text"], "v4");
    // Gone: 404 whatever If-Match says.
    api.with_if_match(Method::DELETE, &path, "\"4\"", None)
        .await
        .problem(404);
    api.with_if_match(Method::POST, &path, "*", Some(json!({"text":"x"})))
        .await
        .problem(404);
}

#[tokio::test]
async fn event_updates_honour_if_match() {
    let api = TestApi::new().await;
    api.with_if_match(
        Method::POST,
        "/event",
        "\"1\"",
        Some(json!({"title":"mine"})),
    )
    .await
    .ok();
    let stale = api
        .with_if_match(
            Method::POST,
            "/event",
            "\"1\"",
            Some(json!({"title":"theirs"})),
        )
        .await;
    stale.problem(412);
    assert_eq!(stale.json()["currentVersion"], 2);
    assert_eq!(api.get("/event").await.ok()["title"], "mine");
}

#[tokio::test]
async fn of_fifty_writers_with_the_same_if_match_exactly_one_wins() {
    let api = TestApi::new().await;
    let poll = api
        .create_widget(json!({"type":"POLL","question":"q","options":[{"text":"a"},{"text":"b"}]}))
        .await;
    let path = format!("/widget/{}", poll["id"].as_str().unwrap());
    let writers = (0..50).map(|i| {
        let body = json!({"question": format!("question from writer {i}"), "isActive": i % 2 == 0});
        api.with_if_match(Method::POST, &path, "\"1\"", Some(body))
    });
    let replies = futures::future::join_all(writers).await;
    let winners: Vec<&Reply> = replies.iter().filter(|r| r.status == 200).collect();
    let losers = replies.iter().filter(|r| r.status == 412).count();
    assert_eq!((winners.len(), losers), (1, 49));
    for loser in replies.iter().filter(|r| r.status == 412) {
        assert_eq!(loser.json()["currentVersion"], 2);
    }
    let final_state = api.get(&path).await;
    assert_eq!(final_state.ok(), winners[0].json());
    assert_eq!(final_state.header("etag"), Some("\"2\""));
}
