//! The validation rules of SPEC §5, applied identically by the server and the SDKs.
//!
//! Each rule checks one value and returns its normalised form (trimmed e-mail, canonical
//! phone and locale). [`Violations`] collects every broken rule of a request so that all
//! of them are reported at once. Violation codes are the constants of [`code`].

mod inputs;
pub use inputs::paging;

use crate::{Error, ErrorCode, Id, JsonObject, Violation};
use std::str::FromStr;

/// The stable violation codes carried in [`Violation::code`].
pub mod code {
    /// A required value is missing or empty.
    pub const REQUIRED: &str = "REQUIRED";
    /// Longer than allowed.
    pub const TOO_LONG: &str = "TOO_LONG";
    /// Leading or trailing whitespace where none is allowed.
    pub const SURROUNDING_WHITESPACE: &str = "SURROUNDING_WHITESPACE";
    /// Contains control characters.
    pub const CONTROL_CHARACTERS: &str = "CONTROL_CHARACTERS";
    /// Not a valid e-mail address.
    pub const INVALID_EMAIL: &str = "INVALID_EMAIL";
    /// Not an E.164 phone number.
    pub const INVALID_PHONE: &str = "INVALID_PHONE";
    /// Not a well-formed BCP 47 tag.
    pub const INVALID_LOCALE: &str = "INVALID_LOCALE";
    /// Not an IANA time-zone name.
    pub const INVALID_TIMEZONE: &str = "INVALID_TIMEZONE";
    /// Not an absolute http(s) URL.
    pub const INVALID_URL: &str = "INVALID_URL";
    /// Serialised size over the limit.
    pub const TOO_LARGE: &str = "TOO_LARGE";
    /// `null` given for a field that cannot be cleared.
    pub const NULL_NOT_ALLOWED: &str = "NULL_NOT_ALLOWED";
    /// Not a UUID.
    pub const INVALID_UUID: &str = "INVALID_UUID";
    /// A number outside its range (limit, offset).
    pub const OUT_OF_RANGE: &str = "OUT_OF_RANGE";
    /// A list with more values than allowed.
    pub const TOO_MANY_VALUES: &str = "TOO_MANY_VALUES";
    /// A feature this server does not implement yet.
    pub const NOT_SUPPORTED: &str = "NOT_SUPPORTED";
}

/// Longest reference, first/last name and tenant name, in characters.
pub const MAX_TEXT_CHARS: usize = 255;
/// Longest e-mail address, in characters.
pub const MAX_EMAIL_CHARS: usize = 254;
/// Longest avatar URL, in characters.
pub const MAX_URL_CHARS: usize = 2048;
/// Largest custom data, serialised as JSON, in bytes.
pub const MAX_CUSTOM_DATA_BYTES: usize = 16 * 1024;
/// Longest password, in characters.
pub const MAX_PASSWORD_CHARS: usize = 1024;
/// Most values in one `valueIn` / `valueNotIn` / `all` list.
pub const MAX_LIST_VALUES: usize = 1000;

/// Collects every violation of one request.
#[derive(Debug, Default)]
pub struct Violations(Vec<Violation>);

impl Violations {
    /// An empty collection.
    pub fn new() -> Self {
        Violations(Vec::new())
    }

    /// Records one violation.
    pub fn push(&mut self, violation: Violation) {
        self.0.push(violation);
    }

    /// Keeps the value of a rule, or records its violation and returns `None`.
    pub fn check<T>(&mut self, result: Result<T, Violation>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(violation) => {
                self.push(violation);
                None
            }
        }
    }

    /// `Ok(())` when nothing was recorded. Otherwise an `INVALID_UUID` error when every
    /// violation is a malformed id, else a `VALIDATION_ERROR`; both carry all violations.
    pub fn finish(self) -> Result<(), Error> {
        if self.0.is_empty() {
            return Ok(());
        }
        let mut err = Error::validation(self.0);
        if let Error::Validation {
            code, violations, ..
        } = &mut err
            && violations.iter().all(|v| v.code == code::INVALID_UUID)
        {
            *code = ErrorCode::InvalidUuid;
        }
        Err(err)
    }
}

fn has_control(text: &str) -> bool {
    text.chars().any(char::is_control)
}

/// reference: 1–255 characters, no surrounding whitespace, no control characters.
pub fn reference(field: &str, value: &str) -> Result<String, Violation> {
    if value.is_empty() {
        return Err(Violation::new(
            field,
            code::REQUIRED,
            format!("{field} must not be empty"),
        ));
    }
    if value.chars().count() > MAX_TEXT_CHARS {
        return Err(too_long(field, MAX_TEXT_CHARS));
    }
    if value.trim() != value {
        return Err(Violation::new(
            field,
            code::SURROUNDING_WHITESPACE,
            format!("{field} must not start or end with whitespace"),
        ));
    }
    if has_control(value) {
        return Err(control(field));
    }
    Ok(value.to_string())
}

/// email: trimmed, at most 254 characters, valid address syntax.
pub fn email(field: &str, value: &str) -> Result<String, Violation> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(Violation::new(
            field,
            code::REQUIRED,
            format!("{field} must not be empty"),
        ));
    }
    if trimmed.chars().count() > MAX_EMAIL_CHARS {
        return Err(too_long(field, MAX_EMAIL_CHARS));
    }
    if has_control(trimmed) || !email_address::EmailAddress::is_valid(trimmed) {
        return Err(Violation::new(
            field,
            code::INVALID_EMAIL,
            format!("{field} is not a valid e-mail address"),
        ));
    }
    Ok(trimmed.to_string())
}

/// firstName, lastName (and tenant names): trimmed, at most 255 characters, no control characters.
pub fn name(field: &str, value: &str) -> Result<String, Violation> {
    let trimmed = value.trim();
    if trimmed.chars().count() > MAX_TEXT_CHARS {
        return Err(too_long(field, MAX_TEXT_CHARS));
    }
    if has_control(trimmed) {
        return Err(control(field));
    }
    Ok(trimmed.to_string())
}

/// phone: E.164 after removing spaces, dashes, dots and parentheses (`+` then 2–15 digits,
/// the first non-zero). Returns the canonical form.
///
/// ```
/// assert_eq!(roq_users::validation::phone("phone", "+49 (30) 123-45.6").unwrap(), "+4930123456");
/// assert!(roq_users::validation::phone("phone", "030 123").is_err());
/// ```
pub fn phone(field: &str, value: &str) -> Result<String, Violation> {
    let canonical: String = value
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    let digits = canonical.strip_prefix('+').unwrap_or("");
    let valid = (2..=15).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && !digits.starts_with('0');
    if !valid {
        return Err(Violation::new(
            field,
            code::INVALID_PHONE,
            format!("{field} must be an E.164 number such as +4930123456"),
        ));
    }
    Ok(canonical)
}

/// locale: a well-formed BCP 47 tag, returned in canonical case (`en-us` → `en-US`).
///
/// ```
/// assert_eq!(roq_users::validation::locale("locale", "zh-hant-tw").unwrap(), "zh-Hant-TW");
/// ```
pub fn locale(field: &str, value: &str) -> Result<String, Violation> {
    let invalid = || {
        Violation::new(
            field,
            code::INVALID_LOCALE,
            format!("{field} must be a BCP 47 language tag such as en-US"),
        )
    };
    language_tags::LanguageTag::parse(value).map_err(|_| invalid())?;
    Ok(canonical_case(value))
}

/// RFC 5646 §2.1.1 case conventions: language lowercase, script title case, region
/// uppercase, everything after a singleton (extensions, private use) lowercase.
fn canonical_case(tag: &str) -> String {
    let mut out = Vec::new();
    let mut after_singleton = false;
    for (index, subtag) in tag.split('-').enumerate() {
        let lower = subtag.to_ascii_lowercase();
        let cased = if index == 0 || after_singleton {
            lower
        } else if subtag.len() == 1 {
            after_singleton = true;
            lower
        } else if subtag.len() == 2 && subtag.chars().all(|c| c.is_ascii_alphabetic()) {
            subtag.to_ascii_uppercase()
        } else if subtag.len() == 4 && subtag.chars().all(|c| c.is_ascii_alphabetic()) {
            let mut chars = lower.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        } else {
            lower
        };
        out.push(cased);
    }
    out.join("-")
}

/// timezone: a name in the IANA time-zone database.
pub fn timezone(field: &str, value: &str) -> Result<String, Violation> {
    chrono_tz::Tz::from_str(value)
        .map(|tz| tz.name().to_string())
        .map_err(|_| {
            Violation::new(
                field,
                code::INVALID_TIMEZONE,
                format!("{field} must be an IANA time-zone name such as Europe/Berlin"),
            )
        })
}

/// avatarUrl: an absolute http(s) URL of at most 2048 characters.
pub fn avatar_url(field: &str, value: &str) -> Result<String, Violation> {
    if value.chars().count() > MAX_URL_CHARS {
        return Err(too_long(field, MAX_URL_CHARS));
    }
    match url::Url::parse(value) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => {
            Ok(value.to_string())
        }
        _ => Err(Violation::new(
            field,
            code::INVALID_URL,
            format!("{field} must be an absolute http(s) URL"),
        )),
    }
}

/// customData: at most 16 KiB serialised.
pub fn custom_data(field: &str, value: &JsonObject) -> Result<JsonObject, Violation> {
    let size = serde_json::to_vec(value)
        .map(|bytes| bytes.len())
        .unwrap_or(usize::MAX);
    if size > MAX_CUSTOM_DATA_BYTES {
        return Err(Violation::new(
            field,
            code::TOO_LARGE,
            format!("{field} must serialise to at most {MAX_CUSTOM_DATA_BYTES} bytes, got {size}"),
        ));
    }
    Ok(value.clone())
}

/// password: 1–1024 characters.
pub fn password(field: &str, value: &str) -> Result<String, Violation> {
    if value.is_empty() {
        return Err(Violation::new(
            field,
            code::REQUIRED,
            format!("{field} must not be empty"),
        ));
    }
    if value.chars().count() > MAX_PASSWORD_CHARS {
        return Err(too_long(field, MAX_PASSWORD_CHARS));
    }
    Ok(value.to_string())
}

/// Any ID: a UUID (any version), returned in lowercase hyphenated form.
pub fn id(field: &str, value: &Id) -> Result<uuid::Uuid, Violation> {
    uuid::Uuid::parse_str(value.as_str()).map_err(|_| {
        Violation::new(
            field,
            code::INVALID_UUID,
            format!("{field} must be a UUID, got {:?}", value.as_str()),
        )
    })
}

/// Parses an ID argument on its own, as an `INVALID_UUID` error.
pub fn id_argument(field: &str, value: &Id) -> Result<uuid::Uuid, Error> {
    let mut violations = Violations::new();
    let parsed = violations.check(id(field, value));
    violations.finish()?;
    parsed.ok_or_else(|| Error::invalid_uuid(field, value.as_str()))
}

fn too_long(field: &str, max: usize) -> Violation {
    Violation::new(
        field,
        code::TOO_LONG,
        format!("{field} must be at most {max} characters"),
    )
}

fn control(field: &str) -> Violation {
    Violation::new(
        field,
        code::CONTROL_CHARACTERS,
        format!("{field} must not contain control characters"),
    )
}

#[cfg(test)]
mod tests;
