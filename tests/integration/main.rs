//! Integration tests: one binary, one module per area. They are a target of the plugin's
//! package (cli-plugin/Cargo.toml), so Cargo builds the plugin and the test helper binaries
//! first and gives their paths (`CARGO_BIN_EXE_*`); no test runs Cargo.

mod completions;
mod credentials;
mod definitions;
mod demo;
mod demo_language;
mod gate_language;
mod gates;
mod golden;
mod http_retry;
mod imports;
mod inputs;
mod interrupt;
mod language;
mod package;
mod plugin_language;
mod plugin_ops;
mod plugin_refusals;
mod plugin_start;
mod plugin_wait;
mod real_host;
mod refresh;
mod render_cli;
mod rollbacks;
mod schema;
mod seed;
mod shell_language;
mod shells;
mod six_templates;
mod support;
mod templates;
mod terminal;
mod update_language;
mod validate_cli;
mod wait_figures;
mod yaml;

#[test]
fn the_plugin_is_the_binary_cargo_built_for_these_tests() {
    let cargo = std::path::PathBuf::from(env!("CARGO_BIN_EXE_aliyun-cli-rolling-update"));
    assert_eq!(rolling_update_tests::binary(), cargo);
}
