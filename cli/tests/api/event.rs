use axum::http::Method;
use serde_json::json;

use crate::harness::TestApi;

#[tokio::test]
async fn get_returns_the_whole_event_shape() {
    let api = TestApi::new().await;
    let event = api.get("/event").await.ok();
    assert_eq!(event["id"], api.event.id);
    assert_eq!(event["title"], "Launch party");
    assert_eq!(event["description"], "With cake");
    assert_eq!(event["tags"], json!([]));
    assert_eq!(event["location"], json!(null));
    assert_eq!(event["thumbnail"], json!(null));
    assert_eq!(
        event["pricing"],
        json!({"type":"FREE","price":null,"currency":null})
    );
    assert_eq!(event["livestreamLink"], json!(null));
    assert_eq!(event["startsAt"], json!(null));
    assert_eq!(event["endsAt"], json!(null));
    assert_eq!(event["createdAt"], api.event.created_at);
    assert!(event.get("PK").is_none() && event.get("SK").is_none());
}

#[tokio::test]
async fn update_changes_only_given_fields_and_null_clears() {
    let api = TestApi::new().await;
    let link = "https://youtube.com/live/abc";
    let set = api
        .post(
            "/event",
            json!({"livestreamLink": link, "location": {"latitude": 1.5, "longitude": 2.5}}),
        )
        .await
        .ok();
    assert_eq!(set["livestreamLink"], link);
    assert_eq!(set["title"], "Launch party");
    assert!(set["updatedAt"].as_str().unwrap() >= api.event.updated_at.as_str());

    let titled = api.post("/event", json!({"title": "T2"})).await.ok();
    assert_eq!(titled["title"], "T2");
    assert_eq!(titled["livestreamLink"], link);
    assert_eq!(
        titled["location"],
        json!({"latitude": 1.5, "longitude": 2.5})
    );
    assert_eq!(titled["description"], "With cake");

    let cleared = api
        .post("/event", json!({"livestreamLink": null}))
        .await
        .ok();
    assert_eq!(cleared["livestreamLink"], json!(null));
    assert_eq!(
        cleared["location"],
        json!({"latitude": 1.5, "longitude": 2.5})
    );
    let cleared = api.post("/event", json!({"location": null})).await.ok();
    assert_eq!(cleared["location"], json!(null));
    assert_eq!(api.get("/event").await.ok(), cleared);
}

#[tokio::test]
async fn location_reads_back_exactly() {
    let api = TestApi::new().await;
    api.post(
        "/event",
        json!({"location":{"latitude":-33.86882,"longitude":151.209296}}),
    )
    .await
    .ok();
    let body = api.get("/event").await.body;
    let text = String::from_utf8(body).unwrap();
    assert!(
        text.contains(r#""location":{"latitude":-33.86882,"longitude":151.209296}"#),
        "{text}"
    );
}

/// Found by schemathesis: DynamoDB refuses numbers below 1e-130 in magnitude, and this valid
/// latitude was a 500.
#[tokio::test]
async fn coordinates_too_small_for_dynamodb_are_stored_as_zero() {
    let api = TestApi::new().await;
    let updated = api
        .post(
            "/event",
            json!({"location": {"latitude": 1.5928841846073212e-103, "longitude": 2.3934688554018238e-176}}),
        )
        .await
        .ok();
    assert_eq!(
        updated["location"],
        json!({"latitude": 1.5928841846073212e-103, "longitude": 0.0})
    );
    assert_eq!(api.get("/event").await.ok(), updated);
}

#[tokio::test]
async fn invalid_updates_are_400_naming_the_field_and_change_nothing() {
    let api = TestApi::new().await;
    let before = api.get("/event").await.ok();
    let cases: Vec<(&[u8], &str)> = vec![
        (b"{}", "body"),
        (b"", "body"),
        (b"[]", "body"),
        (b"{\"title\":\"\"}", "title"),
        (b"{\"title\":\"   \"}", "title"),
        (b"{\"title\":null}", "title"),
        (b"{\"title\":5}", "title"),
        (b"{\"title\":\"ok\",\"tags\":[]}", "tags"),
        (b"{\"livestreamLink\":\"not a url\"}", "livestreamLink"),
        (b"{\"livestreamLink\":\"ftp://x.y\"}", "livestreamLink"),
        (
            b"{\"location\":{\"latitude\":90.0001,\"longitude\":0}}",
            "location.latitude",
        ),
        (
            b"{\"location\":{\"latitude\":0,\"longitude\":-180.5}}",
            "location.longitude",
        ),
        (b"{\"location\":{\"latitude\":0}}", "location.longitude"),
        (b"{\"location\":[1,2]}", "location"),
        (
            b"{\"location\":{\"latitude\":\"1\",\"longitude\":2}}",
            "location.latitude",
        ),
        (b"{\"title\":\"a\"}garbage", "body"),
        (b"{\"title\":\"a\",\"title\":\"b\"}", "title"),
    ];
    let long_title = format!("{{\"title\":\"{}\"}}", "x".repeat(201));
    for (body, field) in cases.into_iter().chain([(long_title.as_bytes(), "title")]) {
        let reply = api.post_raw("/event", &[], body.to_vec()).await;
        assert_eq!(
            reply.problem(400),
            [field],
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    assert_eq!(api.get("/event").await.ok(), before);
}

#[tokio::test]
async fn concurrent_updates_of_different_fields_are_all_kept() {
    let api = TestApi::new().await;
    api.post(
        "/event",
        json!({"title": "old", "livestreamLink": "https://old.example"}),
    )
    .await
    .ok();
    let requests = (0..20).map(|i| {
        let body = if i % 2 == 0 {
            json!({"title": format!("new title {i}")})
        } else {
            json!({"livestreamLink": format!("https://new.example/{i}")})
        };
        api.call(Method::POST, "/event", &api.key, Some(body))
    });
    for reply in futures::future::join_all(requests).await {
        reply.ok();
    }
    let event = api.get("/event").await.ok();
    assert!(
        event["title"].as_str().unwrap().starts_with("new title "),
        "{event}"
    );
    assert!(
        event["livestreamLink"]
            .as_str()
            .unwrap()
            .starts_with("https://new.example/"),
        "{event}"
    );
}
