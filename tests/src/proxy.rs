//! A fault-injecting HTTP proxy in front of a real roq-users server: it counts requests per
//! path and, on demand, answers the next requests to a path with a failure instead of
//! forwarding them. Used to test the SDK's token cache and retries; everything it does not
//! intercept reaches the real server unchanged.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

/// What to do instead of forwarding one request.
#[derive(Debug, Clone)]
pub enum Fault {
    /// Answer with this status and ROQ's envelope (`retryAfterMs` set for 429).
    Status(u16),
    /// Start a 200 answer, then break the connection mid-body.
    Drop,
    /// Never answer.
    Hang,
}

#[derive(Default)]
struct Shared {
    upstream: String,
    counts: HashMap<String, usize>,
    faults: HashMap<String, VecDeque<Fault>>,
}

/// The running proxy; stops when dropped.
pub struct FaultProxy {
    url: String,
    shared: Arc<Mutex<Shared>>,
    _shutdown: oneshot::Sender<()>,
}

fn lock(shared: &Mutex<Shared>) -> std::sync::MutexGuard<'_, Shared> {
    shared
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl FaultProxy {
    /// Starts a proxy on 127.0.0.1:0 forwarding to `upstream` (`http://ADDR`).
    pub async fn start(upstream: &str) -> FaultProxy {
        let shared = Arc::new(Mutex::new(Shared {
            upstream: upstream.to_string(),
            ..Shared::default()
        }));
        let app = axum::Router::new()
            .fallback(handle)
            .with_state((shared.clone(), crate::http_client()));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("proxy binds");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let (tx, rx) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        FaultProxy {
            url,
            shared,
            _shutdown: tx,
        }
    }

    /// The proxy's base URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Requests seen for `path` so far (intercepted ones included).
    pub fn count(&self, path: &str) -> usize {
        lock(&self.shared).counts.get(path).copied().unwrap_or(0)
    }

    /// Queues faults for the next requests to `path`, in order.
    pub fn inject(&self, path: &str, faults: impl IntoIterator<Item = Fault>) {
        lock(&self.shared)
            .faults
            .entry(path.to_string())
            .or_default()
            .extend(faults);
    }

    /// Points the proxy at another server.
    pub fn set_upstream(&self, upstream: &str) {
        lock(&self.shared).upstream = upstream.to_string();
    }
}

type AppState = (Arc<Mutex<Shared>>, reqwest::Client);

async fn handle(State((shared, http)): State<AppState>, request: Request) -> Response {
    let path = request.uri().path().to_string();
    let (fault, upstream) = {
        let mut s = lock(&shared);
        *s.counts.entry(path.clone()).or_default() += 1;
        let fault = s.faults.get_mut(&path).and_then(VecDeque::pop_front);
        (fault, s.upstream.clone())
    };
    match fault {
        Some(Fault::Status(status)) => fault_status(status),
        Some(Fault::Drop) => {
            let broken = futures::stream::once(async {
                Err::<Bytes, std::io::Error>(std::io::Error::other("dropped by the fault proxy"))
            });
            Response::new(Body::from_stream(broken))
        }
        Some(Fault::Hang) => std::future::pending().await,
        None => forward(&http, &upstream, request).await,
    }
}

fn fault_status(status: u16) -> Response {
    let code = match status {
        429 => "RATE_LIMITED",
        503 => "SERVICE_UNAVAILABLE",
        _ => "INTERNAL_ERROR",
    };
    let variables = if status == 429 {
        serde_json::json!({"retryAfterMs": 20})
    } else {
        serde_json::json!({})
    };
    let body = serde_json::json!({
        "statusCode": status, "error": "injected", "message": "injected by the fault proxy",
        "errorCode": code, "variables": variables,
    });
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, axum::Json(body)).into_response()
}

async fn forward(http: &reqwest::Client, upstream: &str, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let mut outgoing = http
        .request(parts.method, format!("{upstream}{}", parts.uri))
        .body(bytes);
    for (name, value) in parts.headers.iter() {
        if name != "host" && name != "content-length" {
            outgoing = outgoing.header(name, value);
        }
    }
    match outgoing.send().await {
        Ok(answer) => {
            let status = answer.status();
            let mut headers = HeaderMap::new();
            if let Some(ct) = answer.headers().get("content-type") {
                headers.insert("content-type", ct.clone());
            }
            let body = answer.bytes().await.unwrap_or_default();
            (status, headers, body).into_response()
        }
        Err(err) => (
            StatusCode::BAD_GATEWAY,
            [("content-type", HeaderValue::from_static("text/plain"))],
            format!("upstream failed: {err}"),
        )
            .into_response(),
    }
}
