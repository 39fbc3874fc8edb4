//! API errors: parsing an error body, classifying it, and decoding responses.

use std::fmt;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde_json::Value;

/// The longest `x-acs-retry-after` honoured, as the official SDK caps it.
pub const MAX_RETRY_AFTER: Duration = Duration::from_millis(crate::retry::MAX_RETRY_AFTER_MS);

/// What kind of failure an [`ApiError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorClass {
    /// Flow control (`Throttling*`, `Rejected.Throttling`): retry later.
    Throttling,
    /// A server fault (HTTP 5xx, `InternalError`, `UnknownError`, `ServiceUnavailable`): retry.
    Server,
    /// The signature or the clock (`SignatureDoesNotMatch`, `IncompleteSignature`,
    /// `IllegalTimestamp`, `SignatureNonceUsed`, …).
    Signature,
    /// The access key (`InvalidAccessKeyId.*`, `InvalidSecurityToken.*`).
    Credentials,
    /// Permission (`Forbidden*`, `NoPermission`).
    Permission,
    /// A bad request (`MissingParameter*`, `InvalidParameter*`, `UnsupportedOperation`, …).
    Parameter,
    /// Something does not exist (`EntityNotExists.*`, `*.NotFound`).
    NotFound,
    /// Anything else.
    Other,
}

/// An error the API returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub http_status: u16,
    /// `Code` (empty when the body had none).
    pub code: String,
    /// `Message`.
    pub message: String,
    /// `RequestId`.
    pub request_id: Option<String>,
    /// `HostId`.
    pub host_id: Option<String>,
    /// `Recommend`: a troubleshooting link.
    pub recommend: Option<String>,
    /// The `x-acs-retry-after` header (milliseconds, capped at [`MAX_RETRY_AFTER`]).
    pub retry_after: Option<Duration>,
}

impl ApiError {
    /// Reads an error from a response's status, headers and body. Accepts `Code`/`code`,
    /// `Message`/`message`, `RequestId`/`requestId`; a body that is not JSON leaves the code
    /// empty and keeps a short prefix of the text as the message.
    pub fn from_response<K: AsRef<str>, V: AsRef<str>>(
        status: u16,
        headers: &[(K, V)],
        body: &[u8],
    ) -> ApiError {
        let value: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
        let field = |names: &[&str]| {
            names.iter().find_map(|n| match value.get(*n) {
                Some(Value::String(s)) => Some(s.clone()),
                Some(Value::Null) | None => None,
                Some(other) => Some(other.to_string()),
            })
        };
        let message = field(&["Message", "message"]).unwrap_or_else(|| {
            if value.is_null() {
                let text = String::from_utf8_lossy(body);
                text.chars().take(200).collect()
            } else {
                String::new()
            }
        });
        ApiError {
            http_status: status,
            code: field(&["Code", "code"]).unwrap_or_default(),
            message,
            request_id: field(&["RequestId", "requestId"]),
            host_id: field(&["HostId", "hostId"]),
            recommend: field(&["Recommend", "recommend"]),
            retry_after: retry_after(headers),
        }
    }

    /// The class of this error, from its code first and its HTTP status second.
    pub fn class(&self) -> ErrorClass {
        let code = self.code.as_str();
        let starts = |prefix: &str| code.starts_with(prefix);
        if starts("Throttling") || code == "Rejected.Throttling" {
            return ErrorClass::Throttling;
        }
        if matches!(code, "ServiceUnavailable" | "InternalError" | "UnknownError")
            || starts("InternalError.")
            || starts("ServiceUnavailable.")
        {
            return ErrorClass::Server;
        }
        if matches!(
            code,
            "SignatureDoesNotMatch"
                | "IncompleteSignature"
                | "IllegalTimestamp"
                | "SignatureNonceUsed"
                | "InvalidTimeStamp.Expired"
                | "InvalidSignatureMethod"
        ) || starts("SignatureDoesNotMatch")
            || starts("InvalidTimeStamp")
        {
            return ErrorClass::Signature;
        }
        if starts("InvalidAccessKeyId") || starts("InvalidSecurityToken") {
            return ErrorClass::Credentials;
        }
        if starts("Forbidden") || starts("NoPermission") {
            return ErrorClass::Permission;
        }
        if starts("EntityNotExists") || code.ends_with(".NotFound") || code.ends_with("NotExist") {
            return ErrorClass::NotFound;
        }
        if starts("MissingParameter")
            || starts("InvalidParameter")
            || starts("MissingParam")
            || matches!(code, "UnsupportedOperation" | "NoSuchVersion" | "InvalidAction.NotFound")
        {
            return ErrorClass::Parameter;
        }
        match self.http_status {
            500..=599 => ErrorClass::Server,
            429 => ErrorClass::Throttling,
            403 => ErrorClass::Permission,
            404 => ErrorClass::NotFound,
            _ => ErrorClass::Other,
        }
    }

    /// Whether the same call may succeed later: throttling and server faults. StartExecution
    /// should only be retried with the same `ClientToken`.
    pub fn retryable(&self) -> bool {
        matches!(self.class(), ErrorClass::Throttling | ErrorClass::Server)
    }

    /// Whether this is flow control.
    pub fn is_throttling(&self) -> bool {
        self.class() == ErrorClass::Throttling
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = if self.code.is_empty() {
            format!("HTTP {}", self.http_status)
        } else {
            self.code.clone()
        };
        write!(f, "{code}: {}", self.message)?;
        if let Some(id) = &self.request_id {
            write!(f, " (RequestId {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// The `x-acs-retry-after` header as a delay: an integer of milliseconds, capped at
/// [`MAX_RETRY_AFTER`]; `None` when absent or not a non-negative integer.
pub fn retry_after<K: AsRef<str>, V: AsRef<str>>(headers: &[(K, V)]) -> Option<Duration> {
    headers
        .iter()
        .find(|(k, _)| k.as_ref().trim().eq_ignore_ascii_case("x-acs-retry-after"))
        .and_then(|(_, v)| v.as_ref().trim().parse::<u64>().ok())
        .map(|ms| Duration::from_millis(ms).min(MAX_RETRY_AFTER))
}

/// Why a response could not be turned into a value. It reads as its English
/// ([`ResponseError::text`] gives it in the reader's language).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResponseError {
    /// The API returned an error (boxed: it is large and errors are rare).
    Api(Box<ApiError>),
    /// A success status with a body that is not the expected JSON.
    Decode {
        /// The HTTP status.
        http_status: u16,
        /// The decoder's message.
        message: String,
    },
}

impl ResponseError {
    /// What went wrong, for a person (an API error as the API said it).
    pub fn text(&self) -> crate::i18n::Text {
        match self {
            ResponseError::Api(e) => crate::i18n::Text::raw(e.to_string()),
            ResponseError::Decode { http_status, message } => {
                crate::t!("api.error.decode", status = http_status, message = message)
            }
        }
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Api(e) => e.fmt(f),
            other => f.write_str(other.text().as_str()),
        }
    }
}

impl std::error::Error for ResponseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            // `#[error(transparent)]` as it was: the API error's own source (none).
            ResponseError::Api(e) => std::error::Error::source(&**e),
            ResponseError::Decode { .. } => None,
        }
    }
}

impl From<ApiError> for ResponseError {
    fn from(error: ApiError) -> Self {
        ResponseError::Api(Box::new(error))
    }
}

impl ResponseError {
    /// The API error, if this is one.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            ResponseError::Api(e) => Some(e),
            ResponseError::Decode { .. } => None,
        }
    }

    /// Whether a retry may help: a retryable API error. A body that does not decode is not
    /// retried (the same bytes will come again).
    pub fn retryable(&self) -> bool {
        match self {
            ResponseError::Api(e) => e.retryable(),
            ResponseError::Decode { .. } => false,
        }
    }

    /// The advertised delay before a retry, if any.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            ResponseError::Api(e) => e.retry_after,
            ResponseError::Decode { .. } => None,
        }
    }
}

/// Decodes a response: a 2xx body into `T`, any other status into an [`ApiError`] (with the
/// `x-acs-retry-after` header read from `headers`).
///
/// ```
/// use rolling_update_core::api::{parse_response, oos::RequestIdResponse, ResponseError};
/// let headers = [("x-acs-retry-after", "1500")];
/// let body = br#"{"Code":"Throttling.User","Message":"Request was denied due to user flow control.","RequestId":"r1"}"#;
/// let err = parse_response::<RequestIdResponse, _, _>(400, &headers, body).unwrap_err();
/// let ResponseError::Api(api) = err else { panic!() };
/// assert!(api.retryable());
/// assert_eq!(api.retry_after, Some(std::time::Duration::from_millis(1500)));
/// assert_eq!(api.to_string(), "Throttling.User: Request was denied due to user flow control. (RequestId r1)");
/// ```
pub fn parse_response<T: DeserializeOwned, K: AsRef<str>, V: AsRef<str>>(
    status: u16,
    headers: &[(K, V)],
    body: &[u8],
) -> Result<T, ResponseError> {
    if !(200..300).contains(&status) {
        return Err(ApiError::from_response(status, headers, body).into());
    }
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| ResponseError::Decode { http_status: status, message: e.to_string() })?;
    if !value.is_object() {
        return Err(ResponseError::Decode {
            http_status: status,
            message: "expected a JSON object".to_owned(),
        });
    }
    serde_json::from_value(value)
        .map_err(|e| ResponseError::Decode { http_status: status, message: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(status: u16, code: &str) -> ApiError {
        let body = format!(r#"{{"Code":"{code}","Message":"m","RequestId":"r"}}"#);
        ApiError::from_response(status, &[] as &[(&str, &str)], body.as_bytes())
    }

    #[test]
    fn classifies_documented_codes() {
        let cases = [
            (400, "Throttling", ErrorClass::Throttling, true),
            (400, "Throttling.User", ErrorClass::Throttling, true),
            (400, "Rejected.Throttling", ErrorClass::Throttling, true),
            (503, "ServiceUnavailable", ErrorClass::Server, true),
            (500, "InternalError", ErrorClass::Server, true),
            (500, "UnknownError", ErrorClass::Server, true),
            (502, "", ErrorClass::Server, true),
            (500, "SomethingNew", ErrorClass::Server, true),
            (403, "SignatureDoesNotMatch", ErrorClass::Signature, false),
            (400, "IllegalTimestamp", ErrorClass::Signature, false),
            (404, "InvalidAccessKeyId.NotFound", ErrorClass::Credentials, false),
            (403, "Forbidden.RAM", ErrorClass::Permission, false),
            (400, "MissingParameter", ErrorClass::Parameter, false),
            (400, "InvalidParameter.TemplateName", ErrorClass::Parameter, false),
            (404, "EntityNotExists.Template", ErrorClass::NotFound, false),
            (400, "Whatever", ErrorClass::Other, false),
        ];
        for (status, code, class, retry) in cases {
            let e = err(status, code);
            assert_eq!(e.class(), class, "{code}");
            assert_eq!(e.retryable(), retry, "{code}");
        }
    }

    #[test]
    fn retry_after_is_milliseconds_and_capped() {
        assert_eq!(retry_after(&[("X-Acs-Retry-After", "250")]), Some(Duration::from_millis(250)));
        assert_eq!(retry_after(&[("x-acs-retry-after", "999999")]), Some(MAX_RETRY_AFTER));
        assert_eq!(retry_after(&[("x-acs-retry-after", "-1")]), None);
        assert_eq!(retry_after(&[("other", "1")]), None);
    }

    #[test]
    fn non_json_error_bodies_keep_their_text() {
        let e = ApiError::from_response(502, &[] as &[(&str, &str)], b"<html>Bad Gateway</html>");
        assert_eq!(e.to_string(), "HTTP 502: <html>Bad Gateway</html>");
        assert!(e.retryable());
    }

    #[test]
    fn an_undecodable_body_reads_in_chinese() {
        use crate::i18n::Lang;
        let err = parse_response::<Value, _, _>(200, &[] as &[(&str, &str)], b"[1]").unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot decode the response body (HTTP 200): expected a JSON object"
        );
        assert_eq!(
            err.text().render(Lang::ZhCn),
            "无法解析响应内容（HTTP 200）：expected a JSON object"
        );
        let api = parse_response::<Value, _, _>(
            400,
            &[] as &[(&str, &str)],
            br#"{"Code":"X","Message":"m"}"#,
        )
        .unwrap_err();
        assert_eq!(api.to_string(), "X: m");
        assert_eq!(api.text().render(Lang::ZhCn), "X: m");
    }
}
