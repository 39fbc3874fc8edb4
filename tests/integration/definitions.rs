//! The core's parameter table against the simulator's own definitions of the templates
//! (`rolling_update_sim::templates`, written from the templates' source, not from the core):
//! the same parameters with the same types, defaults, allowed values and `batchNumber` range.
//! Each side checks the other; a difference fails here, naming the template and the parameter.

use rolling_update_core::template::{DefaultValue, ParamSpec, Template};
use rolling_update_sim::templates::{self, DEFINITIONS, Definition, Fallback, Kind, Param};
use serde_json::{Value, json};

/// Templates the simulator defines and the core does not model yet. The test fails when one of
/// them is in the core's `Template::ALL`, so the list only shrinks: empty it as they arrive.
const NOT_IN_THE_CORE_YET: &[&str] = &[];

/// The OOS `Type` of a core parameter kind (the kind's serde name), or what it is if unknown.
fn core_type(spec: &ParamSpec) -> String {
    let name = serde_json::to_value(spec.kind).ok().and_then(|v| v.as_str().map(str::to_owned));
    match name.as_deref() {
        Some("string") => "String".into(),
        Some("integer") => "Number".into(),
        Some("stringList") => "List".into(),
        Some("boolean") => "Boolean".into(),
        Some("json") => "Json".into(),
        other => format!("an unknown kind {other:?}"),
    }
}

/// The simulator's declared `Default` as the template text writes it (`None`: required).
fn sim_default(p: &Param) -> Option<Value> {
    match p.default {
        Fallback::ExecutionRegion => Some(json!("{{ ACS::RegionId }}")),
        other => other.value(""),
    }
}

/// Every difference between one parameter on both sides.
fn compare_param(template: &str, sim: &Param, core: &ParamSpec, out: &mut Vec<String>) {
    let at = format!("{template} {}", sim.name);
    let core_kind = core_type(core);
    if core_kind != sim.kind.name() {
        out.push(format!(
            "{at}: type {} in the simulator, {core_kind} in the core",
            sim.kind.name()
        ));
    }
    let core_default = match core.default {
        // Both sides declare the execution's own region, which has no JSON value of its own.
        DefaultValue::ExecutionRegion => Some(json!("{{ ACS::RegionId }}")),
        other => other.to_json(),
    };
    if core_default != sim_default(sim) {
        out.push(format!(
            "{at}: default {:?} in the simulator, {core_default:?} in the core",
            sim_default(sim)
        ));
    }
    // OOS's AllowedValues apply to String parameters; the core's choices of a list are the
    // project's own stricter item rule (templates-as-written.md §1).
    if sim.kind == Kind::String {
        let mut core_choices: Vec<&str> = core.choices.iter().map(|c| c.value).collect();
        let mut sim_choices = sim.allowed.to_vec();
        core_choices.sort_unstable();
        sim_choices.sort_unstable();
        if core_choices != sim_choices {
            out.push(format!(
                "{at}: allowed values {sim_choices:?} in the simulator, {core_choices:?} in the core"
            ));
        }
    }
    if let Some((min, max)) = sim.range
        && (core.min, core.max) != (Some(min), Some(max))
    {
        out.push(format!(
            "{at}: range {min}..{max} in the simulator, {:?}..{:?} in the core",
            core.min, core.max
        ));
    }
}

/// Every difference between one template on both sides.
fn compare_template(core: Template, sim: &Definition) -> Vec<String> {
    let mut out = Vec::new();
    for p in sim.params {
        match core.param(p.name) {
            Some(spec) => compare_param(sim.name, p, spec, &mut out),
            None => out.push(format!("{} {}: in the simulator, not in the core", sim.name, p.name)),
        }
    }
    for spec in core.params() {
        if sim.param(spec.key).is_none() {
            out.push(format!("{} {}: in the core, not in the simulator", sim.name, spec.key));
        }
    }
    out
}

#[test]
fn the_core_and_the_simulator_define_the_same_parameters() {
    let mut differences = Vec::new();
    for core in Template::ALL {
        match templates::find(core.name()) {
            Some(sim) => differences.extend(compare_template(core, sim)),
            None => differences.push(format!("{}: in the core, not in the simulator", core.name())),
        }
    }
    assert!(
        differences.is_empty(),
        "the core and the simulator differ:\n{}",
        differences.join("\n")
    );
}

#[test]
fn every_simulator_template_is_in_the_core_or_listed_as_not_yet() {
    let in_core = |name: &str| Template::ALL.iter().any(|t| t.name() == name);
    for sim in &DEFINITIONS {
        assert!(
            in_core(sim.name) || NOT_IN_THE_CORE_YET.contains(&sim.name),
            "{} is neither in the core nor listed as not there yet",
            sim.name
        );
    }
    for name in NOT_IN_THE_CORE_YET {
        assert!(!in_core(name), "{name} is in the core now: remove it from NOT_IN_THE_CORE_YET");
        assert!(templates::find(name).is_some(), "{name} is not a simulator template");
    }
}

#[test]
fn a_difference_is_reported_by_name() {
    // The comparison itself: a simulator definition with one changed default must be caught.
    let core = Template::ALL[0];
    let sim = templates::find(core.name()).expect("the simulator knows the core's first template");
    let mut params = sim.params.to_vec();
    let changed = params.iter().position(|p| p.name == "batchNumber").expect("batchNumber");
    params[changed].default = Fallback::Number(7);
    params[changed].range = Some((1, 50));
    let leaked: &'static [Param] = Box::leak(params.into_boxed_slice());
    let altered = Definition { params: leaked, ..*sim };
    let found = compare_template(core, &altered);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|d| d.contains("batchNumber")), "{found:?}");
}
