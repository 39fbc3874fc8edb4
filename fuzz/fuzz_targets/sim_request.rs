//! The simulator's request reader and signature check, on raw bytes from the wire.
//!
//! Input: the bytes of one HTTP request. Properties: no panic (the server answers every
//! request it cannot read or verify with an error); no answer ever holds an AccessKey secret,
//! nor a security token that the request carried only where tokens go (the `SecurityToken`
//! parameter, the `x-acs-security-token` header); a request that verifies carries a signature.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolling_update_sim::sign::parse_query;
use rolling_update_sim::{Credential, SignatureKind, check_raw_request};

/// The server clock for every input: 2026-01-01T00:00:00Z, the time of the seed requests.
const SERVER_SECS: i64 = 1_767_225_600;
const SECRET: &str = "FuzzSecretThatMustNeverBePrinted";
const TOKEN: &str = "FuzzSecurityTokenThatMustNeverBePrinted";

fuzz_target!(|data: &[u8]| {
    let credentials = [
        Credential {
            access_key_id: "FUZZAKID".into(),
            access_key_secret: SECRET.into(),
            security_token: None,
        },
        Credential {
            access_key_id: "STS.FUZZAKID".into(),
            access_key_secret: SECRET.into(),
            security_token: Some(TOKEN.into()),
        },
    ];
    match check_raw_request(data, &credentials, SERVER_SECS) {
        Ok(kind) => assert_ne!(kind, SignatureKind::None, "verified without a signature"),
        Err(answer) => {
            // The secret is never sent; only a request that holds its text may see it echoed.
            let sent =
                format!("{}\n{}", String::from_utf8_lossy(data), decoded_request(data, true));
            if !sent.contains(SECRET) {
                assert!(!answer.contains(SECRET), "the answer holds the secret: {answer}");
            }
            if !decoded_request(data, false).contains(TOKEN) {
                assert!(!answer.contains(TOKEN), "the answer holds the token: {answer}");
            }
        }
    }
});

/// Everything the request says, decoded as the server decodes it, leaving out the values in the
/// places a token goes unless `with_tokens`: an answer may echo the rest (a bad `Timestamp`,
/// say) even when it holds the token's text.
fn decoded_request(data: &[u8], with_tokens: bool) -> String {
    let text = String::from_utf8_lossy(data);
    let (head, body) =
        text.split_once("\r\n\r\n").or_else(|| text.split_once("\n\n")).unwrap_or((&text, ""));
    let mut lines = head.split('\n');
    let request_line = lines.next().unwrap_or_default();
    let target = request_line.split(' ').nth(1).unwrap_or_default();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut out = format!(
        "{request_line_without_target}\n{path}\n",
        request_line_without_target = request_line.replace(target, " ")
    );
    for (key, value) in parse_query(query).into_iter().chain(parse_query(body)) {
        out.push_str(&key);
        out.push('\n');
        if with_tokens || key != "SecurityToken" {
            out.push_str(&value);
            out.push('\n');
        }
    }
    for line in lines {
        match line.split_once(':') {
            Some((name, _))
                if !with_tokens && name.trim().eq_ignore_ascii_case("x-acs-security-token") =>
            {
                out.push_str(name)
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out.push_str(body);
    out
}
