//! HTTP plumbing shared by every route: problem+json errors, responses, request parsing and the
//! route table.

pub mod problem;
pub mod request;
pub mod response;
pub mod routes;

pub use problem::{FieldError, Problem};
