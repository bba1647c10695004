//! Credentials and principals: token endpoints, both GraphQL endpoints, user scope,
//! deactivation, revocation and environment isolation.

use base64::Engine;
use roq_users_tests::{API_KEY, Credentials, TestServer};
use serde_json::{Value, json};

const SECRET: &str = "test-signing-secret-0123456789";

fn claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).expect("jwt payload");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .expect("base64url");
    serde_json::from_slice(&bytes).expect("json claims")
}

#[tokio::test]
async fn service_account_token_endpoint() {
    let s = TestServer::start().await;
    let token = s.admin_token_for(&s.credentials()).await;
    let c = claims(&token);
    assert_eq!(c["env"], s.environment.to_string());
    assert_eq!(c["role"], "superAdmin");
    assert_eq!(c["sub"], "project-service-account@roq.tech");
    assert_eq!(
        c["exp"].as_i64().zip(c["iat"].as_i64()).map(|(e, i)| e - i),
        Some(3600)
    );

    let wrong_key = s
        .post(
            "/v01/authorize/serviceAccount",
            &[],
            &json!({"environmentId": s.environment, "apiKey": "nope"}),
        )
        .await;
    assert_eq!(wrong_key.status, 401);
    assert_eq!(wrong_key.error_code(), Some("UNAUTHORIZED_EXCEPTION"));
    assert_eq!(wrong_key.body["statusCode"], 401);
    let other_env = s
        .post(
            "/v01/authorize/serviceAccount",
            &[],
            &json!({"environmentId": uuid::Uuid::now_v7(), "apiKey": API_KEY}),
        )
        .await;
    assert_eq!(other_env.status, 401);
    let bad_env = s
        .post(
            "/v01/authorize/serviceAccount",
            &[],
            &json!({"environmentId": "x", "apiKey": API_KEY}),
        )
        .await;
    assert_eq!(
        (bad_env.status, bad_env.error_code()),
        (400, Some("INVALID_UUID"))
    );
    let missing = s
        .post(
            "/v01/authorize/serviceAccount",
            &[],
            &json!({"apiKey": API_KEY}),
        )
        .await;
    assert_eq!(
        (missing.status, missing.error_code()),
        (400, Some("VALIDATION_ERROR"))
    );
}

#[tokio::test]
async fn server_endpoint_needs_both_headers_of_one_environment() {
    let s = TestServer::start().await;
    let creds = s.credentials();
    let token = s.admin_token_for(&creds).await;
    let query = json!({"query": "{ users { totalCount } }"});
    let headers = TestServer::server_headers(&creds, &token);
    assert_eq!(
        s.post("/v01/server/graphql", &headers, &query).await.status,
        200
    );
    // Only one of the two headers.
    for only in [&headers[0..1], &headers[1..2]] {
        let reply = s.post("/v01/server/graphql", only, &query).await;
        assert_eq!(
            (reply.status, reply.error_code()),
            (401, Some("UNAUTHORIZED_EXCEPTION"))
        );
    }
    // The standard Authorization header is an alias of roq-platform-authorization.
    let alias = vec![
        ("authorization", format!("Bearer {token}")),
        headers[1].clone(),
    ];
    assert_eq!(
        s.post("/v01/server/graphql", &alias, &query).await.status,
        200
    );
    // Garbage token, wrong Basic.
    let garbage = TestServer::server_headers(&creds, "not.a.jwt");
    assert_eq!(
        s.post("/v01/server/graphql", &garbage, &query).await.status,
        401
    );
    let wrong_key = Credentials {
        environment: creds.environment,
        api_key: "wrong".into(),
    };
    let reply = s
        .post(
            "/v01/server/graphql",
            &TestServer::server_headers(&wrong_key, &token),
            &query,
        )
        .await;
    assert_eq!(reply.status, 401);
    let malformed = vec![
        headers[0].clone(),
        ("roq-platform-server-authorization", "Basic !!!".to_string()),
    ];
    assert_eq!(
        s.post("/v01/server/graphql", &malformed, &query)
            .await
            .status,
        401
    );
    // Token of environment B with the key of environment A.
    let b = s.create_environment().await;
    let b_token = s.admin_token_for(&b).await;
    let mixed = s
        .post(
            "/v01/server/graphql",
            &TestServer::server_headers(&creds, &b_token),
            &query,
        )
        .await;
    assert_eq!(
        (mixed.status, mixed.error_code()),
        (401, Some("UNAUTHORIZED_EXCEPTION"))
    );
}

#[tokio::test]
async fn expired_forged_and_id_tokens_are_refused() {
    let s = TestServer::start_with(|c| c.jwt_secret = Some(SECRET.into())).await;
    let creds = s.credentials();
    let good = s.admin_token_for(&creds).await;
    let mut c = claims(&good);
    let now = c["iat"].as_i64().expect("iat");
    c["exp"] = json!(now - 10);
    let sign = |claims: &Value, secret: &str| {
        jsonwebtoken::encode(
            &jsonwebtoken::Header::default(),
            claims,
            &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()),
        )
        .expect("signs")
    };
    let query = json!({"query": "{ users { totalCount } }"});
    let expired = sign(&c, SECRET);
    let reply = s
        .post(
            "/v01/server/graphql",
            &TestServer::server_headers(&creds, &expired),
            &query,
        )
        .await;
    assert_eq!(
        (reply.status, reply.error_code()),
        (401, Some("UNAUTHORIZED_EXCEPTION"))
    );
    c["exp"] = json!(now + 600);
    let forged = sign(&c, "some-other-secret");
    let reply = s
        .post(
            "/v01/server/graphql",
            &TestServer::server_headers(&creds, &forged),
            &query,
        )
        .await;
    assert_eq!(reply.status, 401);
    let resigned = sign(&c, SECRET);
    let reply = s
        .post(
            "/v01/server/graphql",
            &TestServer::server_headers(&creds, &resigned),
            &query,
        )
        .await;
    assert_eq!(
        reply.status, 200,
        "the same claims with the right secret pass: {}",
        reply.body
    );

    let user = s
        .must_create(json!({"reference": "u", "email": "u@x.io"}))
        .await;
    let tokens = s.user_token(user["id"].as_str().expect("id")).await;
    let id_token = tokens.body["idToken"].as_str().expect("idToken");
    assert_eq!(claims(id_token)["email"], "u@x.io");
    let reply = s
        .client(
            id_token,
            "query($id: ID!) { user(id: $id) { id } }",
            json!({"id": user["id"]}),
        )
        .await;
    assert_eq!(reply.status, 401, "an id token is not an access token");
}

#[tokio::test]
async fn revoking_an_api_key_revokes_its_tokens() {
    let s = TestServer::start().await;
    let creds = s.credentials();
    let second = s.create_environment().await; // unrelated environment keeps working
    let token = s.admin_token_for(&creds).await;
    let store = roq_users_server::store::open(&s.database_url)
        .await
        .expect("store");
    let key = store
        .api_key_by_hash(&roq_users_server::auth::hash_api_key(API_KEY))
        .await
        .expect("lookup")
        .expect("key exists");
    assert!(store.revoke_api_key(key.id).await.expect("revoke"));
    let reply = s
        .client(&token, "{ users { totalCount } }", json!({}))
        .await;
    assert_eq!(
        (reply.status, reply.error_code()),
        (401, Some("UNAUTHORIZED_EXCEPTION"))
    );
    let mint = s
        .post(
            "/v01/authorize/serviceAccount",
            &[],
            &json!({"environmentId": creds.environment, "apiKey": API_KEY}),
        )
        .await;
    assert_eq!(mint.status, 401);
    let other = s.admin_token_for(&second).await;
    assert_eq!(
        s.admin_as(&second, &other, "{ users { totalCount } }", json!({}))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn a_user_reads_only_itself_and_mutates_nothing() {
    let s = TestServer::start().await;
    let me = s
        .must_create(json!({"reference": "me", "email": "me@x.io"}))
        .await;
    let other = s
        .must_create(json!({"reference": "other", "email": "other@x.io"}))
        .await;
    let tokens = s.user_token(me["id"].as_str().expect("id")).await;
    assert_eq!(tokens.status, 200, "{}", tokens.body);
    let token = tokens.body["accessToken"]
        .as_str()
        .expect("accessToken")
        .to_string();
    assert_eq!(claims(&token)["role"], "user");
    assert_eq!(claims(&token)["sub"], me["id"]);
    let read = "query($id: ID!) { user(id: $id) { id email tenant { isDefault } } }";
    let mine = s
        .client(&token, read, json!({"id": me["id"]}))
        .await
        .data("user");
    assert_eq!(mine["email"], "me@x.io");
    assert_eq!(mine["tenant"]["isDefault"], true);
    // Also through the server endpoint with the API key.
    let via_server = s
        .admin_as(&s.credentials(), &token, read, json!({"id": me["id"]}))
        .await;
    assert_eq!(via_server.data("user")["id"], me["id"]);
    let theirs = s.client(&token, read, json!({"id": other["id"]})).await;
    assert_eq!(theirs.error_code(), Some("FORBIDDEN"));
    assert_eq!(theirs.error_status(), Some(403));
    let list = s
        .client(&token, "{ users { totalCount } }", json!({}))
        .await;
    assert_eq!(list.error_code(), Some("FORBIDDEN"));
    let tenants = s
        .client(&token, "{ tenants { totalCount } }", json!({}))
        .await;
    assert_eq!(tenants.error_code(), Some("FORBIDDEN"));
    let mutate = "mutation($id: ID!) { updateUser(id: $id, user: {firstName: \"x\"}) { id } }";
    let on_server = s
        .admin_as(&s.credentials(), &token, mutate, json!({"id": me["id"]}))
        .await;
    assert_eq!(on_server.error_code(), Some("FORBIDDEN"));
    let on_client = s.client(&token, mutate, json!({"id": me["id"]})).await;
    assert_eq!(on_client.error_code(), Some("FORBIDDEN"));
}

#[tokio::test]
async fn the_client_endpoint_refuses_mutations_even_for_super_admins() {
    let s = TestServer::start().await;
    let token = s.admin_token_for(&s.credentials()).await;
    let reply = s
        .client(
            &token,
            "mutation { createUser(user: {reference: \"x\", email: \"x@x.io\"}) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(reply.error_code(), Some("FORBIDDEN"));
    assert_eq!(
        s.users(json!({})).await.data("users")["totalCount"],
        0,
        "nothing was created"
    );
    let query = s
        .client(&token, "{ users { totalCount } }", json!({}))
        .await;
    assert_eq!(query.data("users")["totalCount"], 0);
}

#[tokio::test]
async fn deactivated_users_lose_their_tokens() {
    let s = TestServer::start().await;
    let user = s
        .must_create(json!({"reference": "gone", "email": "gone@x.io"}))
        .await;
    let id = user["id"].as_str().expect("id");
    let token = s.user_token(id).await.body["accessToken"]
        .as_str()
        .expect("token")
        .to_string();
    let read = "query($id: ID!) { user(id: $id) { id } }";
    assert_eq!(s.client(&token, read, json!({"id": id})).await.status, 200);
    s.update_user(id, json!({"active": false}))
        .await
        .data("updateUser");
    let refused = s.client(&token, read, json!({"id": id})).await;
    assert_eq!(
        (refused.status, refused.error_code()),
        (401, Some("UNAUTHORIZED_EXCEPTION"))
    );
    let mint = s.user_token(id).await;
    assert_eq!((mint.status, mint.error_code()), (403, Some("FORBIDDEN")));
}

#[tokio::test]
async fn user_token_endpoint_checks_its_input() {
    let s = TestServer::start().await;
    let creds = s.credentials();
    let admin = s.admin_token_for(&creds).await;
    let user = s
        .must_create(json!({"reference": "t", "email": "t@x.io"}))
        .await;
    let auth = [("roq-platform-authorization", format!("Bearer {admin}"))];
    let body = |extra: Value| {
        let mut b =
            json!({"environmentId": creds.environment, "apiKey": API_KEY, "userId": user["id"]});
        if let (Some(t), Some(e)) = (b.as_object_mut(), extra.as_object()) {
            t.extend(e.clone());
        }
        b
    };
    let ok = s
        .post(
            "/v01/authorize",
            &auth,
            &body(json!({"expiresIn": "60s", "keepLoggedIn": true})),
        )
        .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    let c = claims(ok.body["accessToken"].as_str().expect("token"));
    assert_eq!(
        c["exp"].as_i64().zip(c["iat"].as_i64()).map(|(e, i)| e - i),
        Some(60)
    );
    let bad = s
        .post("/v01/authorize", &auth, &body(json!({"expiresIn": "soon"})))
        .await;
    assert_eq!(
        (bad.status, bad.error_code()),
        (400, Some("VALIDATION_ERROR"))
    );
    let missing_user = s
        .post(
            "/v01/authorize",
            &auth,
            &body(json!({"userId": uuid::Uuid::now_v7()})),
        )
        .await;
    assert_eq!(
        (missing_user.status, missing_user.error_code()),
        (404, Some("USER_NOT_FOUND"))
    );
    let no_token = s.post("/v01/authorize", &[], &body(json!({}))).await;
    assert_eq!(no_token.status, 401);
    let user_token = ok.body["accessToken"].as_str().expect("token");
    let as_user = [("roq-platform-authorization", format!("Bearer {user_token}"))];
    let by_user = s.post("/v01/authorize", &as_user, &body(json!({}))).await;
    assert_eq!(
        (by_user.status, by_user.error_code()),
        (403, Some("FORBIDDEN"))
    );
}

#[tokio::test]
async fn environments_are_isolated() {
    let s = TestServer::start().await;
    let b = s.create_environment().await;
    let b_token = s.admin_token_for(&b).await;
    let in_a = s
        .must_create(json!({"reference": "shared-ref", "email": "shared@x.io"}))
        .await;
    // B cannot read, list or update A's user.
    let read = s
        .admin_as(
            &b,
            &b_token,
            "query($id: ID!) { user(id: $id) { id } }",
            json!({"id": in_a["id"]}),
        )
        .await;
    assert_eq!(read.error_code(), Some("USER_NOT_FOUND"));
    let list = s
        .admin_as(
            &b,
            &b_token,
            "{ users(filter: {withDeactivated: {equalTo: true}}) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(list.data("users")["totalCount"], 0);
    let update = s
        .admin_as(
            &b,
            &b_token,
            "mutation($id: ID!) { updateUser(id: $id, user: {firstName: \"evil\"}) { id } }",
            json!({"id": in_a["id"]}),
        )
        .await;
    assert_eq!(update.error_code(), Some("USER_NOT_FOUND"));
    // B cannot put a user into A's tenant, nor read A's tenant.
    let create = s
        .admin_as(&b, &b_token, "mutation($t: ID!) { createUser(user: {reference: \"x\", email: \"x@x.io\", tenantId: $t}) { id } }", json!({"t": in_a["tenantId"]}))
        .await;
    assert_eq!(create.error_code(), Some("TENANT_NOT_FOUND"));
    let tenant = s
        .admin_as(
            &b,
            &b_token,
            "query($t: ID!) { tenant(id: $t) { id } }",
            json!({"t": in_a["tenantId"]}),
        )
        .await;
    assert_eq!(tenant.error_code(), Some("TENANT_NOT_FOUND"));
    // The same reference and e-mail are free in B.
    let in_b = s
        .admin_as(&b, &b_token, "mutation { createUser(user: {reference: \"shared-ref\", email: \"shared@x.io\"}) { id tenantId } }", json!({}))
        .await
        .data("createUser");
    assert_ne!(in_b["tenantId"], in_a["tenantId"]);
    // A still sees only its own user, unchanged.
    let a_list = s.users(json!({})).await.data("users");
    assert_eq!(a_list["totalCount"], 1);
    assert_eq!(a_list["data"][0]["id"], in_a["id"]);
    assert_eq!(a_list["data"][0]["firstName"], Value::Null);
}
