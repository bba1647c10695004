use super::*;
use crate::{Patch, UserCreate, UserUpdate, UsersQuery};

fn violation_fields(err: &Error) -> Vec<(&str, &str)> {
    err.violations()
        .iter()
        .map(|v| (v.field.as_str(), v.code.as_str()))
        .collect()
}

#[test]
fn reference_rules() {
    assert_eq!(reference("r", "crm-1").as_deref(), Ok("crm-1"));
    assert_eq!(
        reference("r", "").map_err(|v| v.code),
        Err(code::REQUIRED.into())
    );
    assert_eq!(
        reference("r", " a").map_err(|v| v.code),
        Err(code::SURROUNDING_WHITESPACE.into())
    );
    assert_eq!(
        reference("r", "a\u{7}b").map_err(|v| v.code),
        Err(code::CONTROL_CHARACTERS.into())
    );
    assert!(reference("r", &"x".repeat(255)).is_ok());
    assert_eq!(
        reference("r", &"x".repeat(256)).map_err(|v| v.code),
        Err(code::TOO_LONG.into())
    );
    // characters, not bytes
    assert!(reference("r", &"é".repeat(255)).is_ok());
}

#[test]
fn email_rules() {
    assert_eq!(
        email("e", "  Ada@Example.com ").as_deref(),
        Ok("Ada@Example.com")
    );
    assert_eq!(
        email("e", "nope").map_err(|v| v.code),
        Err(code::INVALID_EMAIL.into())
    );
    assert_eq!(
        email("e", "a b@c.d").map_err(|v| v.code),
        Err(code::INVALID_EMAIL.into())
    );
    let long = format!("{}@{}.com", "a".repeat(64), "b".repeat(190));
    assert_eq!(
        email("e", &long).map_err(|v| v.code),
        Err(code::TOO_LONG.into())
    );
}

#[test]
fn phone_rules() {
    assert_eq!(
        phone("p", "+1 (555) 010-9999").as_deref(),
        Ok("+15550109999")
    );
    for bad in ["+0123", "+1", "12345", "+1234567890123456", "+12a4", ""] {
        assert_eq!(
            phone("p", bad).map_err(|v| v.code),
            Err(code::INVALID_PHONE.into()),
            "{bad}"
        );
    }
    assert!(phone("p", "+123456789012345").is_ok());
}

#[test]
fn locale_rules() {
    assert_eq!(locale("l", "en-us").as_deref(), Ok("en-US"));
    assert_eq!(locale("l", "DE").as_deref(), Ok("de"));
    assert_eq!(locale("l", "sr-latn-rs").as_deref(), Ok("sr-Latn-RS"));
    assert_eq!(locale("l", "en-US-x-Twain").as_deref(), Ok("en-US-x-twain"));
    for bad in ["", "english!", "en_US", "e"] {
        assert_eq!(
            locale("l", bad).map_err(|v| v.code),
            Err(code::INVALID_LOCALE.into()),
            "{bad}"
        );
    }
}

#[test]
fn timezone_rules() {
    assert_eq!(
        timezone("t", "Europe/Berlin").as_deref(),
        Ok("Europe/Berlin")
    );
    assert_eq!(
        timezone("t", "Mars/Olympus").map_err(|v| v.code),
        Err(code::INVALID_TIMEZONE.into())
    );
}

#[test]
fn url_rules() {
    assert!(avatar_url("a", "https://cdn.example.com/a.png").is_ok());
    for bad in ["ftp://x.y/z", "/relative.png", "https://", "not a url"] {
        assert_eq!(
            avatar_url("a", bad).map_err(|v| v.code),
            Err(code::INVALID_URL.into()),
            "{bad}"
        );
    }
    let long = format!("https://x.y/{}", "a".repeat(2048));
    assert_eq!(
        avatar_url("a", &long).map_err(|v| v.code),
        Err(code::TOO_LONG.into())
    );
}

#[test]
fn custom_data_size() {
    let mut map = serde_json::Map::new();
    map.insert("k".into(), serde_json::Value::String("x".repeat(16 * 1024)));
    let big = JsonObject(map);
    assert_eq!(
        custom_data("c", &big).map_err(|v| v.code),
        Err(code::TOO_LARGE.into())
    );
}

#[test]
fn create_reports_every_violation_at_once() {
    let mut input = UserCreate::new(" bad", "bad");
    input.phone = Some("123".into());
    input.locale = Some("??".into());
    input.timezone = Some("Nowhere".into());
    input.tenant_id = Some(Id::from("x"));
    let err = input.validate().expect_err("invalid");
    assert_eq!(err.error_code(), ErrorCode::ValidationError);
    assert_eq!(
        violation_fields(&err),
        vec![
            ("reference", code::SURROUNDING_WHITESPACE),
            ("email", code::INVALID_EMAIL),
            ("phone", code::INVALID_PHONE),
            ("locale", code::INVALID_LOCALE),
            ("timezone", code::INVALID_TIMEZONE),
            ("tenantId", code::INVALID_UUID),
        ]
    );
    assert_eq!(err.to_string(), err.violations()[0].message);
}

#[test]
fn create_normalises() {
    let mut input = UserCreate::new("r", " a@b.co ");
    input.phone = Some("+49 30 1234".into());
    input.locale = Some("en-gb".into());
    input.first_name = Some("  Ada ".into());
    let out = input.validate().expect("valid");
    assert_eq!(out.email, "a@b.co");
    assert_eq!(out.phone.as_deref(), Some("+49301234"));
    assert_eq!(out.locale.as_deref(), Some("en-GB"));
    assert_eq!(out.first_name.as_deref(), Some("Ada"));
}

#[test]
fn roles_are_refused_until_implemented() {
    let mut input = UserCreate::new("r", "a@b.co");
    input.roles = Some(vec![]);
    assert!(input.clone().validate().is_ok());
    input.roles = Some(vec!["admin".into()]);
    let err = input.validate().expect_err("roles refused");
    assert_eq!(violation_fields(&err), vec![("roles", code::NOT_SUPPORTED)]);
}

#[test]
fn update_nulls() {
    let update = UserUpdate {
        email: Patch::Null,
        active: Patch::Null,
        first_name: Patch::Null,
        ..UserUpdate::default()
    };
    let err = update.validate().expect_err("null email refused");
    assert_eq!(
        violation_fields(&err),
        vec![
            ("email", code::NULL_NOT_ALLOWED),
            ("active", code::NULL_NOT_ALLOWED)
        ]
    );
    let clear = UserUpdate {
        first_name: Patch::Null,
        custom_data: Patch::Null,
        ..UserUpdate::default()
    }
    .validate()
    .expect("valid");
    assert_eq!(clear.first_name, Patch::Null);
    assert_eq!(clear.custom_data, Patch::Value(JsonObject::default()));
}

#[test]
fn uuid_only_errors_are_invalid_uuid() {
    let err = id_argument("id", &Id::from("12")).expect_err("bad id");
    assert_eq!(err.error_code(), ErrorCode::InvalidUuid);
    assert_eq!(err.status_code(), 400);
}

#[test]
fn paging_bounds() {
    let ok = UsersQuery::default().validate().expect("defaults");
    assert_eq!((ok.limit, ok.offset), (100, 0));
    for (limit, offset) in [(Some(-1), None), (Some(1001), None), (None, Some(-5))] {
        let q = UsersQuery {
            limit,
            offset,
            ..UsersQuery::default()
        };
        let err = q.validate().expect_err("out of range");
        assert_eq!(err.error_code(), ErrorCode::ValidationError);
        assert_eq!(err.violations()[0].code, code::OUT_OF_RANGE);
    }
    let max = UsersQuery {
        limit: Some(1000),
        ..UsersQuery::default()
    };
    assert!(max.validate().is_ok());
}
