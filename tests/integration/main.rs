//! Integration tests: one binary, one module per area.

mod credentials;
mod demo;
mod gates;
mod golden;
mod http_retry;
mod imports;
mod inputs;
mod interrupt;
mod package;
mod plugin_ops;
mod plugin_refusals;
mod plugin_start;
mod plugin_wait;
mod real_host;
mod render_cli;
mod rollbacks;
mod schema;
mod seed;
mod shells;
mod support;
mod templates;
mod validate_cli;
mod wait_figures;
