//! Which of a sentence's dates goes with which of its places, and in which clause.
//!
//! A sentence with one date, or one place, tells each of its places on that date, or that place on
//! each of its dates ("talks in Baku and Tbilisi on 3 May", "met in Baku on 3 and 5 May"). A
//! sentence that names as many places as dates, in turn ("Aliyev visited Tehran on 3 May, and
//! Pashinyan held talks in Moscow on 5 May"; "On 3 May … in Tehran, and on 5 May … in Moscow"),
//! tells them clause by clause: each date goes with the place named with it, never Aliyev in
//! Moscow. Anything else ("in Baku and Tbilisi on 3 and 5 May") is read every date with every place.

use std::ops::Range;

/// Where a date or a place is named in the sentence (byte range), if it is.
pub type Named = Option<Range<usize>>;

/// One pairing: the date's and the place's positions in their lists, and for a sentence read
/// clause by clause, the clause (byte range of the sentence) that tells it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    /// Which date.
    pub date: usize,
    /// Which place.
    pub place: usize,
    /// The clause that names both, when the sentence is read clause by clause and its clauses
    /// are parted by a comma, a semicolon or "and".
    pub clause: Option<Range<usize>>,
    /// Whether the two were paired as named in turn (and not every date with every place).
    pub in_turn: bool,
}

/// What parts two clauses, strongest first: the rightmost of the first kind found parts them.
const PARTINGS: [&[&str]; 3] = [
    &[
        ", and ",
        "; ",
        ", while ",
        ", whereas ",
        ", but ",
        ", then ",
    ],
    &[" and "],
    &[", "],
];

/// The pairs of a sentence's dates and places, in the dates' order (see the module's words).
/// `text` is the sentence, for the words that part its clauses.
///
/// ```
/// use caucasus_atlas::extract::pairing::pairs;
/// let s = "Aliyev visited Tehran on 3 May, and Pashinyan held talks in Moscow on 5 May.";
/// let at = |w: &str| s.find(w).map(|i| i..i + w.len());
/// let p = pairs(s, &[at("3 May"), at("5 May")], &[at("Tehran"), at("Moscow")]);
/// assert_eq!(p.iter().map(|p| (p.date, p.place)).collect::<Vec<_>>(), [(0, 0), (1, 1)]);
/// assert_eq!(&s[p[1].clause.clone().unwrap()], "Pashinyan held talks in Moscow on 5 May.");
/// ```
pub fn pairs(text: &str, dates: &[Named], places: &[Named]) -> Vec<Pair> {
    match in_turn(dates, places) {
        Some(turns) => with_clauses(text, turns),
        None => (0..dates.len())
            .flat_map(|date| {
                (0..places.len()).map(move |place| Pair {
                    date,
                    place,
                    clause: None,
                    in_turn: false,
                })
            })
            .collect(),
    }
}

/// Whether a sentence names as many places as dates (two or more), each with its date, in turn.
pub fn named_in_turn(dates: &[Named], places: &[Named]) -> bool {
    in_turn(dates, places).is_some()
}

/// The dates and places paired in the order they are named, when there are as many of each (two
/// or more), all named, and named in turn: a date, its place, the next date, its place (or each
/// place before its date). Each pair with the byte range its two names cover.
fn in_turn(dates: &[Named], places: &[Named]) -> Option<Vec<(usize, usize, Range<usize>)>> {
    if dates.len() < 2 || dates.len() != places.len() {
        return None;
    }
    let mut named: Vec<(Range<usize>, bool, usize)> = Vec::new();
    for (k, d) in dates.iter().enumerate() {
        named.push((d.clone()?, true, k));
    }
    for (k, p) in places.iter().enumerate() {
        named.push((p.clone()?, false, k));
    }
    named.sort_by_key(|n| n.0.start);
    let alternate = named.windows(2).all(|w| w[0].1 != w[1].1);
    if !alternate {
        return None;
    }
    let turns = named
        .chunks(2)
        .map(|two| {
            let (date, place) = match two[0].1 {
                true => (two[0].2, two[1].2),
                false => (two[1].2, two[0].2),
            };
            (date, place, two[0].0.start..two[1].0.end)
        })
        .collect();
    Some(turns)
}

/// The pairs named in turn, each with its clause when every two turns are parted by a comma, a
/// semicolon or "and" (the first clause from the sentence's start, the last to its end).
fn with_clauses(text: &str, turns: Vec<(usize, usize, Range<usize>)>) -> Vec<Pair> {
    let partings: Option<Vec<Range<usize>>> = turns
        .windows(2)
        .map(|w| parting(text, w[0].2.end..w[1].2.start))
        .collect();
    let mut out: Vec<Pair> = turns
        .iter()
        .enumerate()
        .map(|(k, (date, place, _))| {
            let clause = partings.as_ref().map(|parts| {
                let from = k.checked_sub(1).map_or(0, |j| parts[j].end);
                let to = parts.get(k).map_or(text.len(), |p| p.start);
                from..to
            });
            Pair {
                date: *date,
                place: *place,
                clause,
                in_turn: true,
            }
        })
        .collect();
    out.sort_by_key(|p| p.date);
    out
}

/// The clause of each date of a sentence that names several (`dates`, in the order named), when
/// every two are parted by a comma, a semicolon or "and": the first from the sentence's start,
/// the last to its end. None when a date is not named in the sentence or two are not parted.
///
/// ```
/// use caucasus_atlas::extract::pairing::date_clauses;
/// let s = "Aliyev met Putin in Moscow on 22 April and Erdogan in Ankara on 24 April.";
/// let at = |w: &str| s.find(w).map(|i| i..i + w.len());
/// let clauses = date_clauses(s, &[at("22 April"), at("24 April")]).unwrap();
/// assert_eq!(&s[clauses[1].clone()], "Erdogan in Ankara on 24 April.");
/// ```
pub fn date_clauses(text: &str, dates: &[Named]) -> Option<Vec<Range<usize>>> {
    let spans: Vec<Range<usize>> = dates.iter().cloned().collect::<Option<_>>()?;
    if spans.len() < 2 || spans.windows(2).any(|w| w[0].start >= w[1].start) {
        return None;
    }
    let partings: Vec<Range<usize>> = spans
        .windows(2)
        .map(|w| parting(text, w[0].end..w[1].start))
        .collect::<Option<_>>()?;
    let clauses = (0..spans.len())
        .map(|k| {
            let from = k.checked_sub(1).map_or(0, |j| partings[j].end);
            let to = partings.get(k).map_or(text.len(), |p| p.start);
            from..to
        })
        .collect();
    Some(clauses)
}

/// The rightmost words of the strongest kind that part two clauses within `gap` of `text`.
fn parting(text: &str, gap: Range<usize>) -> Option<Range<usize>> {
    let between = text.get(gap.clone())?;
    PARTINGS.iter().find_map(|kind| {
        kind.iter()
            .filter_map(|w| between.rfind(w).map(|i| (i, w.len())))
            .max_by_key(|(i, _)| *i)
            .map(|(i, n)| gap.start + i..gap.start + i + n)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str, w: &str) -> Named {
        s.find(w).map(|i| i..i + w.len())
    }

    fn which(p: &[Pair]) -> Vec<(usize, usize)> {
        p.iter().map(|p| (p.date, p.place)).collect()
    }

    #[test]
    fn one_date_goes_with_every_place_and_one_place_with_every_date() {
        let s = "Talks in Baku and Tbilisi on 3 May.";
        let p = pairs(s, &[at(s, "3 May")], &[at(s, "Baku"), at(s, "Tbilisi")]);
        assert_eq!(which(&p), [(0, 0), (0, 1)]);
        let s = "They met in Baku on 3 May and 5 May.";
        let p = pairs(s, &[at(s, "3 May"), at(s, "5 May")], &[at(s, "Baku")]);
        assert_eq!(which(&p), [(0, 0), (1, 0)]);
        assert!(p.iter().all(|p| p.clause.is_none() && !p.in_turn));
    }

    #[test]
    fn places_and_dates_named_in_turn_pair_clause_by_clause() {
        let s = "On 3 May Aliyev was in Tehran, and on 5 May Pashinyan was in Moscow.";
        let p = pairs(
            s,
            &[at(s, "3 May"), at(s, "5 May")],
            &[at(s, "Moscow"), at(s, "Tehran")],
        );
        assert_eq!(which(&p), [(0, 1), (1, 0)]);
        assert_eq!(
            &s[p[0].clause.clone().unwrap()],
            "On 3 May Aliyev was in Tehran"
        );
        assert_eq!(
            &s[p[1].clause.clone().unwrap()],
            "on 5 May Pashinyan was in Moscow."
        );
    }

    #[test]
    fn a_list_in_turn_is_parted_at_its_commas_and_its_and() {
        let s = "He visited Tehran on 3 May, Moscow on 5 May and Ankara on 7 May.";
        let dates = [at(s, "3 May"), at(s, "5 May"), at(s, "7 May")];
        let places = [at(s, "Tehran"), at(s, "Moscow"), at(s, "Ankara")];
        let p = pairs(s, &dates, &places);
        assert_eq!(which(&p), [(0, 0), (1, 1), (2, 2)]);
        let clauses: Vec<&str> = p.iter().map(|p| &s[p.clause.clone().unwrap()]).collect();
        assert_eq!(
            clauses,
            [
                "He visited Tehran on 3 May",
                "Moscow on 5 May",
                "Ankara on 7 May."
            ]
        );
    }

    #[test]
    fn names_not_in_turn_give_every_date_with_every_place() {
        let s = "Talks were held in Baku and Tbilisi on 3 and 5 May.";
        let p = pairs(
            s,
            &[at(s, "3"), at(s, "5 May")],
            &[at(s, "Baku"), at(s, "Tbilisi")],
        );
        assert_eq!(p.len(), 4);
        assert!(p.iter().all(|p| !p.in_turn));
    }

    #[test]
    fn a_place_not_named_in_the_sentence_goes_with_every_date() {
        // an inherited or dateline place has no position: the turns cannot be told
        let s = "Aliyev visited Tehran on 3 May, and talks followed on 5 May.";
        let p = pairs(
            s,
            &[at(s, "3 May"), at(s, "5 May")],
            &[at(s, "Tehran"), None],
        );
        assert_eq!(p.len(), 4);
    }

    #[test]
    fn turns_with_no_words_between_them_pair_without_clauses() {
        let s = "Tehran 3 May Moscow 5 May";
        let p = pairs(
            s,
            &[at(s, "3 May"), at(s, "5 May")],
            &[at(s, "Tehran"), at(s, "Moscow")],
        );
        assert_eq!(which(&p), [(0, 0), (1, 1)]);
        assert!(p.iter().all(|p| p.clause.is_none() && p.in_turn));
    }
}
