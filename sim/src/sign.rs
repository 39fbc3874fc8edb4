//! The simulator's own implementation of Alibaba Cloud's two request signatures, used to check
//! what clients send: V2 (`HMAC-SHA1`, `SignatureVersion=1.0`, signature in the query) and V3
//! (`ACS3-HMAC-SHA256`, signature in the `Authorization` header).
//!
//! It is written independently of the product's client-side signer on purpose: the two meet only
//! on the wire. Its tests (`vectors.rs`) read the same vector files the core's signer is checked
//! against (`core/tests/vectors/`), so one set of published and computed cases pins both sides.

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
