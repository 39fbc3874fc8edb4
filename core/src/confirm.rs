//! What the confirmation before `start` and `rollback` shows: the plan in a few lines a person
//! can check before saying yes (what changes, how many instances in how many batches, the share
//! out of service in each, the pauses, the processes suspended), instead of the raw parameters.
//!
//! ```
//! use rolling_update_core::confirm::summary;
//! use rolling_update_core::template::Template;
//!
//! let payload = serde_json::json!({
//!     "invokeType": "invoke", "scalingGroupId": "asg-1", "imageId": "m-new",
//!     "sourceImageId": "m-old", "batchNumber": 2, "batchPauseOption": "FirstBatchPause",
//!     "enterProcess": ["ScaleIn", "ScaleOut"],
//! });
//! let lines = summary(Template::Image, payload.as_object().unwrap(), 4, "cn-hangzhou");
//! assert_eq!(lines[1].as_str(), "  changes: image m-old -> m-new");
//! ```

use serde_json::{Map, Value};

use crate::i18n::Text;
use crate::plan::{plan, settings};
use crate::t;
use crate::template::{InvokeType, Key, Template};

/// The longest script excerpt shown.
const SCRIPT_CHARS: usize = 60;

fn text(payload: &Map<String, Value>, key: Key) -> Option<&str> {
    payload.get(key.as_str()).and_then(Value::as_str).filter(|s| !s.is_empty())
}

/// A script's first non-empty line, cut to [`SCRIPT_CHARS`], and how many lines it has.
fn excerpt(script: &str) -> Text {
    let lines = script.lines().filter(|l| !l.trim().is_empty()).count();
    let first = script.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let mut cut: String = first.chars().take(SCRIPT_CHARS).collect();
    if first.chars().count() > SCRIPT_CHARS || lines > 1 {
        cut.push_str(" ...");
    }
    if lines > 1 {
        t!("plugin.confirm.script_lines", excerpt = cut, lines = lines)
    } else {
        Text::raw(cut)
    }
}

/// A list parameter as text: a JSON array, a JSON string of one, or comma-separated text.
fn list(payload: &Map<String, Value>, key: Key) -> Option<String> {
    let items: Vec<String> = match payload.get(key.as_str())? {
        Value::Array(items) => items.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        Value::String(s) => match serde_json::from_str::<Vec<String>>(s) {
            Ok(items) => items,
            Err(_) => s.split(',').map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect(),
        },
        _ => Vec::new(),
    };
    (!items.is_empty()).then(|| items.join(", "))
}

/// The line saying what the update changes on each instance, for each template.
fn changes(template: Template, payload: &Map<String, Value>, rollback: bool) -> Text {
    let unknown = "?";
    let get = |key: Key| text(payload, key).unwrap_or(unknown);
    let script = |key: Key| text(payload, key).map(excerpt);
    match template {
        Template::Image if rollback => {
            t!("confirm.change.image_back", image = get(Key::SourceImageId))
        }
        Template::Image => {
            t!("confirm.change.image", old = get(Key::SourceImageId), new = get(Key::ImageId),)
        }
        Template::Command | Template::File | Template::OssFile => {
            let (run, source) = if rollback {
                (script(Key::RollbackScript), source(template, payload, true))
            } else {
                (script(Key::InvokeScript), source(template, payload, false))
            };
            let run = run.unwrap_or_else(|| Text::raw(unknown));
            match source {
                Some(from) => t!("confirm.change.file", source = from, script: run),
                None => t!("confirm.change.script", script: run),
            }
        }
        Template::Package => t!(
            "confirm.change.package",
            package = get(Key::PackageName),
            version = text(payload, Key::PackageVersion).unwrap_or("-"),
            action = get(Key::Action),
        ),
        Template::Container => {
            let key =
                if rollback { Key::SourceContainerConfigure } else { Key::ContainerConfigure };
            let count = match payload.get(key.as_str()) {
                Some(Value::Array(items)) => items.len(),
                Some(Value::String(s)) => {
                    serde_json::from_str::<Vec<Value>>(s).map_or(0, |v| v.len())
                }
                _ => 0,
            };
            t!("confirm.change.containers", count = count)
        }
    }
}

/// Where a file template's file comes from and goes to.
fn source(template: Template, payload: &Map<String, Value>, rollback: bool) -> Option<String> {
    let pick = |invoke: Key, back: Key| text(payload, if rollback { back } else { invoke });
    let dir = pick(Key::InvokeDestinationDir, Key::RollbackDestinationDir).unwrap_or("?");
    match template {
        Template::File => {
            let from = pick(Key::InvokeSourcePath, Key::RollbackSourcePath)?;
            Some(format!("{from} -> {dir}"))
        }
        Template::OssFile => {
            let bucket = pick(Key::InvokeBucketName, Key::RollbackBucketName)?;
            let object = pick(Key::InvokeObjectName, Key::RollbackObjectName).unwrap_or("?");
            Some(format!("oss://{bucket}/{object} -> {dir}"))
        }
        _ => None,
    }
}

/// The confirmation's lines for `payload` (the parameters to send, filled in) on a group whose
/// update selects `instances` instances, in `region`.
pub fn summary(
    template: Template,
    payload: &Map<String, Value>,
    instances: usize,
    region: &str,
) -> Vec<Text> {
    let rollback = text(payload, Key::InvokeType) == Some(InvokeType::Rollback.as_str());
    let group = text(payload, Key::ScalingGroupId).unwrap_or("?");
    let head = if rollback {
        t!("confirm.head.rollback", group = group, region = region, template = template.name())
    } else {
        t!("confirm.head.update", group = group, region = region, template = template.name())
    };
    let mut lines = vec![head, changes(template, payload, rollback)];
    // A payload that reached the confirmation was validated: its batch settings plan.
    if let Ok((batch_number, pause)) = settings(payload) {
        let p = plan(instances, batch_number, pause);
        let largest = p.batches.iter().map(|b| b.out_of_service_percent).fold(0.0, f64::max);
        lines.push(t!(
            "confirm.instances",
            instances = p.instances,
            batches = p.batches.len(),
            percent = format!("{largest:.0}"),
        ));
        for b in &p.batches {
            let percent = format!("{:.0}", b.out_of_service_percent);
            lines.push(if b.pause_after {
                t!(
                    "confirm.batch_pause",
                    number = b.number,
                    instances = b.instances,
                    percent = percent
                )
            } else {
                t!("confirm.batch", number = b.number, instances = b.instances, percent = percent)
            });
        }
        lines.push(match p.pauses {
            0 => t!("confirm.no_pauses"),
            n => t!("confirm.pauses", count = n),
        });
    }
    lines.push(match list(payload, Key::EnterProcess) {
        Some(processes) => t!("confirm.suspended", processes = processes),
        None => t!("confirm.suspended_none"),
    });
    lines
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn lines(template: Template, payload: Value, instances: usize) -> Vec<String> {
        let payload = payload.as_object().cloned().unwrap_or_default();
        summary(template, &payload, instances, "cn-hangzhou")
            .iter()
            .map(|t| t.to_string())
            .collect()
    }

    #[test]
    fn an_image_update_shows_the_images_the_batches_and_the_processes() {
        let got = lines(
            Template::Image,
            json!({"invokeType": "invoke", "scalingGroupId": "asg-1", "imageId": "m-new",
                   "sourceImageId": "m-old", "batchNumber": 3,
                   "batchPauseOption": "FirstBatchPause",
                   "enterProcess": "[\"ScaleIn\",\"ScaleOut\"]"}),
            6,
        );
        assert_eq!(
            got,
            [
                "Start a rolling update of asg-1 in cn-hangzhou \
                 (ACS-ESS-RollingUpdateByReplaceSystemDiskInScalingGroup):",
                "  changes: image m-old -> m-new",
                "  instances: 6 in 3 batches, at most 33% out of service at once",
                "    batch 1: 2 instances (33% out of service), then a pause for approval",
                "    batch 2: 2 instances (33% out of service)",
                "    batch 3: 2 instances (33% out of service)",
                "  pauses: 1",
                "  suspended during the update: ScaleIn, ScaleOut",
            ]
        );
    }

    #[test]
    fn scripts_packages_files_and_rollbacks_say_what_they_change() {
        let command = lines(
            Template::Command,
            json!({"invokeType": "invoke", "invokeScript": "set -e\nyum update -y\n",
                   "batchNumber": 1}),
            2,
        );
        assert_eq!(command[1], "  changes: runs the script: set -e ... (2 lines)");
        let payload = json!({"invokeType": "invoke", "invokeScript": "set -e\nyum update -y\n"});
        let zh = summary(Template::Command, payload.as_object().unwrap(), 2, "cn-hangzhou");
        assert_eq!(
            zh[1].render(crate::i18n::Lang::ZhCn),
            "  变更：运行脚本：set -e ...（共 2 行）"
        );
        assert_eq!(command.last().map(String::as_str), Some("  suspended during the update: none"));
        let package = lines(
            Template::Package,
            json!({"invokeType": "invoke", "packageName": "nginx", "packageVersion": "1.2",
                   "action": "install"}),
            2,
        );
        assert_eq!(package[1], "  changes: package nginx 1.2: install");
        let file = lines(
            Template::OssFile,
            json!({"invokeType": "invoke", "invokeBucketName": "b", "invokeObjectName": "app.tgz",
                   "invokeDestinationDir": "/opt", "invokeScript": "./install.sh"}),
            1,
        );
        assert_eq!(file[1], "  changes: oss://b/app.tgz -> /opt, then runs: ./install.sh");
        let back = lines(
            Template::Image,
            json!({"invokeType": "rollback", "scalingGroupId": "asg-1", "sourceImageId": "m-old"}),
            4,
        );
        assert!(back[0].starts_with("Start a rollback on asg-1"), "{back:?}");
        assert_eq!(back[1], "  changes: puts image m-old back");
    }
}
