//! The Rust runner of the cross-language conformance scenarios (`tests/conformance/*.json`,
//! format in `tests/conformance/README.md`), through the public SDK's `Scope::call`.

use roq_users::{Error, Platform, PlatformConfig};
use roq_users_tests::{API_KEY, TestServer};
use serde_json::{Map, Value, json};
use std::path::{Path, PathBuf};

fn scenario_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("conformance");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/conformance exists")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

/// Looks `name.path.to.value` up in the saved results.
fn lookup(saved: &Map<String, Value>, reference: &str) -> Option<Value> {
    let mut parts = reference.split('.');
    let mut value = saved.get(parts.next()?)?;
    for part in parts {
        value = match part.parse::<usize>() {
            Ok(index) => value.get(index)?,
            Err(_) => value.get(part)?,
        };
    }
    Some(value.clone())
}

/// Replaces `${...}` references in every string of `value`.
fn substitute(value: &Value, saved: &Map<String, Value>) -> Value {
    match value {
        Value::String(text) => {
            if let Some(reference) = text.strip_prefix("${").and_then(|t| t.strip_suffix('}'))
                && !reference.contains("${")
            {
                return lookup(saved, reference)
                    .unwrap_or_else(|| panic!("unknown reference ${{{reference}}}"));
            }
            let mut out = text.clone();
            while let Some(start) = out.find("${") {
                let Some(len) = out[start..].find('}') else {
                    break;
                };
                let reference = out[start + 2..start + len].to_string();
                let replacement = match lookup(saved, &reference) {
                    Some(Value::String(s)) => s,
                    Some(other) => other.to_string(),
                    None => panic!("unknown reference ${{{reference}}}"),
                };
                out.replace_range(start..start + len + 1, &replacement);
            }
            Value::String(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| substitute(v, saved)).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), substitute(v, saved)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// `expected` is a subset of `actual` (see the format's README); returns where it is not.
fn subset(expected: &Value, actual: &Value, at: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, value) in e {
                let got = a.get(key).ok_or_else(|| format!("{at}.{key} is missing"))?;
                subset(value, got, &format!("{at}.{key}"))?;
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Err(format!("{at} has {} items, expected {}", a.len(), e.len()));
            }
            for (i, (x, y)) in e.iter().zip(a).enumerate() {
                subset(x, y, &format!("{at}[{i}]"))?;
            }
            Ok(())
        }
        _ if expected == actual => Ok(()),
        _ => Err(format!("{at} is {actual}, expected {expected}")),
    }
}

fn check_error(err: &Error, expected: &Value) -> Result<(), String> {
    let code = err.error_code();
    if expected["errorCode"] != json!(code.as_str()) {
        return Err(format!(
            "error {code} ({err}), expected {}",
            expected["errorCode"]
        ));
    }
    if let Some(status) = expected.get("statusCode")
        && status != &json!(err.status_code())
    {
        return Err(format!("status {}, expected {status}", err.status_code()));
    }
    if let Some(violations) = expected.get("violations") {
        let got: Vec<Value> = err
            .violations()
            .iter()
            .map(|v| json!({"field": v.field, "code": v.code}))
            .collect();
        if violations != &Value::Array(got.clone()) {
            return Err(format!("violations {got:?}, expected {violations}"));
        }
    }
    Ok(())
}

async fn run_scenario(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let scenario: Value = serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))?;
    let server = TestServer::start().await;
    let platform = Platform::new(PlatformConfig::new(
        server.server.url(),
        server.environment.to_string(),
        API_KEY,
    ))
    .map_err(|e| e.to_string())?;
    let mut saved = Map::new();
    let steps = scenario["steps"].as_array().ok_or("no steps")?;
    for (index, step) in steps.iter().enumerate() {
        let label = format!(
            "step {index} ({})",
            step["name"]
                .as_str()
                .unwrap_or(step["call"].as_str().unwrap_or("?"))
        );
        let scope = match substitute(step.get("as").unwrap_or(&json!("superAdmin")), &saved) {
            Value::Object(who) => platform.as_user(who["user"].as_str().unwrap_or_default()),
            _ => platform.as_super_admin(),
        };
        let input = substitute(step.get("input").unwrap_or(&json!({})), &saved);
        let name = step["call"].as_str().ok_or(format!("{label}: no call"))?;
        let outcome = scope.call(name, input).await;
        match (outcome, step.get("expectError")) {
            (Ok(result), None) => {
                if let Some(expected) = step.get("expect") {
                    subset(&substitute(expected, &saved), &result, "result")
                        .map_err(|e| format!("{label}: {e}"))?;
                }
                if let Some(name) = step.get("save").and_then(Value::as_str) {
                    saved.insert(name.to_string(), result);
                }
            }
            (Ok(result), Some(_)) => {
                return Err(format!(
                    "{label}: succeeded with {result}, expected an error"
                ));
            }
            (Err(err), Some(expected)) => {
                check_error(&err, expected).map_err(|e| format!("{label}: {e}"))?
            }
            (Err(err), None) => return Err(format!("{label}: failed with {err:?}")),
        }
    }
    Ok(())
}

#[tokio::test]
async fn every_scenario_passes_through_the_rust_sdk() {
    let files = scenario_files();
    assert!(files.len() >= 4, "scenario files found: {files:?}");
    let mut failures = Vec::new();
    for file in &files {
        if let Err(e) = run_scenario(file).await {
            failures.push(format!("{}: {e}", file.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_matcher_can_fail() {
    assert!(subset(&json!({"a": 1}), &json!({"a": 1, "b": 2}), "r").is_ok());
    assert!(subset(&json!({"a": 2}), &json!({"a": 1}), "r").is_err());
    assert!(subset(&json!({"c": 1}), &json!({"a": 1}), "r").is_err());
    assert!(subset(&json!([1]), &json!([1, 2]), "r").is_err());
    assert!(subset(&json!({"a": null}), &json!({"a": null}), "r").is_ok());
    let mut saved = Map::new();
    saved.insert("u".into(), json!({"id": "x1", "list": [{"id": "y"}]}));
    assert_eq!(substitute(&json!("${u.id}"), &saved), json!("x1"));
    assert_eq!(substitute(&json!("${u.list.0.id}"), &saved), json!("y"));
    assert_eq!(substitute(&json!("id=${u.id}!"), &saved), json!("id=x1!"));
}
