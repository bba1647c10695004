//! The GraphQL schema of SPEC §3 (names are part of the contract).

mod documents;
mod operations;
mod relations;
mod types;

pub use documents::DocumentCache;
pub use operations::{MutationRoot, QueryRoot};

use crate::auth::Principal;
use crate::store::Store;
use async_graphql::{Context, EmptySubscription, ErrorExtensionValues, Schema, Value};
use roq_users::Error;
use std::sync::Arc;

/// The executable schema.
pub type RoqSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

/// Deepest selection a document may have (ROQ's own documents need 4).
pub const MAX_DEPTH: usize = 12;
/// Largest complexity (roughly: fields selected, lists counted once) a document may have.
pub const MAX_COMPLEXITY: usize = 2000;

/// Which endpoint a request came through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// `/v01/server/graphql`: queries and mutations.
    Server,
    /// `/v01/graphql`: queries only.
    Client,
}

/// Builds the schema around a store.
pub fn build_schema(store: Arc<dyn Store>) -> RoqSchema {
    Schema::build(QueryRoot, MutationRoot, EmptySubscription)
        .data(store)
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .finish()
}

/// The schema's SDL, as checked in at `server/schema.graphql`.
pub fn sdl() -> String {
    Schema::build(QueryRoot, MutationRoot, EmptySubscription)
        .finish()
        .sdl()
}

/// Converts a roq-users error into a GraphQL error carrying ROQ's envelope.
pub fn to_graphql_error(err: Error) -> async_graphql::Error {
    let mut extensions = ErrorExtensionValues::default();
    if let Ok(Value::Object(map)) = Value::from_json(err.to_extensions()) {
        for (key, value) in map {
            extensions.set(key.as_str(), value);
        }
    }
    async_graphql::Error {
        message: err.to_string(),
        source: None,
        extensions: Some(extensions),
    }
}

/// The store and principal of the current request.
pub(crate) fn request<'a>(
    ctx: &Context<'a>,
) -> async_graphql::Result<(&'a dyn Store, &'a Principal)> {
    let store = ctx
        .data::<Arc<dyn Store>>()
        .map_err(|_| to_graphql_error(Error::internal("no-store")))?;
    let principal = ctx
        .data::<Principal>()
        .map_err(|_| to_graphql_error(Error::unauthorized("no credentials")))?;
    Ok((store.as_ref(), principal))
}

/// Like [`request`], for mutations: refused (`FORBIDDEN`) on the client endpoint.
pub(crate) fn mutation_request<'a>(
    ctx: &Context<'a>,
) -> async_graphql::Result<(&'a dyn Store, &'a Principal)> {
    if ctx.data::<Endpoint>().ok() != Some(&Endpoint::Server) {
        return Err(to_graphql_error(Error::forbidden(
            "mutations are allowed only on /v01/server/graphql",
        )));
    }
    request(ctx)
}
