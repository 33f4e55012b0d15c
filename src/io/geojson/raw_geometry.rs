//! A geometry as serde_json reads it, typed and borrowed: its type, its coordinates at any depth
//! (a position of numbers kept without allocating) and a collection's geometries. Values of the
//! wrong JSON type are kept as such for the conversion to name.

use super::raw::{Skip, Slot, TextOf, Val};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// An array of `T`: [`Slot::Is`] for an array, [`Slot::Null`] for null, else [`Slot::Wrong`].
struct ListOf<T>(Slot<Vec<T>>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ListOf<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = ListOf<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an array or null")
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(ListOf(Slot::Null))
            }
            fn visit_none<E>(self) -> Result<Self::Value, E> {
                Ok(ListOf(Slot::Null))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(ListOf(Slot::Wrong))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(ListOf(Slot::Wrong))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(ListOf(Slot::Wrong))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(ListOf(Slot::Wrong))
            }
            fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
                Ok(ListOf(Slot::Wrong))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<Skip, Skip>()?.is_some() {}
                Ok(ListOf(Slot::Wrong))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<T>()? {
                    items.push(item);
                }
                Ok(ListOf(Slot::Is(items)))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// The coordinates of a geometry, at any depth of arrays.
#[derive(Clone, Debug, PartialEq)]
pub enum Coords {
    /// A number.
    Num(f64),
    /// An array of numbers only: its first two (or fewer) and how many there were.
    Pos([f64; 2], usize),
    /// An array holding arrays or other values.
    List(Vec<Coords>),
    /// Anything else (a string, an object, null).
    Other,
}

impl<'de> Deserialize<'de> for Coords {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Coords;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("coordinates")
            }
            fn visit_i64<E>(self, n: i64) -> Result<Coords, E> {
                Ok(Coords::Num(n as f64))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Coords, E> {
                Ok(Coords::Num(n as f64))
            }
            fn visit_f64<E>(self, f: f64) -> Result<Coords, E> {
                Ok(Coords::Num(f))
            }
            fn visit_unit<E>(self) -> Result<Coords, E> {
                Ok(Coords::Other)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Coords, E> {
                Ok(Coords::Other)
            }
            fn visit_str<E>(self, _: &str) -> Result<Coords, E> {
                Ok(Coords::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Coords, A::Error> {
                while map.next_entry::<Skip, Skip>()?.is_some() {}
                Ok(Coords::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Coords, A::Error> {
                // a position (numbers only) is kept without allocating
                let mut first = [0.0; 2];
                let mut count = 0;
                let mut list: Option<Vec<Coords>> = None;
                while let Some(c) = seq.next_element::<Coords>()? {
                    match (&mut list, c) {
                        (None, Coords::Num(v)) => {
                            if let Some(slot) = first.get_mut(count) {
                                *slot = v;
                            }
                            count += 1;
                        }
                        (None, c) => {
                            // numbers beyond the first two only hold their places
                            let mut items: Vec<Coords> = (0..count)
                                .map(|i| Coords::Num(first.get(i).copied().unwrap_or(0.0)))
                                .collect();
                            items.push(c);
                            list = Some(items);
                        }
                        (Some(items), c) => items.push(c),
                    }
                }
                Ok(match list {
                    Some(items) => Coords::List(items),
                    None => Coords::Pos(first, count),
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// A geometry object's members.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Geometry<'a> {
    /// `type`.
    pub kind: Option<Val<'a>>,
    /// `coordinates`.
    pub coordinates: Option<Coords>,
    /// `geometries` (of a GeometryCollection).
    pub geometries: Slot<Vec<GeometrySlot<'a>>>,
}

/// A geometry member: absent, null, an object, or something else.
pub type GeometrySlot<'a> = Slot<Geometry<'a>>;

impl<'de> Deserialize<'de> for Geometry<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Geometry<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a geometry object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Geometry<'de>, A::Error> {
                let mut g = Geometry::default();
                while let Some(TextOf(name)) = map.next_key::<TextOf<'de>>()? {
                    match name.as_ref() {
                        "type" => g.kind = Some(map.next_value::<Val<'de>>()?),
                        "coordinates" => g.coordinates = Some(map.next_value::<Coords>()?),
                        "geometries" => {
                            g.geometries = map.next_value::<ListOf<GeometrySlot<'de>>>()?.0
                        }
                        _ => {
                            map.next_value::<Skip>()?;
                        }
                    }
                }
                Ok(g)
            }
        }
        d.deserialize_map(V)
    }
}
