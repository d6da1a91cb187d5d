//! API keys: their format, the permissions they carry, and turning an `Authorization` header
//! into an authenticated key.

pub mod cache;
pub mod key;
pub mod permission;

pub use cache::KeyCache;
pub use key::{ApiKey, KeyHash};
pub use permission::{Permission, Permissions};

use crate::http::Problem;
use crate::store::{KeyRecord, Store};

/// A key that passed every check: it exists, is not revoked or expired, and belongs to `event_id`.
#[derive(Clone, Debug)]
pub struct Caller {
    pub key_id: String,
    pub event_id: String,
    pub permissions: Permissions,
}

impl Caller {
    pub fn require(&self, permission: Permission) -> Result<(), Problem> {
        if self.permissions.grants(permission) {
            Ok(())
        } else {
            Err(Problem::forbidden(permission.as_str()))
        }
    }
}

/// Takes the token out of `Bearer <token>`: the scheme is case-insensitive, spaces around the
/// token are ignored.
pub fn bearer_token(header: Option<&[u8]>) -> Result<&str, Problem> {
    let header = header.ok_or_else(|| {
        Problem::unauthorized("Send the API key as `Authorization: Bearer <key>`.")
    })?;
    let header = std::str::from_utf8(header)
        .map_err(|_| Problem::unauthorized("The Authorization header is not valid text."))?
        .trim();
    let (scheme, token) = header.split_once([' ', '\t']).unwrap_or((header, ""));
    let token = token.trim();
    if !scheme.eq_ignore_ascii_case("bearer") || token.is_empty() {
        return Err(Problem::unauthorized(
            "The Authorization header must be `Bearer <key>`.",
        ));
    }
    Ok(token)
}

/// Checks the key's shape and checksum (no database read for junk), then the cache or one
/// `GetItem`; notes the key's use at most once per [`cache::TOUCH_INTERVAL`].
pub async fn authenticate(
    store: &Store,
    cache: &KeyCache,
    header: Option<&[u8]>,
) -> Result<Caller, Problem> {
    let token = bearer_token(header)?;
    let key =
        ApiKey::parse(token).ok_or_else(|| Problem::unauthorized("The API key is invalid."))?;
    let hash = key.hash();
    let record = match cache.get(&hash.0) {
        Some(record) => record,
        None => {
            let record = store
                .key_by_hash(&hash)
                .await?
                .ok_or_else(|| Problem::unauthorized("The API key is invalid."))?;
            cache.put(&hash.0, &record);
            record
        }
    };
    check_usable(&record, chrono::Utc::now())?;
    if cache.touch_due(&hash.0) {
        // Best effort: a key's last use is worth a write a minute, never a failed request.
        if let Err(e) = store.touch_key(&hash, cache.touch_interval).await {
            tracing::warn!(error = %e, "could not record the key's last use");
        }
    }
    Ok(Caller {
        key_id: record.id,
        event_id: record.event_id,
        permissions: record.permissions,
    })
}

fn check_usable(record: &KeyRecord, now: chrono::DateTime<chrono::Utc>) -> Result<(), Problem> {
    if record.revoked_at.is_some() {
        return Err(Problem::unauthorized("The API key has been revoked."));
    }
    let expired = record
        .expires_at
        .as_deref()
        .map(|at| crate::time::parse(at).is_none_or(|at| at <= now))
        .unwrap_or(false);
    if expired {
        return Err(Problem::unauthorized("The API key has expired."));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_any_case_of_the_scheme_and_extra_spaces() {
        for header in [
            "Bearer k",
            "bearer k",
            "BEARER k",
            "Bearer  k",
            " Bearer k ",
            "Bearer\tk",
        ] {
            assert_eq!(
                bearer_token(Some(header.as_bytes())).unwrap(),
                "k",
                "{header:?}"
            );
        }
    }

    #[test]
    fn refuses_other_schemes_and_empty_tokens() {
        for header in ["Bearer", "Bearer ", "k", "Basic k", "", "Bearerk"] {
            let problem = bearer_token(Some(header.as_bytes())).unwrap_err();
            assert_eq!(problem.status, 401, "{header:?}");
        }
        assert_eq!(bearer_token(None).unwrap_err().status, 401);
        assert_eq!(bearer_token(Some(b"Bearer \xff")).unwrap_err().status, 401);
    }
}
