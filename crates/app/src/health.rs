//! `/api/health/detailed`: is the database answering, and how fast.

use crate::App;
use serde::Serialize;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// A ping slower than this makes the service `degraded`: pages would feel broken.
pub const SLOW_DATABASE: Duration = Duration::from_millis(500);
/// Give up on the ping after this long and report the database as not connected.
const PING_TIMEOUT: Duration = Duration::from_secs(3);

#[derive(Debug, Clone, Serialize)]
pub struct DatabaseHealth {
    pub connected: bool,
    pub latency_ms: f64,
    pub backend: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct DetailedHealth {
    /// `healthy` or `degraded`.
    pub status: &'static str,
    pub version: &'static str,
    pub uptime_s: u64,
    pub database: DatabaseHealth,
    pub pool: store::PoolStats,
    pub jobs: serde_json::Value,
}

impl App {
    /// Records that a job worker of this process started (`true`) or stopped (`false`), so the
    /// health report can tell whether queued solves will run here.
    pub fn note_job_worker(&self, running: bool) {
        if running {
            self.job_workers.fetch_add(1, Ordering::Relaxed);
        } else {
            self.job_workers.fetch_sub(1, Ordering::Relaxed);
        }
    }

    pub async fn detailed_health(&self) -> DetailedHealth {
        let started = Instant::now();
        let ping = tokio::time::timeout(PING_TIMEOUT, self.store.ping()).await;
        let elapsed = started.elapsed();
        let (connected, latency) = match ping {
            Ok(Ok(latency)) => (true, latency),
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "database ping failed");
                (false, elapsed)
            }
            Err(_) => {
                tracing::warn!(?elapsed, "database ping timed out");
                (false, elapsed)
            }
        };
        DetailedHealth {
            status: status_of(connected, latency),
            version: env!("CARGO_PKG_VERSION"),
            uptime_s: self.started.elapsed().as_secs(),
            database: DatabaseHealth {
                connected,
                latency_ms: (latency.as_secs_f64() * 1000.0 * 100.0).round() / 100.0,
                backend: self.store.backend().as_str(),
            },
            pool: self.store.pool_stats(),
            jobs: serde_json::json!({ "workers": self.job_workers.load(Ordering::Relaxed) }),
        }
    }
}

/// `healthy` only when the database answers, and fast enough for pages to feel alive.
fn status_of(connected: bool, latency: Duration) -> &'static str {
    if connected && latency < SLOW_DATABASE {
        "healthy"
    } else {
        "degraded"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slow_or_down_is_degraded() {
        assert_eq!(status_of(true, Duration::from_millis(3)), "healthy");
        assert_eq!(status_of(true, SLOW_DATABASE), "degraded");
        assert_eq!(status_of(true, Duration::from_secs(2)), "degraded");
        assert_eq!(status_of(false, Duration::from_millis(1)), "degraded");
    }
}
