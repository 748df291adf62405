//! Live changes for open dashboards. Every server polls the event tables' newest ids a few times
//! a second (one cheap statement; any server's change shows, on either engine) and, when one
//! moved, tells every dashboard connected to it at once through a broadcast channel; the
//! dashboard then reads itself again. A reader that falls behind only misses intermediate
//! versions, never the latest.
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tokio::sync::broadcast;

use super::state::AppState;
use crate::error::Result;
use crate::wire::health::HealthSummaryView;
use crate::wire::utilization::UtilizationView;

pub mod feed;

/// How often each server looks for changes.
pub const POLL: Duration = Duration::from_millis(250);

/// What changed, as told to a dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Grows with every change (the sum of the event tables' newest ids).
    pub version: i64,
    /// The newest event, for people ("acme: payment captured").
    pub latest: String,
}

/// How long the fleet's health and utilization are kept when nothing changes (their
/// measurements move with the health rounds, every minute at the most).
pub const FLEET_KEPT: Duration = Duration::from_secs(30);

/// The fleet's health and utilization, as read last.
pub type Fleet = (HealthSummaryView, UtilizationView);

/// The channel dashboards listen on.
pub struct Live {
    sender: broadcast::Sender<Change>,
    version: AtomicI64,
    /// The fleet read at a version, and when: every open dashboard reads itself again after a
    /// change, and these read every tenant's row.
    fleet: Mutex<Option<(i64, Instant, Fleet)>>,
}

impl Default for Live {
    fn default() -> Self {
        let (sender, _) = broadcast::channel(16);
        Live {
            sender,
            version: AtomicI64::new(0),
            fleet: Mutex::new(None),
        }
    }
}

impl Live {
    /// A new listener, told of every change from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.sender.subscribe()
    }

    /// The version last seen.
    pub fn version(&self) -> i64 {
        self.version.load(Ordering::Relaxed)
    }

    /// How many dashboards listen on this server.
    pub fn listeners(&self) -> usize {
        self.sender.receiver_count()
    }

    /// The fleet's health and utilization, read again after a change or [`FLEET_KEPT`].
    pub async fn fleet(&self, st: &AppState) -> Result<Fleet> {
        let version = self.version();
        {
            let kept = self.fleet.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((v, at, fleet)) = kept.as_ref() {
                if *v == version && at.elapsed() < FLEET_KEPT {
                    return Ok(fleet.clone());
                }
            }
        }
        let fleet = (
            crate::backend::health::summary(st).await?,
            crate::backend::utilization::report(st).await?,
        );
        *self.fleet.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((version, Instant::now(), fleet.clone()));
        Ok(fleet)
    }

    fn saw(&self, change: Change) {
        let before = self.version.swap(change.version, Ordering::Relaxed);
        if before != change.version {
            // No listener is not an error.
            let _ = self.sender.send(change);
        }
    }
}

/// Polls for changes for as long as the runtime runs.
pub fn spawn(st: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(POLL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut last = None;
        loop {
            tick.tick().await;
            match feed::version(&st.pool).await {
                Ok(version) if Some(version) != last => {
                    let latest = match feed::latest(&st, 1).await {
                        Ok(items) => items.into_iter().next().map(|i| i.text).unwrap_or_default(),
                        Err(e) => {
                            tracing::debug!(error = %e, "newest event not read");
                            String::new()
                        }
                    };
                    // The first read only sets where changes start.
                    if last.is_some() {
                        st.live.saw(Change { version, latest });
                    } else {
                        st.live.version.store(version, Ordering::Relaxed);
                    }
                    last = Some(version);
                }
                Ok(_) => {}
                Err(e) => tracing::debug!(error = %e, "live version not read"),
            }
        }
    });
}
