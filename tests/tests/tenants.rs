//! Tenants: the default tenant, create/update/read/list, user counts, moving users.

use roq_users_tests::TestServer;
use serde_json::json;

const TENANT: &str = "id name reference isDefault createdAt updatedAt users { totalCount }";

#[tokio::test]
async fn default_tenant_and_crud() {
    let s = TestServer::start().await;
    let page = s
        .admin(
            &format!("{{ tenants {{ totalCount data {{ {TENANT} }} }} }}"),
            json!({}),
        )
        .await
        .data("tenants");
    assert_eq!(page["totalCount"], 1);
    assert_eq!(page["data"][0]["isDefault"], true);

    let created = s
        .admin(
            &format!(
                "mutation($t: TenantCreateDto!) {{ createTenant(tenant: $t) {{ {TENANT} }} }}"
            ),
            json!({"t": {"name": "  Acme ", "reference": "acme"}}),
        )
        .await
        .data("createTenant");
    assert_eq!(created["name"], "Acme");
    assert_eq!(created["isDefault"], false);
    assert_eq!(created["users"]["totalCount"], 0);
    let id = created["id"].clone();

    let updated = s
        .admin(
            &format!("mutation($id: ID!, $t: TenantUpdateDto!) {{ updateTenant(id: $id, tenant: $t) {{ {TENANT} }} }}"),
            json!({"id": id, "t": {"name": "Acme Inc", "reference": null}}),
        )
        .await
        .data("updateTenant");
    assert_eq!(updated["name"], "Acme Inc");
    assert_eq!(updated["reference"], serde_json::Value::Null);

    let got = s
        .admin(
            &format!("query($id: ID!) {{ tenant(id: $id) {{ {TENANT} }} }}"),
            json!({"id": id}),
        )
        .await
        .data("tenant");
    assert_eq!(got, updated);

    let filtered = s
        .admin("{ tenants(filter: {reference: {equalTo: null}}, order: {order: ASC, sort: createdAt}) { totalCount data { isDefault } } }", json!({}))
        .await
        .data("tenants");
    assert_eq!(filtered["totalCount"], 2);
    assert_eq!(
        filtered["data"][0]["isDefault"], true,
        "ascending: the default tenant came first"
    );

    let missing = s
        .admin(
            "query($id: ID!) { tenant(id: $id) { id } }",
            json!({"id": uuid::Uuid::now_v7()}),
        )
        .await;
    assert_eq!(missing.error_code(), Some("TENANT_NOT_FOUND"));
    let empty_name = s
        .admin(
            "mutation { createTenant(tenant: {name: \"  \"}) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(empty_name.error_code(), Some("VALIDATION_ERROR"));
    assert_eq!(
        empty_name.violations(),
        vec![("name".to_string(), "REQUIRED".to_string())]
    );
}

#[tokio::test]
async fn users_move_between_tenants_and_are_counted() {
    let s = TestServer::start().await;
    let tenant = s
        .admin(
            "mutation { createTenant(tenant: {name: \"Team\"}) { id } }",
            json!({}),
        )
        .await
        .data("createTenant");
    let in_team = s
        .must_create(json!({"reference": "a", "email": "a@x.io", "tenantId": tenant["id"]}))
        .await;
    assert_eq!(in_team["tenantId"], tenant["id"]);
    let other = s
        .must_create(json!({"reference": "b", "email": "b@x.io"}))
        .await;
    let moved = s
        .update_user(
            other["id"].as_str().expect("id"),
            json!({"tenantId": tenant["id"]}),
        )
        .await
        .data("updateUser");
    assert_eq!(moved["tenantId"], tenant["id"]);
    let count = s
        .admin(
            "query($id: ID!) { tenant(id: $id) { users { totalCount } } }",
            json!({"id": tenant["id"]}),
        )
        .await
        .data("tenant");
    assert_eq!(count["users"]["totalCount"], 2);
    let by_tenant = s
        .users(json!({"filter": {"tenantId": {"equalTo": tenant["id"]}}}))
        .await
        .data("users");
    assert_eq!(by_tenant["totalCount"], 2);
    let null_tenant = s
        .update_user(other["id"].as_str().expect("id"), json!({"tenantId": null}))
        .await;
    assert_eq!(null_tenant.error_code(), Some("VALIDATION_ERROR"));
}
