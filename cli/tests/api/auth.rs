use axum::http::Method;
use serde_json::json;

use crate::harness::TestApi;

#[tokio::test]
async fn scheme_is_case_insensitive_and_spaces_are_ignored() {
    let api = TestApi::new().await;
    for header in [
        format!("Bearer {}", api.key),
        format!("bearer {}", api.key),
        format!("BEARER {}", api.key),
        format!("Bearer  {}", api.key),
        format!("  Bearer {}  ", api.key),
    ] {
        let reply = api
            .send(
                Method::GET,
                "/api/rest/v1/event",
                &[("authorization", &header)],
                "",
            )
            .await;
        assert_eq!(reply.ok()["id"], api.event.id, "{header:?}");
    }
}

#[tokio::test]
async fn malformed_missing_and_unknown_keys_are_401_with_www_authenticate() {
    let api = TestApi::new().await;
    let huge = format!("Bearer {}", "a".repeat(10_000));
    let without_scheme = api.key.clone();
    let basic = format!("Basic {}", api.key);
    let last = if api.key.ends_with('A') { 'B' } else { 'A' };
    let wrong_checksum = format!("Bearer {}{last}", &api.key[..41]);
    let unknown = format!("Bearer {}", impactify::auth::ApiKey::generate().reveal());
    for header in [
        Some("Bearer"),
        Some("Bearer "),
        Some(without_scheme.as_str()),
        Some(basic.as_str()),
        Some(huge.as_str()),
        Some(wrong_checksum.as_str()),
        Some(unknown.as_str()),
        None,
    ] {
        let headers: Vec<(&str, &str)> = header.map(|h| ("authorization", h)).into_iter().collect();
        let reply = api
            .send(Method::GET, "/api/rest/v1/event", &headers, "")
            .await;
        reply.problem(401);
        assert_eq!(
            reply.header("www-authenticate"),
            Some("Bearer"),
            "{header:?}"
        );
    }
}

#[tokio::test]
async fn revoked_and_expired_keys_are_401() {
    let api = TestApi::new().await;
    let store = api.store();
    let all = impactify::auth::Permissions::parse_list("*").unwrap();
    let key = store
        .create_key(&api.event.id, all.clone(), None, None)
        .await
        .unwrap();
    let reveal = key.key.reveal().to_owned();
    api.call(Method::GET, "/event", &reveal, None).await.ok();
    store
        .revoke_key(&api.event.id, &key.record.id)
        .await
        .unwrap()
        .unwrap();
    api.call(Method::GET, "/event", &reveal, None)
        .await
        .problem(401);

    let past = impactify::time::format(chrono::Utc::now() - chrono::Duration::seconds(1));
    let expired = store
        .create_key(&api.event.id, all.clone(), None, Some(past))
        .await
        .unwrap();
    api.call(Method::GET, "/event", expired.key.reveal(), None)
        .await
        .problem(401);

    let future = impactify::time::format(chrono::Utc::now() + chrono::Duration::hours(1));
    let valid = store
        .create_key(&api.event.id, all, None, Some(future))
        .await
        .unwrap();
    api.call(Method::GET, "/event", valid.key.reveal(), None)
        .await
        .ok();
}

#[tokio::test]
async fn every_route_needs_its_own_permission() {
    let api = TestApi::new().await;
    let widget = api.create_widget(json!({"type":"INFO","text":"hi"})).await;
    let item = format!("/widget/{}", widget["id"].as_str().unwrap());
    let routes: [(Method, &str, &str, Option<serde_json::Value>); 8] = [
        (Method::GET, "/event", "event:read", None),
        (
            Method::POST,
            "/event",
            "event:update",
            Some(json!({"title":"New"})),
        ),
        (Method::GET, "/chat", "chat:read", None),
        (Method::GET, "/widgets", "widget:read", None),
        (
            Method::POST,
            "/widget",
            "widget:create",
            Some(json!({"type":"INFO","text":"x"})),
        ),
        (Method::GET, &item, "widget:read", None),
        (
            Method::POST,
            &item,
            "widget:update",
            Some(json!({"text":"y"})),
        ),
        (Method::DELETE, &item, "widget:delete", None),
    ];
    for (method, path, permission, body) in routes {
        // Every other permission, but not this one: 403 naming it, and nothing changes.
        let others: Vec<&str> = impactify::auth::Permission::EVERY
            .iter()
            .map(|p| p.as_str())
            .filter(|p| *p != permission && *p != "*")
            .collect();
        let without = api.key_with(&others.join(",")).await;
        let reply = api.call(method.clone(), path, &without, body.clone()).await;
        reply.problem(403);
        assert_eq!(reply.json()["requiredPermission"], permission);
        assert!(
            reply.json()["detail"]
                .as_str()
                .unwrap()
                .contains(permission)
        );

        let with = api.key_with(permission).await;
        let reply = api.call(method.clone(), path, &with, body).await;
        assert_eq!(reply.status, 200, "{method} {path} with {permission}");
    }
}

#[tokio::test]
async fn a_key_for_a_missing_event_gets_404_on_the_event() {
    let api = TestApi::new().await;
    let key = api
        .key_for("0193a000-0000-7000-8000-000000000000", "*")
        .await;
    api.call(Method::GET, "/event", &key, None)
        .await
        .problem(404);
    api.call(Method::POST, "/event", &key, Some(json!({"title":"x"})))
        .await
        .problem(404);
    // and nothing was created by the update
    assert!(
        api.store()
            .get_event("0193a000-0000-7000-8000-000000000000")
            .await
            .unwrap()
            .is_none()
    );
}
