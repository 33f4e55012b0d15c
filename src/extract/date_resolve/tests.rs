//! Date expressions found and resolved against a publication date.

use super::super::dates::{dates_after, find_dates};
use crate::model::Precision;
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The single cue of `sentence` as (text, start, end, precision).
fn one(sentence: &str, published: NaiveDate) -> (String, NaiveDate, NaiveDate, Precision) {
    let cues = find_dates(sentence, published);
    assert_eq!(cues.len(), 1, "{sentence}: {cues:?}");
    let c = &cues[0];
    let (s, e) = c.date.range.unwrap();
    assert_eq!(&sentence[c.span.clone()], c.date.text);
    (c.date.text.clone(), s, e, c.date.precision)
}

#[test]
fn absolute_days_in_every_common_order() {
    let p = d(2023, 9, 30);
    let (t, s, e, pr) = one("On September 7, 2023, a call took place.", p);
    assert_eq!(
        (t.as_str(), s, e, pr),
        (
            "September 7, 2023",
            d(2023, 9, 7),
            d(2023, 9, 7),
            Precision::Day
        )
    );
    let (t, s, _, _) = one("Talks were held on 3 March 2021 in Baku.", p);
    assert_eq!((t.as_str(), s), ("3 March 2021", d(2021, 3, 3)));
    let (_, s, _, _) = one("It was signed 2022-11-05 in Moscow.", p);
    assert_eq!(s, d(2022, 11, 5));
    let (t, s, _, _) = one("They met on the 3rd of March in Baku.", p);
    assert_eq!((t.as_str(), s), ("3rd of March", d(2023, 3, 3)));
    let (t, s, e, _) = one("Drills ran from 5-7 March 2021 near Julfa.", p);
    assert_eq!(
        (t.as_str(), s, e),
        ("5-7 March 2021", d(2021, 3, 5), d(2021, 3, 7))
    );
}

#[test]
fn year_less_days_take_the_latest_year_not_after_publication() {
    let p = d(2021, 11, 22);
    let (t, s, _, _) = one(
        "in an interview with Anadolu Agency on Sept. 28, accusing Iran",
        p,
    );
    assert_eq!((t.as_str(), s), ("Sept. 28", d(2021, 9, 28)));
    let cues = find_dates("The clash on December 3 was reported.", p);
    assert_eq!(cues[0].date.range.unwrap().0, d(2020, 12, 3));
    assert!(
        cues[0].date.note.contains("Year not stated; 2020"),
        "{}",
        cues[0].date.note
    );
}

#[test]
fn a_written_year_is_lent_to_the_days_joined_to_it() {
    let p = d(2022, 8, 31);
    let cues = find_dates(
        "agreements signed on November 9, 2020, and January 11 and November 26, 2021.",
        p,
    );
    let starts: Vec<NaiveDate> = cues.iter().map(|c| c.date.range.unwrap().0).collect();
    assert_eq!(starts, [d(2020, 11, 9), d(2021, 1, 11), d(2021, 11, 26)]);
    assert!(cues[1].date.note.contains("November 26, 2021"));
}

#[test]
fn months_seasons_years_and_decades() {
    let p = d(2022, 8, 31);
    let (t, s, e, pr) = one("The ministers met in mid-July in Tbilisi.", p);
    assert_eq!(
        (t.as_str(), s, e, pr),
        ("mid-July", d(2022, 7, 1), d(2022, 7, 31), Precision::Month)
    );
    let (_, s, e, pr) = one(
        "Six weeks of violence in the autumn of 2020 claimed lives.",
        p,
    );
    assert_eq!(
        (s, e, pr),
        (d(2020, 9, 1), d(2020, 11, 30), Precision::Season)
    );
    let cues = find_dates("two conflicts, one in the 1990s and one in 2020.", p);
    assert_eq!(cues.len(), 2);
    assert_eq!(cues[0].date.precision, Precision::Decade);
    assert_eq!(
        cues[0].date.range.unwrap(),
        (d(1990, 1, 1), d(1999, 12, 31))
    );
    assert_eq!(
        cues[1].date.range.unwrap(),
        (d(2020, 1, 1), d(2020, 12, 31))
    );
    let (t, s, e, pr) = one("Protests began in late 2019 in Tbilisi.", p);
    assert_eq!(
        (t.as_str(), s, e, pr),
        ("late 2019", d(2019, 1, 1), d(2019, 12, 31), Precision::Year)
    );
    let (_, s, _, _) = one("An agreement was reached in May, mediated by the EU.", p);
    assert_eq!(s, d(2022, 5, 1));
    // a month after publication belongs to the year before
    let (_, s, _, _) = one("Talks were held in December in Baku.", p);
    assert_eq!(s, d(2021, 12, 1));
}

#[test]
fn relative_days_weeks_and_months() {
    // Monday 12 March 2012
    let p = d(2012, 3, 12);
    let (_, s, _, _) = one("Abiyev visited Iran on Monday and promised", p);
    assert_eq!(s, p);
    let (_, s, e, pr) = one("Last week, their foreign ministers met.", p);
    assert_eq!((s, e, pr), (d(2012, 3, 5), d(2012, 3, 11), Precision::Week));
    let (_, s, e, pr) = one("Last month, Tehran summoned the ambassador.", p);
    assert_eq!(
        (s, e, pr),
        (d(2012, 2, 1), d(2012, 2, 29), Precision::Month)
    );
    let (_, s, _, _) = one("The drills ended last Tuesday near the border.", p);
    assert_eq!(s, d(2012, 3, 6));
    let (_, s, e, _) = one("The deal was signed earlier this month.", p);
    assert_eq!((s, e), (d(2012, 3, 1), p));
    let (_, s, e, pr) = one("The minister met him earlier this week.", d(2012, 3, 15));
    assert_eq!(
        (s, e, pr),
        (d(2012, 3, 12), d(2012, 3, 15), Precision::Week)
    );
    let (text, s, e, pr) = one(
        "Earlier in the week, border guards detained two drivers.",
        d(2012, 3, 15),
    );
    assert_eq!(
        (text.as_str(), s, e, pr),
        (
            "Earlier in the week",
            d(2012, 3, 12),
            d(2012, 3, 15),
            Precision::Week
        )
    );
    let (_, s, _, _) = one("He was detained three days ago.", p);
    assert_eq!(s, d(2012, 3, 9));
    // the anniversary, to the day: not a whole year nor the day of publication as well
    let (t, s, e, pr) = one(
        "Three years ago today, Azerbaijan launched an offensive.",
        d(2026, 9, 19),
    );
    assert_eq!(
        (t.as_str(), s, e, pr),
        (
            "Three years ago today",
            d(2023, 9, 19),
            d(2023, 9, 19),
            Precision::Day
        )
    );
    let (_, s, _, _) = one("A year ago today the road closed.", d(2024, 2, 29));
    assert_eq!(s, d(2023, 2, 28));
    let (_, s, e, _) = one("Relations soured in recent months.", p);
    assert_eq!((s, e), (d(2012, 1, 1), p));
    let (_, s, _, _) = one("Mustafayev's Sunday visit to Tehran", d(2021, 11, 22));
    assert_eq!(s, d(2021, 11, 21));
    let (_, s, _, _) = one("It happened yesterday in Ganja.", p);
    assert_eq!(s, d(2012, 3, 11));
}

#[test]
fn nothing_after_publication_and_no_false_dates() {
    let p = d(2021, 11, 22);
    assert!(find_dates("Talks will resume next Monday.", p).is_empty());
    assert!(find_dates("Over 6,500 lives were lost and 2000 soldiers moved.", p).is_empty());
    assert!(
        find_dates(
            "Visits on various levels will continue in the coming days.",
            p
        )
        .is_empty()
    );
    assert!(find_dates("Troops may march at the last moment.", p).is_empty());
    assert!(find_dates("The deal was worth USD 1.5 billion.", p).is_empty());
    // the rest of this month runs past publication: cut at the publication day
    let (_, s, e, _) = one("Earlier in November, the minister said so.", p);
    assert_eq!((s, e), (d(2021, 11, 1), p));
}

#[test]
fn ranges_between_two_expressions() {
    let p = d(2022, 8, 31);
    let (t, s, e, pr) = one("Fighting went on from 2018 to 2020 in the region.", p);
    assert_eq!(
        (t.as_str(), s, e, pr),
        (
            "2018 to 2020",
            d(2018, 1, 1),
            d(2020, 12, 31),
            Precision::Year
        )
    );
    let (_, s, e, pr) = one("Talks ran between March and May 2021 in Vienna.", p);
    assert_eq!(
        (s, e, pr),
        (d(2021, 3, 1), d(2021, 5, 31), Precision::Month)
    );
}

#[test]
fn ranges_lend_their_year_to_their_first_day_or_month() {
    let p = d(2022, 8, 10);
    let (t, s, e, pr) = one("From 27 September to 10 November 2020, war raged.", p);
    assert_eq!(
        (t.as_str(), s, e, pr),
        (
            "27 September to 10 November 2020",
            d(2020, 9, 27),
            d(2020, 11, 10),
            Precision::Day
        )
    );
    let (_, s, e, pr) = one("Snow fell from December to February 2021.", p);
    assert_eq!(
        (s, e, pr),
        (d(2020, 12, 1), d(2021, 2, 28), Precision::Month)
    );
    let (t, s, e, pr) = one("The war of 2020-2021 changed things.", p);
    assert_eq!(
        (t.as_str(), s, e, pr),
        ("2020-2021", d(2020, 1, 1), d(2021, 12, 31), Precision::Year)
    );
    let (t, s, e, _) = one("The summit was held in mid-2021.", p);
    assert_eq!(
        (t.as_str(), s, e),
        ("mid-2021", d(2021, 1, 1), d(2021, 12, 31))
    );
    assert!(find_dates("A 44-2020 score.", p).is_empty());
}

#[test]
fn weekends_and_last_night_are_days_before_publication() {
    let thursday = d(2022, 11, 17);
    let (t, s, e, pr) = one("Troops clashed over the weekend near Kalbajar.", thursday);
    assert_eq!(
        (t.as_str(), s, e, pr),
        (
            "the weekend",
            d(2022, 11, 12),
            d(2022, 11, 13),
            Precision::Day
        )
    );
    let (_, s, e, _) = one("The talks took place this past weekend.", thursday);
    assert_eq!((s, e), (d(2022, 11, 12), d(2022, 11, 13)));
    let (_, s, _, _) = one("They met last weekend.", thursday);
    assert_eq!(s, d(2022, 11, 12));
    // published on a Sunday: the weekend under way, and the one before it
    let sunday = d(2022, 11, 20);
    let (_, s, e, _) = one("Protesters rallied over the weekend.", sunday);
    assert_eq!((s, e), (d(2022, 11, 19), d(2022, 11, 20)));
    let (_, s, _, _) = one("They met last weekend.", sunday);
    assert_eq!(s, d(2022, 11, 12));
    let (_, s, _, _) = one("They meet this weekend.", sunday);
    assert_eq!(s, d(2022, 11, 19));
    // a weekend still to come is not reported
    assert!(find_dates("They meet this weekend.", thursday).is_empty());
    let (t, s, e, _) = one("Last night, shelling was reported.", thursday);
    assert_eq!(
        (t.as_str(), s, e),
        ("Last night", d(2022, 11, 16), d(2022, 11, 17))
    );
    let (t, s, e, _) = one("Clashes continued over the past week.", thursday);
    assert_eq!(
        (t.as_str(), s, e),
        ("the past week", d(2022, 11, 11), d(2022, 11, 17))
    );
    assert!(find_dates("It was the last week of the war.", thursday).is_empty());
    let (_, s, _, _) = one("Clashes continued over the last week.", thursday);
    assert_eq!(s, d(2022, 11, 11));
}

#[test]
fn a_year_that_opens_the_sentence_dates_its_days() {
    let p = d(2025, 10, 5);
    let s = "In 2023, after a one-day offensive on 19–20 September, the authorities agreed to dissolve.";
    let cues = find_dates(s, p);
    assert_eq!(
        cues.len(),
        1,
        "the framing year is not an event of its own: {cues:?}"
    );
    assert_eq!(cues[0].date.range, Some((d(2023, 9, 19), d(2023, 9, 20))));
    assert!(
        cues[0].date.note.contains("'In 2023'"),
        "{:?}",
        cues[0].date.note
    );
    let (t, st, _, pr) = one("During 2021, talks resumed in May.", p);
    assert_eq!(
        (t.as_str(), st, pr),
        ("May", d(2021, 5, 1), Precision::Month)
    );
    // a year alone still dates the sentence; a year that does not open it lends nothing
    let (_, st, _, pr) = one("In 2023, the offensive ended the conflict.", p);
    assert_eq!((st, pr), (d(2023, 1, 1), Precision::Year));
    let cues = find_dates("Trade rose in 2024, officials said on 12 March.", p);
    let starts: Vec<_> = cues
        .iter()
        .filter_map(|c| c.date.range.map(|r| r.0))
        .collect();
    assert_eq!(starts, vec![d(2024, 1, 1), d(2025, 3, 12)]);
}

#[test]
fn days_between_two_days_of_a_month_are_a_range() {
    let p = d(2024, 3, 7);
    let (t, s, e, pr) = one(
        "Heavy fighting was reported around Shushi between 4 and 8 November 2020.",
        p,
    );
    assert_eq!(
        (t.as_str(), s, e, pr),
        (
            "4 and 8 November 2020",
            d(2020, 11, 4),
            d(2020, 11, 8),
            Precision::Day
        )
    );
    // without "between", two days joined by "and" stay two days
    let cues = find_dates("Talks were held on 3 and 7 March 2021 in Baku.", p);
    let days: Vec<_> = cues.iter().filter_map(|c| c.date.range).collect();
    assert_eq!(
        days,
        vec![
            (d(2021, 3, 3), d(2021, 3, 3)),
            (d(2021, 3, 7), d(2021, 3, 7))
        ]
    );
    let cues = find_dates("Drills were held on 3, 5 and 7 March 2021 near Julfa.", p);
    let starts: Vec<_> = cues
        .iter()
        .filter_map(|c| c.date.range.map(|r| r.0))
        .collect();
    assert_eq!(starts, vec![d(2021, 3, 3), d(2021, 3, 5), d(2021, 3, 7)]);
    // a count beside a day is not a day
    let cues = find_dates("On 7 March, 3 soldiers and 5 civilians were hurt.", p);
    assert_eq!(cues.len(), 1, "{cues:?}");
}

#[test]
fn the_days_after_publication_are_found_as_written() {
    let sentence = "On September 7, 2023, a call took place; talks in May 2024 and on February 30, 2023 failed.";
    let later = |p| -> Vec<String> {
        dates_after(sentence, p)
            .into_iter()
            .map(|c| sentence[c.span].to_owned())
            .collect()
    };
    // a year early: both real days are after it; the impossible one is never a day
    assert_eq!(later(d(2022, 9, 8)), ["September 7, 2023", "May 2024"]);
    assert_eq!(later(d(2023, 9, 8)), ["May 2024"]);
    assert!(later(d(2024, 6, 1)).is_empty());
    // what is after publication dates nothing, and what is not is dated as before
    assert!(find_dates(sentence, d(2022, 9, 8)).is_empty());
}

#[test]
fn a_month_named_alone_that_comes_in_the_next_two_months_is_to_come() {
    let november = d(2024, 11, 30);
    let found = |s: &str, p| {
        find_dates(s, p)
            .into_iter()
            .map(|c| c.date.range)
            .collect::<Vec<_>>()
    };
    // "when her term ends in December", written in November: not December of the year before
    assert!(
        found(
            "She will not leave when her term ends in December.",
            november
        )
        .is_empty()
    );
    assert!(found("Elections are due in January.", november).is_empty());
    // three months ahead or more is the year before, as it was; "last December" too
    assert_eq!(
        found("Talks were held in February.", november),
        [Some((d(2024, 2, 1), d(2024, 2, 29)))]
    );
    assert_eq!(
        found("Talks were held last December.", november),
        [Some((d(2023, 12, 1), d(2023, 12, 31)))]
    );
    assert_eq!(
        found("Talks were held in March.", d(2024, 12, 5)),
        [Some((d(2024, 3, 1), d(2024, 3, 31)))]
    );
}
