//! The error responses: every one is `application/problem+json` with the [`Problem`] schema.
//! Operations refer to them by name (`#/components/responses/...`).
//!
//! [`Problem`]: super::schemas::Problem

use utoipa::ToResponse;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{ContentBuilder, Ref, RefOr};

use crate::http::problem::CONTENT_TYPE;

fn problem(description: &str) -> ResponseBuilder {
    ResponseBuilder::new().description(description).content(
        CONTENT_TYPE,
        ContentBuilder::new()
            .schema(Some(Ref::from_schema_name("Problem")))
            .build(),
    )
}

fn string_header(description: &str, value: Option<&str>) -> utoipa::openapi::header::Header {
    let mut schema = ObjectBuilder::new().schema_type(Type::String);
    if let Some(value) = value {
        schema = schema.enum_values(Some([value]));
    }
    HeaderBuilder::new()
        .schema(Some(schema.build()))
        .description(Some(description))
        .build()
}

macro_rules! problem_response {
    ($(#[$doc:meta])* $name:ident, $build:expr) => {
        $(#[$doc])*
        pub struct $name;

        impl<'r> ToResponse<'r> for $name {
            fn response() -> (&'r str, RefOr<Response>) {
                (stringify!($name), RefOr::T($build))
            }
        }
    };
}

problem_response!(
    /// 400: invalid input.
    BadRequest,
    problem(
        "Invalid input: malformed JSON, a wrong type, an unknown or missing field, a value out of \
         range, or a bad query parameter. `errors` names each one (`title`, `location.latitude`, \
         `options[1].text`, `limit`, or `body` for the body as a whole)."
    )
    .build()
);

problem_response!(
    /// 401: no usable key.
    Unauthorized,
    problem("The API key is missing, malformed, unknown, revoked or expired.")
        .header(
            "WWW-Authenticate",
            string_header("Always `Bearer`.", Some("Bearer"))
        )
        .build()
);

problem_response!(
    /// 403: the key lacks the route's permission.
    Forbidden,
    problem(
        "The API key is valid but lacks this route's permission, named in `detail` and \
         `requiredPermission`."
    )
    .build()
);

problem_response!(
    /// 404: nothing there for this key's event.
    NotFound,
    problem(
        "Not found: the key's event, or a widget of the key's event with this id (an id of \
         another event's widget is a 404 too)."
    )
    .build()
);

problem_response!(
    /// 412: `If-Match` named another version.
    PreconditionFailed,
    problem(
        "`If-Match` names another version than the stored one: nothing was changed. \
         `currentVersion` holds the stored version, and `ETag` its tag."
    )
    .header("ETag", string_header("The stored version's strong entity tag.", None))
    .build()
);

problem_response!(
    /// 413: body over the limit.
    PayloadTooLarge,
    problem("The request body is larger than 256 KiB (262144 bytes).").build()
);

problem_response!(
    /// 500: a fault on our side.
    InternalError,
    problem("Something went wrong on our side; `requestId` identifies it in our logs.").build()
);

problem_response!(
    /// 503: storage throttled or out of reach.
    Unavailable,
    problem("Storage is briefly unavailable or throttled; retry after `Retry-After` seconds.")
        .header(
            "Retry-After",
            string_header("Seconds to wait before retrying.", None)
        )
        .build()
);
