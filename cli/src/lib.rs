//! The `impactify` command for developers and ops, and the local server it runs.

pub mod commands;
pub mod fixture;
pub mod runtime_api;
pub mod serve;
