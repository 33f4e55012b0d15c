//! Walks a KML document with an XML reader and collects each Placemark's parts as written, at any
//! depth of Folders and Documents, with the byte offset of every part for located errors.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event as Xml};
use quick_xml::{Reader, XmlVersion};

/// A value and the byte offset of the element it came from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct At {
    /// The text, entities resolved, not trimmed.
    pub text: String,
    /// Byte offset of the element's start tag.
    pub offset: usize,
}

/// One geometry's coordinate text and what kind of geometry holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum RawGeometry {
    /// `Point/coordinates`.
    Point(At),
    /// `LineString/coordinates`, or a `gx:Track`'s `gx:coord` list joined.
    Line(At),
    /// A `Polygon`: its outer ring, then its inner rings.
    Polygon(At, Vec<At>),
}

/// A Placemark's parts as the file gives them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawPlacemark {
    /// Byte offset of `<Placemark`.
    pub offset: usize,
    /// The `id` attribute.
    pub id: Option<String>,
    /// `name`.
    pub name: Option<At>,
    /// `description`.
    pub description: Option<At>,
    /// `address`.
    pub address: Option<At>,
    /// `TimeStamp/when`.
    pub when: Option<At>,
    /// `TimeSpan/begin`.
    pub begin: Option<At>,
    /// `TimeSpan/end`.
    pub end: Option<At>,
    /// `gx:Track/when`, in order.
    pub track_when: Vec<At>,
    /// `ExtendedData`: `Data[@name]/value` and `SchemaData/SimpleData[@name]`, in order, with the
    /// `displayName` when given.
    pub data: Vec<(String, Option<String>, At)>,
    /// Geometries, in order (a `MultiGeometry` gives several).
    pub geometries: Vec<RawGeometry>,
    /// The names of the Folders and Documents it sits in, outermost first.
    pub folders: Vec<String>,
}

/// What the walk found: the placemarks, and the XML error that stopped it, if any.
#[derive(Debug, Default)]
pub struct Walked {
    /// Complete placemarks, in file order.
    pub placemarks: Vec<RawPlacemark>,
    /// The offset and message of a syntax error; placemarks after it are not read.
    pub error: Option<(usize, String)>,
}

/// The element being read and where its text goes.
struct Frame {
    name: String,
    offset: usize,
    /// `Data`'s or `SimpleData`'s `name` attribute.
    data_name: Option<String>,
    /// `Data`'s `displayName`, once read.
    display: Option<String>,
}

/// Reads every Placemark of a KML text.
pub fn walk(text: &str) -> Walked {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut w = Walker::default();
    loop {
        let before = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                w.out.error = Some((reader.error_position() as usize, e.to_string()));
                break;
            }
        };
        let offset = skip_space(text, before);
        match event {
            Xml::Start(start) => w.start(&start, offset),
            Xml::Empty(start) if local(&start) == "Placemark" => {
                let p = w.placemark(&start, offset);
                w.out.placemarks.push(p);
            }
            Xml::Text(t) => w.buffer.push_str(&t.xml10_content().unwrap_or_default()),
            Xml::CData(t) => w.buffer.push_str(&t.decode().unwrap_or_default()),
            Xml::GeneralRef(r) => match r.resolve_char_ref() {
                Ok(Some(c)) => w.buffer.push(c),
                _ => {
                    let name = r.decode().unwrap_or_default();
                    match resolve_predefined_entity(&name) {
                        Some(s) => w.buffer.push_str(s),
                        None => w.buffer.push_str(&format!("&{name};")),
                    }
                }
            },
            Xml::End(_) => w.end(),
            Xml::Eof => break,
            _ => {}
        }
    }
    w.out
}

/// The state of a walk through the document.
#[derive(Default)]
struct Walker {
    out: Walked,
    stack: Vec<Frame>,
    /// Names of the Folders and Documents around the current element.
    folders: Vec<String>,
    current: Option<RawPlacemark>,
    /// The text of the element being read.
    buffer: String,
    track: Track,
}

impl Walker {
    /// Whether the reader is inside a `description`, whose unescaped HTML tags are its text.
    fn in_description(&self) -> bool {
        self.stack.iter().any(|f| f.name == "description")
    }

    fn placemark(&self, start: &BytesStart<'_>, offset: usize) -> RawPlacemark {
        RawPlacemark {
            offset,
            id: attribute(start, "id"),
            folders: self.folders.clone(),
            ..RawPlacemark::default()
        }
    }

    fn start(&mut self, start: &BytesStart<'_>, offset: usize) {
        let frame = frame_of(start, offset);
        if self.in_description() {
            // HTML written without CDATA: its tags are dropped, its text kept
            self.stack.push(frame);
            return;
        }
        if frame.name == "Placemark" {
            self.current = Some(self.placemark(start, offset));
        }
        if matches!(frame.name.as_str(), "Folder" | "Document") {
            self.folders.push(String::new());
        }
        self.buffer.clear();
        self.stack.push(frame);
    }

    fn end(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        if self.in_description() {
            return;
        }
        let value = At {
            text: std::mem::take(&mut self.buffer),
            offset: frame.offset,
        };
        let parent = self.stack.last().map_or("", |f| f.name.as_str());
        if frame.name == "displayName" && parent == "Data" {
            if let Some(data) = self.stack.last_mut() {
                data.display = Some(value.text.trim().to_owned());
            }
        } else if matches!(frame.name.as_str(), "Folder" | "Document") {
            self.folders.pop();
        } else if frame.name == "name" && matches!(parent, "Folder" | "Document") {
            if let Some(last) = self.folders.last_mut() {
                *last = value.text.trim().to_owned();
            }
        } else if frame.name == "Placemark" {
            if let Some(mut p) = self.current.take() {
                self.track.finish(&mut p);
                self.out.placemarks.push(p);
            }
        } else if let Some(p) = self.current.as_mut() {
            keep(p, &self.stack, &frame, value, &mut self.track);
        }
    }
}

/// The coordinates of a `gx:Track` being read.
#[derive(Default)]
struct Track {
    coords: Vec<String>,
    offset: Option<usize>,
}

impl Track {
    fn finish(&mut self, p: &mut RawPlacemark) {
        if let Some(offset) = self.offset.take() {
            let text = self.coords.drain(..).collect::<Vec<_>>().join(" ");
            p.geometries.push(RawGeometry::Line(At { text, offset }));
        }
    }
}

/// Files one finished element of a placemark where it belongs.
fn keep(p: &mut RawPlacemark, stack: &[Frame], frame: &Frame, value: At, track: &mut Track) {
    let parent = stack.last().map_or("", |f| f.name.as_str());
    let inside = |name: &str| stack.iter().any(|f| f.name == name);
    if inside("LookAt") || inside("Camera") {
        // a view's own time (`gx:TimeStamp` in Google Earth's LookAt) is not the event's
        return;
    }
    match (frame.name.as_str(), parent) {
        ("name", "Placemark") => p.name = Some(value),
        ("description", "Placemark") => p.description = Some(value),
        ("address", "Placemark") => p.address = Some(value),
        ("when", "TimeStamp") => p.when = Some(value),
        ("begin", "TimeSpan") => p.begin = Some(value),
        ("end", "TimeSpan") => p.end = Some(value),
        ("when", "Track") => p.track_when.push(value),
        ("coord", "Track") => {
            // a track's `lon lat alt` becomes a `lon,lat,alt` tuple
            let tuple = value.text.split_whitespace().collect::<Vec<_>>().join(",");
            track.coords.push(tuple);
            track.offset.get_or_insert(value.offset);
        }
        ("value", "Data") => {
            let data = stack.last();
            let name = data.and_then(|f| f.data_name.clone()).unwrap_or_default();
            p.data
                .push((name, data.and_then(|f| f.display.clone()), value));
        }
        ("SimpleData", _) => {
            let name = frame.data_name.clone().unwrap_or_default();
            p.data.push((name, None, value));
        }
        ("coordinates", "Point") => p.geometries.push(RawGeometry::Point(value)),
        ("coordinates", "LineString") => p.geometries.push(RawGeometry::Line(value)),
        ("coordinates", "LinearRing") if inside("outerBoundaryIs") => {
            p.geometries.push(RawGeometry::Polygon(value, Vec::new()));
        }
        ("coordinates", "LinearRing") if inside("innerBoundaryIs") => {
            if let Some(RawGeometry::Polygon(_, inner)) = p.geometries.last_mut() {
                inner.push(value);
            }
        }
        _ => {}
    }
}

fn local(start: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(start.local_name().as_ref()).into_owned()
}

fn frame_of(start: &BytesStart<'_>, offset: usize) -> Frame {
    let name = local(start);
    let data_name = matches!(name.as_str(), "Data" | "SimpleData")
        .then(|| attribute(start, "name"))
        .flatten();
    Frame {
        name,
        offset,
        data_name,
        display: None,
    }
}

/// The value of an attribute, entities resolved.
fn attribute(start: &BytesStart<'_>, key: &str) -> Option<String> {
    start
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key.as_bytes())
        .map(|a| {
            a.normalized_value(XmlVersion::Explicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
        })
}

/// The first non-space byte at or after `offset`.
fn skip_space(text: &str, offset: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = offset.min(bytes.len());
    while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}
