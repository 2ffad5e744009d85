//! Values shared between the threads that compute on one catalog.

use crate::error::Result;
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

/// Values computed once per key and shared by every thread that asks. No lock is held while a
/// value is computed: a computation may wait on Polars' pool, whose thread may meanwhile take
/// up another computation asking for the same key. Two threads that ask for a missing key at
/// once may both compute it (the same value, from the same files); the first one stored is
/// kept. A failed computation stores nothing.
pub(super) struct Memo<V> {
    values: Mutex<HashMap<String, V>>,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            values: Mutex::default(),
        }
    }
}

impl<V: Clone> Memo<V> {
    pub(super) fn get_or_compute(
        &self,
        key: &str,
        compute: impl FnOnce() -> Result<V>,
    ) -> Result<V> {
        if let Some(v) = locked(&self.values).get(key) {
            return Ok(v.clone());
        }
        let v = compute()?;
        Ok(locked(&self.values)
            .entry(key.to_string())
            .or_insert(v)
            .clone())
    }
}

/// A mutex's contents, also after a thread panicked holding it (the panic itself is reported;
/// the values it guards are whole: each is stored in one assignment).
pub(super) fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::Memo;
    use crate::error::Error;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_value_is_computed_once_and_shared_and_a_failure_is_not_kept() {
        let memo: Memo<String> = Memo::default();
        let runs = AtomicUsize::new(0);
        let compute = || {
            runs.fetch_add(1, Ordering::SeqCst);
            Ok("value".to_string())
        };
        let values: Vec<String> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| s.spawn(|| memo.get_or_compute("k", compute).expect("ok")))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("joined"))
                .collect()
        });
        assert!(values.iter().all(|v| v == "value"), "{values:?}");
        // Threads that asked at once may each have computed it; a later call never does.
        let before = runs.load(Ordering::SeqCst);
        assert!((1..=4).contains(&before), "{before}");
        assert_eq!(memo.get_or_compute("k", compute).expect("ok"), "value");
        assert_eq!(runs.load(Ordering::SeqCst), before);
        // A failure stores nothing: the next call computes again.
        let err = memo.get_or_compute("bad", || Err(Error::Compute("no".into())));
        assert!(err.is_err());
        assert_eq!(
            memo.get_or_compute("bad", || Ok("now".into())).expect("ok"),
            "now"
        );
    }

    #[test]
    fn a_catalog_is_shared_between_threads() {
        fn shared<T: Sync + Send>(_: &T) {}
        shared(&crate::catalog::fixture_catalog());
    }
}
