use serde_json::Value;

use crate::harness::TestApi;

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Follows `Link: <...>; rel="next"` from `first` and returns every page.
async fn follow(api: &TestApi, first: &str) -> Vec<Value> {
    let mut pages = Vec::new();
    let mut next = Some(format!("http://localhost:3000/api/rest/v1{first}"));
    while let Some(url) = next.take() {
        let path = url
            .strip_prefix("http://localhost:3000/api/rest/v1")
            .unwrap();
        let reply = api.get(path).await;
        pages.push(reply.ok());
        next = reply.header("link").map(|link| {
            assert!(link.ends_with(">; rel=\"next\""), "{link}");
            link[1..link.len() - ">; rel=\"next\"".len()].to_owned()
        });
    }
    pages
}

#[tokio::test]
async fn lists_oldest_first_with_the_documented_shape() {
    let api = TestApi::new().await;
    let first = api.chat("first").await;
    let second = api.chat("second 👋").await;
    let (other, _) = api.other_event().await;
    let foreign =
        impactify::model::ChatMessage::new(&other.id, "x".into(), "not yours".into()).unwrap();
    api.store().put_chat_message(&foreign).await.unwrap();

    let reply = api.get("/chat").await;
    assert!(reply.header("link").is_none());
    let list = reply.ok();
    assert_eq!(ids(&list), [first.id.clone(), second.id]);
    assert_eq!(
        list[0],
        serde_json::json!({
            "id": first.id, "eventId": api.event.id, "senderId": "tester",
            "content": "first", "createdAt": first.created_at
        })
    );
}

#[tokio::test]
async fn pages_follow_link_headers_and_see_every_message_once() {
    let api = TestApi::new().await;
    let mut expected = Vec::new();
    for i in 0..25 {
        expected.push(api.chat(&format!("m{i}")).await.id);
    }
    let pages = follow(&api, "/chat?limit=10").await;
    assert_eq!(
        pages
            .iter()
            .map(|p| p.as_array().unwrap().len())
            .collect::<Vec<_>>(),
        [10, 10, 5]
    );
    let seen: Vec<String> = pages.iter().flat_map(ids).collect();
    assert_eq!(seen, expected);

    // An exact multiple of the page size ends without an empty page.
    let pages = follow(&api, "/chat?limit=5").await;
    assert_eq!(pages.len(), 5);
}

#[tokio::test]
async fn since_returns_only_later_messages_and_combines_with_paging() {
    let api = TestApi::new().await;
    let early = api.chat("early").await;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let mut later = Vec::new();
    for i in 0..5 {
        later.push(api.chat(&format!("later {i}")).await.id);
    }
    let since = urlencode(&early.created_at);
    let list = api.get(&format!("/chat?since={since}")).await.ok();
    assert_eq!(ids(&list), later);

    let pages = follow(&api, &format!("/chat?since={since}&limit=2")).await;
    let seen: Vec<String> = pages.iter().flat_map(ids).collect();
    assert_eq!(seen, later);

    // An offset that denotes the same instant behaves the same.
    let shifted = impactify::time::parse(&early.created_at)
        .unwrap()
        .with_timezone(&chrono::FixedOffset::east_opt(3600).unwrap())
        .to_rfc3339();
    let list = api
        .get(&format!("/chat?since={}", urlencode(&shifted)))
        .await
        .ok();
    assert_eq!(ids(&list), later);

    let none = api.get("/chat?since=2999-01-01T00:00:00Z").await.ok();
    assert_eq!(none, serde_json::json!([]));
}

#[tokio::test]
async fn bad_query_parameters_are_400_naming_them() {
    let api = TestApi::new().await;
    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("limit=-1", "limit"),
        ("limit=abc", "limit"),
        ("limit=99999999999999999999999", "limit"),
        ("limit=1.5", "limit"),
        ("since=yesterday", "since"),
        ("since=2026-01-01", "since"),
        ("cursor=not-a-cursor", "cursor"),
        ("cursor=V0lER0VUI3g", "cursor"), // base64 of "WIDGET#x": a widgets cursor
    ] {
        assert_eq!(
            api.get(&format!("/chat?{query}")).await.problem(400),
            [field],
            "{query}"
        );
    }
    api.get("/chat?limit=500").await.ok();
    api.get("/chat?limit=1").await.ok();
}

fn urlencode(s: &str) -> String {
    s.replace('+', "%2B").replace(':', "%3A")
}
