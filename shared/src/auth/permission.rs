//! Permissions a key can hold.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    #[serde(rename = "event:read")]
    EventRead,
    #[serde(rename = "event:update")]
    EventUpdate,
    #[serde(rename = "chat:read")]
    ChatRead,
    #[serde(rename = "widget:read")]
    WidgetRead,
    #[serde(rename = "widget:create")]
    WidgetCreate,
    #[serde(rename = "widget:update")]
    WidgetUpdate,
    #[serde(rename = "widget:delete")]
    WidgetDelete,
    /// Grants every permission, including ones added later.
    #[serde(rename = "*")]
    All,
}

impl Permission {
    pub const EVERY: [Permission; 8] = [
        Permission::EventRead,
        Permission::EventUpdate,
        Permission::ChatRead,
        Permission::WidgetRead,
        Permission::WidgetCreate,
        Permission::WidgetUpdate,
        Permission::WidgetDelete,
        Permission::All,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Permission::EventRead => "event:read",
            Permission::EventUpdate => "event:update",
            Permission::ChatRead => "chat:read",
            Permission::WidgetRead => "widget:read",
            Permission::WidgetCreate => "widget:create",
            Permission::WidgetUpdate => "widget:update",
            Permission::WidgetDelete => "widget:delete",
            Permission::All => "*",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::EVERY.into_iter().find(|p| p.as_str() == s)
    }
}

/// The set a key holds, as stored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Permissions(pub Vec<Permission>);

impl Permissions {
    pub fn grants(&self, wanted: Permission) -> bool {
        self.0.iter().any(|&p| p == wanted || p == Permission::All)
    }

    /// Parses a comma-separated list such as `event:read,widget:read` (or `*`).
    pub fn parse_list(list: &str) -> Result<Self, String> {
        let mut out: Vec<Permission> = Vec::new();
        for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let p = Permission::parse(item).ok_or_else(|| {
                let known: Vec<_> = Permission::EVERY.iter().map(|p| p.as_str()).collect();
                format!("unknown permission `{item}`; known: {}", known.join(", "))
            })?;
            if !out.contains(&p) {
                out.push(p);
            }
        }
        if out.is_empty() {
            return Err("at least one permission is required".into());
        }
        Ok(Self(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn star_grants_everything_and_lists_parse() {
        let all = Permissions::parse_list("*").unwrap();
        assert!(all.grants(Permission::WidgetDelete));
        let some = Permissions::parse_list("event:read, widget:read,event:read").unwrap();
        assert_eq!(some.0, vec![Permission::EventRead, Permission::WidgetRead]);
        assert!(!some.grants(Permission::EventUpdate));
        assert!(Permissions::parse_list("event:write").is_err());
        assert!(Permissions::parse_list(" , ").is_err());
    }
}
