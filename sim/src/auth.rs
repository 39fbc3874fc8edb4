//! Checks a request's signature (V3 `ACS3-HMAC-SHA256` or V2 `HMAC-SHA1`) against the
//! configured AccessKeys, the server clock and the nonces already seen.

use std::collections::HashSet;
use std::fmt;

use serde::Serialize;

use crate::error::ApiError;
use crate::http::Request;
use crate::sign;

/// An AccessKey the simulation accepts.
#[derive(Clone, PartialEq, Eq)]
pub struct Credential {
    /// AccessKey id.
    pub access_key_id: String,
    /// AccessKey secret.
    pub access_key_secret: String,
    /// For STS credentials: the security token every request must carry.
    pub security_token: Option<String>,
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credential")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"***")
            .field("security_token", &self.security_token.as_ref().map(|_| "***"))
            .finish()
    }
}

/// Which signature a request carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SignatureKind {
    /// `ACS3-HMAC-SHA256` in the `Authorization` header.
    V3,
    /// `HMAC-SHA1` `Signature` query/form parameter.
    V2,
    /// None found.
    None,
}

const V3_MAX_SKEW_SECS: i64 = 15 * 60;
const V2_MAX_SKEW_SECS: i64 = 31 * 60;
const V3_REQUIRED: [&str; 6] = [
    "host",
    "x-acs-action",
    "x-acs-version",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-content-sha256",
];

/// What the check found out, also when it failed.
#[derive(Debug)]
pub(crate) struct Checked {
    pub(crate) kind: SignatureKind,
    pub(crate) access_key_id: Option<String>,
    pub(crate) result: Result<(), ApiError>,
}

fn timestamp_error(kind: &str, value: &str, server_secs: i64, limit: i64) -> ApiError {
    ApiError::new(
        400,
        "IllegalTimestamp",
        format!(
            "The input parameter \"{kind}\" ({value}) is not within {} minutes of the server time {} (simulated server clock).",
            limit / 60,
            crate::time::format_utc((server_secs.max(0) as u64) * 1000)
        ),
    )
}

fn check_time(
    kind: &str,
    value: Option<&str>,
    server_secs: i64,
    limit: i64,
) -> Result<(), ApiError> {
    let value = value.ok_or_else(|| ApiError::missing(kind))?;
    match crate::time::parse_utc(value) {
        Some(t) if (t - server_secs).abs() <= limit => Ok(()),
        _ => Err(timestamp_error(kind, value, server_secs, limit)),
    }
}

/// The answer to a signature that does not verify. It echoes the server's string to sign, as
/// Alibaba Cloud does, but with every security token the request carried masked: clients
/// print this message, and a token must never reach a terminal or a log.
fn mismatch<'t>(
    sent_tokens: impl IntoIterator<Item = &'t str>,
    string_to_sign: &str,
    detail: &str,
) -> ApiError {
    let mut message = format!(
        "The request signature does not conform to Aliyun standards. server string to sign is:{string_to_sign}{detail}"
    );
    for token in sent_tokens.into_iter().filter(|t| !t.is_empty()) {
        // As sent in a header, as encoded once in a query, and as encoded again in V2's string.
        let once = sign::percent_encode(token);
        for form in [sign::percent_encode(&once), once, token.to_owned()] {
            message = message.replace(&form, "***");
        }
    }
    ApiError::new(403, "SignatureDoesNotMatch", message)
}

/// Every security token a V3 request carried: its `x-acs-security-token` headers and any
/// `SecurityToken` query parameter (the canonical request echoes both).
fn sent_tokens<'r>(
    req: &'r Request,
    query: &'r [(String, String)],
) -> impl Iterator<Item = &'r str> {
    let headers =
        req.headers.iter().filter(|(k, _)| k.eq_ignore_ascii_case("x-acs-security-token"));
    let params = query.iter().filter(|(k, _)| k == "SecurityToken");
    headers.map(|(_, v)| v.trim()).chain(params.map(|(_, v)| v.as_str()))
}

fn token_check(cred: &Credential, sent: Option<&str>) -> Result<(), ApiError> {
    match (&cred.security_token, sent) {
        (Some(want), Some(got)) if want == got => Ok(()),
        (Some(_), Some(_)) => Err(ApiError::new(
            400,
            "InvalidSecurityToken.Malformed",
            "The security token is not valid for this AccessKey.",
        )),
        (Some(_), None) => Err(ApiError::new(
            400,
            "InvalidSecurityToken.MismatchWithAccessKey",
            "This STS AccessKey needs its security token.",
        )),
        (None, _) => Ok(()),
    }
}

/// Checks the request. `query` are the decoded query pairs, `form` the decoded form-body pairs.
pub(crate) fn check(
    req: &Request,
    query: &[(String, String)],
    form: &[(String, String)],
    credentials: &[Credential],
    server_secs: i64,
    nonces: &mut HashSet<String>,
) -> Checked {
    if let Some(authorization) = req.header("authorization") {
        return check_v3(req, authorization, query, credentials, server_secs, nonces);
    }
    let all: Vec<(String, String)> = query.iter().chain(form).cloned().collect();
    let get = |k: &str| all.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let Some(signature) = get("Signature") else {
        return Checked {
            kind: SignatureKind::None,
            access_key_id: None,
            result: Err(ApiError::new(
                400,
                "IncompleteSignature",
                "The request is not signed: it has neither an Authorization header (V3) nor a Signature parameter (V2).",
            )),
        };
    };
    let ak = get("AccessKeyId").map(str::to_owned);
    let result = (|| {
        let id = ak.as_deref().ok_or_else(|| ApiError::missing("AccessKeyId"))?;
        let cred = credentials.iter().find(|c| c.access_key_id == id).ok_or_else(|| {
            ApiError::new(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
        })?;
        if get("SignatureMethod") != Some("HMAC-SHA1") {
            return Err(ApiError::new(
                400,
                "IncompleteSignature",
                "SignatureMethod must be HMAC-SHA1.",
            ));
        }
        if get("SignatureVersion") != Some("1.0") {
            return Err(ApiError::new(400, "IncompleteSignature", "SignatureVersion must be 1.0."));
        }
        check_time("Timestamp", get("Timestamp"), server_secs, V2_MAX_SKEW_SECS)?;
        let nonce = get("SignatureNonce").ok_or_else(|| ApiError::missing("SignatureNonce"))?;
        token_check(cred, get("SecurityToken"))?;
        let sts = sign::v2_string_to_sign(&req.method, &all);
        let want = sign::v2_signature(&cred.access_key_secret, &sts);
        if !sign::same_signature(&want, signature) {
            let tokens = all.iter().filter(|(k, _)| k == "SecurityToken").map(|(_, v)| v.as_str());
            return Err(mismatch(tokens, &sts, ""));
        }
        if !nonces.insert(format!("{id}\n{nonce}")) {
            return Err(ApiError::new(
                400,
                "SignatureNonceUsed",
                "The request signature nonce has been used.",
            ));
        }
        Ok(())
    })();
    Checked { kind: SignatureKind::V2, access_key_id: ak, result }
}

/// Every header V3 requires (and the security token, when sent) is present and signed.
fn check_v3_headers(req: &Request, auth: &sign::V3Authorization) -> Result<(), ApiError> {
    let token = req.header("x-acs-security-token").map(|_| "x-acs-security-token");
    for name in V3_REQUIRED.into_iter().chain(token) {
        if req.header(name).is_none() {
            return Err(ApiError::new(
                400,
                "IncompleteSignature",
                format!("The header \"{name}\" is required by the V3 signature."),
            ));
        }
        if !auth.signed_headers.iter().any(|h| h == name) {
            return Err(ApiError::new(
                400,
                "IncompleteSignature",
                format!("The header \"{name}\" must be listed in SignedHeaders."),
            ));
        }
    }
    Ok(())
}

fn check_v3(
    req: &Request,
    authorization: &str,
    query: &[(String, String)],
    credentials: &[Credential],
    server_secs: i64,
    nonces: &mut HashSet<String>,
) -> Checked {
    let parsed = sign::parse_v3_authorization(authorization);
    let ak = parsed.as_ref().map(|a| a.credential.clone());
    let result = (|| {
        let auth = parsed.as_ref().ok_or_else(|| {
            ApiError::new(400, "IncompleteSignature", "The Authorization header must read `ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<names>,Signature=<hex>`.")
        })?;
        let cred =
            credentials.iter().find(|c| c.access_key_id == auth.credential).ok_or_else(|| {
                ApiError::new(
                    404,
                    "InvalidAccessKeyId.NotFound",
                    "Specified access key is not found.",
                )
            })?;
        check_v3_headers(req, auth)?;
        check_time("x-acs-date", req.header("x-acs-date"), server_secs, V3_MAX_SKEW_SECS)?;
        token_check(cred, req.header("x-acs-security-token"))?;
        let sent_hash = req.header("x-acs-content-sha256").unwrap_or_default().to_owned();
        let canonical = sign::v3_canonical_request(
            &req.method,
            &req.path,
            query,
            &req.headers,
            &auth.signed_headers,
            &sent_hash,
        )
        .map_err(|name| {
            ApiError::new(
                400,
                "IncompleteSignature",
                format!("The signed header \"{name}\" is not in the request."),
            )
        })?;
        let sts = sign::v3_string_to_sign(&canonical);
        let body_hash = sign::sha256_hex(&req.body);
        if !body_hash.eq_ignore_ascii_case(&sent_hash) {
            return Err(mismatch(
                sent_tokens(req, query),
                &sts,
                &format!(
                    " (simulation: x-acs-content-sha256 is not the SHA-256 of the body, {body_hash})"
                ),
            ));
        }
        let want = sign::v3_signature(&cred.access_key_secret, &sts);
        if !sign::same_signature(&want, &auth.signature.to_ascii_lowercase()) {
            return Err(mismatch(
                sent_tokens(req, query),
                &sts,
                &format!(" (simulation: server canonical request was {canonical:?})"),
            ));
        }
        let nonce = req.header("x-acs-signature-nonce").unwrap_or_default();
        if !nonces.insert(format!("{}\n{nonce}", auth.credential)) {
            return Err(ApiError::new(
                400,
                "SignatureNonceUsed",
                "The request signature nonce has been used.",
            ));
        }
        Ok(())
    })();
    Checked { kind: SignatureKind::V3, access_key_id: ak, result }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "Tok/en+with=marks";

    fn sts() -> [Credential; 1] {
        [Credential {
            access_key_id: "STS.ID".into(),
            access_key_secret: "secret".into(),
            security_token: Some(TOKEN.into()),
        }]
    }

    /// Found by the `sim_request` fuzz target: a V2 request whose signature does not match was
    /// answered with a string to sign that held the security token, which clients print.
    #[test]
    fn a_v2_mismatch_never_echoes_the_security_token() {
        let query = format!(
            "AccessKeyId=STS.ID&Action=StartExecution&RegionId=cn-hangzhou&SecurityToken={}\
             &SignatureMethod=HMAC-SHA1&SignatureNonce=n1&SignatureVersion=1.0\
             &Timestamp=2026-01-01T00%3A00%3A00Z&Version=2019-06-01&Signature=bad%3D",
            sign::percent_encode(TOKEN)
        );
        let raw = format!("POST /?{query} HTTP/1.1\r\nhost: h\r\ncontent-length: 0\r\n\r\n");
        let answer = crate::check_raw_request(raw.as_bytes(), &sts(), 1_767_225_600).unwrap_err();
        assert!(answer.contains("SignatureDoesNotMatch"), "{answer}");
        assert!(answer.contains("SecurityToken%3D***"), "{answer}");
        for form in [TOKEN.to_owned(), sign::percent_encode(TOKEN)] {
            assert!(!answer.contains(&form), "{form} in {answer}");
        }
    }

    /// Also found by `sim_request`: the token of a request whose AccessKey needs none.
    #[test]
    fn a_mismatch_never_echoes_a_token_the_access_key_does_not_need() {
        let plain = [Credential {
            access_key_id: "AK".into(),
            access_key_secret: "secret".into(),
            security_token: None,
        }];
        let raw = format!(
            "POST /?AccessKeyId=AK&Action=X&SecurityToken={}&SignatureMethod=HMAC-SHA1\
             &SignatureNonce=n1&SignatureVersion=1.0&Timestamp=2026-01-01T00%3A00%3A00Z\
             &Signature=bad HTTP/1.1\r\nhost: h\r\n\r\n",
            sign::percent_encode(TOKEN)
        );
        let answer = crate::check_raw_request(raw.as_bytes(), &plain, 1_767_225_600).unwrap_err();
        assert!(answer.contains("SignatureDoesNotMatch"), "{answer}");
        assert!(!answer.contains(&sign::percent_encode(TOKEN)), "{answer}");
    }

    #[test]
    fn a_v3_mismatch_never_echoes_the_security_token() {
        let raw = format!(
            "POST /?RegionId=cn-hangzhou HTTP/1.1\r\nhost: h\r\nx-acs-action: StartExecution\r\n\
             x-acs-version: 2019-06-01\r\nx-acs-date: 2026-01-01T00:00:00Z\r\n\
             x-acs-signature-nonce: n1\r\nx-acs-content-sha256: {}\r\n\
             x-acs-security-token: {TOKEN}\r\nauthorization: ACS3-HMAC-SHA256 Credential=STS.ID,\
             SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;\
             x-acs-security-token;x-acs-signature-nonce;x-acs-version,Signature=00\r\n\r\n",
            sign::EMPTY_SHA256
        );
        let answer = crate::check_raw_request(raw.as_bytes(), &sts(), 1_767_225_600).unwrap_err();
        assert!(answer.contains("SignatureDoesNotMatch"), "{answer}");
        assert!(answer.contains("x-acs-security-token:***"), "{answer}");
        assert!(!answer.contains(TOKEN), "{answer}");
    }
}
