//! GDELT's event tables: the files of its 1.0 and 2.0 event exports (tab-separated, without a
//! header; 57, 58 or 61 columns) and tables with its column names, as BigQuery writes them.
//!
//! GDELT codes its events by machine from news reports, in CAMEO: an event's root code (the first
//! two digits of `EventCode`) names what kind of act it is. The point is `ActionGeo_Lat`,
//! `ActionGeo_Long`, which GDELT puts at a country's or a province's centroid when a report names
//! no closer place (`ActionGeo_Type` 1, 2 or 5): such rows say so in their notes.

use super::columns::{Columns, normal};
use crate::model::Category;

/// The columns of GDELT 1.0's event files until March 2013 (57).
const V1: [&str; 57] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
];

/// The header of a GDELT event file without one, told by its width: 1.0 (57 columns), 1.0's daily
/// files from April 2013 (58, with `SOURCEURL`) or 2.0 (61, with each place's `ADM2Code` too).
fn names_for(width: usize) -> Option<Vec<String>> {
    let mut names: Vec<String> = V1.iter().map(|n| (*n).to_owned()).collect();
    match width {
        57 => {}
        58 => names.push("SOURCEURL".to_owned()),
        61 => {
            for place in ["ActionGeo", "Actor2Geo", "Actor1Geo"] {
                let adm1 = format!("{place}_ADM1Code");
                let at = names.iter().position(|n| *n == adm1)? + 1;
                names.insert(at, format!("{place}_ADM2Code"));
            }
            names.push("SOURCEURL".to_owned());
        }
        _ => return None,
    }
    Some(names)
}

/// The header GDELT's event file `bytes` would have, when the file is one: a first line of 57, 58
/// or 61 fields parted by tabs, the first an id of digits and the second a day of eight digits.
pub fn headerless_columns(bytes: &[u8]) -> Option<Vec<String>> {
    let line = bytes.split(|&b| b == b'\n').next()?;
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let fields: Vec<&[u8]> = line.split(|&b| b == b'\t').collect();
    let digits = |f: &[u8]| !f.is_empty() && f.iter().all(u8::is_ascii_digit);
    let id = fields.first().is_some_and(|f| digits(f));
    let day = fields.get(1).is_some_and(|f| f.len() == 8 && digits(f));
    (id && day).then(|| names_for(fields.len())).flatten()
}

/// The CAMEO root codes: their names (as CAMEO's codebook gives them) and the atlas's category.
const ROOTS: [(&str, Category); 20] = [
    ("Make public statement", Category::Statement),
    ("Appeal", Category::Statement),
    ("Express intent to cooperate", Category::Diplomacy),
    ("Consult", Category::Diplomacy),
    ("Engage in diplomatic cooperation", Category::Diplomacy),
    ("Engage in material cooperation", Category::Diplomacy),
    ("Provide aid", Category::Other),
    ("Yield", Category::Other),
    ("Investigate", Category::Other),
    ("Demand", Category::Statement),
    ("Disapprove", Category::Statement),
    ("Reject", Category::Statement),
    ("Threaten", Category::Statement),
    ("Protest", Category::Protest),
    ("Exhibit force posture", Category::Military),
    ("Reduce relations", Category::Diplomacy),
    ("Coerce", Category::Incident),
    ("Assault", Category::Incident),
    ("Fight", Category::Military),
    ("Use unconventional mass violence", Category::Military),
];

/// CAMEO codes of sanctions: "impose embargo, boycott, or sanctions" and "impose administrative
/// sanctions".
const SANCTIONS: [&str; 2] = ["163", "172"];

/// The name and category of a CAMEO event code (`190`, `0231`, or a root alone, `19`); `None`
/// for a code that is not CAMEO's.
///
/// ```
/// use caucasus_atlas::io::table::cameo;
/// use caucasus_atlas::model::Category;
/// assert_eq!(cameo("190"), Some(("Fight", Category::Military)));
/// assert_eq!(cameo("0231"), Some(("Appeal", Category::Statement)));
/// assert_eq!(cameo("163"), Some(("Reduce relations", Category::Sanctions)));
/// assert_eq!(cameo("21"), None);
/// ```
pub fn cameo(code: &str) -> Option<(&'static str, Category)> {
    let code = code.trim();
    let root: usize = code.get(..2)?.parse().ok()?;
    let (name, category) = *ROOTS.get(root.checked_sub(1)?)?;
    let sanction = SANCTIONS.iter().any(|s| code.starts_with(s));
    Some((
        name,
        if sanction {
            Category::Sanctions
        } else {
            category
        },
    ))
}

/// The columns of a GDELT table beyond those every table's roles read.
#[derive(Clone, Debug, Default)]
pub struct Gdelt {
    event_code: Option<usize>,
    root_code: Option<usize>,
    second_actor: Option<usize>,
    goldstein: Option<usize>,
    mentions: Option<usize>,
    sources: Option<usize>,
    articles: Option<usize>,
    tone: Option<usize>,
    geo_type: Option<usize>,
}

/// What a GDELT row adds to its event: its kind, the second actor and the notes.
#[derive(Debug, Default, PartialEq)]
pub struct GdeltRow {
    /// The CAMEO name and category of the row's event code.
    pub kind: Option<(&'static str, Category)>,
    /// `Actor2Name`.
    pub second_actor: Option<String>,
    /// How GDELT coded it, and how closely it placed it.
    pub notes: String,
    /// Whether the report names only the country (`ActionGeo_Type` 1).
    pub country_level: bool,
}

impl Gdelt {
    /// The GDELT columns of a table, when its header is GDELT's (`GLOBALEVENTID` and `SQLDATE`).
    pub fn of(columns: &Columns) -> Option<Gdelt> {
        let find = |name: &str| (0..columns.width()).find(|&i| normal(columns.name(i)) == name);
        find("globaleventid")?;
        find("sqldate")?;
        Some(Gdelt {
            event_code: find("event_code"),
            root_code: find("event_root_code"),
            second_actor: find("actor2name"),
            goldstein: find("goldstein_scale"),
            mentions: find("num_mentions"),
            sources: find("num_sources"),
            articles: find("num_articles"),
            tone: find("avg_tone"),
            geo_type: find("action_geo_type"),
        })
    }

    /// What row `record` adds to its event.
    pub fn row(&self, record: &csv::StringRecord) -> GdeltRow {
        let get = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        let code = get(self.event_code).or(get(self.root_code));
        let kind = code.and_then(cameo);
        let mut said = Vec::new();
        if let Some(code) = code {
            said.push(format!("CAMEO event code {code}"));
        }
        if let Some(g) = get(self.goldstein) {
            said.push(format!("Goldstein scale {g}"));
        }
        let counts = [
            (get(self.mentions), "mention"),
            (get(self.sources), "source"),
            (get(self.articles), "article"),
        ];
        let counts: Vec<String> = counts
            .iter()
            .filter_map(|(n, what)| {
                n.map(|n| format!("{n} {what}{}", if n == "1" { "" } else { "s" }))
            })
            .collect();
        if !counts.is_empty() {
            said.push(counts.join(", "));
        }
        if let Some(t) = get(self.tone) {
            said.push(format!("average tone {t}"));
        }
        let mut notes =
            "Machine-coded by GDELT from news reports; not checked by a person".to_owned();
        if !said.is_empty() {
            notes.push_str(&format!(" ({})", said.join("; ")));
        }
        notes.push('.');
        let geo_type = get(self.geo_type);
        if let Some(centroid) = geo_type.and_then(centroid_of) {
            notes.push_str(&format!(
                "\nApproximate place: the report names only the {centroid}, and GDELT puts the \
                 point at its centroid, not where the event happened."
            ));
        }
        GdeltRow {
            kind,
            second_actor: get(self.second_actor).map(str::to_owned),
            notes,
            country_level: geo_type == Some("1"),
        }
    }
}

/// What GDELT's geographic type says the point is the centroid of: a country (1), a US state (2)
/// or a province elsewhere (5); `None` for a city (3, 4) or no place (0).
fn centroid_of(geo_type: &str) -> Option<&'static str> {
    match geo_type {
        "1" => Some("country"),
        "2" => Some("US state"),
        "5" => Some("province"),
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_three_layouts_are_told_by_their_width() {
        let row = |width: usize| {
            let mut fields = vec!["1234567890".to_owned(), "20230919".to_owned()];
            fields.resize(width, String::new());
            fields.join("\t") + "\r\nnext"
        };
        for width in [57, 58, 61] {
            let names = headerless_columns(row(width).as_bytes()).unwrap();
            assert_eq!(names.len(), width);
            assert_eq!(names[1], "SQLDATE");
        }
        let v2 = headerless_columns(row(61).as_bytes()).unwrap();
        let at = |n: &str| v2.iter().position(|x| x == n).unwrap();
        assert_eq!(at("ActionGeo_Lat"), 56);
        assert_eq!(at("ActionGeo_Long"), 57);
        assert_eq!(at("SOURCEURL"), 60);
        assert_eq!(at("Actor1Geo_ADM2Code"), 39);
        assert_eq!(headerless_columns(row(60).as_bytes()), None);
        assert_eq!(headerless_columns(b"id\tdate\n"), None);
        let header = ["GLOBALEVENTID", "SQLDATE"].join("\t");
        assert_eq!(headerless_columns(header.as_bytes()), None);
    }

    #[test]
    fn every_root_has_a_name_and_other_codes_none() {
        for root in 1..=20 {
            assert!(cameo(&format!("{root:02}")).is_some(), "{root}");
        }
        assert_eq!(cameo("1411"), Some(("Protest", Category::Protest)));
        assert_eq!(cameo("1721"), Some(("Coerce", Category::Sanctions)));
        for not in ["", "0", "00", "x1", "99"] {
            assert_eq!(cameo(not), None, "{not}");
        }
    }

    #[test]
    fn a_row_says_how_gdelt_coded_and_placed_it() {
        let header = names_for(58).unwrap();
        let names: Vec<&str> = header.iter().map(String::as_str).collect();
        let columns = Columns::of(&names, None).unwrap();
        let gdelt = Gdelt::of(&columns).unwrap();
        let mut fields = vec![""; 58];
        let set = |fields: &mut Vec<&str>, name: &str, value: &'static str| {
            fields[names.iter().position(|n| *n == name).unwrap()] = value;
        };
        set(&mut fields, "EventCode", "190");
        set(&mut fields, "Actor2Name", "ARMENIA");
        set(&mut fields, "GoldsteinScale", "-10.0");
        set(&mut fields, "NumMentions", "12");
        set(&mut fields, "NumSources", "1");
        set(&mut fields, "ActionGeo_Type", "1");
        let row = gdelt.row(&csv::StringRecord::from(fields));
        assert_eq!(row.kind, Some(("Fight", Category::Military)));
        assert_eq!(row.second_actor.as_deref(), Some("ARMENIA"));
        assert_eq!(
            row.notes,
            "Machine-coded by GDELT from news reports; not checked by a person (CAMEO event code \
             190; Goldstein scale -10.0; 12 mentions, 1 source).\nApproximate place: the report \
             names only the country, and GDELT puts the point at its centroid, not where the \
             event happened."
        );
    }
}
