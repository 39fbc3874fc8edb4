//! The error every API call can answer with, in Alibaba Cloud's terms.

use std::fmt;

/// An error response: HTTP status, Alibaba error `Code` and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status code.
    pub status: u16,
    /// Alibaba Cloud error code, e.g. `InvalidParameter`.
    pub code: String,
    /// Human-readable message.
    pub message: String,
}

impl ApiError {
    /// Any error.
    pub fn new(status: u16, code: &str, message: impl Into<String>) -> ApiError {
        ApiError { status, code: code.to_owned(), message: message.into() }
    }

    /// 400 `InvalidParameter`.
    pub fn invalid(message: impl Into<String>) -> ApiError {
        ApiError::new(400, "InvalidParameter", message)
    }

    /// 400 `MissingParameter` naming the key.
    pub fn missing(key: &str) -> ApiError {
        ApiError::new(
            400,
            "MissingParameter",
            format!(
                "The input parameter \"{key}\" that is mandatory for processing this request is not supplied."
            ),
        )
    }

    /// 404 `EntityNotExists.Execution`.
    pub fn no_execution(id: &str) -> ApiError {
        ApiError::new(
            404,
            "EntityNotExists.Execution",
            format!("The execution ({id}) does not exist."),
        )
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.status, self.code, self.message)
    }
}

impl std::error::Error for ApiError {}
