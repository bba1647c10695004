//! Test harness: a real roq-users server (in-process, bound to 127.0.0.1:0, on a temporary
//! SQLite file) and a small raw HTTP client speaking ROQ's wire protocol to it.

pub mod proxy;

use base64::Engine;
use roq_users_server::{Config, RunningServer};
use serde_json::{Value, json};
use uuid::Uuid;

/// A plain reqwest client (after installing the process's TLS crypto provider).
pub fn http_client() -> reqwest::Client {
    roq_users::client::install_crypto_provider();
    reqwest::Client::new()
}

/// The environment variable that switches the suite to PostgreSQL: an admin URL of a cluster
/// (`postgres://postgres@127.0.0.1:PORT/postgres`), as `scripts/with-postgres` exports.
pub const POSTGRES_ENV: &str = "ROQ_USERS_TEST_POSTGRES";

/// A URL of a new, empty database: a fresh PostgreSQL database when [`POSTGRES_ENV`] is set,
/// else an SQLite file in `dir`. Every test server runs on the backend this picks, so the
/// whole suite runs on either without copies.
pub async fn fresh_database_url(dir: &std::path::Path) -> String {
    match std::env::var(POSTGRES_ENV) {
        Ok(admin_url) => {
            use sqlx::Connection;
            let name = format!("roq_{}", Uuid::new_v4().simple());
            let mut admin = sqlx::PgConnection::connect(&admin_url)
                .await
                .expect("the PostgreSQL cluster of ROQ_USERS_TEST_POSTGRES answers");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
                .execute(&mut admin)
                .await
                .expect("test database created");
            let base = admin_url
                .rsplit_once('/')
                .map_or(admin_url.as_str(), |(base, _)| base);
            format!("{base}/{name}")
        }
        Err(_) => format!("sqlite:{}", dir.join("test.db").display()),
    }
}

/// The API key every test server pins for its first environment.
pub const API_KEY: &str = "rku_test_key_0123456789abcdefghijklmnopqrstuvwxyz";

/// A running server with its temporary database.
pub struct TestServer {
    /// The server (stopped when dropped).
    pub server: RunningServer,
    /// The first environment.
    pub environment: Uuid,
    /// The database URL, for opening the store directly.
    pub database_url: String,
    http: reqwest::Client,
    _dir: tempfile::TempDir,
}

/// The answer to one HTTP request.
#[derive(Debug, Clone)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// Parsed JSON body (`Value::Null` when the body is not JSON).
    pub body: Value,
}

impl Reply {
    /// `errors[0].extensions.response.errorCode`, or the top-level `errorCode`.
    pub fn error_code(&self) -> Option<&str> {
        self.body
            .pointer("/errors/0/extensions/response/errorCode")
            .or_else(|| self.body.get("errorCode"))
            .and_then(Value::as_str)
    }

    /// `errors[0].extensions.response.statusCode`.
    pub fn error_status(&self) -> Option<u64> {
        self.body
            .pointer("/errors/0/extensions/response/statusCode")
            .and_then(Value::as_u64)
    }

    /// The `(field, code)` of every violation.
    pub fn violations(&self) -> Vec<(String, String)> {
        self.body
            .pointer("/errors/0/extensions/response/variables/errors")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .map(|v| {
                        (
                            v["field"].as_str().unwrap_or_default().to_string(),
                            v["code"].as_str().unwrap_or_default().to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// `data.<field>`, panicking with the whole body when the request failed.
    pub fn data(&self, field: &str) -> Value {
        assert!(
            self.body.get("errors").is_none(),
            "expected success, got {}",
            self.body
        );
        self.body["data"][field].clone()
    }
}

/// Credentials of one environment.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// Environment id.
    pub environment: Uuid,
    /// API key.
    pub api_key: String,
}

impl TestServer {
    /// Starts a server on a fresh database.
    pub async fn start() -> TestServer {
        Self::start_with(|_| {}).await
    }

    /// Starts a server on a fresh database after letting `tweak` adjust the config.
    pub async fn start_with(tweak: impl FnOnce(&mut Config)) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let database_url = fresh_database_url(dir.path()).await;
        let environment = Uuid::now_v7();
        let mut config = Config::new(database_url.clone());
        config.listen = "127.0.0.1:0".parse().expect("address");
        config.environment_id = Some(environment);
        config.api_key = Some(API_KEY.to_string());
        tweak(&mut config);
        let server = roq_users_server::spawn(config)
            .await
            .expect("server starts");
        TestServer {
            server,
            environment,
            database_url,
            http: http_client(),
            _dir: dir,
        }
    }

    /// The first environment's credentials.
    pub fn credentials(&self) -> Credentials {
        Credentials {
            environment: self.environment,
            api_key: API_KEY.to_string(),
        }
    }

    /// Creates another environment (with its default tenant and an API key).
    pub async fn create_environment(&self) -> Credentials {
        let store = roq_users_server::store::open(&self.database_url)
            .await
            .expect("store opens");
        let environment = Uuid::now_v7();
        roq_users_server::bootstrap::create_environment(store.as_ref(), environment, "other")
            .await
            .expect("environment created");
        let api_key = roq_users_server::bootstrap::create_api_key(store.as_ref(), environment)
            .await
            .expect("key created");
        Credentials {
            environment,
            api_key,
        }
    }

    /// `http://ADDR` + path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.url())
    }

    /// POSTs JSON with extra headers.
    pub async fn post(&self, path: &str, headers: &[(&str, String)], body: &Value) -> Reply {
        let mut request = self.http.post(self.url(path)).json(body);
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        Self::reply(request.send().await.expect("request sent")).await
    }

    /// POSTs raw bytes with a content type.
    pub async fn post_raw(
        &self,
        path: &str,
        headers: &[(&str, String)],
        content_type: &str,
        body: Vec<u8>,
    ) -> Reply {
        let mut request = self
            .http
            .post(self.url(path))
            .header("content-type", content_type)
            .body(body);
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        Self::reply(request.send().await.expect("request sent")).await
    }

    async fn reply(response: reqwest::Response) -> Reply {
        let status = response.status().as_u16();
        let bytes = response.bytes().await.expect("body read");
        Reply {
            status,
            body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        }
    }

    /// Mints a super-admin token for `creds`.
    pub async fn admin_token_for(&self, creds: &Credentials) -> String {
        let reply = self
            .post(
                "/v01/authorize/serviceAccount",
                &[],
                &json!({"environmentId": creds.environment, "apiKey": creds.api_key}),
            )
            .await;
        assert_eq!(reply.status, 200, "service account token: {}", reply.body);
        reply.body["accessToken"]
            .as_str()
            .expect("accessToken")
            .to_string()
    }

    /// Mints a user token (through a super-admin token) for `user_id`.
    pub async fn user_token(&self, user_id: &str) -> Reply {
        let creds = self.credentials();
        let admin = self.admin_token_for(&creds).await;
        self.post(
            "/v01/authorize",
            &[("roq-platform-authorization", format!("Bearer {admin}"))],
            &json!({"environmentId": creds.environment, "apiKey": creds.api_key, "userId": user_id}),
        )
        .await
    }

    /// The two headers of the server endpoint.
    pub fn server_headers(creds: &Credentials, token: &str) -> Vec<(&'static str, String)> {
        let basic = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", creds.environment, creds.api_key));
        vec![
            ("roq-platform-authorization", format!("Bearer {token}")),
            (
                "roq-platform-server-authorization",
                format!("Basic {basic}"),
            ),
        ]
    }

    /// Runs a document on `/v01/server/graphql` as the first environment's super admin.
    pub async fn admin(&self, query: &str, variables: Value) -> Reply {
        let creds = self.credentials();
        let token = self.admin_token_for(&creds).await;
        self.admin_as(&creds, &token, query, variables).await
    }

    /// Runs a document on `/v01/server/graphql` with the given credentials and token.
    pub async fn admin_as(
        &self,
        creds: &Credentials,
        token: &str,
        query: &str,
        variables: Value,
    ) -> Reply {
        self.post(
            "/v01/server/graphql",
            &Self::server_headers(creds, token),
            &json!({"query": query, "variables": variables}),
        )
        .await
    }

    /// Runs a document on the client endpoint `/v01/graphql` with a bearer token.
    pub async fn client(&self, token: &str, query: &str, variables: Value) -> Reply {
        self.post(
            "/v01/graphql",
            &[("roq-platform-authorization", format!("Bearer {token}"))],
            &json!({"query": query, "variables": variables}),
        )
        .await
    }

    /// Creates a user from a `UserCreateDto` object, returning the reply.
    pub async fn create_user(&self, user: Value) -> Reply {
        self.admin(
            &format!(
                "mutation($user: UserCreateDto!) {{ createUser(user: $user) {{ {USER_FIELDS} }} }}"
            ),
            json!({ "user": user }),
        )
        .await
    }

    /// Creates a user that must succeed; returns the `UserModel` JSON.
    pub async fn must_create(&self, user: Value) -> Value {
        self.create_user(user).await.data("createUser")
    }

    /// Updates a user, returning the reply.
    pub async fn update_user(&self, id: &str, user: Value) -> Reply {
        self.admin(
            &format!(
                "mutation($id: ID!, $user: UserUpdateDto!) {{ updateUser(id: $id, user: $user) {{ {USER_FIELDS} }} }}"
            ),
            json!({ "id": id, "user": user }),
        )
        .await
    }

    /// Runs `users(...)` with the given arguments object; returns the reply.
    pub async fn users(&self, args: Value) -> Reply {
        self.admin(
            "query($filter: UserFilterArgType, $limit: Int, $offset: Int, $order: UserOrderArgType, $search: UserSearchArgType) {
               users(filter: $filter, limit: $limit, offset: $offset, order: $order, search: $search) {
                 totalCount data { id reference email firstName lastName phone locale timezone active createdAt updatedAt }
               }
             }",
            args,
        )
        .await
    }

    /// The references of a successful `users(...)` page, in order.
    pub async fn references(&self, args: Value) -> Vec<String> {
        let page = self.users(args).await.data("users");
        page["data"]
            .as_array()
            .expect("data list")
            .iter()
            .map(|u| u["reference"].as_str().expect("reference").to_string())
            .collect()
    }
}

/// Every scalar field of `UserModel`.
pub const USER_FIELDS: &str = "id reference email firstName lastName phone locale timezone avatarUrl isOptedIn active synced twoFactorEnabled tenantId customData createdAt updatedAt version";
