//! Properties: the canonical form ignores parameter order, percent-encoding escapes exactly the
//! reserved bytes and decodes back, and signing and response parsing never panic.

use proptest::prelude::*;
use rolling_update_core::api::ess::DescribeScalingGroupsResponse;
use rolling_update_core::api::oos::{ListExecutionsResponse, ListTaskExecutionsResponse};
use rolling_update_core::api::{ApiError, parse_response};
use rolling_update_core::sign::{
    Credentials, Method, SignableRequest, SignatureAlgorithm, SigningSettings, UtcTime,
    canonical_query, percent_decode, percent_encode, sign,
};

fn params() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec((any::<String>(), any::<String>()), 0..8)
}

proptest! {
    #[test]
    fn canonical_query_ignores_order(mut pairs in params(), seed in any::<u64>()) {
        let before = canonical_query(&pairs);
        // A deterministic shuffle driven by the seed.
        let n = pairs.len();
        for i in (1..n).rev() {
            let j = (seed.wrapping_mul(i as u64 + 7) % (i as u64 + 1)) as usize;
            pairs.swap(i, j);
        }
        pairs.reverse();
        prop_assert_eq!(canonical_query(&pairs), before);
    }

    #[test]
    fn percent_encoding_escapes_exactly_the_reserved_bytes(text in any::<String>()) {
        let encoded = percent_encode(&text);
        let mut rest = encoded.as_bytes();
        let mut unescaped = Vec::new();
        while let Some((&b, tail)) = rest.split_first() {
            if b == b'%' {
                prop_assert!(tail.len() >= 2);
                let hex = &tail[..2];
                prop_assert!(hex.iter().all(|c| c.is_ascii_digit() || (b'A'..=b'F').contains(c)));
                let byte = u8::from_str_radix(std::str::from_utf8(hex).unwrap(), 16).unwrap();
                prop_assert!(!(byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte)), "{} escaped", byte);
                rest = &tail[2..];
            } else {
                prop_assert!(b.is_ascii_alphanumeric() || b"-_.~".contains(&b), "{} unescaped", b);
                unescaped.push(b);
                rest = tail;
            }
        }
        let kept: Vec<u8> = text.bytes().filter(|b| b.is_ascii_alphanumeric() || b"-_.~".contains(b)).collect();
        prop_assert_eq!(unescaped, kept);
        prop_assert_eq!(percent_decode(&encoded), Some(text));
    }

    #[test]
    fn signing_never_panics(
        p in params(),
        host in any::<String>(),
        action in any::<String>(),
        id in any::<String>(),
        secret in any::<String>(),
        token in proptest::option::of(any::<String>()),
        nonce in any::<String>(),
        secs in 0i64..253_402_300_800,
        rpc in any::<bool>(),
    ) {
        let request = SignableRequest {
            method: Method::Post,
            scheme: "https".into(),
            host,
            action,
            version: "2019-06-01".into(),
            params: p,
        };
        let mut credentials = Credentials::new(id, secret);
        credentials.security_token = token;
        let algorithm = if rpc { SignatureAlgorithm::RpcHmacSha1 } else { SignatureAlgorithm::Acs3HmacSha256 };
        let time = UtcTime::from_unix_seconds(secs).unwrap();
        if let Ok(signed) = sign(&request, &credentials, time, &nonce, &SigningSettings::with_algorithm(algorithm)) {
            let shown = format!("{signed:?}");
            prop_assert!(!shown.contains(&signed.steps.signature), "Debug shows the signature");
        }
    }

    #[test]
    fn response_parsing_never_panics(status in any::<u16>(), body in any::<Vec<u8>>(), header in any::<String>()) {
        let headers = [("x-acs-retry-after", header.as_str())];
        let _ = parse_response::<ListExecutionsResponse, _, _>(status, &headers, &body);
        let _ = parse_response::<ListTaskExecutionsResponse, _, _>(status, &headers, &body);
        let _ = parse_response::<DescribeScalingGroupsResponse, _, _>(status, &headers, &body);
        let e = ApiError::from_response(status, &headers, &body);
        let _ = (e.to_string(), e.retryable());
    }

    #[test]
    fn json_shaped_responses_never_panic(json in arbitrary_json()) {
        let body = json.to_string();
        let _ = parse_response::<ListExecutionsResponse, _, _>(200, &[] as &[(&str, &str)], body.as_bytes());
        let _ = parse_response::<DescribeScalingGroupsResponse, _, _>(200, &[] as &[(&str, &str)], body.as_bytes());
        let _ = ApiError::from_response(400, &[] as &[(&str, &str)], body.as_bytes());
    }
}

fn arbitrary_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let keys = prop::sample::select(vec![
        "Executions",
        "Execution",
        "Status",
        "Parameters",
        "NextToken",
        "TaskExecutions",
        "LoopBatchNumber",
        "LoopItem",
        "ScalingGroups",
        "ScalingGroup",
        "TotalCount",
        "PageNumber",
        "PageSize",
        "Code",
        "Message",
        "RequestId",
        "IsParent",
        "CurrentTasks",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..6).prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
            )),
        ]
    })
}
