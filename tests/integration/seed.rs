//! The six payloads of the seed guide are the first users of the model.

use rolling_update_core::validate::validate;
use rolling_update_tests::seeds;

#[test]
fn seed_payloads_validate_without_errors_and_round_trip() {
    for seed in seeds() {
        let checked = validate(seed.template, &seed.payload);
        let errors: Vec<String> = checked.errors().map(ToString::to_string).collect();
        assert!(errors.is_empty(), "seed {} has errors: {errors:#?}", seed.name);
        let params = checked.params.unwrap_or_else(|| panic!("seed {} gave no params", seed.name));
        assert_eq!(params.template(), seed.template, "template of seed {}", seed.name);
        assert_eq!(params.to_json(), seed.payload, "seed {} does not re-serialize", seed.name);
        let compact: serde_json::Value =
            serde_json::from_str(&params.to_parameters_string()).expect("compact JSON");
        assert_eq!(compact, seed.payload, "compact Parameters of seed {}", seed.name);
        assert!(!params.to_parameters_string().contains(": "), "not compact: seed {}", seed.name);
    }
}

#[test]
fn seed_payloads_only_warn_about_what_is_really_there() {
    // Every seed uses masked IDs (`asg-bp18p2yfxow2dloq****`): that must be said.
    for seed in seeds() {
        let checked = validate(seed.template, &seed.payload);
        assert!(
            checked.warnings().any(|f| f.code.as_str() == "masked_id"),
            "seed {} should warn about its masked IDs",
            seed.name
        );
    }
}
