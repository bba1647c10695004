//! The HTTP front (SPEC §2): token endpoints, the two GraphQL endpoints, GraphiQL and
//! `/health`. Every failure answers with ROQ's error envelope and the matching status.

use crate::auth::{self, Auth, DEFAULT_SERVICE_ACCOUNT, Principal};
use crate::graphql::{DocumentCache, Endpoint, RoqSchema, to_graphql_error};
use crate::store::Store;
use crate::users;
use async_graphql::http::GraphiQLSource;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use roq_users::{Error, Id};
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::Arc;
use uuid::Uuid;

/// ROQ's bearer header.
pub const PLATFORM_AUTHORIZATION: &str = "roq-platform-authorization";
/// ROQ's `Basic base64(environmentId:apiKey)` header.
pub const SERVER_AUTHORIZATION: &str = "roq-platform-server-authorization";

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The storage.
    pub store: Arc<dyn Store>,
    /// Token minting and checking.
    pub auth: Arc<Auth>,
    /// The GraphQL schema.
    pub schema: RoqSchema,
    /// Parsed GraphQL documents by text.
    pub documents: Arc<DocumentCache>,
    /// Largest request body, in bytes.
    pub body_limit: usize,
}

/// The router of the whole API.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/v01/authorize/serviceAccount", post(service_account))
        .route("/v01/authorize", post(authorize))
        .route(
            "/v01/server/graphql",
            post(server_graphql).get(server_graphiql),
        )
        .route("/v01/graphql", post(client_graphql).get(client_graphiql))
        .route("/health", get(health))
        .fallback(not_found)
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            panic_response,
        ))
        .with_state(state)
}

/// The envelope of an error as an HTTP response: ROQ's `response` object at the top level
/// (as ROQ's REST endpoints answer) plus a GraphQL-style `errors` list.
pub fn error_response(err: &Error) -> Response {
    let status =
        StatusCode::from_u16(err.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut body = err.to_response();
    if let Value::Object(map) = &mut body {
        map.insert(
            "errors".into(),
            json!([{ "message": err.to_string(), "extensions": err.to_extensions() }]),
        );
    }
    (status, Json(body)).into_response()
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let request_id = Uuid::new_v4().to_string();
    tracing::error!(%request_id, "handler panicked");
    error_response(&Error::internal(request_id))
}

async fn not_found() -> Response {
    let err = Error::NotFound {
        code: roq_users::ErrorCode::Other("ROUTE_NOT_FOUND".into()),
        message: "no such endpoint".into(),
    };
    error_response(&err)
}

fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Reads a JSON request body: `Content-Type: application/json`, at most `limit` bytes.
async fn read_json<T: serde::de::DeserializeOwned>(
    request: Request,
    limit: usize,
) -> Result<T, Error> {
    let (parts, body) = request.into_parts();
    let content_type = header_text(&parts.headers, header::CONTENT_TYPE.as_str()).unwrap_or("");
    let essence = content_type.split(';').next().unwrap_or("").trim();
    if !essence.eq_ignore_ascii_case("application/json") {
        return Err(body_error(format!(
            "Content-Type must be application/json, got {content_type:?}"
        )));
    }
    let too_large = || Error::PayloadTooLarge {
        message: format!("the request body is larger than {limit} bytes"),
    };
    let declared = header_text(&parts.headers, header::CONTENT_LENGTH.as_str())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let bytes: Bytes = match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => bytes,
        Err(err) => {
            let over = std::error::Error::source(&err)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
            return Err(if over {
                too_large()
            } else {
                body_error(format!("could not read the body: {err}"))
            });
        }
    };
    serde_json::from_slice(&bytes)
        .map_err(|e| body_error(format!("the request body is not valid: {e}")))
}

fn body_error(message: String) -> Error {
    Error::validation(vec![roq_users::Violation::new(
        "body",
        roq_users::validation::code::REQUIRED,
        message,
    )])
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ServiceAccountBody {
    environment_id: Id,
    api_key: String,
    #[serde(default)]
    email: Option<String>,
}

async fn service_account(State(state): State<AppState>, request: Request) -> Response {
    let result = async {
        let body: ServiceAccountBody = read_json(request, state.body_limit).await?;
        let environment =
            roq_users::validation::id_argument("environmentId", &body.environment_id)?;
        let key = state.auth.check_api_key(environment, &body.api_key).await?;
        let email = body.email.as_deref().unwrap_or(DEFAULT_SERVICE_ACCOUNT);
        let token = state.auth.mint_super_admin(&key, email)?;
        Ok::<_, Error>(json!({ "accessToken": token }))
    }
    .await;
    match result {
        Ok(body) => Json(body).into_response(),
        Err(err) => error_response(&err),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AuthorizeBody {
    environment_id: Id,
    api_key: String,
    user_id: Id,
    #[serde(default)]
    expires_in: Option<Value>,
    #[serde(default)]
    scope: Option<Value>,
    /// Accepted for compatibility; sessions are not kept server side.
    #[serde(default)]
    #[allow(dead_code)]
    keep_logged_in: Option<bool>,
}

fn bearer(headers: &HeaderMap) -> Result<&str, Error> {
    let value = header_text(headers, PLATFORM_AUTHORIZATION)
        .or_else(|| header_text(headers, header::AUTHORIZATION.as_str()))
        .ok_or_else(|| Error::unauthorized("missing roq-platform-authorization: Bearer <token>"))?;
    auth::parse_bearer(value)
}

async fn authorize(State(state): State<AppState>, request: Request) -> Response {
    let result = async {
        let token = bearer(request.headers())?.to_string();
        let principal = state.auth.principal(&token).await?;
        let body: AuthorizeBody = read_json(request, state.body_limit).await?;
        let environment =
            roq_users::validation::id_argument("environmentId", &body.environment_id)?;
        state.auth.check_api_key(environment, &body.api_key).await?;
        if principal != (Principal::SuperAdmin { environment }) {
            return Err(Error::forbidden(
                "a super-admin token of this environment is required",
            ));
        }
        let lifetime = body
            .expires_in
            .as_ref()
            .map(auth::parse_expires_in)
            .transpose()?;
        let user = users::user(state.store.as_ref(), &principal, &body.user_id).await?;
        if !user.active {
            return Err(Error::forbidden("the user is deactivated"));
        }
        let (access, id) = state
            .auth
            .mint_user(&user, environment, lifetime, body.scope)?;
        Ok::<_, Error>(json!({ "accessToken": access, "idToken": id }))
    }
    .await;
    match result {
        Ok(body) => Json(body).into_response(),
        Err(err) => error_response(&err),
    }
}

async fn server_principal(state: &AppState, headers: &HeaderMap) -> Result<Principal, Error> {
    let token = bearer(headers)?;
    let basic = header_text(headers, SERVER_AUTHORIZATION).ok_or_else(|| {
        Error::unauthorized(
            "missing roq-platform-server-authorization: Basic base64(environmentId:apiKey)",
        )
    })?;
    let (environment, key) = auth::parse_basic(basic)?;
    let key = state.auth.check_api_key(environment, &key).await?;
    let principal = state.auth.principal_with_key(token, Some(key.id)).await?;
    if principal.environment() != environment {
        return Err(Error::unauthorized(
            "the token and the API key name different environments",
        ));
    }
    Ok(principal)
}

async fn server_graphql(State(state): State<AppState>, request: Request) -> Response {
    let principal = server_principal(&state, request.headers()).await;
    execute(&state, principal, Endpoint::Server, request).await
}

async fn client_graphql(State(state): State<AppState>, request: Request) -> Response {
    let principal = match bearer(request.headers()) {
        Ok(token) => state.auth.principal(token).await,
        Err(err) => Err(err),
    };
    execute(&state, principal, Endpoint::Client, request).await
}

async fn execute(
    state: &AppState,
    principal: Result<Principal, Error>,
    endpoint: Endpoint,
    request: Request,
) -> Response {
    let principal = match principal {
        Ok(p) => p,
        Err(err) => return error_response(&err),
    };
    let mut gql_request: async_graphql::Request = match read_json(request, state.body_limit).await {
        Ok(r) => r,
        Err(err) => return error_response(&err),
    };
    state.documents.prepare(&mut gql_request);
    let response = state
        .schema
        .execute(gql_request.data(principal).data(endpoint))
        .await;
    graphql_response(response)
}

/// Gives every error ROQ's envelope: errors the schema raised before execution (parse,
/// validation, variable coercion) carry none yet and become `GRAPHQL_VALIDATION_FAILED`,
/// answered with HTTP 400. Executed operations answer 200, errors in the body.
fn graphql_response(mut response: async_graphql::Response) -> Response {
    let mut invalid_document = false;
    for error in &mut response.errors {
        let has_code = error
            .extensions
            .as_ref()
            .is_some_and(|e| e.get("code").is_some());
        if !has_code {
            invalid_document = true;
            let typed = to_graphql_error(Error::graphql_validation(error.message.clone()));
            error.extensions = typed.extensions;
        }
    }
    let status = if invalid_document && response.data == async_graphql::Value::Null {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    match serde_json::to_vec(&response) {
        Ok(body) => (
            status,
            [(header::CONTENT_TYPE, "application/json")],
            Body::from(body),
        )
            .into_response(),
        Err(err) => {
            let request_id = Uuid::new_v4().to_string();
            tracing::error!(%request_id, error = %err, "response serialisation failed");
            error_response(&Error::internal(request_id))
        }
    }
}

async fn server_graphiql() -> impl IntoResponse {
    Html(
        GraphiQLSource::build()
            .endpoint("/v01/server/graphql")
            .finish(),
    )
}

async fn client_graphiql() -> impl IntoResponse {
    Html(GraphiQLSource::build().endpoint("/v01/graphql").finish())
}

async fn health(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => Json(json!({ "status": "ok", "storage": "ok" })).into_response(),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "unavailable", "storage": "unreachable" })),
        )
            .into_response(),
    }
}
