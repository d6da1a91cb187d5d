//! A sweep of malformed requests: each gets its documented 4xx (never a 5xx), and the stored data
//! is exactly as before the sweep.

use axum::http::Method;
use serde_json::json;

use crate::harness::TestApi;

fn nested(depth: usize) -> String {
    format!("{{\"title\":{}{}}}", "[".repeat(depth), "]".repeat(depth))
}

fn many_options(n: usize) -> String {
    let options: Vec<String> = (0..n).map(|i| format!("{{\"text\":\"o{i}\"}}")).collect();
    format!(
        "{{\"type\":\"POLL\",\"question\":\"q\",\"options\":[{}]}}",
        options.join(",")
    )
}

fn many_voters(n: usize) -> String {
    let voters: Vec<String> = (0..n).map(|i| format!("\"u{i}\"")).collect();
    format!(
        "{{\"options\":[{{\"text\":\"a\",\"voterIds\":[{}]}},{{\"text\":\"b\"}}]}}",
        voters.join(",")
    )
}

#[tokio::test]
async fn sixty_odd_malformed_requests_get_their_4xx_and_change_nothing() {
    let api = TestApi::new().await;
    let info = api
        .create_widget(json!({"type":"INFO","text":"keep me"}))
        .await;
    let poll = api
        .create_widget(json!({"type":"POLL","question":"q","options":[{"text":"a"},{"text":"b"}]}))
        .await;
    let info_path = format!("/widget/{}", info["id"].as_str().unwrap());
    let poll_path = format!("/widget/{}", poll["id"].as_str().unwrap());
    let upper = info["id"].as_str().unwrap().to_uppercase();
    api.chat("hello").await;
    let before = (
        api.get("/event").await.ok(),
        api.get("/widgets").await.ok(),
        api.get("/chat").await.ok(),
    );

    let huge_text = format!("{{\"type\":\"INFO\",\"text\":\"{}\"}}", "x".repeat(5_001));
    let too_big = format!("{{\"type\":\"INFO\",\"text\":\"{}\"}}", "x".repeat(300_000));
    let long_cursor = "A".repeat(10_000);
    let cases: Vec<(Method, String, Vec<u8>, u16)> = vec![
        // POST /event: wrong types at every field, nulls, arrays for objects, odd numbers.
        (Method::POST, "/event".into(), br#"{"title":123}"#.to_vec(), 400),
        (Method::POST, "/event".into(), br#"{"title":true}"#.to_vec(), 400),
        (Method::POST, "/event".into(), br#"{"title":["a"]}"#.to_vec(), 400),
        (Method::POST, "/event".into(), br#"{"title":{"a":1}}"#.to_vec(), 400),
        (Method::POST, "/event".into(), br#"{"title":null}"#.to_vec(), 400),
        (Method::POST, "/event".into(), br#"{"title":""}"#.to_vec(), 400),
        (Method::POST, "/event".into(), b"{\"title\":\"a\\u0000b\"}".to_vec(), 400),
        (Method::POST, "/event".into(), b"{\"title\":\"line\\nbreak\"}".to_vec(), 400),
        (Method::POST, "/event".into(), br#"{"livestreamLink":5}"#.to_vec(), 400),
        (Method::POST, "/event".into(), br#"{"livestreamLink":"javascript:alert(1)"}"#.to_vec(), 400),
        (Method::POST, "/event".into(), br#"{"livestreamLink":"https://exa mple.com"}"#.to_vec(), 400),
        (Method::POST, "/event".into(), br#"{"location":"here"}"#.to_vec(), 400),
        (Method::POST, "/event".into(), br#"{"location":[1,2]}"#.to_vec(), 400),
        (Method::POST, "/event".into(), br#"{"location":{"latitude":null,"longitude":1}}"#.to_vec(), 400),
        (Method::POST, "/event".into(), br#"{"location":{"latitude":"NaN","longitude":1}}"#.to_vec(), 400),
        (Method::POST, "/event".into(), br#"{"location":{"latitude":1e400,"longitude":1}}"#.to_vec(), 400),
        (Method::POST, "/event".into(), br#"{"location":{"latitude":-90.0000001,"longitude":1}}"#.to_vec(), 400),
        (Method::POST, "/event".into(), br#"{"location":{"latitude":1,"longitude":1,"altitude":3}}"#.to_vec(), 400),
        (Method::POST, "/event".into(), br#"{"location":{"latitude":{"deep":1},"longitude":1}}"#.to_vec(), 400),
        (Method::POST, "/event".into(), br#"{"title":"a","title":"b"}"#.to_vec(), 400),
        (Method::POST, "/event".into(), br#"{"title":"ok"} trailing"#.to_vec(), 400),
        (Method::POST, "/event".into(), nested(1_000).into_bytes(), 400),
        (Method::POST, "/event".into(), b"{\"title\":\"\xff\xfe\"}".to_vec(), 400),
        (Method::POST, "/event".into(), b"\xef\xbb\xbf{\"title\":\"bom\"}".to_vec(), 400),
        (Method::POST, "/event".into(), b"null".to_vec(), 400),
        (Method::POST, "/event".into(), b"\"title\"".to_vec(), 400),
        (Method::POST, "/event".into(), b"[]".to_vec(), 400),
        (Method::POST, "/event".into(), b"".to_vec(), 400),
        (Method::POST, "/event".into(), br#"{"id":"x"}"#.to_vec(), 400),
        (Method::POST, "/event".into(), br#"{"createdAt":"2020-01-01T00:00:00Z"}"#.to_vec(), 400),
        // POST /widget
        (Method::POST, "/widget".into(), br#"{"type":"INFO"}"#.to_vec(), 400),
        (Method::POST, "/widget".into(), br#"{"type":"info","text":"x"}"#.to_vec(), 400),
        (Method::POST, "/widget".into(), br#"{"type":5,"text":"x"}"#.to_vec(), 400),
        (Method::POST, "/widget".into(), br#"{"type":"INFO","text":["x"]}"#.to_vec(), 400),
        (Method::POST, "/widget".into(), br#"{"type":"INFO","text":"x","extra":null}"#.to_vec(), 400),
        (Method::POST, "/widget".into(), br#"{"type":"POLL","question":"q","options":[]}"#.to_vec(), 400),
        (Method::POST, "/widget".into(), br#"{"type":"POLL","question":"q","options":null}"#.to_vec(), 400),
        (Method::POST, "/widget".into(), many_options(10_000).into_bytes(), 400),
        (Method::POST, "/widget".into(), br#"{"type":"POLL","question":"q","options":[{"text":"a"},null]}"#.to_vec(), 400),
        (Method::POST, "/widget".into(), br#"{"type":"POLL","question":"q","options":[{"text":"a"},{"text":"b","voterIds":[1]}]}"#.to_vec(), 400),
        (Method::POST, "/widget".into(), br#"{"type":"POLL","question":"q","options":[{"text":"a"},{"text":"b","voterIds":[null]}]}"#.to_vec(), 400),
        (Method::POST, "/widget".into(), br#"{"type":"POLL","question":"q","options":[{"text":"a"},{"text":"b"}],"isActive":"true"}"#.to_vec(), 400),
        (Method::POST, "/widget".into(), br#"{"type":"POLL","question":"q","options":[{"text":"a"},{"text":"b"}],"isActive":null}"#.to_vec(), 400),
        (Method::POST, "/widget".into(), br#"{"type":"MARKDOWN","title":"t","content":"x","text":"y"}"#.to_vec(), 400),
        (Method::POST, "/widget".into(), b"{\"type\":\"MARKDOWN\",\"title\":\"a\\u0007b\",\"content\":\"x\"}".to_vec(), 400),
        (Method::POST, "/widget".into(), huge_text.into_bytes(), 400),
        (Method::POST, "/widget".into(), too_big.into_bytes(), 413),
        (Method::POST, "/widget".into(), br#"{"type":"INFO","text":"x"}{"type":"INFO","text":"y"}"#.to_vec(), 400),
        (Method::POST, "/widget".into(), br#"{"type":"INFO","text":"x""#.to_vec(), 400),
        // POST /widget/{id}
        (Method::POST, info_path.clone(), br#"{"type":"POLL"}"#.to_vec(), 400),
        (Method::POST, info_path.clone(), br#"{"text":""}"#.to_vec(), 400),
        (Method::POST, info_path.clone(), br#"{"question":"q"}"#.to_vec(), 400),
        (Method::POST, info_path.clone(), br#"{"type":"MARKDOWN","title":"x"}"#.to_vec(), 400),
        (Method::POST, info_path.clone(), br#"{"text":null}"#.to_vec(), 400),
        (Method::POST, poll_path.clone(), many_voters(10_001).into_bytes(), 400),
        (Method::POST, poll_path.clone(), br#"{"options":[{"id":"","text":"a"},{"text":"b"}]}"#.to_vec(), 400),
        // Odd ids and query parameters.
        (Method::GET, "/widget/%20".into(), vec![], 404),
        (Method::GET, "/widget/..%2F..%2Fevent".into(), vec![], 404),
        (Method::GET, "/widget/%00".into(), vec![], 404),
        (Method::GET, "/widget/%FF".into(), vec![], 404),
        (Method::GET, format!("/widget/{upper}"), vec![], 404),
        (Method::GET, format!("{info_path}%00"), vec![], 404),
        (Method::GET, "/widget/'%20OR%201=1%20--".into(), vec![], 404),
        (Method::DELETE, "/widget/not-a-uuid".into(), vec![], 404),
        (Method::POST, "/widget/%E2%80%AE".into(), br#"{"text":"x"}"#.to_vec(), 404),
        (Method::GET, "/widget/".into(), vec![], 404),
        (Method::GET, "/widgets?limit=1e3".into(), vec![], 400),
        (Method::GET, "/widgets?limit=-0".into(), vec![], 400),
        (Method::GET, "/widgets?limit=18446744073709551616".into(), vec![], 400),
        (Method::GET, "/widgets?limit=".into(), vec![], 400),
        (Method::GET, "/widgets?limit=NaN".into(), vec![], 400),
        (Method::GET, "/chat?since=2026-13-01T00:00:00Z".into(), vec![], 400),
        (Method::GET, "/chat?since=NaN".into(), vec![], 400),
        (Method::GET, "/chat?cursor=%FF%FE".into(), vec![], 400),
        (Method::GET, format!("/chat?cursor={long_cursor}"), vec![], 400),
        (Method::GET, "/widgets?cursor=.".into(), vec![], 400),
    ];
    assert!(cases.len() >= 60, "{} cases", cases.len());
    for (method, path, body, status) in &cases {
        let auth = format!("Bearer {}", api.key);
        let reply = api
            .send(
                method.clone(),
                &format!("/api/rest/v1{path}"),
                &[
                    ("authorization", &auth),
                    ("content-type", "application/json"),
                ],
                body.clone(),
            )
            .await;
        let shown = String::from_utf8_lossy(&body[..body.len().min(80)]).into_owned();
        assert_eq!(
            reply.status.as_u16(),
            *status,
            "{method} {path} {shown}: {}",
            String::from_utf8_lossy(&reply.body)
        );
        reply.problem(*status);
    }
    let after = (
        api.get("/event").await.ok(),
        api.get("/widgets").await.ok(),
        api.get("/chat").await.ok(),
    );
    assert_eq!(after, before);
    eprintln!(
        "hostile sweep: {} malformed requests, each its 4xx, data unchanged",
        cases.len()
    );
}
