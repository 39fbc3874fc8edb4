//! Signing Alibaba Cloud RPC requests, as a pure function.
//!
//! [`sign`] takes a [`SignableRequest`] (method, endpoint, action, version and business
//! parameters), [`Credentials`], the time and a nonce, and returns a [`Signed`] value: the
//! [`SignedRequest`] to put on the wire and the [`SigningSteps`] that produced it (canonical
//! form, string to sign, signature), so each stage can be checked against test vectors.
//!
//! Two algorithms are supported:
//! - [`SignatureAlgorithm::Acs3HmacSha256`] (the default, "V3"): business parameters in the
//!   query, `x-acs-*` headers and an `Authorization` header, `POST` with an empty body.
//! - [`SignatureAlgorithm::RpcHmacSha1`] ("V2", `SignatureVersion=1.0`): common parameters and
//!   the `Signature` in the query.
//!
//! In both cases the URL's query is exactly the canonical RFC 3986 encoding that was signed,
//! so the bytes on the wire are the bytes signed.
//!
//! ```
//! use rolling_update_core::sign::{sign, Credentials, Method, SignableRequest, SigningSettings, UtcTime};
//!
//! let request = SignableRequest {
//!     method: Method::Post,
//!     scheme: "https".into(),
//!     host: "oos.cn-hangzhou.aliyuncs.com".into(),
//!     action: "ListExecutions".into(),
//!     version: "2019-06-01".into(),
//!     params: vec![("RegionId".into(), "cn-hangzhou".into())],
//! };
//! let credentials = Credentials::new("testid", "testsecret");
//! let time = UtcTime::from_unix_seconds(1_735_689_600).unwrap();
//! let signed = sign(&request, &credentials, time, "nonce-1", &SigningSettings::default()).unwrap();
//! assert_eq!(signed.request.url, "https://oos.cn-hangzhou.aliyuncs.com/?RegionId=cn-hangzhou");
//! assert!(signed.steps.string_to_sign.starts_with("ACS3-HMAC-SHA256\n"));
//! assert!(!format!("{:?}", signed.request).contains(&signed.steps.signature));
//! ```

mod encode;
pub(crate) mod time;

use std::fmt;

use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};

use crate::i18n::Text;
use crate::t;

pub use encode::{hex_lower, is_unreserved, percent_decode, percent_encode};
pub use time::{ParseTimeError, UtcTime};

/// The SHA-256 of an empty body, lowercase hex.
pub const EMPTY_BODY_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Printed instead of a secret, a token or a signature.
pub const REDACTED: &str = "***";

/// An access key, optionally with an STS security token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The AccessKey ID.
    pub access_key_id: String,
    /// The AccessKey secret.
    pub access_key_secret: String,
    /// The STS token of temporary credentials.
    pub security_token: Option<String>,
}

impl Credentials {
    /// `text` with the secret and the security token masked as `***`, as they are and in the
    /// once and twice percent-encoded forms a string to sign carries them in. A server's
    /// `SignatureDoesNotMatch` message echoes its string to sign, which for the RPC signature
    /// holds the token: scrub every message from a server before showing it.
    ///
    /// ```
    /// use rolling_update_core::sign::Credentials;
    /// let c = Credentials::new("AKID", "s3cret").with_security_token("tok/en=");
    /// let echoed = "string to sign: GET&%2F&SecurityToken%3Dtok%252Fen%253D (tok/en=, s3cret)";
    /// assert_eq!(c.scrub(echoed), "string to sign: GET&%2F&SecurityToken%3D*** (***, ***)");
    /// ```
    pub fn scrub(&self, text: &str) -> String {
        let mut out = text.to_owned();
        let secrets = std::iter::once(self.access_key_secret.as_str())
            .chain(self.security_token.as_deref())
            .filter(|s| s.len() >= 4);
        for secret in secrets {
            let once = percent_encode(secret);
            let twice = percent_encode(&once);
            // Longest first, so that a form is never left half-masked by a shorter one.
            for form in [twice, once, secret.to_owned()] {
                if !form.is_empty() && out.contains(&form) {
                    out = out.replace(&form, REDACTED);
                }
            }
        }
        out
    }

    /// Long-term credentials: an AccessKey pair.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            access_key_secret: access_key_secret.into(),
            security_token: None,
        }
    }

    /// Adds an STS security token.
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(token.into());
        self
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &REDACTED)
            .field("security_token", &self.security_token.as_ref().map(|_| REDACTED))
            .finish()
    }
}

/// The HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`, what the official SDKs use for every OOS and ESS action.
    #[default]
    Post,
}

impl Method {
    /// `"GET"` or `"POST"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which signature to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SignatureAlgorithm {
    /// `ACS3-HMAC-SHA256` (signature V3), the current one and the default.
    #[default]
    Acs3HmacSha256,
    /// The RPC signature `HMAC-SHA1`, `SignatureVersion=1.0` (V2).
    RpcHmacSha1,
}

impl SignatureAlgorithm {
    /// The name the API uses: `ACS3-HMAC-SHA256` or `HMAC-SHA1`.
    pub const fn as_str(self) -> &'static str {
        match self {
            SignatureAlgorithm::Acs3HmacSha256 => "ACS3-HMAC-SHA256",
            SignatureAlgorithm::RpcHmacSha1 => "HMAC-SHA1",
        }
    }
}

/// Options of [`sign`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SigningSettings {
    /// The algorithm.
    pub algorithm: SignatureAlgorithm,
    /// The `Format` parameter of the RPC signature (`JSON`; the new Python SDK sends `json`).
    pub rpc_format: String,
}

impl Default for SigningSettings {
    fn default() -> Self {
        SigningSettings { algorithm: SignatureAlgorithm::default(), rpc_format: "JSON".to_owned() }
    }
}

impl SigningSettings {
    /// The default settings with another algorithm.
    pub fn with_algorithm(algorithm: SignatureAlgorithm) -> Self {
        SigningSettings { algorithm, ..SigningSettings::default() }
    }
}

/// A request before signing: where it goes, what it calls, and its business parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignableRequest {
    /// The HTTP method.
    pub method: Method,
    /// `https` or `http`.
    pub scheme: String,
    /// The host, with `:port` when not the default; sent and signed as the `host` header.
    pub host: String,
    /// The API action, e.g. `StartExecution`.
    pub action: String,
    /// The API version, e.g. `2019-06-01`.
    pub version: String,
    /// Business parameters, in any order (signing sorts them).
    pub params: Vec<(String, String)>,
}

/// What goes on the wire.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedRequest {
    /// The HTTP method.
    pub method: Method,
    /// `scheme://host/?<canonical query>`.
    pub url: String,
    /// Headers to send, lowercase names.
    pub headers: Vec<(String, String)>,
    /// The body (always empty: every parameter is in the query).
    pub body: Vec<u8>,
}

impl SignedRequest {
    /// The value of a header, by lowercase name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The URL with the `Signature` and `SecurityToken` values replaced by `***`.
    pub fn redacted_url(&self) -> String {
        redact_url(&self.url)
    }
}

fn redact_url(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_owned();
    };
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if is_sensitive_param(k) => format!("{k}={REDACTED}"),
            _ => pair.to_owned(),
        })
        .collect();
    format!("{base}?{}", pairs.join("&"))
}

fn is_sensitive_param(key: &str) -> bool {
    matches!(key, "Signature" | "SecurityToken" | "AccessKeySecret")
}

fn is_sensitive_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("authorization") || name.eq_ignore_ascii_case("x-acs-security-token")
}

impl fmt::Debug for SignedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(n, v)| {
                let v = if is_sensitive_header(n) { REDACTED } else { v.as_str() };
                (n.as_str(), v)
            })
            .collect();
        f.debug_struct("SignedRequest")
            .field("method", &self.method)
            .field("url", &self.redacted_url())
            .field("headers", &headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Every intermediate value of a signature, for tests and troubleshooting.
#[derive(Clone, PartialEq, Eq)]
pub struct SigningSteps {
    /// The algorithm used.
    pub algorithm: SignatureAlgorithm,
    /// V3: the canonical request; RPC: the canonical query string.
    pub canonical: String,
    /// V3: `hex(SHA-256(canonical request))`; RPC: `None`.
    pub canonical_request_hash: Option<String>,
    /// V3: the signed header names joined by `;`; RPC: `None`.
    pub signed_headers: Option<String>,
    /// The string to sign.
    pub string_to_sign: String,
    /// The signature: lowercase hex (V3) or Base64 (RPC).
    pub signature: String,
    /// Values never to print in `Debug` (the STS token, raw and encoded).
    redactions: Vec<String>,
}

impl fmt::Debug for SigningSteps {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hide = |text: &str| {
            self.redactions
                .iter()
                .filter(|r| !r.is_empty())
                .fold(text.to_owned(), |acc, r| acc.replace(r.as_str(), REDACTED))
        };
        f.debug_struct("SigningSteps")
            .field("algorithm", &self.algorithm)
            .field("canonical", &hide(&self.canonical))
            .field("canonical_request_hash", &self.canonical_request_hash)
            .field("signed_headers", &self.signed_headers)
            .field("string_to_sign", &hide(&self.string_to_sign))
            .field("signature", &REDACTED)
            .finish()
    }
}

/// The result of [`sign`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// What to send.
    pub request: SignedRequest,
    /// How it was signed.
    pub steps: SigningSteps,
}

/// Why a request could not be signed. It reads as its English ([`SignError::text`] gives it
/// in the reader's language).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignError {
    /// A required value is empty.
    Empty(&'static str),
    /// A value that goes into a header or the URL contains a control character.
    ControlCharacter(&'static str),
    /// A business parameter uses the name of a parameter the signer sets.
    ReservedParameter(String),
    /// The MAC rejected the key (HMAC accepts any key, so this does not happen in practice).
    Key,
}

impl SignError {
    /// What went wrong, for a person.
    pub fn text(&self) -> Text {
        match self {
            SignError::Empty(name) => t!("sign.error.empty", name: value_name(name)),
            SignError::ControlCharacter(name) => {
                t!("sign.error.control_character", name: value_name(name))
            }
            SignError::ReservedParameter(name) => t!("sign.error.reserved_parameter", name = name),
            SignError::Key => t!("sign.error.key"),
        }
    }
}

/// The name of a value the signer checks ([`SignError::Empty`]), for a person.
fn value_name(name: &'static str) -> Text {
    match name {
        "access key id" => t!("sign.value.access_key_id"),
        "access key secret" => t!("sign.value.access_key_secret"),
        "security token" => t!("sign.value.security_token"),
        "nonce" => t!("sign.value.nonce"),
        "host" => t!("sign.value.host"),
        "version" => t!("sign.value.version"),
        // `action` (the API's own parameter name) and anything else as written.
        other => Text::raw(other),
    }
}

crate::display_as_text!(SignError);

impl std::error::Error for SignError {}

/// Signs `request` with `credentials` at `time` with `nonce` (unique per request; the SDKs use
/// 32 hex characters).
pub fn sign(
    request: &SignableRequest,
    credentials: &Credentials,
    time: UtcTime,
    nonce: &str,
    settings: &SigningSettings,
) -> Result<Signed, SignError> {
    check(request, credentials, nonce)?;
    match settings.algorithm {
        SignatureAlgorithm::Acs3HmacSha256 => sign_acs3(request, credentials, time, nonce),
        SignatureAlgorithm::RpcHmacSha1 => {
            sign_rpc(request, credentials, time, nonce, &settings.rpc_format)
        }
    }
}

fn check(
    request: &SignableRequest,
    credentials: &Credentials,
    nonce: &str,
) -> Result<(), SignError> {
    let required = [
        ("access key id", credentials.access_key_id.as_str()),
        ("access key secret", credentials.access_key_secret.as_str()),
        ("nonce", nonce),
        ("host", request.host.as_str()),
        ("action", request.action.as_str()),
        ("version", request.version.as_str()),
    ];
    for (name, value) in required {
        if value.is_empty() {
            return Err(SignError::Empty(name));
        }
        if value.chars().any(char::is_control) {
            return Err(SignError::ControlCharacter(name));
        }
    }
    if let Some(token) = &credentials.security_token {
        if token.is_empty() {
            return Err(SignError::Empty("security token"));
        }
        if token.chars().any(char::is_control) {
            return Err(SignError::ControlCharacter("security token"));
        }
    }
    Ok(())
}

/// The canonical query string: pairs sorted by key (then value), each `pe(k)=pe(v)`, joined
/// with `&`. The order of `params` does not matter.
pub fn canonical_query<K: AsRef<str>, V: AsRef<str>>(params: &[(K, V)]) -> String {
    let mut pairs: Vec<(&str, &str)> =
        params.iter().map(|(k, v)| (k.as_ref(), v.as_ref())).collect();
    pairs.sort_unstable();
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn hmac_bytes<M: Mac + KeyInit>(key: &[u8], message: &[u8]) -> Result<Vec<u8>, SignError> {
    let mut mac = <M as KeyInit>::new_from_slice(key).map_err(|_| SignError::Key)?;
    mac.update(message);
    Ok(mac.finalize().into_bytes().to_vec())
}

fn url(scheme: &str, host: &str, query: &str) -> String {
    if query.is_empty() {
        format!("{scheme}://{host}/")
    } else {
        format!("{scheme}://{host}/?{query}")
    }
}

fn token_redactions(credentials: &Credentials) -> Vec<String> {
    credentials.security_token.iter().flat_map(|t| [percent_encode(t), t.clone()]).collect()
}

fn sign_acs3(
    request: &SignableRequest,
    credentials: &Credentials,
    time: UtcTime,
    nonce: &str,
) -> Result<Signed, SignError> {
    let query = canonical_query(&request.params);
    let mut headers: Vec<(String, String)> = vec![
        ("host".into(), request.host.clone()),
        ("x-acs-action".into(), request.action.clone()),
        ("x-acs-version".into(), request.version.clone()),
        ("x-acs-date".into(), time.to_string()),
        ("x-acs-signature-nonce".into(), nonce.to_owned()),
        ("x-acs-content-sha256".into(), EMPTY_BODY_SHA256.to_owned()),
    ];
    if let Some(token) = &credentials.security_token {
        headers.push(("x-acs-security-token".into(), token.clone()));
    }
    let mut signed: Vec<(&str, &str)> =
        headers.iter().map(|(n, v)| (n.as_str(), v.trim())).collect();
    signed.sort_unstable();
    let canonical_headers: String = signed.iter().map(|(n, v)| format!("{n}:{v}\n")).collect();
    let signed_headers = signed.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(";");
    let canonical = format!(
        "{}\n/\n{query}\n{canonical_headers}\n{signed_headers}\n{EMPTY_BODY_SHA256}",
        request.method
    );
    let hash = hex_lower(&Sha256::digest(canonical.as_bytes()));
    let string_to_sign = format!("{}\n{hash}", SignatureAlgorithm::Acs3HmacSha256.as_str());
    let signature = hex_lower(&hmac_bytes::<Hmac<Sha256>>(
        credentials.access_key_secret.as_bytes(),
        string_to_sign.as_bytes(),
    )?);
    headers.push((
        "authorization".into(),
        format!(
            "ACS3-HMAC-SHA256 Credential={},SignedHeaders={signed_headers},Signature={signature}",
            credentials.access_key_id
        ),
    ));
    // Not signed (only host, x-acs-* and content-type must be): asks for JSON explicitly.
    headers.push(("accept".into(), "application/json".into()));
    Ok(Signed {
        request: SignedRequest {
            method: request.method,
            url: url(&request.scheme, &request.host, &query),
            headers,
            body: Vec::new(),
        },
        steps: SigningSteps {
            algorithm: SignatureAlgorithm::Acs3HmacSha256,
            canonical,
            canonical_request_hash: Some(hash),
            signed_headers: Some(signed_headers),
            string_to_sign,
            signature,
            redactions: token_redactions(credentials),
        },
    })
}

/// Names the RPC signer sets itself; a business parameter may not use them.
const RPC_COMMON: [&str; 11] = [
    "Action",
    "Version",
    "Format",
    "AccessKeyId",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "Timestamp",
    "SecurityToken",
    "Signature",
    "SignatureType",
];

fn sign_rpc(
    request: &SignableRequest,
    credentials: &Credentials,
    time: UtcTime,
    nonce: &str,
    format: &str,
) -> Result<Signed, SignError> {
    if let Some((k, _)) = request.params.iter().find(|(k, _)| RPC_COMMON.contains(&k.as_str())) {
        return Err(SignError::ReservedParameter(k.clone()));
    }
    let mut params = request.params.clone();
    let common = [
        ("Action", request.action.as_str()),
        ("Version", request.version.as_str()),
        ("Format", format),
        ("AccessKeyId", credentials.access_key_id.as_str()),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("SignatureNonce", nonce),
    ];
    params.extend(common.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
    params.push(("Timestamp".into(), time.to_string()));
    if let Some(token) = &credentials.security_token {
        params.push(("SecurityToken".into(), token.clone()));
    }
    let mut steps = rpc_signature(request.method, &params, &credentials.access_key_secret)?;
    steps.redactions = token_redactions(credentials);
    let query = format!("{}&Signature={}", steps.canonical, percent_encode(&steps.signature));
    Ok(Signed {
        request: SignedRequest {
            method: request.method,
            url: url(&request.scheme, &request.host, &query),
            headers: vec![("host".into(), request.host.clone())],
            body: Vec::new(),
        },
        steps,
    })
}

/// The RPC (HMAC-SHA1) signature over a complete parameter set, common parameters included
/// (everything but `Signature`). [`sign`] uses it after adding the common parameters; it is
/// public for test vectors that spell a common parameter differently (the documented example
/// uses `TimeStamp`).
pub fn rpc_signature(
    method: Method,
    params: &[(String, String)],
    access_key_secret: &str,
) -> Result<SigningSteps, SignError> {
    let canonical = canonical_query(params);
    let string_to_sign = format!("{method}&{}&{}", percent_encode("/"), percent_encode(&canonical));
    let key = format!("{access_key_secret}&");
    let mac = hmac_bytes::<Hmac<Sha1>>(key.as_bytes(), string_to_sign.as_bytes())?;
    Ok(SigningSteps {
        algorithm: SignatureAlgorithm::RpcHmacSha1,
        canonical,
        canonical_request_hash: None,
        signed_headers: None,
        string_to_sign,
        signature: base64::engine::general_purpose::STANDARD.encode(mac),
        redactions: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> SignableRequest {
        SignableRequest {
            method: Method::Post,
            scheme: "https".into(),
            host: "oos.cn-hangzhou.aliyuncs.com".into(),
            action: "ListExecutions".into(),
            version: "2019-06-01".into(),
            params: vec![("RegionId".into(), "cn-hangzhou".into())],
        }
    }

    fn t0() -> UtcTime {
        UtcTime::from_unix_seconds(1_735_689_600).unwrap()
    }

    #[test]
    fn debug_hides_secret_token_and_signature() {
        let creds = Credentials::new("AKID", "SECRETVALUE").with_security_token("TOKENVALUE");
        assert!(!format!("{creds:?}").contains("SECRETVALUE"));
        assert!(!format!("{creds:?}").contains("TOKENVALUE"));
        for algorithm in [SignatureAlgorithm::Acs3HmacSha256, SignatureAlgorithm::RpcHmacSha1] {
            let settings = SigningSettings::with_algorithm(algorithm);
            let signed = sign(&request(), &creds, t0(), "n1", &settings).unwrap();
            let shown = format!("{signed:?}");
            assert!(!shown.contains("SECRETVALUE"), "{shown}");
            assert!(!shown.contains("TOKENVALUE"), "{shown}");
            assert!(!shown.contains(&signed.steps.signature), "{shown}");
            assert!(!shown.contains(&percent_encode(&signed.steps.signature)), "{shown}");
        }
    }

    #[test]
    fn rpc_query_on_the_wire_is_the_signed_canonical_query() {
        let settings = SigningSettings::with_algorithm(SignatureAlgorithm::RpcHmacSha1);
        let signed = sign(&request(), &Credentials::new("a", "b"), t0(), "n", &settings).unwrap();
        let expected = format!(
            "https://oos.cn-hangzhou.aliyuncs.com/?{}&Signature={}",
            signed.steps.canonical,
            percent_encode(&signed.steps.signature)
        );
        assert_eq!(signed.request.url, expected);
        assert!(signed.steps.canonical.contains("Format=JSON"));
        assert!(signed.request.body.is_empty());
    }

    #[test]
    fn rejects_empty_and_injected_values() {
        let s = SigningSettings::default();
        let err = sign(&request(), &Credentials::new("", "b"), t0(), "n", &s).unwrap_err();
        assert_eq!(err, SignError::Empty("access key id"));
        let creds = Credentials::new("a", "b").with_security_token("x\r\ny: z");
        let err = sign(&request(), &creds, t0(), "n", &s).unwrap_err();
        assert_eq!(err, SignError::ControlCharacter("security token"));
        let mut req = request();
        req.params.push(("Signature".into(), "x".into()));
        let rpc = SigningSettings::with_algorithm(SignatureAlgorithm::RpcHmacSha1);
        let err = sign(&req, &Credentials::new("a", "b"), t0(), "n", &rpc).unwrap_err();
        assert_eq!(err, SignError::ReservedParameter("Signature".into()));
    }

    #[test]
    fn sts_token_is_signed_in_the_right_place() {
        let creds = Credentials::new("a", "b").with_security_token("tok");
        let v3 = sign(&request(), &creds, t0(), "n", &SigningSettings::default()).unwrap();
        assert_eq!(v3.request.header("x-acs-security-token"), Some("tok"));
        assert!(v3.steps.signed_headers.as_deref().unwrap().contains("x-acs-security-token"));
        let rpc = SigningSettings::with_algorithm(SignatureAlgorithm::RpcHmacSha1);
        let v2 = sign(&request(), &creds, t0(), "n", &rpc).unwrap();
        assert!(v2.steps.canonical.contains("SecurityToken=tok"));
    }

    #[test]
    fn errors_read_in_chinese() {
        use crate::i18n::Lang;
        let err = SignError::ControlCharacter("access key id");
        assert_eq!(err.to_string(), "access key id contains a control character");
        assert_eq!(err.text().render(Lang::ZhCn), "AccessKey ID（访问密钥 ID） 含有控制字符");
        let err = SignError::Empty("action");
        assert_eq!(err.to_string(), "action is empty");
        assert_eq!(err.text().render(Lang::ZhCn), "action 为空");
        let err = SignError::ReservedParameter("Signature".into());
        assert_eq!(err.to_string(), "parameter Signature is reserved for the signature");
        assert!(err.text().render(Lang::ZhCn).contains("参数 Signature"));
    }
}
