//! Background work a server has in flight, so a shutdown can let it finish instead of cutting a
//! provisioning in the middle of a step; and the queue that lets only a few heavy jobs
//! (provisioning) run at once on a server, however many orders arrive together.
use std::collections::HashSet;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{Notify, Semaphore};

/// Heavy jobs one server runs at once unless configured otherwise.
pub const DEFAULT_SLOTS: usize = 4;

/// Counts the background tasks started through it and queues the heavy ones.
#[derive(Debug)]
pub struct JobTracker {
    running: AtomicUsize,
    idle: Notify,
    slots: Arc<Semaphore>,
    slots_total: usize,
    /// Keys of queued or running heavy jobs, so one is never queued twice on a server.
    queued: Mutex<HashSet<i64>>,
    busiest: AtomicUsize,
}

impl Default for JobTracker {
    fn default() -> Self {
        JobTracker::with_slots(DEFAULT_SLOTS)
    }
}

impl JobTracker {
    /// A tracker that runs at most `slots` heavy jobs at once.
    pub fn with_slots(slots: usize) -> Self {
        JobTracker {
            running: AtomicUsize::new(0),
            idle: Notify::new(),
            slots: Arc::new(Semaphore::new(slots.max(1))),
            slots_total: slots.max(1),
            queued: Mutex::new(HashSet::new()),
            busiest: AtomicUsize::new(0),
        }
    }

    /// Queues the heavy job `key` (an order id): it runs once a slot is free. Returns false,
    /// and does nothing, when that job is already queued or running on this server.
    pub fn spawn_queued<F>(self: &Arc<Self>, key: i64, job: F) -> bool
    where
        F: Future<Output = ()> + Send + 'static,
    {
        let fresh = self
            .queued
            .lock()
            .map(|mut q| q.insert(key))
            .unwrap_or(false);
        if !fresh {
            return false;
        }
        let tracker = Arc::clone(self);
        self.spawn(async move {
            if let Ok(slot) = Arc::clone(&tracker.slots).acquire_owned().await {
                let in_use = tracker.in_use();
                tracker.busiest.fetch_max(in_use, Ordering::SeqCst);
                job.await;
                drop(slot);
            }
            if let Ok(mut q) = tracker.queued.lock() {
                q.remove(&key);
            }
        });
        true
    }

    /// Heavy jobs running now.
    fn in_use(&self) -> usize {
        self.slots_total - self.slots.available_permits()
    }

    /// The most heavy jobs that ever ran at once on this server.
    pub fn busiest(&self) -> usize {
        self.busiest.load(Ordering::SeqCst)
    }

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
    async fn heavy_jobs_queue_for_their_slots_and_never_twice() {
        let jobs = Arc::new(JobTracker::with_slots(2));
        let (tx, rx) = tokio::sync::watch::channel(false);
        for key in 0..5 {
            let mut rx = rx.clone();
            assert!(jobs.spawn_queued(key, async move {
                let _ = rx.wait_for(|open| *open).await;
            }));
        }
        assert!(!jobs.spawn_queued(3, async {}), "already queued");
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(jobs.busiest(), 2);
        let _ = tx.send(true);
        assert!(jobs.wait_idle(Duration::from_secs(5)).await);
        assert_eq!(jobs.busiest(), 2);
        assert!(jobs.spawn_queued(3, async {}), "done, so it may run again");
    }

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
