//! Timestamps: RFC 3339, UTC, millisecond precision, always the same width so that they sort as
//! strings (chat sort keys rely on it).

use chrono::{DateTime, SecondsFormat, Utc};

pub fn format(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn now() -> String {
    format(Utc::now())
}

/// Parses any RFC 3339 timestamp (any offset) into UTC.
pub fn parse(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_fixed_width_utc_millis() {
        let t = parse("2026-01-02T03:04:05+02:00").unwrap();
        assert_eq!(format(t), "2026-01-02T01:04:05.000Z");
        assert_eq!(now().len(), "2026-01-02T01:04:05.000Z".len());
    }

    #[test]
    fn rejects_non_rfc3339() {
        assert_eq!(parse("yesterday"), None);
        assert_eq!(parse("2026-01-02"), None);
    }
}
