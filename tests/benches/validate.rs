//! Benchmark: the core's validation against a generic JSON Schema validator (`jsonschema`) on
//! the same payloads: the seed guide's six, and a clean example. Run with
//! `cargo bench -p rolling-update-tests`.
//!
//! The schema is compiled once, outside the loop. Like for like, `core check` (every finding,
//! with messages and hints) is compared with `jsonschema iter_errors` (every error); `core
//! validate` also builds the typed parameters, and `jsonschema is_valid` only answers yes or no.

use std::hint::black_box;
use std::time::{Duration, Instant};

use rolling_update_core::schema::schema;
use rolling_update_core::template::Template;
use rolling_update_core::validate::{check, validate};
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
    let iterations = 50_000;
    let mut cases: Vec<(String, Template, serde_json::Value)> =
        seeds().into_iter().map(|s| (s.name.to_owned(), s.template, s.payload)).collect();
    let example = std::fs::read_to_string(root().join("examples/image-invoke.json"))
        .expect("examples/image-invoke.json");
    cases.push((
        "example (clean)".to_owned(),
        Template::Image,
        serde_json::from_str(&example).expect("example is JSON"),
    ));
    println!(
        "{:<17} {:>11} {:>20} {:>15} {:>18}",
        "payload", "core check", "jsonschema errors", "core validate", "jsonschema valid?"
    );
    for (name, template, payload) in &cases {
        let template = *template;
        let compiled = jsonschema::draft7::new(&schema(template)).expect("schema compiles");
        let core_check = time(iterations, || {
            black_box(check(template, black_box(payload)));
        });
        let all_errors = time(iterations, || {
            black_box(compiled.iter_errors(black_box(payload)).count());
        });
        let core_validate = time(iterations, || {
            black_box(validate(template, black_box(payload)));
        });
        let yes_no = time(iterations, || {
            black_box(compiled.is_valid(black_box(payload)));
        });
        println!(
            "{name:<17} {core_check:>11.2?} {all_errors:>20.2?} {core_validate:>15.2?} {yes_no:>18.2?}"
        );
    }
}
