//! Counting the features without a recognised date, and the properties that look like dates in
//! them, for the load's report ("38 features have no recognised date; fields that look like
//! dates: start_date, end_date").

use super::raw::Text;
use crate::io::open::{DateField, UndatedReport};

/// Sample values kept per field.
const SAMPLES: usize = 3;

/// Undated features seen so far and their date-like fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tally {
    /// Features without a recognised date.
    pub undated: usize,
    /// Fields whose values look like dates, in first-seen order.
    pub fields: Vec<DateField>,
}

impl Tally {
    /// Counts one undated feature with its date-like properties (name, value as written).
    pub fn add(&mut self, date_like: &[(Text<'_>, String)]) {
        self.undated += 1;
        for (name, sample) in date_like {
            self.field(name, 1, std::slice::from_ref(sample));
        }
    }

    fn field(&mut self, name: &str, records: usize, samples: &[String]) {
        let at = match self.fields.iter().position(|f| f.name == name) {
            Some(at) => at,
            None => {
                self.fields.push(DateField {
                    name: name.to_owned(),
                    ..DateField::default()
                });
                self.fields.len() - 1
            }
        };
        let field = &mut self.fields[at];
        field.records += records;
        for s in samples {
            if field.samples.len() < SAMPLES && !field.samples.contains(s) {
                field.samples.push(s.clone());
            }
        }
    }

    /// Adds the counts of a later part of the same file.
    pub fn merge(&mut self, other: Tally) {
        self.undated += other.undated;
        for f in other.fields {
            self.field(&f.name, f.records, &f.samples);
        }
    }

    /// The report for a file of `total` features, when some were undated. Fields are listed most
    /// filled first (ties in first-seen order).
    pub fn report(mut self, total: usize) -> Option<UndatedReport> {
        if self.undated == 0 {
            return None;
        }
        self.fields.sort_by_key(|f| std::cmp::Reverse(f.records));
        Some(UndatedReport {
            yearless: 0,
            undated: self.undated,
            total,
            noun: "features".to_owned(),
            candidates: self.fields,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_counted_with_a_few_samples() {
        let mut a = Tally::default();
        a.add(&[("start_date".into(), "2020-01-01".to_owned())]);
        a.add(&[
            ("start_date".into(), "2020-01-01".to_owned()),
            ("end_date".into(), "2020-02-01".to_owned()),
        ]);
        let mut b = Tally::default();
        b.add(&[]);
        for day in ["2020-03-01", "2020-04-01", "2020-05-01"] {
            b.add(&[("end_date".into(), day.to_owned())]);
        }
        a.merge(b);
        let report = a.report(10).unwrap_or_default();
        assert_eq!((report.undated, report.total), (6, 10));
        assert_eq!(
            report.message(),
            "6 features have no recognised date; fields that look like dates: end_date, start_date"
        );
        let end = &report.candidates[0];
        assert_eq!(end.records, 4);
        assert_eq!(end.samples, ["2020-02-01", "2020-03-01", "2020-04-01"]);
        assert_eq!(report.candidates[1].samples, ["2020-01-01"]);
        assert_eq!(Tally::default().report(5), None);
        let mut one = Tally::default();
        one.add(&[]);
        assert_eq!(
            one.report(1).unwrap_or_default().message(),
            "1 feature has no recognised date"
        );
    }
}
