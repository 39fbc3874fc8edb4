//! One API call after its signature checks: its parameters with typed readers, and the
//! answer helpers (dates, NextToken and PageNumber paging) every product's actions share.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::error::ApiError;
use crate::time::format_utc;

/// One API call, after signature checks.
#[derive(Debug)]
pub(crate) struct Call<'a> {
    pub(crate) version: &'a str,
    pub(crate) action: &'a str,
    pub(crate) params: &'a BTreeMap<String, String>,
    pub(crate) now_ms: u64,
    pub(crate) missing_permissions: &'a [String],
}

pub(crate) type Body = Map<String, Value>;

impl Call<'_> {
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.params.get(key).map(String::as_str).filter(|v| !v.is_empty())
    }

    pub(crate) fn required(&self, key: &str) -> Result<&str, ApiError> {
        self.get(key).ok_or_else(|| ApiError::missing(key))
    }

    pub(crate) fn bool(&self, key: &str) -> Result<bool, ApiError> {
        match self.get(key) {
            None => Ok(false),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(true),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(false),
            Some(v) => Err(ApiError::invalid(format!(
                "The parameter \"{key}\" must be true or false, got \"{v}\"."
            ))),
        }
    }

    pub(crate) fn number(
        &self,
        key: &str,
        default: u64,
        min: u64,
        max: u64,
    ) -> Result<u64, ApiError> {
        match self.get(key) {
            None => Ok(default),
            Some(v) => v.parse::<u64>().ok().filter(|n| (min..=max).contains(n)).ok_or_else(|| {
                ApiError::invalid(format!(
                    "The parameter \"{key}\" must be an integer from {min} to {max}, got \"{v}\"."
                ))
            }),
        }
    }

    /// `Name.1`, `Name.2`, … in index order.
    pub(crate) fn list(&self, name: &str) -> Vec<String> {
        let prefix = format!("{name}.");
        let mut items: Vec<(u32, String)> = self
            .params
            .iter()
            .filter_map(|(k, v)| {
                k.strip_prefix(&prefix).and_then(|n| n.parse().ok()).map(|n| (n, v.clone()))
            })
            .collect();
        items.sort();
        items.into_iter().map(|(_, v)| v).filter(|v| !v.is_empty()).collect()
    }

    pub(crate) fn json_map(&self, key: &str) -> Result<Map<String, Value>, ApiError> {
        match self.get(key) {
            None => Ok(Map::new()),
            Some(text) => match serde_json::from_str::<Value>(text) {
                Ok(Value::Object(map)) => Ok(map),
                _ => Err(ApiError::invalid(format!(
                    "The parameter \"{key}\" must be a JSON object."
                ))),
            },
        }
    }
}

pub(crate) fn date(ms: u64) -> Value {
    Value::from(format_utc(ms))
}

pub(crate) fn token_offset(call: &Call<'_>) -> Result<usize, ApiError> {
    match call.get("NextToken") {
        None => Ok(0),
        Some(t) => t.strip_prefix("simtoken-").and_then(|n| n.parse().ok()).ok_or_else(|| {
            ApiError::invalid(format!("The parameter \"NextToken\" ({t}) is not valid."))
        }),
    }
}

/// Returns a page and the next token (`""` at the end).
pub(crate) fn page<T: Clone>(items: &[T], offset: usize, size: usize) -> (Vec<T>, String) {
    let end = (offset + size).min(items.len());
    let slice = if offset < items.len() { items[offset..end].to_vec() } else { Vec::new() };
    let next = if end < items.len() { format!("simtoken-{end}") } else { String::new() };
    (slice, next)
}

pub(crate) fn ess_region<'a>(call: &'a Call<'_>) -> Result<&'a str, ApiError> {
    call.required("RegionId")
}

pub(crate) fn ess_page<T: Clone>(call: &Call<'_>, items: &[T]) -> Result<(Vec<T>, Body), ApiError> {
    let number = call.number("PageNumber", 1, 1, 1_000_000)? as usize;
    let size = call.number("PageSize", 10, 1, 50)? as usize;
    let (slice, _) = page(items, (number - 1) * size, size);
    let mut body = Body::new();
    body.insert("TotalCount".into(), items.len().into());
    body.insert("PageNumber".into(), number.into());
    body.insert("PageSize".into(), size.into());
    Ok((slice, body))
}
