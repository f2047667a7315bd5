//! [`SharedStr`], an immutable string that many records share, and [`Attributes`], an
//! employee's free-form attributes.
//!
//! A million employees name a dozen departments and a handful of attribute keys and
//! values. Storing each as its own `String` costs an allocation per employee and field;
//! a [`SharedStr`] is an [`Arc<str>`], so cloning one copies a pointer and every employee
//! of a department points at the same bytes.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// An immutable, cheaply cloned string (an [`Arc<str>`]).
///
/// Compares, orders and hashes like the `str` it holds, and prints (with `{:?}` too)
/// exactly as that `str` does.
///
/// ```
/// use remit_core::SharedStr;
///
/// let female = SharedStr::from("female");
/// let again = female.clone(); // no copy of the bytes
/// assert_eq!(again, "female");
/// assert_eq!(again.as_str(), "female");
/// assert_eq!(format!("{again:?}"), "\"female\"");
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SharedStr(Arc<str>);

impl SharedStr {
    /// The shared text, borrowed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for SharedStr {
    /// The empty string.
    fn default() -> Self {
        Self::from("")
    }
}

impl Deref for SharedStr {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> Self {
        Self(Arc::from(s))
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> Self {
        Self(Arc::from(s))
    }
}

impl From<&String> for SharedStr {
    fn from(s: &String) -> Self {
        Self::from(s.as_str())
    }
}

impl From<Box<str>> for SharedStr {
    fn from(s: Box<str>) -> Self {
        Self(Arc::from(s))
    }
}

impl From<Cow<'_, str>> for SharedStr {
    fn from(s: Cow<'_, str>) -> Self {
        Self(Arc::from(s))
    }
}

impl From<Arc<str>> for SharedStr {
    fn from(s: Arc<str>) -> Self {
        Self(s)
    }
}

impl From<&SharedStr> for SharedStr {
    fn from(s: &SharedStr) -> Self {
        s.clone()
    }
}

impl From<SharedStr> for Arc<str> {
    fn from(s: SharedStr) -> Self {
        s.0
    }
}

impl From<SharedStr> for String {
    fn from(s: SharedStr) -> Self {
        String::from(&*s.0)
    }
}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<SharedStr> for str {
    fn eq(&self, other: &SharedStr) -> bool {
        self == &*other.0
    }
}

impl PartialEq<SharedStr> for &str {
    fn eq(&self, other: &SharedStr) -> bool {
        *self == &*other.0
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for SharedStr {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for SharedStr {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::from)
    }
}

/// An employee's free-form attributes (for intersectional cuts, e.g. `"gender"`):
/// key–value pairs, sorted by key, each key once.
///
/// Read it like a map: [`get`](Self::get), [`iter`](Self::iter) (in key order),
/// [`len`](Self::len). Employees usually carry one or two attributes, so up to one is
/// stored inline, without an allocation of its own, and keys and values are
/// [`SharedStr`]s that many employees share. Prints with `{:?}` as a map does.
///
/// ```
/// use chrono::NaiveDate;
/// use remit_core::{CountryCode, Department, Employee, EmployeeId, JobLevel, WorkMode};
///
/// let e = Employee::builder(EmployeeId::from_external("E-1"))
///     .work_mode(WorkMode::Remote)
///     .country(CountryCode::new("PT")?)
///     .time_zone(chrono_tz::Europe::Lisbon)
///     .level(JobLevel::new(3))
///     .department(Department::new("Engineering")?)
///     .hired_on(NaiveDate::from_ymd_opt(2021, 3, 15).unwrap())
///     .attribute("gender", "female")
///     .attribute("caregiver", "yes")
///     .build()?;
/// let attributes = e.attributes();
/// assert_eq!(attributes.len(), 2);
/// assert_eq!(attributes.get("gender").map(|v| v.as_str()), Some("female"));
/// let keys: Vec<&str> = attributes.keys().map(|k| k.as_str()).collect();
/// assert_eq!(keys, ["caregiver", "gender"]);
/// assert_eq!(format!("{attributes:?}"), r#"{"caregiver": "yes", "gender": "female"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Default)]
pub struct Attributes(Repr);

/// Invariant: `Many` holds at least two pairs; pairs are sorted by key, keys unique.
#[derive(Clone, Default)]
enum Repr {
    #[default]
    Empty,
    One([(SharedStr, SharedStr); 1]),
    Many(Vec<(SharedStr, SharedStr)>),
}

impl Attributes {
    /// An empty set of attributes (no allocation).
    pub const fn new() -> Self {
        Self(Repr::Empty)
    }

    fn as_slice(&self) -> &[(SharedStr, SharedStr)] {
        match &self.0 {
            Repr::Empty => &[],
            Repr::One(pair) => pair,
            Repr::Many(pairs) => pairs,
        }
    }

    /// The number of attributes.
    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&SharedStr> {
        let pairs = self.as_slice();
        pairs
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .and_then(|i| pairs.get(i))
            .map(|(_, v)| v)
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The key–value pairs, in key order.
    pub fn iter(&self) -> AttributesIter<'_> {
        AttributesIter(self.as_slice().iter())
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &SharedStr> + ExactSizeIterator {
        self.as_slice().iter().map(|(k, _)| k)
    }

    /// The values, in key order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &SharedStr> + ExactSizeIterator {
        self.as_slice().iter().map(|(_, v)| v)
    }

    /// Sets `key` to `value`, replacing an earlier value.
    pub(crate) fn insert(&mut self, key: SharedStr, value: SharedStr) {
        match std::mem::take(&mut self.0) {
            Repr::Empty => self.0 = Repr::One([(key, value)]),
            Repr::One([(k, v)]) => {
                self.0 = match k.as_str().cmp(key.as_str()) {
                    std::cmp::Ordering::Equal => Repr::One([(k, value)]),
                    std::cmp::Ordering::Less => Repr::Many(vec![(k, v), (key, value)]),
                    std::cmp::Ordering::Greater => Repr::Many(vec![(key, value), (k, v)]),
                }
            }
            Repr::Many(mut pairs) => {
                match pairs.binary_search_by(|(k, _)| k.as_str().cmp(key.as_str())) {
                    Ok(i) => {
                        if let Some(pair) = pairs.get_mut(i) {
                            pair.1 = value;
                        }
                    }
                    Err(i) => pairs.insert(i, (key, value)),
                }
                self.0 = Repr::Many(pairs);
            }
        }
    }
}

impl PartialEq for Attributes {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Attributes {}

impl std::hash::Hash for Attributes {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_slice().hash(state);
    }
}

impl fmt::Debug for Attributes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for &'a Attributes {
    type Item = (&'a SharedStr, &'a SharedStr);
    type IntoIter = AttributesIter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// The key–value pairs of [`Attributes`], in key order.
#[derive(Debug, Clone)]
pub struct AttributesIter<'a>(std::slice::Iter<'a, (SharedStr, SharedStr)>);

impl<'a> Iterator for AttributesIter<'a> {
    type Item = (&'a SharedStr, &'a SharedStr);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k, v))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for AttributesIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|(k, v)| (k, v))
    }
}

impl ExactSizeIterator for AttributesIter<'_> {}

impl std::iter::FusedIterator for AttributesIter<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> SharedStr {
        SharedStr::from(text)
    }

    #[test]
    fn attributes_stay_sorted_and_keep_the_last_value() {
        let mut a = Attributes::new();
        assert!(a.is_empty());
        a.insert(s("m"), s("1"));
        a.insert(s("m"), s("2"));
        assert_eq!(a.len(), 1);
        assert_eq!(a.get("m"), Some(&s("2")));
        a.insert(s("z"), s("3"));
        a.insert(s("a"), s("4"));
        a.insert(s("q"), s("5"));
        a.insert(s("a"), s("6"));
        let pairs: Vec<(&str, &str)> = a.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(pairs, [("a", "6"), ("m", "2"), ("q", "5"), ("z", "3")]);
        assert_eq!(a.get("b"), None);
        assert!(a.contains_key("q"));
        assert_eq!(a.iter().next_back().map(|(k, _)| k.as_str()), Some("z"));
        let mut b = Attributes::new();
        for (k, v) in [("z", "3"), ("q", "5"), ("a", "6"), ("m", "2")] {
            b.insert(s(k), s(v));
        }
        assert_eq!(a, b);
        b.insert(s("m"), s("0"));
        assert_ne!(a, b);
    }

    #[test]
    fn shared_strings_compare_as_their_text() {
        let x = s("abc");
        assert_eq!(x, "abc");
        assert_eq!("abc", x);
        assert_eq!(x, String::from("abc"));
        assert!(s("abc") < s("abd"));
        assert_eq!(String::from(x.clone()), "abc");
        assert_eq!(format!("{x} {x:?}"), "abc \"abc\"");
        assert_eq!(SharedStr::default(), "");
    }
}
