//! Benchmark: the core's validation against a generic JSON Schema validator on the same
//! payloads (the seed guide's six). Run with `cargo bench -p rolling-update-tests`.
//!
//! Both sides get their best case: the schema is compiled once outside the loop, and the core
//! validator returns every finding plus the typed parameters, while `jsonschema` is asked only
//! for a yes/no (`is_valid`) and, separately, for every error (`iter_errors`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use rolling_update_core::schema::schema;
use rolling_update_core::validate::validate;
use rolling_update_tests::seeds;

fn time(iterations: u32, mut f: impl FnMut()) -> Duration {
    for _ in 0..iterations / 10 {
        f();
    }
    let start = Instant::now();
    for _ in 0..iterations {
        f();
    }
    start.elapsed() / iterations
}

fn main() {
    let iterations = 20_000;
    println!(
        "{:<18} {:>14} {:>18} {:>20}",
        "payload", "core validate", "jsonschema valid?", "jsonschema errors"
    );
    for seed in seeds() {
        let compiled = jsonschema::draft7::new(&schema(seed.template)).expect("schema compiles");
        let core = time(iterations, || {
            black_box(validate(seed.template, black_box(&seed.payload)));
        });
        let yes_no = time(iterations, || {
            black_box(compiled.is_valid(black_box(&seed.payload)));
        });
        let all = time(iterations, || {
            black_box(compiled.iter_errors(black_box(&seed.payload)).count());
        });
        println!("{:<18} {:>11.2?} {:>18.2?} {:>20.2?}", seed.name, core, yes_no, all);
    }
}
