use axum::http::Method;

use crate::harness::TestApi;

#[tokio::test]
async fn health_needs_no_key_and_deep_reaches_the_table() {
    let api = TestApi::new().await;
    for path in [
        "/api/rest/v1/health",
        "/api/rest/v1/health?deep=true",
        "/api/rest/v1/health?deep=false",
    ] {
        let reply = api.send(Method::GET, path, &[], "").await;
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.body, b"OK");
        assert_eq!(
            reply.header("content-type"),
            Some("text/plain; charset=utf-8")
        );
    }
    let reply = api
        .send(Method::GET, "/api/rest/v1/health?deep=yes", &[], "")
        .await;
    assert_eq!(reply.problem(400), ["deep"]);
    // A bad key does not matter on /health.
    let reply = api
        .send(
            Method::GET,
            "/api/rest/v1/health",
            &[("authorization", "Bearer junk")],
            "",
        )
        .await;
    assert_eq!(reply.status, 200);
}

#[tokio::test]
async fn deep_health_is_503_when_the_table_is_gone() {
    let api = TestApi::new().await;
    api.store().delete_table().await.unwrap();
    let reply = api
        .send(Method::GET, "/api/rest/v1/health?deep=true", &[], "")
        .await;
    reply.problem(503);
    assert_eq!(reply.header("retry-after"), Some("1"));
    let shallow = api.send(Method::GET, "/api/rest/v1/health", &[], "").await;
    assert_eq!(shallow.status, 200);
}

#[tokio::test]
async fn unknown_routes_are_404_and_wrong_methods_405_with_allow() {
    let api = TestApi::new().await;
    for path in [
        "/",
        "/api/rest/v1",
        "/api/rest/v1/events",
        "/api/rest/v1/event/",
        "/api/rest/v2/event",
        "/api/rest/v1/widget/a/b",
    ] {
        api.send(Method::GET, path, &[], "").await.problem(404);
    }
    for (method, path, allow) in [
        (Method::DELETE, "/event", "GET, POST, OPTIONS"),
        (Method::PUT, "/event", "GET, POST, OPTIONS"),
        (Method::POST, "/chat", "GET, OPTIONS"),
        (Method::GET, "/widget", "POST, OPTIONS"),
        (
            Method::PATCH,
            "/widget/0193a000-0000-7000-8000-000000000000",
            "GET, POST, DELETE, OPTIONS",
        ),
        (Method::POST, "/health", "GET, OPTIONS"),
    ] {
        let reply = api.call(method.clone(), path, &api.key, None).await;
        reply.problem(405);
        assert_eq!(reply.header("allow"), Some(allow), "{method} {path}");
    }
}

#[tokio::test]
async fn preflight_needs_no_key_and_every_answer_allows_any_origin() {
    let api = TestApi::new().await;
    let reply = api
        .send(
            Method::OPTIONS,
            "/api/rest/v1/widget",
            &[
                ("origin", "https://app.example"),
                ("access-control-request-method", "POST"),
            ],
            "",
        )
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        reply.header("access-control-allow-methods"),
        Some("POST, OPTIONS")
    );
    assert!(
        reply
            .header("access-control-allow-headers")
            .unwrap()
            .contains("authorization")
    );

    let unauthorized = api.send(Method::GET, "/api/rest/v1/event", &[], "").await;
    assert_eq!(
        unauthorized.header("access-control-allow-origin"),
        Some("*")
    );
    let ok = api.get("/event").await;
    assert_eq!(ok.header("access-control-allow-origin"), Some("*"));
}

#[tokio::test]
async fn the_openapi_document_and_the_docs_page_need_no_key() {
    let api = TestApi::new().await;
    let reply = api
        .send(Method::GET, "/api/rest/v1/openapi.json", &[], "")
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.body, impactify::openapi::DOCUMENT.as_bytes());
    assert_eq!(reply.json()["openapi"], "3.0.3");

    let reply = api.send(Method::GET, "/api/rest/v1/docs", &[], "").await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let page = String::from_utf8(reply.body).unwrap();
    assert!(page.contains("<title>Impactify Public REST API</title>"));
    assert!(page.contains("@scalar/api-reference"));

    // A key, even a bad one, changes nothing; other methods are 405.
    let reply = api
        .send(
            Method::GET,
            "/api/rest/v1/openapi.json",
            &[("authorization", "Bearer junk")],
            "",
        )
        .await;
    assert_eq!(reply.status, 200);
    let reply = api.send(Method::POST, "/api/rest/v1/docs", &[], "").await;
    reply.problem(405);
    assert_eq!(reply.header("allow"), Some("GET, OPTIONS"));
}
