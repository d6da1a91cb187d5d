//! Verified keys kept in process for a short while, so that a warm function authenticates
//! without a database read. The time-to-live bounds how long a revoked key keeps working on a
//! container that has just seen it (expiry is checked on every request regardless).
//!
//! Also decides when a key's `lastUsedAt` is due: at most once per interval per container, and
//! the conditional write keeps it at most once per interval across containers.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::store::KeyRecord;

/// Revocation takes effect within this long (`KEY_CACHE_TTL_SECONDS` overrides it).
pub const DEFAULT_TTL: Duration = Duration::from_secs(10);
/// `lastUsedAt` moves at most this often.
pub const TOUCH_INTERVAL: Duration = Duration::from_secs(60);
/// Far above the keys one container sees; reaching it just starts over.
const MAX_ENTRIES: usize = 10_000;

struct Entry {
    record: KeyRecord,
    fetched: Instant,
}

pub struct KeyCache {
    ttl: Duration,
    pub(crate) touch_interval: Duration,
    entries: Mutex<HashMap<String, Entry>>,
    touched: Mutex<HashMap<String, Instant>>,
}

impl KeyCache {
    pub fn new(ttl: Duration, touch_interval: Duration) -> Self {
        Self {
            ttl,
            touch_interval,
            entries: Mutex::default(),
            touched: Mutex::default(),
        }
    }

    pub fn from_env() -> Self {
        let ttl = std::env::var("KEY_CACHE_TTL_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .map_or(DEFAULT_TTL, Duration::from_secs);
        Self::new(ttl, TOUCH_INTERVAL)
    }

    pub fn get(&self, hash: &str) -> Option<KeyRecord> {
        let entries = self.entries.lock().expect("not poisoned");
        entries
            .get(hash)
            .filter(|e| e.fetched.elapsed() < self.ttl)
            .map(|e| e.record.clone())
    }

    pub fn put(&self, hash: &str, record: &KeyRecord) {
        if self.ttl.is_zero() {
            return;
        }
        let mut entries = self.entries.lock().expect("not poisoned");
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(
            hash.to_owned(),
            Entry {
                record: record.clone(),
                fetched: Instant::now(),
            },
        );
    }

    /// Whether this container should write `lastUsedAt` for the key now; if so, notes it did.
    pub fn touch_due(&self, hash: &str) -> bool {
        let mut touched = self.touched.lock().expect("not poisoned");
        if touched
            .get(hash)
            .is_some_and(|at| at.elapsed() < self.touch_interval)
        {
            return false;
        }
        if touched.len() >= MAX_ENTRIES {
            touched.clear();
        }
        touched.insert(hash.to_owned(), Instant::now());
        true
    }
}

impl std::fmt::Debug for KeyCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyCache").field("ttl", &self.ttl).finish()
    }
}
