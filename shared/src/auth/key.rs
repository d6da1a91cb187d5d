//! The key format: `imp_` + 32 base62 characters of secret + 6 base62 characters of checksum.
//!
//! The prefix lets secret scanners find leaked keys; the checksum lets us refuse mistyped or
//! made-up keys without reading the table. Only the SHA-256 of the whole key is stored: the secret
//! has 190 bits of entropy, so a slow password hash would add latency without adding safety.

use sha2::{Digest, Sha256};

pub const PREFIX: &str = "imp_";
const SECRET_LEN: usize = 32;
const CHECKSUM_LEN: usize = 6;
pub const KEY_LEN: usize = PREFIX.len() + SECRET_LEN + CHECKSUM_LEN;
const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A well-formed key. Deliberately not `Debug`/`Display`, so it cannot end up in a log line.
pub struct ApiKey(String);

/// The hex SHA-256 of a key: what the table stores and looks keys up by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyHash(pub String);

impl ApiKey {
    pub fn generate() -> Self {
        let mut secret = String::with_capacity(SECRET_LEN);
        let mut bytes = [0u8; 64];
        while secret.len() < SECRET_LEN {
            getrandom::fill(&mut bytes).expect("the OS random source is available");
            // 248 = 4 * 62: rejecting bytes above it keeps every character equally likely.
            for b in bytes.iter().filter(|&&b| b < 248) {
                if secret.len() == SECRET_LEN {
                    break;
                }
                secret.push(BASE62[(b % 62) as usize] as char);
            }
        }
        let checksum = checksum(&secret);
        Self(format!("{PREFIX}{secret}{checksum}"))
    }

    /// Accepts only the exact format with a matching checksum.
    pub fn parse(token: &str) -> Option<Self> {
        let body = token.strip_prefix(PREFIX)?;
        if token.len() != KEY_LEN || !body.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        let (secret, sum) = body.split_at(SECRET_LEN);
        (checksum(secret) == sum).then(|| Self(token.to_owned()))
    }

    pub fn hash(&self) -> KeyHash {
        KeyHash(hex::encode(Sha256::digest(self.0.as_bytes())))
    }

    /// The key itself, for the one time it is shown: right after creation.
    pub fn reveal(&self) -> &str {
        &self.0
    }
}

fn checksum(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    let mut n = u64::from_be_bytes(digest[..8].try_into().expect("8 bytes"));
    (0..CHECKSUM_LEN)
        .map(|_| {
            let c = BASE62[(n % 62) as usize] as char;
            n /= 62;
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_parse_and_have_the_documented_shape() {
        let key = ApiKey::generate();
        assert_eq!(key.reveal().len(), 42);
        assert!(key.reveal().starts_with("imp_"));
        let parsed = ApiKey::parse(key.reveal()).expect("own keys parse");
        assert_eq!(parsed.hash(), key.hash());
        assert_eq!(key.hash().0.len(), 64);
        assert_ne!(ApiKey::generate().reveal(), key.reveal());
    }

    #[test]
    fn refuses_a_changed_character_or_wrong_length() {
        let key = ApiKey::generate();
        let s = key.reveal();
        let flipped = format!(
            "{}{}{}",
            &s[..10],
            if &s[10..11] == "a" { "b" } else { "a" },
            &s[11..]
        );
        assert!(ApiKey::parse(&flipped).is_none());
        assert!(ApiKey::parse(&s[..41]).is_none());
        assert!(ApiKey::parse(&format!("{s}x")).is_none());
        assert!(ApiKey::parse(&s.replace("imp_", "imx_")).is_none());
        assert!(ApiKey::parse(&"x".repeat(10_000)).is_none());
        assert!(ApiKey::parse("imp_ääääääääääääääääää").is_none());
    }
}
