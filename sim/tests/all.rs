//! Integration tests of the simulator: the pure model over a simulated clock, and the server
//! over real HTTP on 127.0.0.1 with a tiny signing client of the tests' own.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, unreachable_pub)]

mod it;
