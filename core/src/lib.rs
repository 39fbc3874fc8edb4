//! The pure core of `aliyun rolling-update`: a typed model of the six OOS rolling-update
//! templates of Auto Scaling (ESS), validation that explains every problem, JSON Schemas,
//! shell-exact commands, signed OOS/ESS requests and the logic of following an update.
//!
//! The crate does no I/O. It reads no file, socket, clock, environment or random source: time,
//! nonces and credentials arrive as arguments, so every result is reproducible and the same code
//! runs in the plugin binary, the local simulator and the browser.
//!
//! ```
//! use rolling_update_core::{template::Template, validate::validate};
//!
//! let payload = serde_json::json!({
//!     "invokeType": "invoke",
//!     "scalingGroupId": "asg-bp18p2yfxow2dloqabcd",
//!     "imageId": "aliyun_3_x64_20G_alibase_20250101.vhd",
//!     "batchNumber": 0,
//! });
//! let checked = validate(Template::Image, &payload);
//! let finding = &checked.findings[0];
//! assert_eq!(finding.code.as_str(), "out_of_range");
//! assert_eq!(finding.pointer, "/batchNumber");
//! assert!(checked.params.is_none());
//! ```
#![warn(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod advice;
pub mod api;
pub mod args;
pub mod cleanup;
pub mod command;
pub mod confirm;
pub mod doctor;
pub mod document;
pub mod duration;
pub mod gate;
pub mod i18n;
pub mod launch;
pub mod limits;
pub mod params;
pub mod payload;
pub mod plan;
pub mod plan_view;
pub mod preflight;
pub mod prepare;
pub mod profile;
pub mod progress;
pub mod refresh;
pub mod retry;
pub mod rollback;
pub mod schema;
pub mod schema_snippets;
pub mod shell;
pub mod sign;
pub mod status;
pub mod template;
pub mod token;
pub mod update_file;
pub mod update_schema;
pub mod validate;
pub mod waiter;
pub mod yaml;
