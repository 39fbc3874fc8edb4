//! Integration tests: one binary, one module per area.

mod schema;
mod seed;
mod shells;
mod validate_cli;
