//! Injectable clocks so that time-dependent logic can be tested deterministically.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

/// A source of the current time.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// Returns the current instant in UTC.
    fn now(&self) -> DateTime<Utc>;
}

/// A clock shared between services and request handlers.
pub type SharedClock = Arc<dyn Clock>;

/// The real wall clock.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SystemClock;

impl SystemClock {
    /// Returns a [`SharedClock`] backed by the real wall clock.
    pub fn shared() -> SharedClock {
        Arc::new(SystemClock)
    }
}

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A manually controlled clock for tests; clones share the same time.
#[derive(Debug, Clone)]
pub struct MovableClock {
    now: Arc<Mutex<DateTime<Utc>>>,
}

impl MovableClock {
    /// Creates a clock frozen at `start`.
    pub fn new(start: DateTime<Utc>) -> Self {
        MovableClock {
            now: Arc::new(Mutex::new(start)),
        }
    }

    /// Returns a [`SharedClock`] that shares time with this clock.
    pub fn shared(&self) -> SharedClock {
        Arc::new(self.clone())
    }

    /// Sets the current time to `t`.
    pub fn set(&self, t: DateTime<Utc>) {
        *self.lock() = t;
    }

    /// Moves the clock by `by` (which may be negative), saturating at the
    /// limits of [`DateTime<Utc>`] instead of panicking.
    pub fn advance(&self, by: Duration) {
        let mut now = self.lock();
        *now = match now.checked_add_signed(by) {
            Some(t) => t,
            None if by < Duration::zero() => DateTime::<Utc>::MIN_UTC,
            None => DateTime::<Utc>::MAX_UTC,
        };
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, DateTime<Utc>> {
        self.now.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Clock for MovableClock {
    fn now(&self) -> DateTime<Utc> {
        *self.lock()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn start() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 1, 31, 12, 0, 0).unwrap()
    }

    #[test]
    fn system_clock_is_close_to_now() {
        let clock = SystemClock::shared();
        let diff = (clock.now() - Utc::now()).num_seconds().abs();
        assert!(diff < 5);
    }

    #[test]
    fn movable_clock_starts_at_start_and_is_frozen() {
        let clock = MovableClock::new(start());
        assert_eq!(clock.now(), start());
        assert_eq!(clock.now(), start());
    }

    #[test]
    fn movable_clock_set_and_advance() {
        let clock = MovableClock::new(start());
        clock.advance(Duration::days(1));
        assert_eq!(
            clock.now(),
            Utc.with_ymd_and_hms(2024, 2, 1, 12, 0, 0).unwrap()
        );
        clock.advance(Duration::hours(-36));
        assert_eq!(
            clock.now(),
            Utc.with_ymd_and_hms(2024, 1, 31, 0, 0, 0).unwrap()
        );
        let later = Utc.with_ymd_and_hms(2030, 6, 1, 0, 0, 0).unwrap();
        clock.set(later);
        assert_eq!(clock.now(), later);
    }

    #[test]
    fn clones_and_shared_handles_share_time() {
        let clock = MovableClock::new(start());
        let copy = clock.clone();
        let shared: SharedClock = clock.shared();
        copy.advance(Duration::minutes(5));
        assert_eq!(clock.now(), start() + Duration::minutes(5));
        assert_eq!(shared.now(), start() + Duration::minutes(5));
    }

    #[test]
    fn advance_saturates_instead_of_panicking() {
        let clock = MovableClock::new(start());
        clock.advance(Duration::MAX);
        assert_eq!(clock.now(), DateTime::<Utc>::MAX_UTC);
        clock.set(start());
        clock.advance(Duration::MIN);
        assert_eq!(clock.now(), DateTime::<Utc>::MIN_UTC);
    }

    #[test]
    fn poisoned_mutex_does_not_panic() {
        let clock = MovableClock::new(start());
        let inner = clock.clone();
        let result = std::thread::spawn(move || {
            let _guard = inner.now.lock().unwrap();
            panic!("poison the mutex");
        })
        .join();
        assert!(result.is_err());
        assert!(clock.now.is_poisoned());
        assert_eq!(clock.now(), start());
        clock.advance(Duration::seconds(1));
        assert_eq!(clock.now(), start() + Duration::seconds(1));
    }

    #[test]
    fn clocks_are_usable_as_trait_objects_across_threads() {
        let clock = MovableClock::new(start());
        let shared = clock.shared();
        let handle = std::thread::spawn(move || shared.now());
        assert_eq!(handle.join().unwrap(), start());
    }
}
