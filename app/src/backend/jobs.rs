//! Background work a server has in flight, so a shutdown can let it finish instead of cutting a
//! provisioning in the middle of a step.
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

/// Counts the background tasks started through it.
#[derive(Debug, Default)]
pub struct JobTracker {
    running: AtomicUsize,
    idle: Notify,
}

impl JobTracker {
    /// Runs `job` in the background, counted until it ends.
    pub fn spawn<F>(self: &Arc<Self>, job: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        self.running.fetch_add(1, Ordering::SeqCst);
        let tracker = Arc::clone(self);
        tokio::spawn(async move {
            job.await;
            if tracker.running.fetch_sub(1, Ordering::SeqCst) == 1 {
                tracker.idle.notify_waiters();
            }
        });
    }

    /// How many jobs are running now.
    pub fn running(&self) -> usize {
        self.running.load(Ordering::SeqCst)
    }

    /// Waits until no job runs, or `limit` has passed; returns whether all finished.
    pub async fn wait_idle(&self, limit: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let idle = self.idle.notified();
            if self.running() == 0 {
                return true;
            }
            if tokio::time::timeout_at(deadline, idle).await.is_err() {
                return self.running() == 0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn waits_for_running_jobs_and_gives_up_after_the_limit() {
        let jobs = Arc::new(JobTracker::default());
        assert!(jobs.wait_idle(Duration::from_millis(1)).await);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        jobs.spawn(async move {
            let _ = rx.await;
        });
        assert_eq!(jobs.running(), 1);
        assert!(
            !jobs.wait_idle(Duration::from_millis(20)).await,
            "still running"
        );
        let _ = tx.send(());
        assert!(jobs.wait_idle(Duration::from_secs(5)).await);
        assert_eq!(jobs.running(), 0);
    }
}
