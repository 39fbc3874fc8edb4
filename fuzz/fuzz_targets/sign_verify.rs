//! The product's signer against the simulator's signature check: whatever business parameters
//! a request carries, a request the core signs is one the simulator reads and verifies.
//!
//! Input: one byte choosing the algorithm, the action and STS or not, then lines of
//! `Name=value` (the business parameters; lines whose name is not an API-style name, or
//! repeats one, are skipped). Properties: no panic; the signer either refuses for
//! a stated reason (a parameter name it reserves) or produces a request that, written on the
//! wire as the plugin sends it, the simulator verifies with the same kind of signature.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolling_update_core::sign::{
    Credentials, Method, SignError, SignableRequest, SignatureAlgorithm, SignedRequest,
    SigningSettings, UtcTime, sign,
};
use rolling_update_sim::{Credential, SignatureKind, check_raw_request};

const NOW: i64 = 1_767_225_600;
const ACTIONS: [(&str, &str); 4] = [
    ("StartExecution", "2019-06-01"),
    ("ListTaskExecutions", "2019-06-01"),
    ("DescribeScalingInstances", "2014-08-28"),
    ("DescribeScalingGroups", "2014-08-28"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let algorithm = if selector & 1 == 0 {
        SignatureAlgorithm::Acs3HmacSha256
    } else {
        SignatureAlgorithm::RpcHmacSha1
    };
    let sts = selector & 2 != 0;
    let (action, version) = ACTIONS[usize::from(selector >> 2) % ACTIONS.len()];
    // Names as the APIs have them (`RegionId`, `InstanceId.1`), each once; values anything. The
    // two sides sort pairs before and after encoding respectively, which agree exactly for such
    // names: neither the plugin nor any SDK sends other names.
    let mut params: Vec<(String, String)> = Vec::new();
    for line in text.split('\n') {
        let (name, value) = line.split_once('=').unwrap_or((line, ""));
        let api_name = !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if api_name && !params.iter().any(|(k, _)| k == name) {
            params.push((name.to_owned(), value.to_owned()));
        }
    }

    let mut credentials = Credentials::new("FUZZAKID", "FuzzSecret");
    let mut accepted = Credential {
        access_key_id: "FUZZAKID".into(),
        access_key_secret: "FuzzSecret".into(),
        security_token: None,
    };
    if sts {
        credentials = credentials.with_security_token("FuzzToken");
        accepted.security_token = Some("FuzzToken".into());
    }
    let request = SignableRequest {
        method: Method::Post,
        scheme: "http".into(),
        host: "127.0.0.1:8080".into(),
        action: action.into(),
        version: version.into(),
        params,
    };
    let time = UtcTime::from_unix_seconds(NOW).unwrap_or_else(|| panic!("a valid time"));
    let nonce = "0123456789abcdef0123456789abcdef";
    let signed = match sign(
        &request,
        &credentials,
        time,
        nonce,
        &SigningSettings::with_algorithm(algorithm),
    ) {
        Ok(signed) => signed,
        Err(SignError::ReservedParameter(name)) => {
            assert!(request.params.iter().any(|(k, _)| *k == name), "refused `{name}`, not sent");
            return;
        }
        Err(err) => panic!("refused a request with valid credentials: {err}"),
    };
    let wire = on_the_wire(&signed.request);
    let want = match algorithm {
        SignatureAlgorithm::Acs3HmacSha256 => SignatureKind::V3,
        _ => SignatureKind::V2,
    };
    match check_raw_request(&wire, &[accepted], NOW) {
        Ok(kind) => assert_eq!(kind, want),
        Err(answer) => panic!(
            "the simulator refused a signed request: {answer}\n{}",
            String::from_utf8_lossy(&wire)
        ),
    }
});

/// The request as HTTP/1.1 bytes: the URL's path and query on the request line, then the
/// signed headers (and `Host`, which an HTTP client adds), then the body.
fn on_the_wire(req: &SignedRequest) -> Vec<u8> {
    let after_scheme = req.url.split_once("://").map_or(req.url.as_str(), |(_, rest)| rest);
    let (host, target) = match after_scheme.find('/') {
        Some(i) => (&after_scheme[..i], &after_scheme[i..]),
        None => (after_scheme, "/"),
    };
    let mut head = format!("{} {target} HTTP/1.1\r\n", req.method);
    if req.header("host").is_none() {
        head.push_str(&format!("host: {host}\r\n"));
    }
    for (name, value) in &req.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("content-length: {}\r\n\r\n", req.body.len()));
    let mut wire = head.into_bytes();
    wire.extend_from_slice(&req.body);
    wire
}
