//! Integration tests: one binary, one module per area.

mod package;
mod schema;
mod seed;
mod shells;
mod validate_cli;
