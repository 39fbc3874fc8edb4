//! Signature test vectors: one folder per case under `tests/vectors/` (see its README), one
//! `#[test]` per case, every stage checked in order and named when it differs.

use rolling_update_core::sign::{
    Credentials, Method, SignableRequest, SignatureAlgorithm, SigningSettings, SigningSteps,
    UtcTime, percent_encode, rpc_signature, sign,
};
use serde_json::Value;

struct Case {
    name: &'static str,
    input: &'static str,
    canonical: &'static str,
    string_to_sign: &'static str,
    signature: &'static str,
    url: &'static str,
}

macro_rules! vector {
    ($test:ident, $dir:literal) => {
        #[test]
        fn $test() {
            check(Case {
                name: $dir,
                input: include_str!(concat!("vectors/", $dir, "/input.json")),
                canonical: include_str!(concat!("vectors/", $dir, "/canonical.txt")),
                string_to_sign: include_str!(concat!("vectors/", $dir, "/string-to-sign.txt")),
                signature: include_str!(concat!("vectors/", $dir, "/signature.txt")),
                url: include_str!(concat!("vectors/", $dir, "/url.txt")),
            });
        }
    };
}

vector!(rpc_doc_describe_regions, "rpc-doc-describe-regions");
vector!(acs3_doc_runinstances_1, "acs3-doc-runinstances-1");
vector!(acs3_doc_runinstances_2, "acs3-doc-runinstances-2");
vector!(rpc_oos_start_execution, "rpc-oos-start-execution");
vector!(acs3_oos_start_execution, "acs3-oos-start-execution");
vector!(rpc_oos_sts, "rpc-oos-sts");
vector!(acs3_oos_sts, "acs3-oos-sts");

fn text<'a>(input: &'a Value, key: &str) -> &'a str {
    input[key].as_str().unwrap_or_else(|| panic!("input.json lacks {key}"))
}

fn check(case: Case) {
    let input: Value = serde_json::from_str(case.input).expect("input.json is JSON");
    let method = match text(&input, "method") {
        "GET" => Method::Get,
        "POST" => Method::Post,
        other => panic!("unknown method {other}"),
    };
    let params: Vec<(String, String)> = input["params"]
        .as_object()
        .expect("params is an object")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().expect("string param").to_owned()))
        .collect();
    let creds = &input["credentials"];
    let mut credentials =
        Credentials::new(text(creds, "access_key_id"), text(creds, "access_key_secret"));
    if let Some(token) = creds["security_token"].as_str() {
        credentials = credentials.with_security_token(token);
    }
    let scheme = text(&input, "scheme");
    let host = text(&input, "host");

    let (steps, url): (SigningSteps, String) = if input["common_params_included"] == true {
        let steps = rpc_signature(method, &params, &credentials.access_key_secret).expect("signs");
        let url = format!(
            "{scheme}://{host}/?{}&Signature={}",
            steps.canonical,
            percent_encode(&steps.signature)
        );
        (steps, url)
    } else {
        let algorithm = match text(&input, "algorithm") {
            "HMAC-SHA1" => SignatureAlgorithm::RpcHmacSha1,
            "ACS3-HMAC-SHA256" => SignatureAlgorithm::Acs3HmacSha256,
            other => panic!("unknown algorithm {other}"),
        };
        let mut settings = SigningSettings::with_algorithm(algorithm);
        if let Some(format) = input["format"].as_str() {
            settings.rpc_format = format.to_owned();
        }
        let request = SignableRequest {
            method,
            scheme: scheme.to_owned(),
            host: host.to_owned(),
            action: text(&input, "action").to_owned(),
            version: text(&input, "version").to_owned(),
            params,
        };
        let time: UtcTime = text(&input, "timestamp").parse().expect("timestamp");
        let signed =
            sign(&request, &credentials, time, text(&input, "nonce"), &settings).expect("signs");
        if algorithm == SignatureAlgorithm::Acs3HmacSha256 {
            let auth = signed.request.header("authorization").expect("authorization header");
            assert!(
                auth.ends_with(&format!("Signature={}", signed.steps.signature)),
                "{}: stage `authorization header` differs: {auth}",
                case.name
            );
        }
        (signed.steps, signed.request.url)
    };

    let stages = [
        ("canonical", steps.canonical.as_str(), case.canonical),
        ("string to sign", steps.string_to_sign.as_str(), case.string_to_sign),
        ("signature", steps.signature.as_str(), case.signature),
        ("signed url", url.as_str(), case.url),
    ];
    for (stage, got, want) in stages {
        assert_eq!(
            got,
            want.strip_suffix('\n').unwrap_or(want),
            "{}: stage `{stage}` differs",
            case.name
        );
    }
    if let Some(documented) = input["documented_signature"].as_str() {
        assert_eq!(steps.signature, documented, "{}: documented signature", case.name);
    }
    if let Some(hash) = input["documented_canonical_request_hash"].as_str() {
        assert_eq!(
            steps.canonical_request_hash.as_deref(),
            Some(hash),
            "{}: stage `canonical request hash` differs",
            case.name
        );
    }
}
