//! The one tokio runtime of the process, and the bookkeeping that makes interpreter exit
//! and `fork()` safe.
//!
//! - The runtime is built lazily and rebuilt in a forked child (whose copy of the parent's
//!   runtime has no threads).
//! - Every async call counts as in flight until its result is handed to Python. At exit,
//!   [`drain`] waits (with the GIL released) for in-flight calls, then closes the gate: a
//!   call finishing after that drops its result instead of touching a finalising interpreter.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};
use tokio::runtime::Runtime;

struct Shared {
    pid: u32,
    runtime: Arc<Runtime>,
}

static RUNTIME: Mutex<Option<Shared>> = Mutex::new(None);
static IN_FLIGHT: Mutex<usize> = Mutex::new(0);
static SETTLED: Condvar = Condvar::new();
/// `true` while results may be handed to Python.
pub static GATE: RwLock<bool> = RwLock::new(true);
static GENERATION: AtomicU32 = AtomicU32::new(0);

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The process's runtime (a new one after `fork()`).
pub fn runtime() -> Result<Arc<Runtime>, std::io::Error> {
    let pid = std::process::id();
    let mut shared = lock(&RUNTIME);
    if let Some(s) = shared.as_ref()
        && s.pid == pid
    {
        return Ok(s.runtime.clone());
    }
    if let Some(stale) = shared.take() {
        // A fork: the parent's runtime has no threads here; leak it rather than shut it down,
        // and forget the parent's in-flight calls.
        std::mem::forget(stale);
        *lock(&IN_FLIGHT) = 0;
        GENERATION.fetch_add(1, Ordering::SeqCst);
    }
    let runtime = Arc::new(
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .thread_name("roq-users")
            .build()?,
    );
    *shared = Some(Shared {
        pid,
        runtime: runtime.clone(),
    });
    Ok(runtime)
}

/// The process id the current runtime belongs to (changes after `fork()`).
pub fn current_pid() -> u32 {
    std::process::id()
}

/// Counts one async call as in flight until dropped.
pub struct InFlight {
    generation: u32,
}

impl InFlight {
    /// Registers a call.
    pub fn start() -> InFlight {
        *lock(&IN_FLIGHT) += 1;
        InFlight {
            generation: GENERATION.load(Ordering::SeqCst),
        }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if self.generation != GENERATION.load(Ordering::SeqCst) {
            return;
        }
        let mut count = lock(&IN_FLIGHT);
        *count = count.saturating_sub(1);
        if *count == 0 {
            SETTLED.notify_all();
        }
    }
}

/// Waits up to `timeout` for in-flight calls, then closes the gate. Returns how many were
/// still in flight. Call without holding the GIL.
pub fn drain(timeout: Duration) -> usize {
    let deadline = Instant::now() + timeout;
    let mut count = lock(&IN_FLIGHT);
    while *count > 0 {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        count = SETTLED
            .wait_timeout(count, left)
            .map(|(guard, _)| guard)
            .unwrap_or_else(|poisoned| poisoned.into_inner().0);
    }
    let remaining = *count;
    drop(count);
    *GATE
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = false;
    remaining
}
