//! `doctor`: which credentials and region would be used and where they came from, a cheap
//! signed call that proves they work, the clock offset, and the RAM permissions each template
//! needs that are missing.

use std::time::{SystemTime, UNIX_EPOCH};

use rolling_update_core::api::oos::{GenerateExecutionPolicy, ListExecutions};
use rolling_update_core::api::{ApiRequest, Product};
use rolling_update_core::doctor::{
    MAX_CLOCK_SKEW_SECONDS, PLUGIN_ACTIONS, clock_offset, policy_actions,
};
use rolling_update_core::template::Template;
use serde_json::{Map, Value, json};

use crate::ctx::{Ctx, Io, Session};
use crate::exit::Code;

pub(crate) fn run(ctx: &mut Ctx) -> anyhow::Result<Code> {
    let (s, io) = ctx.session()?;
    let mut healthy = true;
    let mut report = serde_json::Map::new();
    if let Some(r) = &s.resolved {
        io.say(format!(
            "credentials: AccessKey {} ({}) from {}",
            r.credentials.access_key_id,
            if r.credentials.security_token.is_some() { "STS token" } else { "AccessKey" },
            r.credentials_source
        ));
        io.say(format!("region: {} from {}", r.region, r.region_source));
        report.insert(
            "credentials".into(),
            json!({
                "accessKeyId": r.credentials.access_key_id,
                "kind": if r.credentials.security_token.is_some() { "StsToken" } else { "AK" },
                "source": r.credentials_source,
                "profile": r.profile,
            }),
        );
        report.insert("region".into(), json!({"value": r.region, "source": r.region_source}));
    }
    let oos = s.endpoint(Product::Oos)?.to_string();
    let ess = s.endpoint(Product::Ess)?.to_string();
    io.say(format!("endpoints: OOS {oos}, ESS {ess}"));
    report.insert("endpoints".into(), json!({"oos": oos, "ess": ess}));

    let probe = ListExecutions { max_results: Some(10), ..ListExecutions::new(&s.region) };
    let call = probe.to_call();
    match s.send(&call, io) {
        Ok(resp) if (200..300).contains(&resp.status) => {
            io.say("signed call: ok (OOS ListExecutions)");
            let local =
                SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs() as i64;
            let offset = resp.header("date").and_then(|d| clock_offset(d, local));
            match offset {
                Some(o) if o.abs() > MAX_CLOCK_SKEW_SECONDS => {
                    healthy = false;
                    io.say(format!("clock: off by {o} s; signed calls fail beyond {MAX_CLOCK_SKEW_SECONDS} s, sync the clock"));
                }
                Some(o) => io.say(format!("clock: offset {o} s from the server")),
                None => io.say("clock: the server sent no Date header"),
            }
            report.insert("call".into(), json!({"ok": true}));
            report.insert("clockOffsetSeconds".into(), json!(offset));
        }
        Ok(resp) => {
            healthy = false;
            let e = rolling_update_core::api::ApiError::from_response(
                resp.status,
                &resp.headers,
                &resp.body,
            );
            io.say(format!("signed call: failed: {e}"));
            report.insert("call".into(), json!({"ok": false, "code": e.code, "message": e.message, "requestId": e.request_id}));
        }
        Err(e) => {
            healthy = false;
            io.say(format!("signed call: failed: {e}"));
            report.insert("call".into(), json!({"ok": false, "message": e.to_string()}));
        }
    }

    healthy &= template_permissions(s, io, &mut report);
    plugin_actions(io, &mut report);
    report.insert("ok".into(), Value::from(healthy));
    io.json(&Value::Object(report))?;
    Ok(if healthy { Code::Ok } else { Code::Rejected })
}

/// What GenerateExecutionPolicy says is missing for each template's execution; false when
/// something is missing or cannot be checked.
fn template_permissions(s: &Session, io: &mut Io, report: &mut Map<String, Value>) -> bool {
    let mut healthy = true;
    let mut permissions = Vec::new();
    for template in Template::ALL {
        let req = GenerateExecutionPolicy {
            region_id: s.region.clone(),
            template_name: template.name().to_owned(),
            ..GenerateExecutionPolicy::default()
        };
        match s.call(&req, io) {
            Ok(resp) => {
                let missing = policy_actions(resp.missing_policy.as_deref().unwrap_or(""));
                if missing.is_empty() {
                    io.say(format!("permissions for {}: complete", template.short_name()));
                } else {
                    healthy = false;
                    io.say(format!(
                        "permissions for {}: missing {}",
                        template.short_name(),
                        missing.join(", ")
                    ));
                }
                permissions.push(json!({"template": template.name(), "missing": missing}));
            }
            Err(e) => {
                healthy = false;
                io.say(format!("permissions for {}: cannot check: {e}", template.short_name()));
                permissions.push(json!({"template": template.name(), "error": e.to_string()}));
            }
        }
    }
    report.insert("permissions".into(), Value::from(permissions));
    healthy
}

/// The actions the plugin's own calls need, listed (not checked: a call per action would change
/// nothing it could not also fail on).
fn plugin_actions(io: &mut Io, report: &mut Map<String, Value>) {
    io.say("the plugin's own calls need (not checked):");
    for (action, used_by) in PLUGIN_ACTIONS {
        io.say(format!("  {action}: {used_by}"));
    }
    let actions: Vec<Value> = PLUGIN_ACTIONS
        .iter()
        .map(|(action, used_by)| json!({"action": action, "usedBy": used_by}))
        .collect();
    report.insert("pluginActions".into(), Value::from(actions));
}
