//! Properties: the parsers never panic, and encodings round-trip.

use proptest::prelude::*;
use rolling_update_sim::sign::{form_decode, parse_query, percent_encode};
use rolling_update_sim::time::{format_utc, parse_utc};

proptest! {
    #[test]
    fn percent_encoding_round_trips(s in "\\PC*") {
        prop_assert_eq!(form_decode(&percent_encode(&s)), s);
    }

    #[test]
    fn query_parsing_never_panics(s in "\\PC*") {
        let _ = parse_query(&s);
    }

    #[test]
    fn dates_round_trip(secs in 0u64..10_000_000_000) {
        let text = format_utc(secs * 1000);
        prop_assert_eq!(parse_utc(&text), Some(secs as i64));
    }

    #[test]
    fn date_parsing_never_panics(s in "\\PC{0,40}") {
        let _ = parse_utc(&s);
    }
}
