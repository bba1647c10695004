//! `roq_users._native`: the pyo3 glue of the Python package. It converts arguments, bridges
//! blocking and asyncio calls onto the core SDK, and maps errors; everything that decides
//! behaviour lives in the `roq-users` crate (`Scope::call`, `UsersPager`).

mod error;
mod runtime;

use error::{raise, to_py_err};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;
use roq_users::{PlatformConfig, RetryPolicy, UsersPager};
use serde_json::Value;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn parse(input: &str) -> PyResult<Value> {
    serde_json::from_str(input)
        .map_err(|e| PyValueError::new_err(format!("input is not JSON: {e}")))
}

fn runtime_error(e: std::io::Error) -> PyErr {
    PyRuntimeError::new_err(format!("could not start the roq-users runtime: {e}"))
}

/// Runs a future to completion on the shared runtime with the GIL released.
fn block_on<T: Send>(
    py: Python<'_>,
    fut: impl Future<Output = Result<T, roq_users::Error>> + Send,
) -> PyResult<T> {
    let rt = runtime::runtime().map_err(runtime_error)?;
    py.detach(|| rt.block_on(fut)).map_err(|e| raise(&e))
}

/// Returns an asyncio future (of the running loop) resolved with the future's JSON text.
fn awaitable<'py>(
    py: Python<'py>,
    fut: impl Future<Output = Result<String, roq_users::Error>> + Send + 'static,
) -> PyResult<Bound<'py, PyAny>> {
    let event_loop = py.import("asyncio")?.call_method0("get_running_loop")?;
    let future = event_loop.call_method0("create_future")?;
    let resolve = py.import("roq_users._bridge")?.getattr("resolve")?.unbind();
    let (loop_ref, future_ref) = (event_loop.unbind(), future.clone().unbind());
    let in_flight = runtime::InFlight::start();
    runtime::runtime()
        .map_err(runtime_error)?
        .spawn(async move {
            let result = fut.await;
            let gate = runtime::GATE
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if *gate {
                Python::attach(|py| {
                    let (ok, value) = match result {
                        Ok(text) => (true, PyString::new(py, &text).into_any().unbind()),
                        Err(err) => (false, to_py_err(py, &err).into_value(py).into_any()),
                    };
                    // Fails only when the loop is already closed: nobody awaits the result.
                    let _ = loop_ref.bind(py).call_method1(
                        "call_soon_threadsafe",
                        (resolve.bind(py), future_ref.bind(py), ok, value),
                    );
                });
            }
            drop(gate);
            drop(in_flight);
        });
    Ok(future)
}

/// The native client of one environment (see `roq_users.Platform`).
#[pyclass(frozen, module = "roq_users._native")]
struct Platform {
    config: PlatformConfig,
    /// The core client and the process it was built in (rebuilt after `fork()`).
    core: Mutex<(u32, roq_users::Platform)>,
}

impl Platform {
    fn core(&self) -> PyResult<roq_users::Platform> {
        let mut core = self
            .core
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let pid = runtime::current_pid();
        if core.0 != pid {
            *core = (
                pid,
                roq_users::Platform::new(self.config.clone()).map_err(|e| raise(&e))?,
            );
        }
        Ok(core.1.clone())
    }
}

#[pymethods]
impl Platform {
    #[new]
    #[pyo3(signature = (host, environment_id, api_key, timeout, max_retries, user_agent=None))]
    fn new(
        host: String,
        environment_id: String,
        api_key: String,
        timeout: f64,
        max_retries: u32,
        user_agent: Option<String>,
    ) -> PyResult<Self> {
        if !(timeout.is_finite() && timeout > 0.0) {
            return Err(PyValueError::new_err(
                "timeout must be a positive number of seconds",
            ));
        }
        let mut config = PlatformConfig::new(host, environment_id, api_key);
        config.timeout = Duration::from_secs_f64(timeout);
        config.retry = RetryPolicy {
            max_retries,
            ..RetryPolicy::default()
        };
        if let Some(agent) = user_agent {
            config.user_agent = agent;
        }
        let core = roq_users::Platform::new(config.clone()).map_err(|e| raise(&e))?;
        Ok(Platform {
            config,
            core: Mutex::new((runtime::current_pid(), core)),
        })
    }

    /// A scope acting as the super admin (`user_id=None`) or as one user.
    #[pyo3(signature = (user_id=None))]
    fn scope(slf: Py<Self>, user_id: Option<String>) -> Scope {
        Scope {
            platform: slf,
            user_id,
        }
    }
}

/// The native scoped client (see `roq_users.Scope`).
#[pyclass(frozen, module = "roq_users._native")]
struct Scope {
    platform: Py<Platform>,
    user_id: Option<String>,
}

impl Scope {
    fn core(&self) -> PyResult<roq_users::Scope> {
        let platform = self.platform.get().core()?;
        Ok(match &self.user_id {
            Some(id) => platform.as_user(id.clone()),
            None => platform.as_super_admin(),
        })
    }
}

#[pymethods]
impl Scope {
    /// Runs an operation by name with wire-form JSON; blocks with the GIL released.
    fn call(&self, py: Python<'_>, operation: &str, input: &str) -> PyResult<String> {
        let (scope, input) = (self.core()?, parse(input)?);
        block_on(py, async move {
            scope.call(operation, input).await.map(|v| v.to_string())
        })
    }

    /// Like `call`, as an awaitable of the running asyncio loop.
    fn call_async<'py>(
        &self,
        py: Python<'py>,
        operation: String,
        input: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (scope, input) = (self.core()?, parse(input)?);
        awaitable(py, async move {
            scope.call(&operation, input).await.map(|v| v.to_string())
        })
    }

    /// The pages of a users() query (wire-form JSON; `limit` is the page size).
    fn pager(&self, input: &str) -> PyResult<Pager> {
        let query = roq_users::client::from_wire("query", parse(input)?).map_err(|e| raise(&e))?;
        Ok(Pager {
            inner: Arc::new(tokio::sync::Mutex::new(self.core()?.users_pager(query))),
        })
    }
}

/// A cursor over the pages of a users() query.
#[pyclass(frozen, module = "roq_users._native")]
struct Pager {
    inner: Arc<tokio::sync::Mutex<UsersPager>>,
}

async fn next_page(pager: Arc<tokio::sync::Mutex<UsersPager>>) -> Result<String, roq_users::Error> {
    let page = pager.lock().await.next_page().await?;
    Ok(serde_json::to_string(&page).unwrap_or_else(|_| "null".into()))
}

#[pymethods]
impl Pager {
    /// The next page as a JSON array, or `"null"` after the last one; blocks without the GIL.
    fn next_page(&self, py: Python<'_>) -> PyResult<String> {
        block_on(py, next_page(self.inner.clone()))
    }

    /// Like `next_page`, as an awaitable.
    fn next_page_async<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        awaitable(py, next_page(self.inner.clone()))
    }
}

/// Waits up to `timeout` seconds for in-flight async calls, then stops handing results to
/// Python. Registered with `atexit`; returns how many calls were still in flight.
#[pyfunction]
fn shutdown(py: Python<'_>, timeout: f64) -> usize {
    let timeout = Duration::from_secs_f64(timeout.clamp(0.0, 60.0));
    py.detach(|| runtime::drain(timeout))
}

/// The operations `Scope.call` knows.
#[pyfunction]
fn operations() -> Vec<&'static str> {
    roq_users::client::OPERATIONS.to_vec()
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Platform>()?;
    m.add_class::<Scope>()?;
    m.add_class::<Pager>()?;
    m.add_function(wrap_pyfunction!(shutdown, m)?)?;
    m.add_function(wrap_pyfunction!(operations, m)?)?;
    Ok(())
}
