//! [`Patch`]: a field of an update that can be absent, explicitly `null`, or a value.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One field of a partial update (or of a filter operator where `null` means "IS NULL").
///
/// On the wire an absent key is [`Patch::Absent`] (leave unchanged), `null` is
/// [`Patch::Null`] (clear) and anything else is [`Patch::Value`].
///
/// ```
/// use roq_users::Patch;
/// let unchanged: Patch<String> = Patch::Absent;
/// let cleared: Patch<String> = Patch::Null;
/// let set = Patch::from("Ada".to_string());
/// assert!(unchanged.is_absent());
/// assert_eq!(cleared.as_option(), Some(None));
/// assert_eq!(set.as_option(), Some(Some(&"Ada".to_string())));
/// ```
///
/// With serde, put `#[serde(default, skip_serializing_if = "Patch::is_absent")]` on the field
/// so that a missing key deserializes to `Absent` and `Absent` is not written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Patch<T> {
    /// The key was not given: keep the current value.
    #[default]
    Absent,
    /// The key was given as `null`: clear the value.
    Null,
    /// The key was given with a value.
    Value(T),
}

impl<T> Patch<T> {
    /// True when the key was not given.
    pub fn is_absent(&self) -> bool {
        matches!(self, Patch::Absent)
    }

    /// `None` when absent, `Some(None)` for null, `Some(Some(v))` for a value.
    pub fn as_option(&self) -> Option<Option<&T>> {
        match self {
            Patch::Absent => None,
            Patch::Null => Some(None),
            Patch::Value(v) => Some(Some(v)),
        }
    }

    /// Maps the value, keeping absent and null as they are.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Patch<U> {
        match self {
            Patch::Absent => Patch::Absent,
            Patch::Null => Patch::Null,
            Patch::Value(v) => Patch::Value(f(v)),
        }
    }

    /// Converts `Option<Option<T>>` (outer = given, inner = non-null) into a patch.
    pub fn from_nested(value: Option<Option<T>>) -> Self {
        match value {
            None => Patch::Absent,
            Some(None) => Patch::Null,
            Some(Some(v)) => Patch::Value(v),
        }
    }
}

impl<T> From<T> for Patch<T> {
    fn from(value: T) -> Self {
        Patch::Value(value)
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Value(v) => v.serialize(serializer),
            Patch::Absent | Patch::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            None => Patch::Null,
            Some(v) => Patch::Value(v),
        })
    }
}

#[cfg(feature = "graphql")]
mod graphql {
    use super::Patch;
    use async_graphql::{InputType, InputValueError, InputValueResult, Value, registry};
    use std::borrow::Cow;

    impl<T: InputType> InputType for Patch<T> {
        type RawValueType = T::RawValueType;

        fn type_name() -> Cow<'static, str> {
            T::type_name()
        }

        fn qualified_type_name() -> String {
            T::type_name().to_string()
        }

        fn create_type_info(registry: &mut registry::Registry) -> String {
            T::create_type_info(registry);
            T::type_name().to_string()
        }

        fn parse(value: Option<Value>) -> InputValueResult<Self> {
            match value {
                None => Ok(Patch::Absent),
                Some(Value::Null) => Ok(Patch::Null),
                Some(value) => Ok(Patch::Value(
                    T::parse(Some(value)).map_err(InputValueError::propagate)?,
                )),
            }
        }

        fn to_value(&self) -> Value {
            match self {
                Patch::Value(v) => v.to_value(),
                Patch::Absent | Patch::Null => Value::Null,
            }
        }

        fn as_raw_value(&self) -> Option<&Self::RawValueType> {
            match self {
                Patch::Value(v) => v.as_raw_value(),
                Patch::Absent | Patch::Null => None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    struct Probe {
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        name: Patch<String>,
    }

    #[test]
    fn absent_null_and_value_round_trip() {
        for (json, patch) in [
            ("{}", Patch::Absent),
            (r#"{"name":null}"#, Patch::Null),
            (r#"{"name":"x"}"#, Patch::Value("x".to_string())),
        ] {
            let parsed: Probe = serde_json::from_str(json).expect("valid json");
            assert_eq!(parsed.name, patch);
            assert_eq!(serde_json::to_string(&parsed).expect("serializes"), json);
        }
    }
}
