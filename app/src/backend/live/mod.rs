//! Live changes for open dashboards. Every server polls the event tables' newest ids a few times
//! a second (one cheap statement; any server's change shows, on either engine) and, when one
//! moved, tells every dashboard connected to it at once through a broadcast channel; the
//! dashboard then reads itself again. A reader that falls behind only misses intermediate
//! versions, never the latest.
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use tokio::sync::broadcast;

use super::state::AppState;

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

/// The channel dashboards listen on.
pub struct Live {
    sender: broadcast::Sender<Change>,
    version: AtomicI64,
}

impl Default for Live {
    fn default() -> Self {
        let (sender, _) = broadcast::channel(16);
        Live {
            sender,
            version: AtomicI64::new(0),
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
