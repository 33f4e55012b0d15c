//! Deterministic synthetic ACLED-style events: clustered around the region's cities and borders,
//! bursty in time over 15 years, mixed date precisions, some off-map.

use caucasus_atlas::model::{Category, Event, EventDate, Precision, region::REGION};
use chrono::{Datelike, NaiveDate};
use std::io::Write;

/// A tiny deterministic generator (SplitMix64); no dependency, fixed seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// (name, admin1, country, iso3, lat, lon, weight)
const PLACES: &[(&str, &str, &str, &str, f64, f64, f64)] = &[
    (
        "Yerevan", "Yerevan", "Armenia", "ARM", 40.1811, 44.5136, 10.0,
    ),
    ("Gyumri", "Shirak", "Armenia", "ARM", 40.7894, 43.8475, 3.0),
    ("Vanadzor", "Lori", "Armenia", "ARM", 40.8128, 44.4883, 2.0),
    (
        "Jermuk",
        "Vayots Dzor",
        "Armenia",
        "ARM",
        39.8417,
        45.6722,
        3.0,
    ),
    ("Goris", "Syunik", "Armenia", "ARM", 39.5111, 46.3417, 4.0),
    ("Kapan", "Syunik", "Armenia", "ARM", 39.2075, 46.4058, 3.0),
    (
        "Sotk",
        "Gegharkunik",
        "Armenia",
        "ARM",
        40.2094,
        45.9347,
        4.0,
    ),
    (
        "Tavush border",
        "Tavush",
        "Armenia",
        "ARM",
        41.05,
        45.35,
        5.0,
    ),
    ("Baku", "Baku", "Azerbaijan", "AZE", 40.4093, 49.8671, 9.0),
    (
        "Ganja",
        "Ganja-Dashkasan",
        "Azerbaijan",
        "AZE",
        40.6828,
        46.3606,
        3.0,
    ),
    (
        "Tartar",
        "Tartar",
        "Azerbaijan",
        "AZE",
        40.3411,
        46.9317,
        6.0,
    ),
    (
        "Aghdam",
        "Aghdam",
        "Azerbaijan",
        "AZE",
        39.9931,
        46.9289,
        6.0,
    ),
    (
        "Fuzuli",
        "Fuzuli",
        "Azerbaijan",
        "AZE",
        39.6003,
        47.1453,
        4.0,
    ),
    (
        "Shusha",
        "Shusha",
        "Azerbaijan",
        "AZE",
        39.7581,
        46.7486,
        5.0,
    ),
    (
        "Khankendi",
        "Khankendi",
        "Azerbaijan",
        "AZE",
        39.8153,
        46.7519,
        8.0,
    ),
    (
        "Lachin",
        "Lachin",
        "Azerbaijan",
        "AZE",
        39.6406,
        46.5469,
        4.0,
    ),
    (
        "Nakhchivan",
        "Nakhchivan",
        "Azerbaijan",
        "AZE",
        39.2089,
        45.4122,
        3.0,
    ),
    (
        "Sumgait",
        "Sumgait",
        "Azerbaijan",
        "AZE",
        40.5897,
        49.6686,
        2.0,
    ),
    (
        "Tbilisi", "Tbilisi", "Georgia", "GEO", 41.7151, 44.8271, 8.0,
    ),
    ("Batumi", "Adjara", "Georgia", "GEO", 41.6168, 41.6367, 3.0),
    (
        "Kutaisi", "Imereti", "Georgia", "GEO", 42.2679, 42.6946, 2.0,
    ),
    (
        "Tskhinvali",
        "South Ossetia",
        "Georgia",
        "GEO",
        42.2256,
        43.9703,
        4.0,
    ),
    (
        "Sukhumi", "Abkhazia", "Georgia", "GEO", 43.0015, 41.0234, 3.0,
    ),
    (
        "Gori",
        "Shida Kartli",
        "Georgia",
        "GEO",
        41.9842,
        44.1158,
        2.0,
    ),
    (
        "Tabriz",
        "East Azerbaijan",
        "Iran",
        "IRN",
        38.0800,
        46.2919,
        4.0,
    ),
    ("Tehran", "Tehran", "Iran", "IRN", 35.6892, 51.3890, 5.0),
    ("Ardabil", "Ardabil", "Iran", "IRN", 38.2498, 48.2933, 2.0),
    ("Kars", "Kars", "Turkey", "TUR", 40.6013, 43.0975, 2.0),
    ("Igdir", "Igdir", "Turkey", "TUR", 39.9237, 44.0450, 1.0),
    (
        "Vladikavkaz",
        "North Ossetia",
        "Russia",
        "RUS",
        43.0367,
        44.6678,
        2.0,
    ),
    (
        "Derbent", "Dagestan", "Russia", "RUS", 42.0678, 48.2899, 2.0,
    ),
    ("Moscow", "Moscow", "Russia", "RUS", 55.7558, 37.6173, 1.5),
    (
        "Washington",
        "District of Columbia",
        "United States",
        "USA",
        38.9072,
        -77.0369,
        1.0,
    ),
    (
        "Brussels", "Brussels", "Belgium", "BEL", 50.8503, 4.3517, 1.0,
    ),
    ("Ankara", "Ankara", "Turkey", "TUR", 39.9334, 32.8597, 0.8),
];

const TYPES: &[(&str, &str, &str, f64)] = &[
    ("Political violence", "Battles", "Armed clash", 6.0),
    (
        "Political violence",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        5.0,
    ),
    (
        "Political violence",
        "Explosions/Remote violence",
        "Drone strike",
        2.0,
    ),
    (
        "Political violence",
        "Violence against civilians",
        "Attack",
        1.0,
    ),
    ("Demonstrations", "Protests", "Peaceful protest", 5.0),
    ("Demonstrations", "Riots", "Violent demonstration", 1.0),
    (
        "Strategic developments",
        "Strategic developments",
        "Agreement",
        1.0,
    ),
    (
        "Strategic developments",
        "Strategic developments",
        "Arrests",
        1.5,
    ),
    (
        "Strategic developments",
        "Strategic developments",
        "Other",
        1.5,
    ),
];

const ACTORS: &[&str] = &[
    "Military Forces of Armenia (2018-)",
    "Military Forces of Azerbaijan (2003-)",
    "Protesters (Armenia)",
    "Protesters (Georgia)",
    "Police Forces of Georgia (2013-)",
    "Military Forces of Russia (2000-)",
    "Civilians (Armenia)",
    "Civilians (Azerbaijan)",
    "Government of Iran (1989-)",
    "Rioters (Azerbaijan)",
];

const SOURCES: &[&str] = &[
    "Caucasian Knot",
    "JAMnews",
    "Armenpress",
    "Trend",
    "Interfax",
    "Civil.ge",
    "Reuters",
];

/// One generated row.
pub struct Row {
    pub id: String,
    pub date: NaiveDate,
    pub precision: u8,
    pub place: usize,
    pub village: u32,
    pub lat: f64,
    pub lon: f64,
    pub kind: usize,
    pub actor1: usize,
    pub actor2: usize,
    pub source: usize,
    pub fatalities: u32,
}

fn pick(rng: &mut Rng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut x = rng.f64() * total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

/// The first and last day of the generated span.
pub fn span() -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(2010, 1, 1).unwrap_or_default(),
        NaiveDate::from_ymd_opt(2024, 12, 31).unwrap_or_default(),
    )
}

/// `n` rows, deterministic for a given `n`.
pub fn generate(n: usize) -> Vec<Row> {
    let mut rng = Rng::new(0xC0CA_5005 ^ n as u64);
    let (first, last) = span();
    let days = (last - first).num_days() as usize + 1;
    let mut bursts: Vec<(usize, usize, f64)> = vec![
        (day_index(first, 2014, 8, 1), 14, 4.0),
        (day_index(first, 2016, 4, 1), 6, 8.0),
        (day_index(first, 2018, 4, 13), 30, 5.0),
        (day_index(first, 2020, 7, 12), 8, 3.0),
        (day_index(first, 2020, 9, 27), 45, 20.0),
        (day_index(first, 2022, 9, 13), 4, 6.0),
        (day_index(first, 2023, 9, 19), 3, 6.0),
        (day_index(first, 2024, 4, 28), 40, 4.0),
    ];
    for _ in 0..24 {
        bursts.push((rng.below(days), 2 + rng.below(40), 0.5 + rng.f64() * 2.0));
    }
    let burst_w: Vec<f64> = bursts.iter().map(|b| b.2).collect();
    let place_w: Vec<f64> = PLACES.iter().map(|p| p.6).collect();
    let type_w: Vec<f64> = TYPES.iter().map(|t| t.3).collect();
    (0..n)
        .map(|k| {
            let day = if rng.f64() < 0.55 {
                rng.below(days)
            } else {
                let b = bursts[pick(&mut rng, &burst_w)];
                (b.0 + rng.below(b.1)).min(days - 1)
            };
            let date = first + chrono::Days::new(day as u64);
            let r = rng.f64();
            let precision = if r < 0.85 {
                1
            } else if r < 0.95 {
                2
            } else {
                3
            };
            let place = pick(&mut rng, &place_w);
            let p = PLACES[place];
            // most events at the city itself, the rest at one of its villages
            let village = if rng.f64() < 0.6 {
                0
            } else {
                1 + rng.below(150) as u32
            };
            let (lat, lon) = if village == 0 {
                (p.4, p.5)
            } else {
                let mut vr = Rng::new(place as u64 * 1000 + u64::from(village));
                (p.4 + (vr.f64() - 0.5) * 0.9, p.5 + (vr.f64() - 0.5) * 1.2)
            };
            Row {
                id: format!("{}{}", p.3, 100_000 + k),
                date,
                precision,
                place,
                village,
                lat: (lat * 1e4).round() / 1e4,
                lon: (lon * 1e4).round() / 1e4,
                kind: pick(&mut rng, &type_w),
                actor1: rng.below(ACTORS.len()),
                actor2: rng.below(ACTORS.len()),
                source: rng.below(SOURCES.len()),
                fatalities: if rng.f64() < 0.8 {
                    0
                } else {
                    rng.below(12) as u32
                },
            }
        })
        .collect()
}

fn day_index(first: NaiveDate, y: i32, m: u32, d: u32) -> usize {
    NaiveDate::from_ymd_opt(y, m, d).map_or(0, |x| (x - first).num_days().max(0) as usize)
}

fn location(row: &Row) -> String {
    let p = PLACES[row.place];
    if row.village == 0 {
        p.0.to_owned()
    } else {
        format!("{} village {}", p.0, row.village)
    }
}

fn notes(row: &Row) -> String {
    let t = TYPES[row.kind];
    format!(
        "On {}, {} reported near {}: {} involving {}. {} fatalities.",
        row.date.format("%-d %B %Y"),
        t.2.to_lowercase(),
        location(row),
        t.1.to_lowercase(),
        ACTORS[row.actor1],
        row.fatalities
    )
}

/// Writes ACLED-style CSV.
pub fn write_csv(rows: &[Row], path: &std::path::Path) -> std::io::Result<()> {
    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut w = csv::Writer::from_writer(file);
    let header = [
        "event_id_cnty",
        "event_date",
        "year",
        "time_precision",
        "disorder_type",
        "event_type",
        "sub_event_type",
        "actor1",
        "assoc_actor_1",
        "inter1",
        "actor2",
        "assoc_actor_2",
        "inter2",
        "interaction",
        "civilian_targeting",
        "iso",
        "region",
        "country",
        "admin1",
        "admin2",
        "admin3",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "source_scale",
        "notes",
        "fatalities",
        "tags",
        "timestamp",
    ];
    w.write_record(header).map_err(std::io::Error::other)?;
    for row in rows {
        let p = PLACES[row.place];
        let t = TYPES[row.kind];
        let rec = [
            row.id.clone(),
            row.date.format("%Y-%m-%d").to_string(),
            row.date.year().to_string(),
            row.precision.to_string(),
            t.0.to_owned(),
            t.1.to_owned(),
            t.2.to_owned(),
            ACTORS[row.actor1].to_owned(),
            String::new(),
            "1".to_owned(),
            ACTORS[row.actor2].to_owned(),
            String::new(),
            "1".to_owned(),
            "11".to_owned(),
            String::new(),
            "51".to_owned(),
            "Caucasus and Central Asia".to_owned(),
            p.2.to_owned(),
            p.1.to_owned(),
            String::new(),
            String::new(),
            location(row),
            format!("{}", row.lat),
            format!("{}", row.lon),
            "1".to_owned(),
            SOURCES[row.source].to_owned(),
            "National".to_owned(),
            notes(row),
            row.fatalities.to_string(),
            String::new(),
            "1700000000".to_owned(),
        ];
        w.write_record(&rec).map_err(std::io::Error::other)?;
    }
    let file = w.into_inner().map_err(|e| e.into_error())?;
    at_rest(file)
}

/// Flushes a written file and waits until it is on disk, so that the kernel writing gigabytes back
/// does not share the processor with the loads timed next: a user's file was written long before.
fn at_rest(file: std::io::BufWriter<std::fs::File>) -> std::io::Result<()> {
    file.into_inner().map_err(|e| e.into_error())?.sync_all()
}

fn range_of(row: &Row) -> (NaiveDate, NaiveDate, Precision) {
    match row.precision {
        2 => (row.date, row.date + chrono::Days::new(6), Precision::Week),
        3 => {
            let s = row.date.with_day(1).unwrap_or(row.date);
            let e = (s + chrono::Months::new(1)) - chrono::Days::new(1);
            (s, e, Precision::Month)
        }
        _ => (row.date, row.date, Precision::Day),
    }
}

/// Writes a GeoJSON FeatureCollection of points with the app's export properties plus ACLED fields.
pub fn write_geojson(rows: &[Row], path: &std::path::Path) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
    w.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
    for (k, row) in rows.iter().enumerate() {
        let e = to_event(row);
        let props = caucasus_atlas::io::export::event_properties(&e);
        let feature = serde_json::json!({
            "type": "Feature",
            "id": e.id,
            "geometry": {"type": "Point", "coordinates": [row.lon, row.lat]},
            "properties": props,
        });
        if k > 0 {
            w.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut w, &feature).map_err(std::io::Error::other)?;
    }
    w.write_all(b"\n]}\n")?;
    at_rest(w)
}

/// The event a row stands for (used when no loader reads the files yet, and for GeoJSON).
pub fn to_event(row: &Row) -> Event {
    let t = TYPES[row.kind];
    let (s, e, precision) = range_of(row);
    let loc = location(row);
    let mut ev = Event::at(
        &row.id,
        &format!("{} in {}", t.2, loc),
        EventDate::new(s, e, precision),
        row.lon,
        row.lat,
    );
    ev.place = loc.to_lowercase().replace(' ', "-");
    ev.place_name = loc;
    ev.off_map = !REGION.contains(row.lon, row.lat);
    ev.category = Category::from_acled(t.1, t.2);
    ev.category_label = format!("{} / {}", t.1, t.2);
    ev.actors = vec![ACTORS[row.actor1].to_owned(), ACTORS[row.actor2].to_owned()];
    ev.source.document = SOURCES[row.source].to_owned();
    ev.source.quote = notes(row);
    ev.summary = ev.source.quote.clone();
    ev
}
