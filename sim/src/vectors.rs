//! The core's signature vectors (`core/tests/vectors/<case>/`, see its README) against the
//! simulator's own verifier: from what each case put on the wire, every stage is recomputed with
//! [`crate::sign`] and named when it differs, then the whole request goes through the server's
//! check ([`crate::check_raw_request`]). The simulator never calls the core's signer.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::auth::Credential;
use crate::sign::{
    EMPTY_SHA256, canonical_query, parse_query, v2_signature, v2_string_to_sign,
    v3_canonical_request, v3_signature, v3_string_to_sign,
};

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
        self.input[key].as_str().unwrap_or_else(|| panic!("{}: input.json lacks {key}", self.case))
    }

    fn credential(&self) -> Credential {
        let creds = &self.input["credentials"];
        let field = |k: &str| creds[k].as_str().map(str::to_owned);
        Credential {
            access_key_id: field("access_key_id").expect("access_key_id"),
            access_key_secret: field("access_key_secret").expect("access_key_secret"),
            security_token: field("security_token"),
        }
    }

    fn v3_headers(&self) -> Vec<(String, String)> {
        let sent = [
            ("host", self.text("host")),
            ("x-acs-action", self.text("action")),
            ("x-acs-version", self.text("version")),
            ("x-acs-date", self.text("timestamp")),
            ("x-acs-signature-nonce", self.text("nonce")),
            ("x-acs-content-sha256", EMPTY_SHA256),
        ];
        let mut headers: Vec<(String, String)> =
            sent.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
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
    let unsigned: Vec<_> = wire.query.iter().filter(|(k, _)| k != "Signature").cloned().collect();
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
        v3_canonical_request(method, "/", &wire.query, &headers, &signed, EMPTY_SHA256).unwrap();
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
            assert!(verified.is_ok(), "vector {}: the server refused it: {verified:?}", wire.case);
        }
        algorithms.insert(algorithm);
    }
    assert!(dirs.len() >= 7, "expected the core's vectors, found {dirs:?}");
    assert_eq!(algorithms.len(), 2, "both algorithms are covered: {algorithms:?}");
}
