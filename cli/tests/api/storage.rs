use impactify::auth::Permissions;
use serde_json::json;

use crate::harness::TestApi;

#[tokio::test]
async fn the_plaintext_key_is_never_stored() {
    let api = TestApi::new().await;
    let key = api
        .store()
        .create_key(
            &api.event.id,
            Permissions::parse_list("*").unwrap(),
            Some("k".into()),
            None,
        )
        .await
        .unwrap();
    let plaintext = key.key.reveal();
    let secret = &plaintext[4..36];
    api.call(axum::http::Method::GET, "/event", plaintext, None)
        .await
        .ok();
    let items = api
        .store()
        .client()
        .scan()
        .table_name(api.store().table())
        .send()
        .await
        .unwrap()
        .items
        .unwrap();
    let dump = format!("{items:?}");
    assert!(
        dump.contains(&key.key.hash().0),
        "the hash is what is stored"
    );
    assert!(!dump.contains(plaintext));
    assert!(!dump.contains(secret));
    assert!(!dump.contains(&api.key[4..36]));
}

#[tokio::test]
async fn keys_are_listed_per_event_and_revoked_by_id() {
    let api = TestApi::new().await;
    let (other, _) = api.other_event().await;
    let store = api.store();
    let read = Permissions::parse_list("event:read").unwrap();
    let a = store
        .create_key(&api.event.id, read.clone(), Some("a".into()), None)
        .await
        .unwrap();
    let listed = store.list_keys(&api.event.id).await.unwrap();
    // The harness's own key, then `a`.
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1], a.record);
    assert_eq!(store.list_keys(&other.id).await.unwrap().len(), 1);

    // Another event cannot revoke it.
    assert!(
        store
            .revoke_key(&other.id, &a.record.id)
            .await
            .unwrap()
            .is_none()
    );
    let revoked = store
        .revoke_key(&api.event.id, &a.record.id)
        .await
        .unwrap()
        .unwrap();
    assert!(revoked.revoked_at.is_some());
    assert!(
        store.list_keys(&api.event.id).await.unwrap()[1]
            .revoked_at
            .is_some()
    );
}

#[tokio::test]
async fn a_failed_request_writes_nothing() {
    let api = TestApi::new().await;
    let before = api.get("/event").await.ok();
    api.post(
        "/event",
        json!({"title":"ok","location":{"latitude":100,"longitude":0}}),
    )
    .await
    .problem(400);
    assert_eq!(api.get("/event").await.ok(), before);
}
