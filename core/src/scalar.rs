//! The wire scalars of the API: [`Id`] (`ID`), [`Timestamp`] (`Date`) and [`JsonObject`].

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::Deref;

/// An `ID` as sent on the wire: a string that should hold a UUID.
///
/// It stays a string so that a malformed id reaches validation and is answered with
/// `INVALID_UUID` naming the argument, rather than failing to parse.
///
/// ```
/// use roq_users::Id;
/// let id = Id::from("0190c9b8-7a4e-7cc2-9a39-6f4f3f5c1a10");
/// assert_eq!(id.as_str(), "0190c9b8-7a4e-7cc2-9a39-6f4f3f5c1a10");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub String);

impl Id {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Id {
    fn from(value: &str) -> Self {
        Id(value.to_string())
    }
}

impl From<String> for Id {
    fn from(value: String) -> Self {
        Id(value)
    }
}

impl From<uuid::Uuid> for Id {
    fn from(value: uuid::Uuid) -> Self {
        Id(value.to_string())
    }
}

/// A point in time, written on the wire as ISO-8601 UTC with milliseconds
/// (`2023-08-08T01:25:38.821Z`), the GraphQL `Date` scalar.
///
/// ```
/// use roq_users::Timestamp;
/// let t = Timestamp::parse("2023-08-08T03:25:38.821+02:00").unwrap();
/// assert_eq!(t.to_string(), "2023-08-08T01:25:38.821Z");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(pub DateTime<Utc>);

impl Timestamp {
    /// Parses any RFC 3339 / ISO-8601 date-time with an offset.
    pub fn parse(text: &str) -> Result<Timestamp, chrono::ParseError> {
        DateTime::parse_from_rfc3339(text.trim()).map(|t| Timestamp(t.with_timezone(&Utc)))
    }

    /// Milliseconds since the Unix epoch.
    pub fn millis(&self) -> i64 {
        self.0.timestamp_millis()
    }

    /// The time at `millis` milliseconds since the Unix epoch, if representable.
    pub fn from_millis(millis: i64) -> Option<Timestamp> {
        DateTime::from_timestamp_millis(millis).map(Timestamp)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(SecondsFormat::Millis, true))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A JSON object (never an array or a scalar), the GraphQL `JsonObject` scalar.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct JsonObject(pub serde_json::Map<String, serde_json::Value>);

impl Deref for JsonObject {
    type Target = serde_json::Map<String, serde_json::Value>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl From<serde_json::Map<String, serde_json::Value>> for JsonObject {
    fn from(value: serde_json::Map<String, serde_json::Value>) -> Self {
        JsonObject(value)
    }
}

#[cfg(feature = "graphql")]
mod graphql {
    use super::{Id, JsonObject, Timestamp};
    use async_graphql::{
        ID, InputType, InputValueError, InputValueResult, Scalar, ScalarType, Value, registry,
    };
    use std::borrow::Cow;

    // `Id` is the GraphQL `ID` type itself: it delegates to async-graphql's `ID` so that one
    // type named `ID` is registered.
    impl InputType for Id {
        type RawValueType = String;

        fn type_name() -> Cow<'static, str> {
            <ID as InputType>::type_name()
        }

        fn create_type_info(registry: &mut registry::Registry) -> String {
            <ID as InputType>::create_type_info(registry)
        }

        fn parse(value: Option<Value>) -> InputValueResult<Self> {
            <ID as InputType>::parse(value)
                .map(|id| Id(id.0))
                .map_err(InputValueError::propagate)
        }

        fn to_value(&self) -> Value {
            Value::String(self.0.clone())
        }

        fn as_raw_value(&self) -> Option<&Self::RawValueType> {
            Some(&self.0)
        }
    }

    /// ISO-8601 date-time; output always UTC with milliseconds, e.g. `2023-08-08T01:25:38.821Z`.
    #[Scalar(name = "Date")]
    impl ScalarType for Timestamp {
        fn parse(value: Value) -> InputValueResult<Self> {
            match &value {
                Value::String(text) => Timestamp::parse(text).map_err(|_| {
                    InputValueError::custom(format!(
                        "expected an ISO-8601 date-time such as 2023-08-08T01:25:38.821Z, got {text:?}"
                    ))
                }),
                _ => Err(InputValueError::expected_type(value)),
            }
        }

        fn to_value(&self) -> Value {
            Value::String(self.to_string())
        }
    }

    /// A JSON object.
    #[Scalar(name = "JsonObject")]
    impl ScalarType for JsonObject {
        fn parse(value: Value) -> InputValueResult<Self> {
            let json = value
                .into_json()
                .map_err(|e| InputValueError::custom(e.to_string()))?;
            match json {
                serde_json::Value::Object(map) => Ok(JsonObject(map)),
                other => Err(InputValueError::custom(format!(
                    "JsonObject must be a JSON object, got {}",
                    json_kind(&other)
                ))),
            }
        }

        fn to_value(&self) -> Value {
            Value::from_json(serde_json::Value::Object(self.0.clone())).unwrap_or(Value::Null)
        }
    }

    fn json_kind(value: &serde_json::Value) -> &'static str {
        match value {
            serde_json::Value::Null => "null",
            serde_json::Value::Bool(_) => "a boolean",
            serde_json::Value::Number(_) => "a number",
            serde_json::Value::String(_) => "a string",
            serde_json::Value::Array(_) => "an array",
            serde_json::Value::Object(_) => "an object",
        }
    }
}
