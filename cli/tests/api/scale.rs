use serde_json::{Value, json};

use crate::harness::TestApi;

/// Lambda's response limit; every page must fit under it once escaped into the Lambda response.
const LAMBDA_LIMIT: usize = 6 * 1024 * 1024;

/// Follows `Link` from `first`, asserting each page's size, and returns the pages.
async fn pages(api: &TestApi, first: &str) -> Vec<Value> {
    let mut pages = Vec::new();
    let mut path = Some(first.to_owned());
    while let Some(current) = path.take() {
        let reply = api.get(&current).await;
        let escaped = serde_json::to_string(&String::from_utf8(reply.body.clone()).unwrap())
            .unwrap()
            .len();
        assert!(escaped < LAMBDA_LIMIT, "{current}: {escaped} bytes");
        pages.push(reply.ok());
        path = reply.header("link").map(|link| {
            let url = &link[1..link.find('>').unwrap()];
            url.trim_start_matches("http://localhost:3000/api/rest/v1")
                .to_owned()
        });
    }
    pages
}

fn ids(pages: &[Value]) -> Vec<String> {
    pages
        .iter()
        .flat_map(|p| p.as_array().unwrap().iter())
        .map(|item| item["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn ten_thousand_chat_messages_page_exactly_once_in_order() {
    let api = TestApi::new().await;
    let messages: Vec<_> = (0..10_000)
        .map(|i| {
            impactify::model::ChatMessage::new(
                &api.event.id,
                format!("u{}", i % 97),
                format!("message {i}"),
            )
            .unwrap()
        })
        .collect();
    api.store().put_chat_messages(&messages).await.unwrap();
    let mut expected: Vec<(String, String)> = messages
        .iter()
        .map(|m| (m.created_at.clone(), m.id.clone()))
        .collect();
    expected.sort();
    let expected: Vec<String> = expected.into_iter().map(|(_, id)| id).collect();

    let all = pages(&api, "/chat?limit=500").await;
    assert_eq!(all.len(), 20);
    assert_eq!(ids(&all), expected);

    let default_pages = pages(&api, "/chat").await;
    assert_eq!(default_pages.len(), 100);
    assert_eq!(ids(&default_pages), expected);
}

#[tokio::test]
async fn thirty_huge_widgets_page_under_the_lambda_limit() {
    let api = TestApi::new().await;
    let content = "😀".repeat(50_000); // 200,000 bytes of UTF-8
    let mut expected = Vec::new();
    for i in 0..30 {
        let widget = api
            .create_widget(json!({"type":"MARKDOWN","title":format!("w{i}"),"content":content}))
            .await;
        expected.push(widget["id"].as_str().unwrap().to_owned());
    }
    // 30 × 200 kB is 6 MB: one response cannot hold them all, whatever the limit.
    let all = pages(&api, "/widgets?limit=500").await;
    assert!(all.len() >= 2, "{} pages", all.len());
    assert_eq!(ids(&all), expected);
    for page in &all {
        for widget in page.as_array().unwrap() {
            assert_eq!(
                widget["data"]["content"].as_str().unwrap(),
                content,
                "stored whole"
            );
        }
    }
}

#[tokio::test]
async fn cursors_of_another_event_or_edited_are_400() {
    let api = TestApi::new().await;
    let (other, other_key) = api.other_event().await;
    for i in 0..3 {
        api.chat(&format!("mine {i}")).await;
        let theirs =
            impactify::model::ChatMessage::new(&other.id, "x".into(), format!("theirs {i}"))
                .unwrap();
        api.store().put_chat_message(&theirs).await.unwrap();
    }
    let their_page = api
        .call(axum::http::Method::GET, "/chat?limit=1", &other_key, None)
        .await;
    let link = their_page.header("link").unwrap().to_owned();
    let their_cursor = link
        .split("cursor=")
        .nth(1)
        .unwrap()
        .trim_end_matches(">; rel=\"next\"");
    assert_eq!(
        api.get(&format!("/chat?cursor={their_cursor}"))
            .await
            .problem(400),
        ["cursor"]
    );
    let mine = api.get("/chat?limit=1").await;
    let link = mine.header("link").unwrap().to_owned();
    let cursor = link
        .split("cursor=")
        .nth(1)
        .unwrap()
        .trim_end_matches(">; rel=\"next\"");
    let (key, mac) = cursor.split_once('.').unwrap();
    let mut edited = key.to_owned();
    edited.replace_range(10..11, if &key[10..11] == "A" { "B" } else { "A" });
    assert_eq!(
        api.get(&format!("/chat?cursor={edited}.{mac}"))
            .await
            .problem(400),
        ["cursor"]
    );
    assert_eq!(
        api.get(&format!("/widgets?cursor={cursor}"))
            .await
            .problem(400),
        ["cursor"]
    );
    assert_eq!(
        api.get(&format!("/chat?cursor={cursor}"))
            .await
            .ok()
            .as_array()
            .unwrap()
            .len(),
        2
    );
}
