//! The simulator's own implementation of Alibaba Cloud's two request signatures, used to check
//! what clients send: V2 (`HMAC-SHA1`, `SignatureVersion=1.0`, signature in the query) and V3
//! (`ACS3-HMAC-SHA256`, signature in the `Authorization` header).
//!
//! It is written independently of the product's client-side signer on purpose: the two meet only
//! on the wire, and the unit tests below pin this side to the published test vectors.

use base64::Engine as _;
use hmac::{KeyInit, Mac};
use sha2::Digest as _;

/// SHA-256 of the empty body, as V3 clients send it in `x-acs-content-sha256`.
pub const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Percent-encodes UTF-8 bytes, leaving only `A-Z a-z 0-9 - _ . ~` (uppercase hex).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes a query or form component: `+` is a space, `%XX` a byte; a malformed escape is kept
/// as it is. Invalid UTF-8 is replaced, never a panic.
pub fn form_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Splits a raw query string (or form body) into decoded pairs, in wire order.
pub fn parse_query(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|part| !part.is_empty())
        .map(|part| match part.split_once('=') {
            Some((k, v)) => (form_decode(k), form_decode(v)),
            None => (form_decode(part), String::new()),
        })
        .collect()
}

/// `pe(k)=pe(v)` pairs sorted by encoded key (then value), joined with `&`.
pub fn canonical_query(pairs: &[(String, String)]) -> String {
    let mut encoded: Vec<(String, String)> =
        pairs.iter().map(|(k, v)| (percent_encode(k), percent_encode(v))).collect();
    encoded.sort();
    encoded.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Lowercase hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&sha2::Sha256::digest(bytes))
}

/// V2 string to sign: `METHOD&%2F&pe(canonical query of every param except Signature)`.
pub fn v2_string_to_sign(method: &str, params: &[(String, String)]) -> String {
    let kept: Vec<(String, String)> =
        params.iter().filter(|(k, _)| k != "Signature").cloned().collect();
    format!(
        "{}&{}&{}",
        method.to_ascii_uppercase(),
        percent_encode("/"),
        percent_encode(&canonical_query(&kept))
    )
}

/// V2 signature: `Base64(HMAC-SHA1(secret + "&", string_to_sign))`.
pub fn v2_signature(secret: &str, string_to_sign: &str) -> String {
    let key = format!("{secret}&");
    let mut mac = match hmac::Hmac::<sha1::Sha1>::new_from_slice(key.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => return String::new(), // HMAC takes keys of any length
    };
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// The parts of a V3 `Authorization` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct V3Authorization {
    /// The AccessKey id (`Credential=`).
    pub credential: String,
    /// The signed header names, lowercase, in the order given.
    pub signed_headers: Vec<String>,
    /// The hex signature.
    pub signature: String,
}

/// Parses `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…`.
pub fn parse_v3_authorization(value: &str) -> Option<V3Authorization> {
    let rest = value.trim().strip_prefix("ACS3-HMAC-SHA256")?.trim_start();
    let (mut credential, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let (k, v) = part.trim().split_once('=')?;
        match k.trim() {
            "Credential" => credential = Some(v.trim().to_owned()),
            "SignedHeaders" => signed = Some(v.trim().to_owned()),
            "Signature" => signature = Some(v.trim().to_owned()),
            _ => {}
        }
    }
    Some(V3Authorization {
        credential: credential?,
        signed_headers: signed?.split(';').map(|h| h.trim().to_ascii_lowercase()).collect(),
        signature: signature?,
    })
}

/// The V3 canonical request. `headers` are all received headers (any case); the values of the
/// ones named in `signed_headers` are trimmed and, when repeated, joined with `,`.
/// Returns `Err(name)` when a signed header was not received.
pub fn v3_canonical_request(
    method: &str,
    path: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    signed_headers: &[String],
    payload_hash: &str,
) -> Result<String, String> {
    let mut names: Vec<String> = signed_headers.iter().map(|h| h.to_ascii_lowercase()).collect();
    names.sort();
    names.dedup();
    let mut canonical_headers = String::new();
    for name in &names {
        let values: Vec<&str> = headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
            .collect();
        if values.is_empty() {
            return Err(name.clone());
        }
        canonical_headers.push_str(&format!("{name}:{}\n", values.join(",")));
    }
    Ok(format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        method.to_ascii_uppercase(),
        if path.is_empty() { "/" } else { path },
        canonical_query(query),
        canonical_headers,
        names.join(";"),
        payload_hash
    ))
}

/// `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request.
pub fn v3_string_to_sign(canonical_request: &str) -> String {
    format!("ACS3-HMAC-SHA256\n{}", sha256_hex(canonical_request.as_bytes()))
}

/// V3 signature: hex `HMAC-SHA256(secret, string_to_sign)`.
pub fn v3_signature(secret: &str, string_to_sign: &str) -> String {
    let mut mac = match hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => return String::new(),
    };
    mac.update(string_to_sign.as_bytes());
    hex(&mac.finalize().into_bytes())
}

/// Compares two signatures without stopping at the first difference.
pub fn same_signature(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn encodes_like_alibaba() {
        assert_eq!(percent_encode("a b*c~/é"), "a%20b%2Ac~%2F%C3%A9");
        assert_eq!(form_decode("a+b%20c%2a%zz%"), "a b c*%zz%");
        assert_eq!(parse_query("a=1&b&c=x%3Dy&&"), pairs(&[("a", "1"), ("b", ""), ("c", "x=y")]));
    }

    #[test]
    fn v2_documented_vector() {
        let params = pairs(&[
            ("AccessKeyId", "testid"),
            ("Action", "DescribeRegions"),
            ("Format", "XML"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            ("SignatureVersion", "1.0"),
            ("TimeStamp", "2016-02-23T12:46:24Z"),
            ("Version", "2014-05-26"),
        ]);
        let sts = v2_string_to_sign("GET", &params);
        assert_eq!(v2_signature("testsecret", &sts), "CT9X0VtwR86fNWSnsc6v8YGOjuE=");
    }

    #[test]
    fn v2_oos_start_execution_vector() {
        let params = pairs(&[
            ("Action", "StartExecution"),
            ("Format", "json"),
            ("Version", "2019-06-01"),
            ("AccessKeyId", "testid"),
            ("Timestamp", "2025-01-01T00:00:00Z"),
            ("SignatureNonce", "0123456789abcdef0123456789abcdef"),
            ("RegionId", "cn-hangzhou"),
            ("TemplateName", "ACS-ESS-RollingUpdateByRunCommandInScalingGroup"),
            ("Parameters", r#"{"invokeType":"invoke","scalingGroupId":"asg-123","batchNumber":2}"#),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureVersion", "1.0"),
        ]);
        let sts = v2_string_to_sign("POST", &params);
        assert_eq!(v2_signature("testsecret", &sts), "y4eK7BUST0j07mtWWxVTlenmHv8=");
    }

    fn v3_headers(
        host: &str,
        action: &str,
        version: &str,
        date: &str,
        nonce: &str,
    ) -> Vec<(String, String)> {
        pairs(&[
            ("Host", host),
            ("x-acs-action", action),
            ("x-acs-version", version),
            ("x-acs-date", date),
            ("x-acs-signature-nonce", nonce),
            ("x-acs-content-sha256", EMPTY_SHA256),
        ])
    }

    fn v3_sign(
        query: &[(String, String)],
        headers: &[(String, String)],
        secret: &str,
    ) -> (String, String) {
        let signed: Vec<String> = headers.iter().map(|(k, _)| k.to_ascii_lowercase()).collect();
        let canonical =
            v3_canonical_request("POST", "/", query, headers, &signed, EMPTY_SHA256).unwrap();
        let sts = v3_string_to_sign(&canonical);
        (sts.clone(), v3_signature(secret, &sts))
    }

    #[test]
    fn v3_documented_vectors() {
        let query = pairs(&[
            ("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"),
            ("RegionId", "cn-shanghai"),
        ]);
        for (date, nonce, want) in [
            (
                "2023-10-26T10:22:32Z",
                "3156853299f313e23d1673dc12e1703d",
                "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
            ),
            (
                "2023-10-26T09:01:01Z",
                "d410180a5abf7fe235dd9b74aca91fc0",
                "e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804",
            ),
        ] {
            let headers = v3_headers(
                "ecs.cn-shanghai.aliyuncs.com",
                "RunInstances",
                "2014-05-26",
                date,
                nonce,
            );
            assert_eq!(v3_sign(&query, &headers, "YourAccessKeySecret").1, want, "{date}");
        }
    }

    #[test]
    fn v3_oos_vector() {
        let query = pairs(&[
            ("Parameters", r#"{"invokeType":"invoke","scalingGroupId":"asg-123","batchNumber":2}"#),
            ("RegionId", "cn-hangzhou"),
            ("TemplateName", "ACS-ESS-RollingUpdateByRunCommandInScalingGroup"),
        ]);
        let headers = v3_headers(
            "oos.cn-hangzhou.aliyuncs.com",
            "StartExecution",
            "2019-06-01",
            "2025-01-01T00:00:00Z",
            "0123456789abcdef0123456789abcdef",
        );
        let (sts, sig) = v3_sign(&query, &headers, "testsecret");
        assert!(sts.ends_with("f49b9d142be6d45522495fa220e8f64da6ee563e3be4068341e4d40493860467"));
        assert_eq!(sig, "5c7fde327a9cee8f8085000b60823b38120c2fd98de5b99f02696f3cbdc3126d");
    }

    #[test]
    fn parses_authorization() {
        let auth = parse_v3_authorization(
            "ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;X-Acs-Date, Signature=ab",
        )
        .unwrap();
        assert_eq!(auth.credential, "AK");
        assert_eq!(auth.signed_headers, vec!["host", "x-acs-date"]);
        assert_eq!(auth.signature, "ab");
        assert!(parse_v3_authorization("HMAC Credential=x").is_none());
    }
}
