//! A local SIMULATION of the Alibaba Cloud OOS (2019-06-01) and Auto Scaling (ESS, 2014-08-28)
//! APIs, enough to run a whole rolling update without an account and to inject faults.
#![warn(missing_docs)]

pub mod error;
pub mod model;
pub mod sign;
pub mod time;
