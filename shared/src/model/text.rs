//! Checks on strings shared by the bodies. Lengths count Unicode characters, not bytes.

use crate::http::FieldError;

/// `min..=max` characters, not only whitespace, and no control characters: they have no place
/// in a one-line field and only ever come from broken clients.
pub fn check_len(field: &str, value: &str, min: usize, max: usize, errors: &mut Vec<FieldError>) {
    check_text(field, value, min, max, false, errors);
}

/// As [`check_len`], allowing line breaks and tabs (multi-line text such as Markdown).
pub fn check_multiline(
    field: &str,
    value: &str,
    min: usize,
    max: usize,
    errors: &mut Vec<FieldError>,
) {
    check_text(field, value, min, max, true, errors);
}

fn check_text(
    field: &str,
    value: &str,
    min: usize,
    max: usize,
    multiline: bool,
    errors: &mut Vec<FieldError>,
) {
    let chars = value.chars().count();
    let allowed = |c: char| multiline && matches!(c, '\n' | '\r' | '\t');
    if value.chars().any(|c| c.is_control() && !allowed(c)) {
        errors.push(FieldError::new(
            field,
            if multiline {
                "must not contain control characters other than line breaks and tabs"
            } else {
                "must not contain control characters"
            },
        ));
    } else if value.trim().is_empty() && min > 0 {
        errors.push(FieldError::new(field, "must not be empty or blank"));
    } else if chars < min || chars > max {
        errors.push(FieldError::new(
            field,
            format!("must be {min} to {max} characters long (got {chars})"),
        ));
    }
}

/// An absolute http(s) URL of at most 2048 characters, with a host and no spaces.
pub fn check_url(field: &str, value: &str, errors: &mut Vec<FieldError>) {
    let lower = value.get(..8).unwrap_or(value).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &value[8..]
    } else if lower.starts_with("http://") {
        &value[7..]
    } else {
        errors.push(FieldError::new(
            field,
            "must be an absolute http or https URL",
        ));
        return;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or_default();
    if value.chars().count() > 2048 {
        errors.push(FieldError::new(
            field,
            "must be at most 2048 characters long",
        ));
    } else if host.is_empty() || host.starts_with(':') {
        errors.push(FieldError::new(field, "must name a host"));
    } else if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        errors.push(FieldError::new(
            field,
            "must not contain spaces or control characters",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url_ok(s: &str) -> bool {
        let mut e = Vec::new();
        check_url("u", s, &mut e);
        e.is_empty()
    }

    #[test]
    fn urls() {
        assert!(url_ok("https://youtube.com/live/x?y=1"));
        assert!(url_ok("HTTP://example.com"));
        assert!(!url_ok("ftp://example.com"));
        assert!(!url_ok("https://"));
        assert!(!url_ok("https:///path"));
        assert!(!url_ok("example.com"));
        assert!(!url_ok("https://exa mple.com"));
        assert!(!url_ok(&format!("https://e.com/{}", "a".repeat(2048))));
    }

    #[test]
    fn control_characters_are_refused_but_line_breaks_in_multiline_text() {
        let mut e = Vec::new();
        check_len("t", "a\u{7}b", 1, 10, &mut e);
        check_len("t", "a\nb", 1, 10, &mut e);
        check_multiline("t", "a\u{0}b", 1, 10, &mut e);
        assert_eq!(e.len(), 3);
        check_multiline("t", "# a\r\n\tb", 1, 10, &mut e);
        assert_eq!(e.len(), 3);
    }

    #[test]
    fn lengths_count_characters() {
        let mut e = Vec::new();
        check_len("t", &"😀".repeat(200), 1, 200, &mut e);
        assert!(e.is_empty());
        check_len("t", &"😀".repeat(201), 1, 200, &mut e);
        check_len("t", "   ", 1, 200, &mut e);
        assert_eq!(e.len(), 2);
    }
}
