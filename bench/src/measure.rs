//! Timing helpers: elapsed time, rates, medians and latency percentiles.

use std::time::{Duration, Instant};

/// Runs a future and returns how long it took (its error, if any).
pub async fn timed<F, E>(future: F) -> Result<Duration, E>
where
    F: std::future::Future<Output = Result<(), E>>,
{
    let started = Instant::now();
    future.await?;
    Ok(started.elapsed())
}

/// Operations per second.
pub fn rate(count: usize, elapsed: Duration) -> f64 {
    count as f64 / elapsed.as_secs_f64().max(f64::EPSILON)
}

/// The median of some figures.
pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Latency percentiles of one run.
#[derive(Debug, Clone, Copy)]
pub struct Stats {
    /// Median, in milliseconds.
    pub p50_ms: f64,
    /// 99th percentile, in milliseconds.
    pub p99_ms: f64,
}

impl Stats {
    /// Percentiles of some samples.
    pub fn of(mut samples: Vec<Duration>) -> Stats {
        samples.sort();
        let at = |q: f64| {
            let index = ((samples.len() as f64 - 1.0) * q).round() as usize;
            samples
                .get(index)
                .map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
        };
        Stats {
            p50_ms: at(0.5),
            p99_ms: at(0.99),
        }
    }

    /// The run with the median p50.
    pub fn median_of(mut runs: Vec<Stats>) -> Stats {
        runs.sort_by(|a, b| a.p50_ms.total_cmp(&b.p50_ms));
        runs.get(runs.len() / 2).copied().unwrap_or(Stats {
            p50_ms: f64::NAN,
            p99_ms: f64::NAN,
        })
    }
}
