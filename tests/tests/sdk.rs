//! The core Rust SDK against the real server (directly, or through the fault proxy).

use futures::TryStreamExt;
use roq_users::{
    Error, ErrorCode, Patch, Platform, PlatformConfig, RetryPolicy, SortOrder, StringFilter,
    TenantCreate, TenantUpdate, TenantsQuery, UserCreate, UserFilter, UserOrder, UserSortKey,
    UserUpdate, UsersQuery,
};
use roq_users_tests::proxy::{Fault, FaultProxy};
use roq_users_tests::{API_KEY, TestServer};
use std::time::Duration;

const GRAPHQL: &str = "/v01/server/graphql";
const MINT_ADMIN: &str = "/v01/authorize/serviceAccount";
const MINT_USER: &str = "/v01/authorize";

fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        initial_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
    }
}

fn platform_at(host: &str, s: &TestServer) -> Platform {
    let mut config = PlatformConfig::new(host, s.environment.to_string(), API_KEY);
    config.retry = fast_retries();
    Platform::new(config).expect("valid config")
}

fn platform(s: &TestServer) -> Platform {
    platform_at(&s.server.url(), s)
}

#[tokio::test]
async fn every_user_operation() {
    let s = TestServer::start().await;
    let admin = platform(&s).as_super_admin();
    let mut input = UserCreate::new("sdk-1", " Ada@Example.com ");
    input.locale = Some("en-gb".into());
    input.first_name = Some("Ada".into());
    let user = admin.create_user(input).await.expect("created");
    assert_eq!(
        (user.email.as_str(), user.locale.as_deref()),
        ("Ada@Example.com", Some("en-GB"))
    );
    assert_eq!(user.version, 1);
    assert!(user.active && user.synced);

    let update = UserUpdate {
        first_name: Patch::Null,
        last_name: Patch::Value("Lovelace".into()),
        ..UserUpdate::default()
    };
    let updated = admin.update_user(&user.id, update).await.expect("updated");
    assert_eq!(updated.first_name, None);
    assert_eq!(updated.last_name.as_deref(), Some("Lovelace"));
    assert_eq!(updated.locale.as_deref(), Some("en-GB"), "absent stays");
    assert_eq!(updated.version, 2);

    assert_eq!(admin.user(&user.id).await.expect("read"), updated);
    let off = admin.deactivate_user(&user.id).await.expect("deactivated");
    assert!(!off.active);

    let everyone = UsersQuery {
        filter: Some(UserFilter {
            reference: Some(StringFilter::equal_to("sdk-1")),
            with_deactivated: Some(roq_users::BooleanFilter::equal_to(true)),
            ..UserFilter::default()
        }),
        ..UsersQuery::default()
    };
    let page = admin.users(everyone).await.expect("listed");
    assert_eq!(page.total_count, 1);
    assert_eq!(page.data[0].id, user.id);

    let raw = admin
        .graphql_request(
            "query($id: ID!) { user(id: $id) { reference } }",
            serde_json::json!({"id": user.id}),
        )
        .await
        .expect("raw");
    assert_eq!(raw["user"]["reference"], "sdk-1");
}

#[tokio::test]
async fn tenant_operations() {
    let s = TestServer::start().await;
    let admin = platform(&s).as_super_admin();
    let tenant = admin
        .create_tenant(TenantCreate {
            name: "Team".into(),
            reference: Some("team".into()),
        })
        .await
        .expect("tenant");
    let renamed = admin
        .update_tenant(
            &tenant.id,
            TenantUpdate {
                name: "Team B".into(),
                reference: Patch::Null,
            },
        )
        .await
        .expect("updated");
    assert_eq!(
        (renamed.name.as_str(), renamed.reference.as_deref()),
        ("Team B", None)
    );
    assert_eq!(admin.tenant(&tenant.id).await.expect("read"), renamed);
    let page = admin.tenants(TenantsQuery::default()).await.expect("list");
    assert_eq!(page.total_count, 2);
    let mut input = UserCreate::new("in-team", "t@x.io");
    input.tenant_id = Some(tenant.id.clone().into());
    assert_eq!(
        admin.create_user(input).await.expect("user").tenant_id,
        tenant.id
    );
}

#[tokio::test]
async fn streams_every_page_in_order() {
    let s = TestServer::start().await;
    let admin = platform(&s).as_super_admin();
    for i in 0..25 {
        admin
            .create_user(UserCreate::new(format!("s{i:02}"), format!("s{i}@x.io")))
            .await
            .expect("created");
    }
    let query = UsersQuery {
        limit: Some(10),
        order: Some(UserOrder {
            order: SortOrder::Asc,
            sort: UserSortKey::CreatedAt,
        }),
        ..UsersQuery::default()
    };
    let proxy = FaultProxy::start(&s.server.url()).await;
    let streamed: Vec<String> = platform_at(proxy.url(), &s)
        .as_super_admin()
        .users_stream(query)
        .map_ok(|u| u.reference)
        .try_collect()
        .await
        .expect("streamed");
    let expected: Vec<String> = (0..25).map(|i| format!("s{i:02}")).collect();
    assert_eq!(streamed, expected);
    assert_eq!(proxy.count(GRAPHQL), 3, "three pages of 10");
}

#[tokio::test]
async fn every_error_class() {
    let s = TestServer::start().await;
    let p = platform(&s);
    let admin = p.as_super_admin();
    let user = admin
        .create_user(UserCreate::new("e", "e@x.io"))
        .await
        .expect("created");

    let dup = admin
        .create_user(UserCreate::new("e", "other@x.io"))
        .await
        .expect_err("conflict");
    assert!(
        matches!(
            dup,
            Error::Conflict {
                code: ErrorCode::UserReferenceAlreadyExists,
                ..
            }
        ),
        "{dup:?}"
    );
    assert_eq!(dup.status_code(), 409);

    let missing = admin
        .user("0193a1b2-0000-7000-8000-00000000beef")
        .await
        .expect_err("404");
    assert!(matches!(
        missing,
        Error::NotFound {
            code: ErrorCode::UserNotFound,
            ..
        }
    ));

    let bad_id = admin.user("nope").await.expect_err("400");
    assert_eq!(bad_id.error_code(), ErrorCode::InvalidUuid);

    let mut bad = UserCreate::new(" x", "bad");
    bad.phone = Some("12".into());
    let invalid = admin.create_user(bad).await.expect_err("invalid");
    let fields: Vec<_> = invalid
        .violations()
        .iter()
        .map(|v| v.field.as_str())
        .collect();
    assert_eq!(fields, ["reference", "email", "phone"]);

    let other = admin
        .create_user(UserCreate::new("o", "o@x.io"))
        .await
        .expect("created");
    let forbidden = p
        .as_user(&user.id)
        .user(&other.id)
        .await
        .expect_err("forbidden");
    assert!(matches!(forbidden, Error::Forbidden { .. }));
    assert_eq!(
        p.as_user(&user.id)
            .user(&user.id)
            .await
            .expect("own record")
            .id,
        user.id
    );

    let mut wrong = PlatformConfig::new(s.server.url(), s.environment.to_string(), "wrong-key");
    wrong.retry = fast_retries();
    let unauthorized = Platform::new(wrong)
        .expect("config")
        .as_super_admin()
        .user(&user.id)
        .await;
    assert!(
        matches!(unauthorized, Err(Error::Unauthorized { .. })),
        "{unauthorized:?}"
    );

    // Nothing listens on port 9 of loopback: a transport error, after the retries.
    let mut closed = PlatformConfig::new("http://127.0.0.1:9", s.environment.to_string(), API_KEY);
    closed.retry = fast_retries();
    let transport = Platform::new(closed)
        .expect("config")
        .as_super_admin()
        .user(&user.id)
        .await;
    assert!(
        matches!(transport, Err(Error::Transport { .. })),
        "{transport:?}"
    );
}

#[tokio::test]
async fn invalid_input_fails_before_the_wire() {
    let s = TestServer::start().await;
    let proxy = FaultProxy::start(&s.server.url()).await;
    let admin = platform_at(proxy.url(), &s).as_super_admin();
    let client_side = admin
        .create_user(UserCreate::new("ok", "not-an-email"))
        .await
        .expect_err("invalid");
    // The same input sent raw to the server gives the same error.
    let server_side = s
        .create_user(serde_json::json!({"reference": "ok", "email": "not-an-email"}))
        .await;
    assert_eq!(
        server_side.error_code(),
        Some(client_side.error_code().as_str())
    );
    assert_eq!(
        server_side.violations(),
        client_side
            .violations()
            .iter()
            .map(|v| (v.field.clone(), v.code.clone()))
            .collect::<Vec<_>>()
    );
    let bad_paging = admin
        .users(UsersQuery {
            limit: Some(5000),
            ..UsersQuery::default()
        })
        .await;
    assert_eq!(
        bad_paging.expect_err("invalid").error_code(),
        ErrorCode::ValidationError
    );
    assert_eq!(
        proxy.count(GRAPHQL) + proxy.count(MINT_ADMIN),
        0,
        "nothing was sent"
    );
    assert!(
        Platform::new(PlatformConfig::new(
            "ftp://x",
            s.environment.to_string(),
            API_KEY
        ))
        .is_err()
    );
    let bad_env = Platform::new(PlatformConfig::new("http://127.0.0.1:1", "env", API_KEY))
        .expect_err("bad env");
    assert_eq!(bad_env.error_code(), ErrorCode::InvalidUuid);
}

#[tokio::test]
async fn tokens_are_minted_once_per_identity_and_reused() {
    let s = TestServer::start().await;
    let proxy = FaultProxy::start(&s.server.url()).await;
    let p = platform_at(proxy.url(), &s);
    let admin = p.as_super_admin();
    let user = admin
        .create_user(UserCreate::new("m", "m@x.io"))
        .await
        .expect("created");
    let calls = (0..10).map(|_| admin.user(&user.id));
    for result in futures::future::join_all(calls).await {
        result.expect("read");
    }
    // A second scope of the same identity shares the cache.
    p.as_super_admin()
        .users(UsersQuery::default())
        .await
        .expect("list");
    assert_eq!(proxy.count(MINT_ADMIN), 1);
    let me = p.as_user(&user.id);
    for _ in 0..3 {
        me.user(&user.id).await.expect("own record");
    }
    assert_eq!(proxy.count(MINT_USER), 1);
    assert_eq!(
        proxy.count(MINT_ADMIN),
        1,
        "the user mint reused the admin token"
    );
}

#[tokio::test]
async fn a_refused_token_is_reminted_once() {
    // Two servers share the environment id and API key but sign tokens with different
    // secrets: switching the proxy between them is a signing-secret rotation.
    let a = TestServer::start_with(|c| c.jwt_secret = Some("secret-a".into())).await;
    let environment = a.environment;
    let b = TestServer::start_with(|c| {
        c.jwt_secret = Some("secret-b".into());
        c.environment_id = Some(environment);
    })
    .await;
    let proxy = FaultProxy::start(&a.server.url()).await;
    let admin = platform_at(proxy.url(), &a).as_super_admin();
    admin.users(UsersQuery::default()).await.expect("list on a");
    proxy.set_upstream(&b.server.url());
    admin
        .users(UsersQuery::default())
        .await
        .expect("list on b after one re-mint");
    assert_eq!(proxy.count(MINT_ADMIN), 2);
    assert_eq!(proxy.count(GRAPHQL), 3, "refused once, then sent again");

    // Revoking the key: one re-mint attempt, then a clean Unauthorized, no loop.
    let store = roq_users_server::store::open(&b.database_url)
        .await
        .expect("store");
    let key = store
        .api_key_by_hash(&roq_users_server::auth::hash_api_key(API_KEY))
        .await
        .expect("lookup")
        .expect("key");
    store.revoke_api_key(key.id).await.expect("revoked");
    let err = admin
        .users(UsersQuery::default())
        .await
        .expect_err("revoked");
    assert!(matches!(err, Error::Unauthorized { .. }), "{err:?}");
    assert_eq!(proxy.count(MINT_ADMIN), 3);
}

#[tokio::test]
async fn idempotent_calls_retry_through_503_429_and_dropped_connections() {
    let s = TestServer::start().await;
    let proxy = FaultProxy::start(&s.server.url()).await;
    let admin = platform_at(proxy.url(), &s).as_super_admin();
    let user = admin
        .create_user(UserCreate::new("r", "r@x.io"))
        .await
        .expect("created");
    let before = proxy.count(GRAPHQL);
    proxy.inject(
        GRAPHQL,
        [Fault::Status(503), Fault::Status(429), Fault::Drop],
    );
    assert_eq!(
        admin.user(&user.id).await.expect("read after retries").id,
        user.id
    );
    assert_eq!(proxy.count(GRAPHQL) - before, 4);
    // More failures than retries: the last error comes back.
    proxy.inject(GRAPHQL, (0..4).map(|_| Fault::Status(503)));
    let err = admin.user(&user.id).await.expect_err("gave up");
    assert_eq!(err.error_code(), ErrorCode::ServiceUnavailable);
    assert!(err.is_retryable());
    // Minting is retried too.
    let fresh = platform_at(proxy.url(), &s).as_super_admin();
    proxy.inject(MINT_ADMIN, [Fault::Status(503)]);
    fresh
        .user(&user.id)
        .await
        .expect("read after a retried mint");
}

#[tokio::test]
async fn creates_are_retried_only_when_provably_not_done() {
    let s = TestServer::start().await;
    let proxy = FaultProxy::start(&s.server.url()).await;
    let admin = platform_at(proxy.url(), &s).as_super_admin();
    admin
        .users(UsersQuery::default())
        .await
        .expect("warm token");
    let before = proxy.count(GRAPHQL);
    // 503 and a broken connection may hide a done create: not retried.
    proxy.inject(GRAPHQL, [Fault::Status(503)]);
    let err = admin
        .create_user(UserCreate::new("c1", "c1@x.io"))
        .await
        .expect_err("503");
    assert_eq!(err.status_code(), 503);
    proxy.inject(GRAPHQL, [Fault::Drop]);
    let err = admin
        .create_user(UserCreate::new("c2", "c2@x.io"))
        .await
        .expect_err("dropped");
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(proxy.count(GRAPHQL) - before, 2, "one attempt each");
    // 429 is a refusal before any work: retried, honouring retryAfterMs.
    proxy.inject(GRAPHQL, [Fault::Status(429)]);
    let created = admin
        .create_user(UserCreate::new("c3", "c3@x.io"))
        .await
        .expect("created after 429");
    assert_eq!(created.reference, "c3");
    assert_eq!(proxy.count(GRAPHQL) - before, 4);
}

#[tokio::test]
async fn a_hanging_server_times_out() {
    let s = TestServer::start().await;
    let proxy = FaultProxy::start(&s.server.url()).await;
    let mut config = PlatformConfig::new(proxy.url(), s.environment.to_string(), API_KEY);
    config.timeout = Duration::from_millis(300);
    config.retry = RetryPolicy::none();
    let admin = Platform::new(config).expect("config").as_super_admin();
    admin
        .users(UsersQuery::default())
        .await
        .expect("warm token");
    proxy.inject(GRAPHQL, [Fault::Hang]);
    let err = admin
        .users(UsersQuery::default())
        .await
        .expect_err("timeout");
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(err.is_retryable());
}

#[tokio::test]
async fn calls_by_name_refuse_unknown_operations_and_keys() {
    let s = TestServer::start().await;
    let proxy = FaultProxy::start(&s.server.url()).await;
    let admin = platform_at(proxy.url(), &s).as_super_admin();
    let unknown = admin
        .call("deleteUser", serde_json::json!({}))
        .await
        .expect_err("unknown");
    assert_eq!(unknown.violations()[0].code, "NOT_SUPPORTED");
    let typo = admin
        .call(
            "users",
            serde_json::json!({"filter": {"emial": {"equalTo": "x"}}}),
        )
        .await
        .expect_err("unknown key");
    assert_eq!(typo.error_code(), ErrorCode::ValidationError);
    assert!(typo.to_string().contains("emial"), "{typo}");
    let no_id = admin
        .call("user", serde_json::json!({}))
        .await
        .expect_err("no id");
    assert_eq!(no_id.violations()[0].field, "id");
    assert_eq!(
        proxy.count(GRAPHQL) + proxy.count(MINT_ADMIN),
        0,
        "nothing was sent"
    );
    let created = admin
        .call(
            "createUser",
            serde_json::json!({"user": {"reference": "by-name", "email": "n@x.io"}}),
        )
        .await
        .expect("created");
    assert_eq!(created["reference"], "by-name");
    assert_eq!(created["createdAt"].as_str().map(str::len), Some(24));
}
