//! Benchmark: the core's validation against a generic JSON Schema validator on the same
//! payloads (the seed guide's six). Run with `cargo bench -p rolling-update-tests`.
//!
//! Both sides get their best case: the schema is compiled once outside the loop, and the core
//! validator returns every finding plus the typed parameters, while `jsonschema` is asked only
//! for a yes/no (`is_valid`) and, separately, for every error (`iter_errors`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use rolling_update_core::schema::schema;
use rolling_update_core::template::Template;
use rolling_update_core::validate::validate;
use rolling_update_tests::{root, seeds};

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
    let mut cases: Vec<(String, Template, serde_json::Value)> =
        seeds().into_iter().map(|s| (s.name.to_owned(), s.template, s.payload)).collect();
    let example = std::fs::read_to_string(root().join("examples/image-invoke.json"))
        .expect("examples/image-invoke.json");
    cases.push((
        "example (clean)".to_owned(),
        Template::Image,
        serde_json::from_str(&example).expect("example is JSON"),
    ));
    for (name, template, payload) in &cases {
        let (name, template) = (name.as_str(), *template);
        let compiled = jsonschema::draft7::new(&schema(template)).expect("schema compiles");
        let core = time(iterations, || {
            black_box(validate(template, black_box(payload)));
        });
        let yes_no = time(iterations, || {
            black_box(compiled.is_valid(black_box(payload)));
        });
        let all = time(iterations, || {
            black_box(compiled.iter_errors(black_box(payload)).count());
        });
        println!("{:<18} {:>11.2?} {:>18.2?} {:>20.2?}", name, core, yes_no, all);
    }
}
