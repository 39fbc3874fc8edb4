//! `doctor`: which credentials and region would be used and where they came from, a cheap
//! signed call that proves they work, the clock offset, and the RAM permissions each template
//! needs that are missing.

use std::time::{SystemTime, UNIX_EPOCH};

use rolling_update_core::api::oos::{GenerateExecutionPolicy, ListExecutions};
use rolling_update_core::api::{ApiRequest, Product};
use rolling_update_core::doctor::{self, MAX_CLOCK_SKEW_SECONDS, clock_offset, policy_actions};
use rolling_update_core::i18n::Text;
use rolling_update_core::t;
use rolling_update_core::template::Template;
use serde_json::{Map, Value, json};

use crate::ctx::{Ctx, Io, Session};
use crate::exit::Code;

/// Says `text` in the run's language.
fn say(io: &mut Io, text: Text) {
    io.say(text.render(crate::lang::current()));
}

pub(crate) fn run(ctx: &mut Ctx) -> anyhow::Result<Code> {
    let (s, io) = ctx.session()?;
    let mut healthy = true;
    let mut report = serde_json::Map::new();
    if let Some(r) = &s.resolved {
        let kind = if r.credentials.security_token.is_some() {
            t!("doctor.credentials.sts_token")
        } else {
            t!("doctor.credentials.access_key")
        };
        let credentials = t!(
            "doctor.credentials",
            id = r.credentials.access_key_id,
            kind: kind,
            source: r.credentials_source.text()
        );
        say(io, credentials);
        say(io, t!("doctor.region", region = r.region, source: r.region_source.text()));
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
    say(io, t!("doctor.endpoints", oos = oos, ess = ess));
    report.insert("endpoints".into(), json!({"oos": oos, "ess": ess}));

    let probe = ListExecutions { max_results: Some(10), ..ListExecutions::new(&s.region) };
    let call = probe.to_call();
    match s.send(&call, io) {
        Ok(resp) if (200..300).contains(&resp.status) => {
            say(io, t!("doctor.call.ok"));
            let local =
                SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs() as i64;
            let offset = resp.header("date").and_then(|d| clock_offset(d, local));
            match offset {
                Some(o) if o.abs() > MAX_CLOCK_SKEW_SECONDS => {
                    healthy = false;
                    let off = t!("doctor.clock.off", offset = o, limit = MAX_CLOCK_SKEW_SECONDS);
                    say(io, off);
                }
                Some(o) => say(io, t!("doctor.clock.offset", offset = o)),
                None => say(io, t!("doctor.clock.no_date")),
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
            say(io, t!("doctor.call.failed", error = e));
            report.insert("call".into(), json!({"ok": false, "code": e.code, "message": e.message, "requestId": e.request_id}));
        }
        Err(e) => {
            healthy = false;
            say(io, t!("doctor.call.failed", error = e));
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
                let name = template.short_name();
                if missing.is_empty() {
                    say(io, t!("doctor.permissions.complete", template = name));
                } else {
                    healthy = false;
                    let actions = missing.join(", ");
                    say(io, t!("doctor.permissions.missing", template = name, actions = actions));
                }
                permissions.push(json!({"template": template.name(), "missing": missing}));
            }
            Err(e) => {
                healthy = false;
                let name = template.short_name();
                say(io, t!("doctor.permissions.cannot_check", template = name, error = e));
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
    say(io, t!("doctor.plugin_actions"));
    let listed = doctor::plugin_actions();
    for (action, used_by) in &listed {
        say(io, t!("doctor.plugin_action", action = action, used_by: used_by.clone()));
    }
    let actions: Vec<Value> = listed
        .iter()
        .map(|(action, used_by)| json!({"action": action, "usedBy": used_by}))
        .collect();
    report.insert("pluginActions".into(), Value::from(actions));
}
