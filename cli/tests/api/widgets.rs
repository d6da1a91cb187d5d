use axum::http::Method;
use serde_json::{Value, json};

use crate::harness::TestApi;

fn poll() -> Value {
    json!({
        "type": "POLL",
        "question": "Best talk?",
        "options": [{"text": "Keynote", "voterIds": []}, {"id": "b", "text": "Demo", "voterIds": []}]
    })
}

#[tokio::test]
async fn creates_each_type_with_the_documented_shape() {
    let api = TestApi::new().await;
    let info = api
        .create_widget(json!({"type":"INFO","text":"Doors open at 7"}))
        .await;
    assert_eq!(info["type"], "INFO");
    assert_eq!(info["eventId"], api.event.id);
    assert_eq!(
        info["data"],
        json!({"type":"INFO","text":"Doors open at 7"})
    );
    assert_eq!(info["createdAt"], info["updatedAt"]);
    assert!(uuid::Uuid::try_parse(info["id"].as_str().unwrap()).is_ok());

    let markdown = api
        .create_widget(json!({"type":"MARKDOWN","title":"Agenda","content":"# Hi"}))
        .await;
    assert_eq!(
        markdown["data"],
        json!({"type":"MARKDOWN","title":"Agenda","content":"# Hi"})
    );

    let poll = api.create_widget(poll()).await;
    let data = &poll["data"];
    assert_eq!(data["type"], "POLL");
    assert_eq!(data["isActive"], true);
    assert_eq!(data["options"][0]["voterIds"], json!([]));
    assert_eq!(
        data["options"][1],
        json!({"id":"b","text":"Demo","voterIds":[]})
    );
    assert_eq!(data["options"][0]["id"].as_str().unwrap().len(), 36);

    // And it reads back the same, empty voter lists included.
    let id = poll["id"].as_str().unwrap();
    assert_eq!(api.get(&format!("/widget/{id}")).await.ok(), poll);
    let list = api.get("/widgets").await.ok();
    assert_eq!(list, json!([info, markdown, poll]));
}

#[tokio::test]
async fn json_bodies_are_read_whatever_the_content_type_says() {
    let api = TestApi::new().await;
    let body = br#"{"type":"INFO","text":"x"}"#.to_vec();
    for headers in [
        vec![("content-type", "application/json; charset=utf-8")],
        vec![("content-type", "Application/JSON")],
        vec![],
    ] {
        let reply = api.post_raw("/widget", &headers, body.clone()).await;
        assert_eq!(reply.ok()["data"]["text"], "x", "{headers:?}");
    }
}

#[tokio::test]
async fn bad_bodies_are_400_naming_the_field_and_store_nothing() {
    let api = TestApi::new().await;
    let cases: Vec<(String, &str)> = vec![
        (r#"{"type":"INFO","text":"x"}garbage"#.into(), "body"),
        (r#"{"type":"INFO","type":"POLL","text":"a"}"#.into(), "type"),
        (r#"{"text":"x"}"#.into(), "type"),
        (r#"{"type":"CHART"}"#.into(), "type"),
        (r#"{"type":null,"text":"x"}"#.into(), "type"),
        (r#"{"type":"INFO"}"#.into(), "text"),
        (r#"{"type":"INFO","text":""}"#.into(), "text"),
        (r#"{"type":"INFO","text":7}"#.into(), "text"),
        (r#"{"type":"INFO","text":"x","title":"y"}"#.into(), "title"),
        (r#"{"type":"INFO","text":"x","color":"red"}"#.into(), "color"),
        (r#"{"type":"MARKDOWN","title":"t"}"#.into(), "content"),
        (format!(r#"{{"type":"INFO","text":"{}"}}"#, "é".repeat(5_001)), "text"),
        (r#"{"type":"POLL","question":"q","options":[{"text":"a"}]}"#.into(), "options"),
        (r#"{"type":"POLL","question":"q","options":[{"text":"a"},{"text":""}]}"#.into(), "options[1].text"),
        (r#"{"type":"POLL","question":"q","options":[{"text":"a"},{"text":"b","votes":1}]}"#.into(), "options[1].votes"),
        (r#"{"type":"POLL","question":"q","options":[{"text":"a","voterIds":null},{"text":"b"}]}"#.into(), "options[0].voterIds"),
        (r#"{"type":"POLL","question":"q","options":[{"id":"a","text":"a"},{"id":"a","text":"b"}]}"#.into(), "options[1].id"),
        (r#"{"type":"POLL","question":"q","options":{"text":"a"}}"#.into(), "options"),
        (r#"{"type":"POLL","question":"q","options":[{"text":"a"},{"text":"b"}],"isActive":"yes"}"#.into(), "isActive"),
        ("[]".into(), "body"),
        (r#"["INFO","x"]"#.into(), "body"),
        (r#"{"type":"POLL","question":"q","options":[["a","a",[]],{"text":"b"}]}"#.into(), "options[0]"),
        ("\"INFO\"".into(), "body"),
        ("{".into(), "body"),
    ];
    for (body, field) in cases {
        let reply = api
            .post_raw("/widget", &[], body.clone().into_bytes())
            .await;
        assert_eq!(reply.problem(400), [field], "{body}");
    }
    let invalid_utf8 = api
        .post_raw(
            "/widget",
            &[],
            b"{\"type\":\"INFO\",\"text\":\"\xff\"}".to_vec(),
        )
        .await;
    invalid_utf8.problem(400);
    assert_eq!(api.get("/widgets").await.ok(), json!([]));
}

#[tokio::test]
async fn bodies_over_256_kib_are_413() {
    let api = TestApi::new().await;
    let body = format!(r#"{{"type":"INFO","text":"{}"}}"#, "x".repeat(256 * 1024));
    let reply = api
        .post_raw("/widget", &[], body.clone().into_bytes())
        .await;
    reply.problem(413);
    assert_eq!(reply.header("access-control-allow-origin"), Some("*"));

    // Behind API Gateway the body arrives whole (up to 10 MB): the handler refuses it itself.
    let request = lambda_http::http::Request::builder()
        .method("POST")
        .uri("/api/rest/v1/widget")
        .header("authorization", format!("Bearer {}", api.key))
        .body(lambda_http::Body::Text(body))
        .unwrap();
    let response = impactify::api::handle(&api.app, impactify::Group::Widgets, request).await;
    assert_eq!(response.status(), 413);
    assert_eq!(api.get("/widgets").await.ok(), json!([]));
}

#[tokio::test]
async fn updates_set_only_given_fields_and_keep_the_type() {
    let api = TestApi::new().await;
    let poll = api.create_widget(poll()).await;
    let path = format!("/widget/{}", poll["id"].as_str().unwrap());

    let closed = api.post(&path, json!({"isActive": false})).await.ok();
    assert_eq!(closed["data"]["isActive"], false);
    assert_eq!(closed["data"]["question"], "Best talk?");
    assert_eq!(closed["data"]["options"], poll["data"]["options"]);
    assert_eq!(closed["createdAt"], poll["createdAt"]);

    let renamed = api
        .post(&path, json!({"type":"POLL","question":"Best demo?","options":[{"id":"x","text":"A","voterIds":["u1"]},{"text":"B"}]}))
        .await
        .ok();
    assert_eq!(renamed["data"]["question"], "Best demo?");
    assert_eq!(renamed["data"]["isActive"], false);
    assert_eq!(
        renamed["data"]["options"][0],
        json!({"id":"x","text":"A","voterIds":["u1"]})
    );
    assert_eq!(renamed["data"]["options"][1]["voterIds"], json!([]));
    assert_eq!(api.get(&path).await.ok(), renamed);

    // A type change or a field of another type is a 400, and nothing changes.
    assert_eq!(
        api.post(&path, json!({"type":"INFO","text":"x"}))
            .await
            .problem(400),
        ["type"]
    );
    assert_eq!(
        api.post(&path, json!({"text":"x"})).await.problem(400),
        ["text"]
    );
    assert_eq!(
        api.post(&path, json!({"question":"q","text":"x"}))
            .await
            .problem(400),
        ["text", "question"]
    );
    assert_eq!(api.post(&path, json!({})).await.problem(400), ["body"]);
    assert_eq!(
        api.post(&path, json!({"question":""})).await.problem(400),
        ["question"]
    );
    assert_eq!(api.get(&path).await.ok(), renamed);
}

#[tokio::test]
async fn delete_returns_the_widget_once_then_404() {
    let api = TestApi::new().await;
    let widget = api.create_widget(json!({"type":"INFO","text":"bye"})).await;
    let path = format!("/widget/{}", widget["id"].as_str().unwrap());
    assert_eq!(api.delete(&path).await.ok(), widget);
    api.delete(&path).await.problem(404);
    api.get(&path).await.problem(404);
    api.post(&path, json!({"text":"back?"})).await.problem(404);
    assert_eq!(api.get("/widgets").await.ok(), json!([]));
}

#[tokio::test]
async fn odd_widget_ids_are_404() {
    let api = TestApi::new().await;
    for id in [
        "abc%2Fdef",
        "%F0%9F%98%80",
        "nope",
        "00000000-0000-0000-0000-000000000000",
        "0193A000-0000-7000-8000-000000000000",
        "%20",
        "..",
    ] {
        api.get(&format!("/widget/{id}")).await.problem(404);
        api.delete(&format!("/widget/{id}")).await.problem(404);
        api.post(&format!("/widget/{id}"), json!({"text":"x"}))
            .await
            .problem(404);
    }
}

#[tokio::test]
async fn another_events_widgets_are_404_and_untouched() {
    let api = TestApi::new().await;
    let (_, other_key) = api.other_event().await;
    let mine = api
        .create_widget(json!({"type":"INFO","text":"mine"}))
        .await;
    let path = format!("/widget/{}", mine["id"].as_str().unwrap());
    api.call(Method::GET, &path, &other_key, None)
        .await
        .problem(404);
    api.call(
        Method::POST,
        &path,
        &other_key,
        Some(json!({"text":"theirs"})),
    )
    .await
    .problem(404);
    api.call(Method::DELETE, &path, &other_key, None)
        .await
        .problem(404);
    let theirs = api
        .call(Method::GET, "/widgets", &other_key, None)
        .await
        .ok();
    assert_eq!(theirs, json!([]));
    assert_eq!(api.get(&path).await.ok(), mine);
}

#[tokio::test]
async fn widget_lists_page_oldest_first() {
    let api = TestApi::new().await;
    let mut expected = Vec::new();
    for i in 0..7 {
        let w = api
            .create_widget(json!({"type":"INFO","text":format!("w{i}")}))
            .await;
        expected.push(w["id"].as_str().unwrap().to_owned());
    }
    let mut seen = Vec::new();
    let mut path = "/widgets?limit=3".to_owned();
    loop {
        let reply = api.get(&path).await;
        let page = reply.ok();
        seen.extend(
            page.as_array()
                .unwrap()
                .iter()
                .map(|w| w["id"].as_str().unwrap().to_owned()),
        );
        match reply.header("link") {
            Some(link) => {
                let url = &link[1..link.find('>').unwrap()];
                assert!(
                    url.starts_with("http://localhost:3000/api/rest/v1/widgets?limit=3&cursor=")
                );
                path = url
                    .trim_start_matches("http://localhost:3000/api/rest/v1")
                    .to_owned();
            }
            None => break,
        }
    }
    assert_eq!(seen, expected);
    assert_eq!(api.get("/widgets?limit=0").await.problem(400), ["limit"]);
}
