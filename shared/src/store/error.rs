use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};

use crate::http::Problem;

/// A storage failure, sorted by what the client can do about it.
#[derive(Debug)]
pub enum StoreError {
    /// Throttled, timed out or unreachable: worth retrying shortly (503).
    Unavailable(String),
    /// Anything else: a bug or a misconfiguration (500).
    Failed(String),
}

impl StoreError {
    pub fn from_sdk<E, R>(err: SdkError<E, R>) -> Self
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
        R: std::fmt::Debug,
    {
        let text = aws_sdk_dynamodb::error::DisplayErrorContext(&err).to_string();
        match &err {
            SdkError::TimeoutError(_)
            | SdkError::DispatchFailure(_)
            | SdkError::ResponseError(_) => StoreError::Unavailable(text),
            SdkError::ServiceError(e) => match e.err().code() {
                Some(
                    "ThrottlingException"
                    | "ProvisionedThroughputExceededException"
                    | "RequestLimitExceeded"
                    | "InternalServerError"
                    | "ServiceUnavailable"
                    | "TransactionConflictException",
                ) => StoreError::Unavailable(text),
                _ => StoreError::Failed(text),
            },
            _ => StoreError::Failed(text),
        }
    }

    pub fn failed(what: impl std::fmt::Display) -> Self {
        StoreError::Failed(what.to_string())
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Unavailable(e) => write!(f, "storage unavailable: {e}"),
            StoreError::Failed(e) => write!(f, "storage failed: {e}"),
        }
    }
}

impl std::error::Error for StoreError {}

/// Logged here with the details; the client sees neither the SDK message nor the table name.
impl From<StoreError> for Problem {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Unavailable(e) => {
                tracing::warn!(error = %e, "storage unavailable");
                Problem::unavailable()
            }
            StoreError::Failed(e) => {
                tracing::error!(error = %e, "storage failed");
                Problem::internal()
            }
        }
    }
}

impl From<serde_dynamo::Error> for StoreError {
    fn from(err: serde_dynamo::Error) -> Self {
        StoreError::Failed(format!("item does not match its type: {err}"))
    }
}
