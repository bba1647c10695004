//! createUser, updateUser, user(id): defaults, normalisation, absent vs null, versions.

use roq_users_tests::{TestServer, USER_FIELDS};
use serde_json::json;

#[tokio::test]
async fn create_applies_defaults_and_normalises() {
    let s = TestServer::start().await;
    let user = s
        .must_create(json!({
            "reference": "crm-1", "email": "  Ada@Example.com ", "phone": "+49 (30) 123-456",
            "locale": "en-us", "timezone": "Europe/Berlin", "firstName": " Ada ",
            "password": "correct horse battery staple"
        }))
        .await;
    assert_eq!(user["reference"], "crm-1");
    assert_eq!(user["email"], "Ada@Example.com");
    assert_eq!(user["phone"], "+4930123456");
    assert_eq!(user["locale"], "en-US");
    assert_eq!(user["firstName"], "Ada");
    assert_eq!(user["active"], true);
    assert_eq!(user["isOptedIn"], false);
    assert_eq!(user["twoFactorEnabled"], false);
    assert_eq!(user["synced"], true);
    assert_eq!(user["customData"], json!({}));
    assert_eq!(user["version"], 1);
    assert_eq!(user["lastName"], serde_json::Value::Null);
    // UUIDv7 id, ISO dates with milliseconds.
    let id = uuid::Uuid::parse_str(user["id"].as_str().expect("id")).expect("uuid");
    assert_eq!(id.get_version_num(), 7);
    let created = user["createdAt"].as_str().expect("createdAt");
    assert_eq!(created.len(), "2023-08-08T01:25:38.821Z".len(), "{created}");
    assert!(created.ends_with('Z'));
    // The default tenant.
    let tenant = s
        .admin(
            "query($id: ID!) { user(id: $id) { tenant { id isDefault } } }",
            json!({"id": user["id"]}),
        )
        .await
        .data("user");
    assert_eq!(tenant["tenant"]["isDefault"], true);
    assert_eq!(tenant["tenant"]["id"], user["tenantId"]);
}

#[tokio::test]
async fn password_is_never_returned_or_queryable() {
    let s = TestServer::start().await;
    let user = s
        .must_create(json!({"reference": "p", "email": "p@x.io", "password": "secret-1"}))
        .await;
    let reply = s
        .admin(
            "query($id: ID!) { user(id: $id) { password } }",
            json!({"id": user["id"]}),
        )
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.error_code(), Some("GRAPHQL_VALIDATION_FAILED"));
    assert!(!reply.body.to_string().contains("secret-1"));
}

#[tokio::test]
async fn get_by_id_and_not_found() {
    let s = TestServer::start().await;
    let user = s
        .must_create(json!({"reference": "g", "email": "g@x.io"}))
        .await;
    let got = s
        .admin(
            &format!("query($id: ID!) {{ user(id: $id) {{ {USER_FIELDS} }} }}"),
            json!({"id": user["id"]}),
        )
        .await
        .data("user");
    assert_eq!(got, user);
    let missing = s
        .admin(
            "query($id: ID!) { user(id: $id) { id } }",
            json!({"id": uuid::Uuid::now_v7()}),
        )
        .await;
    assert_eq!(missing.error_code(), Some("USER_NOT_FOUND"));
    assert_eq!(missing.error_status(), Some(404));
    let bad = s
        .admin(
            "query($id: ID!) { user(id: $id) { id } }",
            json!({"id": "42"}),
        )
        .await;
    assert_eq!(bad.error_code(), Some("INVALID_UUID"));
    assert_eq!(bad.error_status(), Some(400));
}

#[tokio::test]
async fn update_absent_keeps_null_clears_and_version_grows() {
    let s = TestServer::start().await;
    let user = s
        .must_create(json!({
            "reference": "u", "email": "u@x.io", "firstName": "Ann", "lastName": "Lee",
            "customData": {"plan": "pro", "seats": 3}
        }))
        .await;
    let id = user["id"].as_str().expect("id");
    let updated = s
        .update_user(
            id,
            json!({"firstName": null, "customData": {"plan": "free"}}),
        )
        .await
        .data("updateUser");
    assert_eq!(updated["firstName"], serde_json::Value::Null);
    assert_eq!(updated["lastName"], "Lee", "absent field must stay");
    assert_eq!(
        updated["customData"],
        json!({"plan": "free"}),
        "customData is replaced whole"
    );
    assert_eq!(updated["version"], 2);
    assert_eq!(updated["createdAt"], user["createdAt"]);
    assert!(updated["updatedAt"].as_str() >= user["updatedAt"].as_str());
    assert_eq!(updated["reference"], "u");

    let cleared = s
        .update_user(id, json!({"customData": null}))
        .await
        .data("updateUser");
    assert_eq!(cleared["customData"], json!({}));
    assert_eq!(cleared["version"], 3);
}

#[tokio::test]
async fn update_refuses_null_for_required_fields_and_changes_nothing() {
    let s = TestServer::start().await;
    let user = s
        .must_create(json!({"reference": "n", "email": "n@x.io"}))
        .await;
    let id = user["id"].as_str().expect("id");
    let reply = s
        .update_user(
            id,
            json!({"email": null, "active": null, "locale": "??", "firstName": "Z"}),
        )
        .await;
    assert_eq!(reply.error_code(), Some("VALIDATION_ERROR"));
    assert_eq!(
        reply.violations(),
        vec![
            ("email".to_string(), "NULL_NOT_ALLOWED".to_string()),
            ("active".to_string(), "NULL_NOT_ALLOWED".to_string()),
            ("locale".to_string(), "INVALID_LOCALE".to_string()),
        ]
    );
    let after = s
        .admin(
            &format!("query($id: ID!) {{ user(id: $id) {{ {USER_FIELDS} }} }}"),
            json!({"id": id}),
        )
        .await
        .data("user");
    assert_eq!(after, user, "a refused update writes nothing");
}

#[tokio::test]
async fn update_cannot_touch_reference_or_password() {
    let s = TestServer::start().await;
    let user = s
        .must_create(json!({"reference": "r", "email": "r@x.io"}))
        .await;
    for field in ["reference", "password", "roles"] {
        let reply = s
            .update_user(user["id"].as_str().expect("id"), json!({ field: "x" }))
            .await;
        assert_eq!(
            reply.error_code(),
            Some("GRAPHQL_VALIDATION_FAILED"),
            "{field}"
        );
    }
}

#[tokio::test]
async fn deactivate_and_reactivate() {
    let s = TestServer::start().await;
    let user = s
        .must_create(json!({"reference": "d", "email": "d@x.io"}))
        .await;
    let id = user["id"].as_str().expect("id");
    let off = s
        .update_user(id, json!({"active": false}))
        .await
        .data("updateUser");
    assert_eq!(off["active"], false);
    // Still readable by id.
    let got = s
        .admin(
            "query($id: ID!) { user(id: $id) { active } }",
            json!({"id": id}),
        )
        .await
        .data("user");
    assert_eq!(got["active"], false);
    let on = s
        .update_user(id, json!({"active": true}))
        .await
        .data("updateUser");
    assert_eq!(on["active"], true);
}

#[tokio::test]
async fn unknown_user_and_tenant_on_update() {
    let s = TestServer::start().await;
    let reply = s
        .update_user(&uuid::Uuid::now_v7().to_string(), json!({"firstName": "x"}))
        .await;
    assert_eq!(reply.error_code(), Some("USER_NOT_FOUND"));
    let user = s
        .must_create(json!({"reference": "t", "email": "t@x.io"}))
        .await;
    let reply = s
        .update_user(
            user["id"].as_str().expect("id"),
            json!({"tenantId": uuid::Uuid::now_v7()}),
        )
        .await;
    assert_eq!(reply.error_code(), Some("TENANT_NOT_FOUND"));
    assert_eq!(reply.error_status(), Some(404));
    let reply = s
        .create_user(
            json!({"reference": "t2", "email": "t2@x.io", "tenantId": uuid::Uuid::now_v7()}),
        )
        .await;
    assert_eq!(reply.error_code(), Some("TENANT_NOT_FOUND"));
}

#[tokio::test]
async fn concurrent_updates_of_different_fields_both_land() {
    let s = TestServer::start().await;
    let user = s
        .must_create(json!({"reference": "c", "email": "c@x.io"}))
        .await;
    let id = user["id"].as_str().expect("id").to_string();
    let mut tasks = Vec::new();
    for i in 0..10 {
        let field = if i % 2 == 0 { "firstName" } else { "lastName" };
        tasks.push(s.update_user(&id, json!({ field: format!("v{i}") })));
    }
    for reply in futures::future::join_all(tasks).await {
        reply.data("updateUser");
    }
    let got = s
        .admin(
            "query($id: ID!) { user(id: $id) { version firstName lastName } }",
            json!({"id": id}),
        )
        .await
        .data("user");
    assert_eq!(got["version"], 11, "every update bumped the version once");
    assert!(got["firstName"].as_str().is_some() && got["lastName"].as_str().is_some());
}

/// `Store::insert_users` (bulk seeding) writes every user or none: a batch whose last user
/// repeats an e-mail fails with the typed conflict and leaves nothing behind.
#[tokio::test]
async fn bulk_insert_is_all_or_nothing() {
    use roq_users_server::store::NewUser;
    let s = TestServer::start().await;
    let store = roq_users_server::store::open(&s.database_url)
        .await
        .expect("store");
    let tenant = store
        .default_tenant(s.environment)
        .await
        .expect("tenant lookup")
        .expect("default tenant");
    let tenant_id = uuid::Uuid::parse_str(&tenant.id).expect("tenant id");
    let new_user = |reference: &str, email: &str| NewUser {
        id: uuid::Uuid::now_v7(),
        tenant_id,
        input: roq_users::UserCreate::new(reference, email),
        password_hash: None,
        now: roq_users_server::users::now(),
    };
    let clashing = [
        new_user("b-1", "b1@x.io"),
        new_user("b-2", "b2@x.io"),
        new_user("b-3", "b1@x.io"),
    ];
    let err = store
        .insert_users(s.environment, &clashing)
        .await
        .expect_err("a repeated e-mail fails the batch");
    assert_eq!(
        err.error_code(),
        roq_users::ErrorCode::UserEmailAlreadyExists
    );
    assert!(s.references(json!({})).await.is_empty(), "nothing written");

    let batch = [new_user("b-1", "b1@x.io"), new_user("b-2", "b2@x.io")];
    store
        .insert_users(s.environment, &batch)
        .await
        .expect("batch");
    let mut references = s.references(json!({})).await;
    references.sort();
    assert_eq!(references, ["b-1", "b-2"]);
}
