//! The dated list of changes (`data/situation.json`) as typed data.

use chrono::NaiveDate;
use serde::Deserialize;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// What the file is (read, not used).
    #[serde(rename = "about")]
    pub _about: String,
    /// The neutral wording of held areas.
    pub wording: String,
    /// Roads that corridors follow.
    pub roads: Vec<Road>,
    /// Named pieces used in builds.
    pub parts: Vec<Part>,
    /// The changes, in date order.
    pub changes: Vec<Change>,
}

/// A road as via points.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Road {
    /// Id used as `road:ID`.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Via points (`town:`, `point:`, `offset:`).
    pub via: Vec<String>,
    /// How its line was made.
    pub how: String,
}

/// A named piece of area.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// Id used as `part:ID`.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Build steps.
    pub build: Vec<String>,
    /// How it was made.
    pub how: String,
}

/// One dated change.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// Its day (`YYYY-MM-DD`), or null for what is in force before the first change.
    pub date: Option<String>,
    /// Short label for the timeline.
    pub label: String,
    /// What changed.
    pub what: String,
    /// The public record it rests on.
    pub source: String,
    /// Ids of features no longer in force from this day.
    pub ends: Vec<String>,
    /// Features in force from this day.
    pub starts: Vec<FeatureSpec>,
}

/// A feature a change starts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeatureSpec {
    /// Unique id.
    pub id: String,
    /// `control`, `line`, `point` or `note`.
    pub kind: String,
    /// For `control`: `armenian_held`, `peacekeeping` or `corridor`.
    pub status: Option<String>,
    /// Its name.
    pub name: String,
    /// The text for the legend and hover.
    pub text: String,
    /// Whether its geometry is approximate.
    #[serde(default)]
    pub approximate: bool,
    /// The record it rests on; the change's when absent.
    pub source: Option<String>,
    /// How its geometry was made.
    pub how: Option<String>,
    /// For `control`: build steps.
    pub build: Option<Vec<String>>,
    /// For `line`: the Natural Earth line name.
    pub lines: Option<String>,
    /// For `point`: where it is.
    pub at: Option<String>,
}

/// The statuses an area may have.
pub const STATUSES: [&str; 3] = ["armenian_held", "peacekeeping", "corridor"];

impl Spec {
    /// Reads and checks the file's shape.
    pub fn read(path: &str) -> Result<Spec, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
        let spec: Spec = serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
        spec.validate().map_err(|e| format!("{path}: {e}"))?;
        Ok(spec)
    }

    /// Checks dates ascending, ids unique, ends known, kinds and statuses.
    fn validate(&self) -> Result<(), String> {
        let mut started: Vec<&str> = Vec::new();
        let mut ended: Vec<&str> = Vec::new();
        let mut last: Option<&str> = None;
        for (i, c) in self.changes.iter().enumerate() {
            match (&c.date, i) {
                (None, 0) => {}
                (None, _) => return Err(format!("change {i}: only the first may have no date")),
                (Some(d), _) => {
                    parse_day(d).map_err(|e| format!("change {i}: {e}"))?;
                    if last.is_some_and(|l| l >= d.as_str()) {
                        return Err(format!("change {i}: {d} is not after the change before"));
                    }
                    last = Some(d);
                }
            }
            for id in &c.ends {
                if !started.contains(&id.as_str()) || ended.contains(&id.as_str()) {
                    return Err(format!("change {i} ends '{id}', which is not in force"));
                }
                ended.push(id);
            }
            for f in &c.starts {
                if started.contains(&f.id.as_str()) {
                    return Err(format!("feature id '{}' is used twice", f.id));
                }
                f.validate()?;
                started.push(&f.id);
            }
        }
        Ok(())
    }
}

impl FeatureSpec {
    /// Checks that the fields fit the kind.
    fn validate(&self) -> Result<(), String> {
        let id = &self.id;
        let ok = match self.kind.as_str() {
            "control" => {
                self.status
                    .as_deref()
                    .is_some_and(|s| STATUSES.contains(&s))
                    && self.build.is_some()
                    && self.how.is_some()
            }
            "line" => self.lines.is_some() && self.how.is_some() && self.status.is_none(),
            "point" => self.at.is_some() && self.how.is_some() && self.status.is_none(),
            "note" => self.status.is_none() && !self.approximate,
            other => return Err(format!("feature '{id}': unknown kind '{other}'")),
        };
        if ok {
            Ok(())
        } else {
            Err(format!(
                "feature '{id}': fields do not fit its kind '{}'",
                self.kind
            ))
        }
    }
}

/// Parses a `YYYY-MM-DD` day (exactly that form, a real calendar day).
pub fn parse_day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|d| d.format("%Y-%m-%d").to_string() == text)
        .ok_or_else(|| format!("'{text}' is not a YYYY-MM-DD day"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_checked_against_the_calendar() {
        assert_eq!(
            parse_day("2020-11-10"),
            Ok(NaiveDate::from_ymd_opt(2020, 11, 10).unwrap())
        );
        assert!(parse_day("2021-02-29").is_err());
        assert!(parse_day("2020-02-29").is_ok());
        assert!(parse_day("2020-1-10").is_err());
        assert!(parse_day("2020-13-01").is_err());
    }

    #[test]
    fn the_bundled_list_is_valid() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/situation.json");
        let spec = Spec::read(path).unwrap();
        assert!(spec.changes.len() >= 12);
        assert_eq!(spec.changes[0].date.as_deref(), Some("1923-07-07"));
    }
}
