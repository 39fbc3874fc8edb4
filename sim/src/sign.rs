//! The simulator's own implementation of Alibaba Cloud's two request signatures, used to check
//! what clients send: V2 (`HMAC-SHA1`, `SignatureVersion=1.0`, signature in the query) and V3
//! (`ACS3-HMAC-SHA256`, signature in the `Authorization` header).
//!
//! It is written independently of the product's client-side signer on purpose: the two meet only
//! on the wire. The unit tests below read the same vector files the core's signer is checked
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
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

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

    /// The signature vectors shared with the core: `core/tests/vectors/<case>/`.
    fn vector_dirs() -> Vec<PathBuf> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/vectors");
        let entries = std::fs::read_dir(root).unwrap_or_else(|e| panic!("reading {root}: {e}"));
        let mut dirs: Vec<_> =
            entries.map(|e| e.unwrap().path()).filter(|p| p.join("input.json").is_file()).collect();
        dirs.sort();
        dirs
    }

    /// A vector file's text (the files have no trailing newline; one is accepted).
    fn stage_file(dir: &Path, name: &str) -> String {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        text.strip_suffix('\n').unwrap_or(&text).to_owned()
    }

    fn check_stage(case: &str, stage: &str, got: &str, want: &str) {
        assert_eq!(got, want, "vector {case}: stage {stage} differs");
    }

    /// What a vector's request put on the wire: its query (read back from `url.txt`) and, for
    /// V3, the headers a client sends (from `input.json`).
    struct Wire {
        case: String,
        input: serde_json::Value,
        /// The query as sent, still encoded.
        raw_query: String,
        query: Vec<(String, String)>,
    }

    impl Wire {
        fn read(dir: &Path) -> Wire {
            let case = dir.file_name().unwrap().to_string_lossy().into_owned();
            let input: serde_json::Value =
                serde_json::from_str(&stage_file(dir, "input.json")).expect("input.json is JSON");
            let url = stage_file(dir, "url.txt");
            let (_, raw_query) = url.split_once('?').expect("url.txt has a query");
            Wire { case, input, raw_query: raw_query.to_owned(), query: parse_query(raw_query) }
        }

        fn text(&self, key: &str) -> &str {
            self.input[key]
                .as_str()
                .unwrap_or_else(|| panic!("{}: input.json lacks {key}", self.case))
        }

        fn credential(&self) -> crate::auth::Credential {
            let creds = &self.input["credentials"];
            let field = |k: &str| creds[k].as_str().map(str::to_owned);
            crate::auth::Credential {
                access_key_id: field("access_key_id").expect("access_key_id"),
                access_key_secret: field("access_key_secret").expect("access_key_secret"),
                security_token: field("security_token"),
            }
        }

        fn v3_headers(&self) -> Vec<(String, String)> {
            let mut headers = pairs(&[
                ("host", self.text("host")),
                ("x-acs-action", self.text("action")),
                ("x-acs-version", self.text("version")),
                ("x-acs-date", self.text("timestamp")),
                ("x-acs-signature-nonce", self.text("nonce")),
                ("x-acs-content-sha256", EMPTY_SHA256),
            ]);
            if let Some(token) = self.credential().security_token {
                headers.push(("x-acs-security-token".to_owned(), token));
            }
            headers
        }

        /// The whole request, as the server reads it off the socket.
        fn raw_request(&self, signature: &str) -> String {
            let method = self.text("method");
            if self.text("algorithm") == "HMAC-SHA1" {
                return format!(
                    "{method} /?{} HTTP/1.1\r\nhost: {}\r\n\r\n",
                    self.raw_query,
                    self.text("host")
                );
            }
            let headers = self.v3_headers();
            let names: Vec<&str> = headers.iter().map(|(k, _)| k.as_str()).collect();
            let authorization = format!(
                "ACS3-HMAC-SHA256 Credential={},SignedHeaders={},Signature={signature}",
                self.credential().access_key_id,
                names.join(";")
            );
            let mut raw = format!("{method} /?{} HTTP/1.1\r\n", self.raw_query);
            for (k, v) in headers.iter().chain([&("authorization".to_owned(), authorization)]) {
                raw.push_str(&format!("{k}: {v}\r\n"));
            }
            raw + "\r\n"
        }
    }

    /// Stages of an `HMAC-SHA1` vector, starting from the query that was sent.
    fn check_v2(dir: &Path, wire: &Wire) -> String {
        let unsigned: Vec<_> =
            wire.query.iter().filter(|(k, _)| k != "Signature").cloned().collect();
        check_stage(
            &wire.case,
            "canonical.txt",
            &canonical_query(&unsigned),
            &stage_file(dir, "canonical.txt"),
        );
        let sts = v2_string_to_sign(wire.text("method"), &wire.query);
        check_stage(&wire.case, "string-to-sign.txt", &sts, &stage_file(dir, "string-to-sign.txt"));
        let signature = v2_signature(&wire.credential().access_key_secret, &sts);
        check_stage(&wire.case, "signature.txt", &signature, &stage_file(dir, "signature.txt"));
        let sent = wire.query.iter().find(|(k, _)| k == "Signature").map(|(_, v)| v.as_str());
        check_stage(&wire.case, "url.txt (Signature sent)", sent.unwrap_or(""), &signature);
        signature
    }

    /// Stages of an `ACS3-HMAC-SHA256` vector, from the query and headers a client sends.
    fn check_v3(dir: &Path, wire: &Wire) -> String {
        let headers = wire.v3_headers();
        let signed: Vec<String> = headers.iter().map(|(k, _)| k.clone()).collect();
        let method = wire.text("method");
        let canonical =
            v3_canonical_request(method, "/", &wire.query, &headers, &signed, EMPTY_SHA256)
                .unwrap();
        check_stage(&wire.case, "canonical.txt", &canonical, &stage_file(dir, "canonical.txt"));
        let sts = v3_string_to_sign(&canonical);
        check_stage(&wire.case, "string-to-sign.txt", &sts, &stage_file(dir, "string-to-sign.txt"));
        let signature = v3_signature(&wire.credential().access_key_secret, &sts);
        check_stage(&wire.case, "signature.txt", &signature, &stage_file(dir, "signature.txt"));
        signature
    }

    #[test]
    fn the_core_signature_vectors_verify() {
        let dirs = vector_dirs();
        let mut algorithms = BTreeSet::new();
        for dir in &dirs {
            let wire = Wire::read(dir);
            let algorithm = wire.text("algorithm").to_owned();
            let signature = match algorithm.as_str() {
                "HMAC-SHA1" => check_v2(dir, &wire),
                "ACS3-HMAC-SHA256" => check_v3(dir, &wire),
                other => panic!("vector {}: unknown algorithm {other}", wire.case),
            };
            if let Some(documented) = wire.input["documented_signature"].as_str() {
                check_stage(&wire.case, "documented_signature", &signature, documented);
            }
            // The documented RPC example spells its time key `TimeStamp`, so only its stages
            // are checked; every other case must pass the server's whole check.
            if wire.input["common_params_included"] != true {
                let secs = crate::time::parse_utc(wire.text("timestamp")).expect("timestamp");
                let raw = wire.raw_request(&signature);
                let verified = crate::check_raw_request(raw.as_bytes(), &[wire.credential()], secs);
                assert!(
                    verified.is_ok(),
                    "vector {}: the server refused it: {verified:?}",
                    wire.case
                );
            }
            algorithms.insert(algorithm);
        }
        assert!(dirs.len() >= 7, "expected the core's vectors, found {dirs:?}");
        assert_eq!(algorithms.len(), 2, "both algorithms are covered: {algorithms:?}");
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
