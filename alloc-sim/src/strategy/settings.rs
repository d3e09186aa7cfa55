//! What a learner can change about a strategy, as each strategy declares
//! it.
//!
//! A strategy lists its settings as [`SettingSpec`]s: a key, a label, one
//! line of help, and the kind of value with its default and what is
//! allowed. Everything a learner touches is generated from those lists:
//! the command line's flags (the key is the flag), the web UI's settings
//! row, the share link's `key=value` pairs. A [`Settings`] holds values by
//! key; a strategy reads the keys it declares and takes the default for
//! any that is not set, so one `Settings` can serve several strategies
//! side by side (a page size shared by `size-class` and `jemalloc`).
//!
//! Values are checked against the spec where they enter ([`Settings::set`],
//! [`Settings::parse`]), with a [`SettingsError`] that names the setting
//! and says what is allowed.

use std::fmt;

use crate::units::{parse_size, Bytes};

/// The kind of value a setting takes, with its default and what is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingKind {
    /// A size in bytes: a power of two from `min` to `max`.
    Bytes {
        /// The default.
        default: u64,
        /// The smallest allowed.
        min: u64,
        /// The largest allowed.
        max: u64,
        /// The sizes a menu offers.
        offered: &'static [u64],
    },
    /// A whole number from `min` to `max`.
    Count {
        /// The default.
        default: u64,
        /// The smallest allowed.
        min: u64,
        /// The largest allowed.
        max: u64,
    },
    /// On or off.
    Flag {
        /// The default.
        default: bool,
    },
    /// One of a few named options.
    Choice {
        /// The default: one of `options`.
        default: &'static str,
        /// The options' names.
        options: &'static [&'static str],
    },
}

/// One setting a strategy declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingSpec {
    /// Its name: the command line's `--key` and the share link's `key=`.
    pub key: &'static str,
    /// A short label for the settings row.
    pub label: &'static str,
    /// One line of help, in plain words.
    pub help: &'static str,
    /// What values it takes.
    pub kind: SettingKind,
}

/// A setting's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SettingValue {
    /// Bytes.
    Bytes(u64),
    /// A count.
    Count(u64),
    /// On or off.
    Flag(bool),
    /// One of the spec's options.
    Choice(&'static str),
}

impl SettingSpec {
    /// The default value.
    pub const fn default_value(&self) -> SettingValue {
        match self.kind {
            SettingKind::Bytes { default, .. } => SettingValue::Bytes(default),
            SettingKind::Count { default, .. } => SettingValue::Count(default),
            SettingKind::Flag { default } => SettingValue::Flag(default),
            SettingKind::Choice { default, .. } => SettingValue::Choice(default),
        }
    }

    /// Whether `value` is allowed; if not, why.
    pub fn check(&self, value: SettingValue) -> Result<SettingValue, SettingsError> {
        let invalid = |expected: String| SettingsError::Invalid {
            key: self.key,
            value: self.format(value),
            expected,
        };
        match (self.kind, value) {
            (SettingKind::Bytes { min, max, .. }, SettingValue::Bytes(v)) => {
                if v.is_power_of_two() && (min..=max).contains(&v) {
                    Ok(value)
                } else {
                    Err(invalid(format!(
                        "a power of two from {} to {}",
                        Bytes(min),
                        Bytes(max)
                    )))
                }
            }
            (SettingKind::Count { min, max, .. }, SettingValue::Count(v)) => {
                if (min..=max).contains(&v) {
                    Ok(value)
                } else {
                    Err(invalid(format!("from {min} to {max}")))
                }
            }
            (SettingKind::Flag { .. }, SettingValue::Flag(_)) => Ok(value),
            (SettingKind::Choice { options, .. }, SettingValue::Choice(name)) => options
                .iter()
                .find(|o| **o == name)
                .map(|o| SettingValue::Choice(o))
                .ok_or_else(|| invalid(format!("one of {}", options.join(", ")))),
            _ => Err(invalid(self.expected())),
        }
    }

    /// What the setting takes, in words.
    pub fn expected(&self) -> String {
        match self.kind {
            SettingKind::Bytes { min, max, .. } => {
                format!("a power of two from {} to {}", Bytes(min), Bytes(max))
            }
            SettingKind::Count { min, max, .. } => format!("a number from {min} to {max}"),
            SettingKind::Flag { .. } => "on or off".to_string(),
            SettingKind::Choice { options, .. } => format!("one of {}", options.join(", ")),
        }
    }

    /// Reads a value written as the command line and share links write it:
    /// `4KiB` or `4096`, `4`, `on`/`off`, an option's name.
    pub fn parse(&self, text: &str) -> Result<SettingValue, SettingsError> {
        let invalid = || SettingsError::Invalid {
            key: self.key,
            value: text.to_string(),
            expected: self.expected(),
        };
        let value = match self.kind {
            SettingKind::Bytes { .. } => {
                SettingValue::Bytes(parse_size(text).map_err(|_| invalid())?)
            }
            SettingKind::Count { .. } => {
                SettingValue::Count(text.parse::<u64>().map_err(|_| invalid())?)
            }
            SettingKind::Flag { .. } => match text {
                "on" | "true" | "1" | "yes" => SettingValue::Flag(true),
                "off" | "false" | "0" | "no" => SettingValue::Flag(false),
                _ => return Err(invalid()),
            },
            SettingKind::Choice { options, .. } => {
                let name = options.iter().find(|o| **o == text).ok_or_else(invalid)?;
                SettingValue::Choice(name)
            }
        };
        self.check(value)
    }

    /// Writes a value as [`SettingSpec::parse`] reads it back.
    pub fn format(&self, value: SettingValue) -> String {
        match value {
            SettingValue::Bytes(v) | SettingValue::Count(v) => v.to_string(),
            SettingValue::Flag(on) => if on { "on" } else { "off" }.to_string(),
            SettingValue::Choice(name) => name.to_string(),
        }
    }
}

/// `--page-size`: bytes per page, for the strategies that work in pages
/// (size classes and jemalloc share it).
pub const PAGE_SIZE: SettingSpec = SettingSpec {
    key: "page-size",
    label: "page",
    help: "bytes per page: the unit in which memory is carved into runs of one size class",
    kind: SettingKind::Bytes {
        default: 4096,
        min: 256,
        max: 65536,
        offered: &[256, 512, 1024, 4096],
    },
};

/// Values of settings, by key. A key not set takes its spec's default, and
/// a default is never stored, so two `Settings` that mean the same are
/// equal.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Settings {
    /// Sorted by key, each key once (a handful at most: a `Vec` costs the
    /// page far less code than a map).
    values: Vec<(&'static str, SettingValue)>,
}

impl Settings {
    /// No setting changed: every strategy as it comes.
    pub fn new() -> Settings {
        Settings::default()
    }

    /// The value of `spec`: set, or its default.
    pub fn get(&self, spec: &SettingSpec) -> SettingValue {
        match self.find(spec.key) {
            Ok(i) => self.values[i].1,
            Err(_) => spec.default_value(),
        }
    }

    /// Where `key` is, or would go.
    fn find(&self, key: &str) -> Result<usize, usize> {
        self.values.binary_search_by(|(k, _)| (*k).cmp(key))
    }

    /// Whether `key` is set to something other than its default.
    pub fn is_set(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets `spec` to `value`, if allowed.
    pub fn set(&mut self, spec: &SettingSpec, value: SettingValue) -> Result<(), SettingsError> {
        let value = spec.check(value)?;
        self.store(spec, value);
        Ok(())
    }

    fn store(&mut self, spec: &SettingSpec, value: SettingValue) {
        match (self.find(spec.key), value == spec.default_value()) {
            (Ok(i), true) => {
                self.values.remove(i);
            }
            (Ok(i), false) => self.values[i].1 = value,
            (Err(_), true) => {}
            (Err(i), false) => self.values.insert(i, (spec.key, value)),
        }
    }

    /// `set`, for building settings in one expression.
    pub fn with(
        mut self,
        spec: &SettingSpec,
        value: SettingValue,
    ) -> Result<Settings, SettingsError> {
        self.set(spec, value)?;
        Ok(self)
    }

    /// Sets `spec` from its text (see [`SettingSpec::parse`]).
    pub fn parse(&mut self, spec: &SettingSpec, text: &str) -> Result<(), SettingsError> {
        let value = spec.parse(text)?;
        self.store(spec, value);
        Ok(())
    }

    /// Forgets `key`'s value: it takes its default again.
    pub fn unset(&mut self, key: &str) {
        if let Ok(i) = self.find(key) {
            self.values.remove(i);
        }
    }

    /// The keys set, with their values, by key.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, SettingValue)> + '_ {
        self.values.iter().copied()
    }

    // A value is checked against its spec where it is set, so it has the
    // spec's kind; asked of a spec of another kind, these give 0, false, "".

    /// A size setting's value in bytes.
    pub fn bytes(&self, spec: &SettingSpec) -> u64 {
        match self.get(spec) {
            SettingValue::Bytes(v) | SettingValue::Count(v) => v,
            _ => 0,
        }
    }

    /// A count setting's value.
    pub fn count(&self, spec: &SettingSpec) -> u64 {
        self.bytes(spec)
    }

    /// A flag's value.
    pub fn flag(&self, spec: &SettingSpec) -> bool {
        matches!(self.get(spec), SettingValue::Flag(true))
    }

    /// A choice's value: the option's name.
    pub fn choice(&self, spec: &SettingSpec) -> &'static str {
        match self.get(spec) {
            SettingValue::Choice(name) => name,
            _ => "",
        }
    }
}

/// Why settings were refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsError {
    /// No strategy has a setting of that name.
    Unknown {
        /// The name given.
        key: String,
    },
    /// The value is not one the setting takes.
    Invalid {
        /// The setting.
        key: &'static str,
        /// The value given.
        value: String,
        /// What it takes.
        expected: String,
    },
    /// The values are each allowed, but not together.
    Conflict {
        /// The strategy.
        strategy: &'static str,
        /// Why.
        reason: String,
    },
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SettingsError::Unknown { key } => write!(f, "no strategy has a setting `{key}`"),
            SettingsError::Invalid {
                key,
                value,
                expected,
            } => write!(f, "{key} must be {expected}, not {value}"),
            SettingsError::Conflict { strategy, reason } => write!(f, "{strategy}: {reason}"),
        }
    }
}

impl std::error::Error for SettingsError {}

/// Settings through serde: each key with its value as text, read back
/// through the key's spec (keys and choices are the specs' own strings).
#[cfg(feature = "serde")]
impl serde::Serialize for Settings {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let all = crate::StrategyKind::all_settings();
        s.collect_seq(self.values.iter().map(|(key, value)| {
            let text = all
                .iter()
                .find(|spec| spec.key == *key)
                .map_or_else(String::new, |spec| spec.format(*value));
            (*key, text)
        }))
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Settings {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Settings, D::Error> {
        use serde::de::Error;
        let pairs: Vec<(String, String)> = serde::Deserialize::deserialize(d)?;
        let all = crate::StrategyKind::all_settings();
        let mut settings = Settings::new();
        for (key, text) in pairs {
            let spec = all
                .iter()
                .find(|spec| spec.key == key)
                .ok_or_else(|| D::Error::custom(format!("no setting is called `{key}`")))?;
            settings.parse(spec, &text).map_err(D::Error::custom)?;
        }
        Ok(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: SettingSpec = SettingSpec {
        key: "page-size",
        label: "page",
        help: "bytes per page",
        kind: SettingKind::Bytes {
            default: 4096,
            min: 256,
            max: 65536,
            offered: &[256, 4096],
        },
    };
    const FIT: SettingSpec = SettingSpec {
        key: "placement",
        label: "placement",
        help: "where to look",
        kind: SettingKind::Choice {
            default: "first",
            options: &["first", "next", "best"],
        },
    };

    #[test]
    fn unset_keys_take_their_default_and_set_ones_read_back() {
        let mut s = Settings::new();
        assert_eq!(s.bytes(&PAGE), 4096);
        assert_eq!(s.choice(&FIT), "first");
        s.parse(&PAGE, "1KiB").unwrap();
        s.parse(&FIT, "best").unwrap();
        assert_eq!(s.bytes(&PAGE), 1024);
        assert_eq!(s.choice(&FIT), "best");
        for (key, value) in s.iter() {
            let spec = if key == PAGE.key { PAGE } else { FIT };
            assert_eq!(spec.parse(&spec.format(value)).unwrap(), value);
        }
    }

    #[test]
    fn a_refused_value_names_the_setting_and_what_it_takes() {
        let mut s = Settings::new();
        let e = s.parse(&PAGE, "1000").unwrap_err();
        assert_eq!(
            e.to_string(),
            "page-size must be a power of two from 256 B to 64 KiB, not 1000"
        );
        let e = s.parse(&FIT, "worst").unwrap_err();
        assert!(e.to_string().contains("one of first, next, best"), "{e}");
        assert!(!s.is_set(PAGE.key), "a refused value changes nothing");
    }
}
