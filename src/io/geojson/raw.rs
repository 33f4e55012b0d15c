//! One GeoJSON feature as serde_json reads it, typed and borrowed from the file's bytes: the
//! members and properties the loader looks at, and nothing built for the rest.
//!
//! Reading never fails because a value has an unexpected JSON type: such values are kept as they
//! are (or as [`Val::Other`], [`Coords::Other`]) so that the conversion can say what is wrong and
//! where. Only a syntax error (or nesting beyond serde_json's recursion limit) stops a read.

use super::keys::Key;
pub use super::raw_geometry::{Coords, Geometry, GeometrySlot};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// Text from the file: borrowed unless it had escapes.
pub type Text<'a> = Cow<'a, str>;

/// A JSON number as written: integers stay exact.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Num {
    /// A negative integer.
    Int(i64),
    /// A non-negative integer.
    Uint(u64),
    /// Any other number.
    Float(f64),
}

impl Num {
    /// The number as a float.
    pub fn as_f64(self) -> f64 {
        match self {
            Num::Int(n) => n as f64,
            Num::Uint(n) => n as f64,
            Num::Float(f) => f,
        }
    }

    /// The number as serde_json prints it (`12`, `1.5`, `1e300`).
    pub fn text(self) -> String {
        match self {
            Num::Int(n) => n.to_string(),
            Num::Uint(n) => n.to_string(),
            Num::Float(f) => {
                serde_json::Number::from_f64(f).map_or_else(|| f.to_string(), |n| n.to_string())
            }
        }
    }
}

/// A JSON value the loader reads.
#[derive(Clone, Debug, PartialEq)]
pub enum Val<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Num(Num),
    /// A string.
    Str(Text<'a>),
    /// An array.
    List(Vec<Val<'a>>),
    /// An object, members in file order.
    Obj(Vec<(Text<'a>, Val<'a>)>),
    /// An array or object that was skipped (only for properties the loader does not read).
    Other,
}

impl<'a> Val<'a> {
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Val::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A member of an object.
    pub fn get(&self, key: &str) -> Option<&Val<'a>> {
        match self {
            Val::Obj(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value as JSON text, for messages.
    pub fn json(&self) -> String {
        match self {
            Val::Null => "null".to_owned(),
            Val::Bool(b) => b.to_string(),
            Val::Num(n) => n.text(),
            Val::Str(s) => serde_json::Value::from(s.as_ref()).to_string(),
            Val::List(_) | Val::Other => "an array or object".to_owned(),
            Val::Obj(_) => "an object".to_owned(),
        }
    }
}

/// Any value, skipped; nesting counts against serde_json's recursion limit (as a whole parse
/// would), so a file nested too deeply is refused rather than read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Skip;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_str<E>(self, _: &str) -> Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_unit<E>(self) -> Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
                while seq.next_element::<Skip>()?.is_some() {}
                Ok(Skip)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
                while map.next_entry::<Skip, Skip>()?.is_some() {}
                Ok(Skip)
            }
        }
        d.deserialize_any(V)
    }
}

/// A string read without copying when the file holds it without escapes.
pub(super) struct TextOf<'a>(pub(super) Text<'a>);

impl<'de> Deserialize<'de> for TextOf<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TextOf<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(TextOf(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
                Ok(TextOf(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
                Ok(TextOf(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

/// How much of a value [`ValVisitor`] keeps.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Everything.
    All,
    /// Scalars, and arrays of scalars.
    Shallow,
    /// Scalars only.
    Flat,
}

/// Visits any JSON value, keeping what `keep` says; the rest is skipped as [`Val::Other`].
struct ValVisitor {
    keep: Keep,
}

impl<'de> Visitor<'de> for ValVisitor {
    type Value = Val<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<Val<'de>, E> {
        Ok(Val::Null)
    }
    fn visit_none<E>(self) -> Result<Val<'de>, E> {
        Ok(Val::Null)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Val<'de>, E> {
        Ok(Val::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Val<'de>, E> {
        Ok(Val::Num(if n < 0 {
            Num::Int(n)
        } else {
            Num::Uint(n as u64)
        }))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Val<'de>, E> {
        Ok(Val::Num(Num::Uint(n)))
    }
    fn visit_f64<E>(self, f: f64) -> Result<Val<'de>, E> {
        Ok(Val::Num(Num::Float(f)))
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Val<'de>, E> {
        Ok(Val::Str(Cow::Borrowed(s)))
    }
    fn visit_str<E>(self, s: &str) -> Result<Val<'de>, E> {
        Ok(Val::Str(Cow::Owned(s.to_owned())))
    }
    fn visit_string<E>(self, s: String) -> Result<Val<'de>, E> {
        Ok(Val::Str(Cow::Owned(s)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Val<'de>, A::Error> {
        let mut items = Vec::new();
        match self.keep {
            Keep::All => {
                while let Some(v) = seq.next_element::<Val<'de>>()? {
                    items.push(v);
                }
            }
            // an array of scalars is kept (a chosen time field may hold one); deeper values not
            Keep::Shallow => {
                while let Some(Flat(v)) = seq.next_element::<Flat<'de>>()? {
                    items.push(v);
                }
            }
            Keep::Flat => {
                while seq.next_element::<Skip>()?.is_some() {}
                return Ok(Val::Other);
            }
        }
        Ok(Val::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Val<'de>, A::Error> {
        if self.keep != Keep::All {
            while map.next_entry::<Skip, Skip>()?.is_some() {}
            return Ok(Val::Other);
        }
        let mut members = Vec::new();
        while let Some(TextOf(k)) = map.next_key::<TextOf<'de>>()? {
            members.push((k, map.next_value::<Val<'de>>()?));
        }
        Ok(Val::Obj(members))
    }
}

impl<'de> Deserialize<'de> for Val<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValVisitor { keep: Keep::All })
    }
}

/// A scalar value, or an array of them; objects (and arrays within arrays) are skipped as
/// [`Val::Other`].
struct Scalar<'a>(Val<'a>);

impl<'de> Deserialize<'de> for Scalar<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValVisitor {
            keep: Keep::Shallow,
        })
        .map(Scalar)
    }
}

/// A scalar value; arrays and objects are skipped as [`Val::Other`].
struct Flat<'a>(Val<'a>);

impl<'de> Deserialize<'de> for Flat<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValVisitor { keep: Keep::Flat }).map(Flat)
    }
}

/// Room for the known properties of a typical feature, reserved at once.
const KNOWN_CAPACITY: usize = 32;

/// The properties of a feature: the values of the keys the loader knows, and the scalar values
/// of the others (for `--time-field` and the report of fields that look like dates).
#[derive(Clone, Debug, PartialEq)]
pub struct Props<'a> {
    known: Vec<(Key, Val<'a>)>,
    /// For each key, 1 + its last position in `known` (0: absent; 255: look it up).
    slot: [u8; Key::COUNT],
    /// Other keys with their scalar values, in file order.
    pub others: Vec<(Text<'a>, Val<'a>)>,
}

impl Default for Props<'_> {
    fn default() -> Self {
        Props {
            known: Vec::new(),
            slot: [0; Key::COUNT],
            others: Vec::new(),
        }
    }
}

impl<'a> Props<'a> {
    /// The value of a known key; null counts as absent, and a repeated key's last value wins.
    pub fn get(&self, key: Key) -> Option<&Val<'a>> {
        let value = match self.slot[key as usize] {
            0 => None,
            u8::MAX => self
                .known
                .iter()
                .rev()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v),
            at => self.known.get(usize::from(at) - 1).map(|(_, v)| v),
        };
        value.filter(|v| !matches!(v, Val::Null))
    }

    /// Adds a known key's value (a later value of the same key wins).
    fn push(&mut self, key: Key, value: Val<'a>) {
        self.slot[key as usize] = u8::try_from(self.known.len() + 1).unwrap_or(u8::MAX);
        self.known.push((key, value));
    }

    /// The value of any key by name (known or not); null counts as absent.
    pub fn by_name(&self, name: &str) -> Option<&Val<'a>> {
        match Key::of(name) {
            Some(key) => self.get(key),
            None => self
                .others
                .iter()
                .rev()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v)
                .filter(|v| !matches!(v, Val::Null)),
        }
    }
}

impl<'de> Deserialize<'de> for Props<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Props<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Props<'de>, A::Error> {
                let mut props = Props {
                    known: Vec::with_capacity(map.size_hint().unwrap_or(0).max(KNOWN_CAPACITY)),
                    ..Props::default()
                };
                while let Some(TextOf(name)) = map.next_key::<TextOf<'de>>()? {
                    match Key::of(&name) {
                        Some(key) => {
                            let value = map.next_value::<Val<'de>>()?;
                            props.push(key, value);
                        }
                        None => {
                            let Scalar(v) = map.next_value::<Scalar<'de>>()?;
                            props.others.push((name, v));
                        }
                    }
                }
                Ok(props)
            }
        }
        d.deserialize_map(V)
    }
}

/// A member that may be absent, null, of the expected shape, or something else.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Slot<T> {
    /// Not in the object.
    #[default]
    Absent,
    /// `null`.
    Null,
    /// The expected shape.
    Is(T),
    /// Another JSON type.
    Wrong,
}

/// A slot reads an object as `T`, null as [`Slot::Null`] and any other value as [`Slot::Wrong`].
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Slot<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Slot<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object or null")
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Slot::Null)
            }
            fn visit_none<E>(self) -> Result<Self::Value, E> {
                Ok(Slot::Null)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Slot::Wrong)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(Slot::Wrong)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(Slot::Wrong)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(Slot::Wrong)
            }
            fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
                Ok(Slot::Wrong)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<Skip>()?.is_some() {}
                Ok(Slot::Wrong)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Slot::Is)
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A feature's members.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Feature<'a> {
    /// `type`.
    pub kind: Option<Val<'a>>,
    /// `id`.
    pub id: Option<Val<'a>>,
    /// `geometry`.
    pub geometry: GeometrySlot<'a>,
    /// `properties`.
    pub properties: Slot<Props<'a>>,
}

/// One element of a `features` array: a feature object (`Some`), or some other JSON value.
#[derive(Clone, Debug, PartialEq)]
pub struct FeatureValue<'a>(pub Option<Feature<'a>>);

impl<'de> Deserialize<'de> for FeatureValue<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Slot::<Feature<'de>>::deserialize(d)? {
            Slot::Is(f) => Ok(FeatureValue(Some(f))),
            _ => Ok(FeatureValue(None)),
        }
    }
}

impl<'de> Deserialize<'de> for Feature<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Feature<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a feature object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Feature<'de>, A::Error> {
                let mut f = Feature::default();
                while let Some(TextOf(name)) = map.next_key::<TextOf<'de>>()? {
                    match name.as_ref() {
                        "type" => f.kind = Some(map.next_value::<Val<'de>>()?),
                        "id" => f.id = Some(map.next_value::<Val<'de>>()?),
                        "geometry" => f.geometry = map.next_value::<GeometrySlot<'de>>()?,
                        "properties" => f.properties = map.next_value::<Slot<Props<'de>>>()?,
                        _ => {
                            map.next_value::<Skip>()?;
                        }
                    }
                }
                Ok(f)
            }
        }
        d.deserialize_map(V)
    }
}
