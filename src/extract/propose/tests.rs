//! Proposals dated from the day told before ("two days later", "the next day").

use crate::extract::{Article, ArticleKind, Extraction, Extractor, Options};
use crate::model::Event;
use chrono::NaiveDate;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, m, d).unwrap_or_default()
}

fn article(text: &str, published: NaiveDate) -> Article {
    Article::from_raw("t.txt", text, ArticleKind::Text, published).unwrap_or_else(|e| panic!("{e}"))
}

fn read(text: &str, published: NaiveDate) -> Extraction {
    Extractor::bundled().propose(&article(text, published), Options::default())
}

/// A proposal's place, date range and date wording.
type Dated = (String, Option<(NaiveDate, NaiveDate)>, String);

/// The first proposal of `x` that `wanted` picks; the test fails naming them all when none does.
fn proposal_where(x: &Extraction, wanted: impl Fn(&Event) -> bool) -> &Event {
    x.proposals
        .iter()
        .map(|p| &p.event)
        .find(|e| wanted(e))
        .unwrap_or_else(|| panic!("{:?}", dated(x)))
}

/// Each proposal's place, date range and date wording.
fn dated(x: &Extraction) -> Vec<Dated> {
    x.proposals
        .iter()
        .map(|p| {
            (
                p.event.place.clone(),
                p.event.date.range,
                p.event.date.text.clone(),
            )
        })
        .collect()
}

#[test]
fn a_count_of_days_moves_from_the_day_told_before_and_chains() {
    let x = read(
        "On 14 March 2024, border commissions met in Baku. Two days later, Iran's foreign minister visited Yerevan. The next day he travelled to Tbilisi.",
        day(3, 20),
    );
    assert_eq!(
        dated(&x),
        vec![
            (
                "baku".to_owned(),
                Some((day(3, 14), day(3, 14))),
                "14 March 2024".to_owned()
            ),
            (
                "yerevan".to_owned(),
                Some((day(3, 16), day(3, 16))),
                "Two days later".to_owned()
            ),
            (
                "tbilisi".to_owned(),
                Some((day(3, 17), day(3, 17))),
                "The next day".to_owned()
            ),
        ]
    );
    assert_eq!(
        x.proposals[1].event.date.note,
        "'Two days later': 2 days after 14 March 2024, the day sentence 1 tells."
    );
}

#[test]
fn a_day_told_by_a_sentence_left_unplaced_still_counts() {
    let x = read(
        "On 14 March 2024, border commissions met in Gazakh. Two days later, Iran's foreign minister visited Baku.",
        day(3, 20),
    );
    assert_eq!(x.left_out.len(), 1, "{:?}", x.left_out);
    assert_eq!(x.left_out[0].number, 1);
    assert_eq!(
        dated(&x),
        vec![(
            "baku".to_owned(),
            Some((day(3, 16), day(3, 16))),
            "Two days later".to_owned()
        )]
    );
}

#[test]
fn no_day_is_invented_from_a_month_or_past_publication() {
    // a month is no day to count two days from
    let x = read(
        "In March 2024, border commissions met in Baku. Two days later, Iran's foreign minister visited Yerevan.",
        day(4, 20),
    );
    let yerevan = x.proposals.iter().find(|p| p.event.place == "yerevan");
    assert!(
        yerevan.is_none_or(|p| p.event.date.text != "Two days later"),
        "{:?}",
        dated(&x)
    );
    // a day after publication dates nothing, and is named among the days after publication
    let x = read(
        "On 14 March 2024, border commissions met in Baku. Two days later, Iran's foreign minister visited Yerevan.",
        day(3, 15),
    );
    assert!(
        dated(&x)
            .iter()
            .all(|(_, range, _)| *range != Some((day(3, 16), day(3, 16)))),
        "{:?}",
        dated(&x)
    );
    assert_eq!(
        x.after_publication,
        vec!["'Two days later' (sentence 2)".to_owned()]
    );
}

#[test]
fn a_draft_of_selected_text_counts_from_the_day_told_before() {
    let text = "On 14 March 2024, border commissions met in Baku. Two days later, Iran's foreign minister visited Yerevan.";
    let start = text.find("Two").unwrap_or_default();
    let draft = Extractor::bundled().draft(
        &article(text, day(3, 20)),
        start..text.len(),
        Options::default(),
    );
    assert_eq!(draft.event.date.range, Some((day(3, 16), day(3, 16))));
}

#[test]
fn a_state_held_since_a_month_does_not_hide_the_day_told_before() {
    let x = read(
        "On 11 June 2024, Azerbaijan and Iran agreed in Baku to reopen the crossing. The crossing had been closed since March 2020. A day earlier, Iran's foreign minister met the president in Baku.",
        day(6, 12),
    );
    let earlier = proposal_where(&x, |e| e.date.text == "A day earlier");
    assert_eq!(earlier.date.range, Some((day(6, 10), day(6, 10))));
}

#[test]
fn a_sentence_opening_with_the_agreement_continues_the_agreement_told_before() {
    let x = read(
        "Azerbaijan and Iran agreed on 11 June 2024 to reopen the Astara crossing. The agreement was signed in Baku by the deputy prime ministers.",
        day(6, 12),
    );
    let signed = proposal_where(&x, |e| e.title.starts_with("The agreement"));
    assert_eq!(signed.date.range, Some((day(6, 11), day(6, 11))));
    assert!(
        signed.date.note.contains("it opens with 'The agreement'"),
        "{}",
        signed.date.note
    );
}

#[test]
fn a_byline_years_before_the_publication_date_is_pointed_out_and_offered() {
    let text = "Ministers meet in Moscow\n\nBy our correspondent · 4 December 2019\n\nThe ministers met in Baku on 28 November, the ministry said.";
    let wrong = read(text, day(3, 14));
    let byline = NaiveDate::from_ymd_opt(2019, 12, 4).unwrap_or_default();
    assert_eq!(wrong.own_date_line, Some(byline));
    let warning = wrong.publication_warning(day(3, 14)).unwrap_or_default();
    assert!(
        warning.starts_with(
            "The article's own date line gives 4 December 2019, not the publication date 2024-03-14"
        ),
        "{warning}"
    );
    // read with the byline's day, the year-less day takes its year and nothing is said
    let right = read(text, byline);
    assert_eq!(right.own_date_line, None);
    assert_eq!(right.publication_warning(byline), None);
    let met = proposal_where(&right, |e| e.place == "baku");
    let nov = NaiveDate::from_ymd_opt(2019, 11, 28).unwrap_or_default();
    assert_eq!(met.date.range, Some((nov, nov)));
}

#[test]
fn a_dateline_a_day_or_two_early_is_filed_copy_and_says_nothing() {
    let text = "BAKU, 12 June 2024 — Azerbaijan and Iran agreed on Tuesday to reopen the crossing, officials said.";
    assert_eq!(read(text, day(6, 13)).own_date_line, None);
    assert_eq!(read(text, day(6, 14)).own_date_line, None);
    assert_eq!(read(text, day(6, 20)).own_date_line, Some(day(6, 12)));
    // a dateline without its year says nothing of the year
    let yearless = "BAKU, 12 June — Azerbaijan and Iran agreed on Tuesday to reopen the crossing.";
    assert_eq!(read(yearless, day(6, 20)).own_date_line, None);
}

#[test]
fn no_seed_article_s_date_line_contradicts_its_publication_date() {
    for seed in crate::extract::quality::seeds() {
        let x = Extractor::bundled().propose(&seed.article, Options::default());
        assert_eq!(x.own_date_line, None, "{}", seed.article.document);
    }
}

/// Each proposal's place, first day, actors and title.
fn told(x: &Extraction) -> Vec<(String, Option<NaiveDate>, Vec<String>, String)> {
    x.proposals
        .iter()
        .map(|p| {
            let e = &p.event;
            let first = e.date.range.map(|r| r.0);
            (e.place.clone(), first, e.actors.clone(), e.title.clone())
        })
        .collect()
}

/// Each proposal's place and first day.
fn placed_on(x: &Extraction) -> Vec<(String, Option<NaiveDate>)> {
    told(x).into_iter().map(|t| (t.0, t.1)).collect()
}

#[test]
fn two_clauses_each_with_its_date_and_place_make_two_events_each_with_its_own_actor() {
    let x = read(
        "Azerbaijan's president Ilham Aliyev visited Tehran on 3 May, and Armenia's prime minister Nikol Pashinyan held talks in Moscow on 5 May.",
        day(5, 10),
    );
    let told = told(&x);
    let at = |place: &str, d: u32, who: &str| {
        told.iter()
            .any(|t| t.0 == place && t.1 == Some(day(5, d)) && t.2 == [who.to_owned()])
    };
    // before, Tehran on 3 and 5 May and Moscow on 3 May, each with both leaders
    assert_eq!(told.len(), 2, "{told:?}");
    assert!(at("tehran", 3, "Ilham Aliyev"), "{told:?}");
    assert!(at("moscow", 5, "Nikol Pashinyan"), "{told:?}");
    assert_eq!(
        told[1].3,
        "Armenia's prime minister Nikol Pashinyan held talks in Moscow on 5 May."
    );
    let moscow = proposal_where(&x, |e| e.place == "moscow");
    assert!(
        moscow
            .notes
            .contains("the place the sentence names with '5 May'"),
        "{}",
        moscow.notes
    );
}

#[test]
fn a_list_of_places_each_with_its_day_dates_each_place_by_its_own_day() {
    let x = read(
        "Turkey's foreign minister visited Tbilisi on 9 May, Baku on 10 May and Yerevan on 11 May.",
        day(5, 20),
    );
    let told = told(&x);
    // before, all three days at Tbilisi, the only place written as where it happened
    assert_eq!(
        placed_on(&x),
        [
            ("tbilisi".to_owned(), Some(day(5, 9))),
            ("baku".to_owned(), Some(day(5, 10))),
            ("yerevan".to_owned(), Some(day(5, 11)))
        ]
    );
    assert_eq!(
        told[1].3,
        "Turkey's foreign minister visited … Baku on 10 May"
    );
    assert!(told.iter().all(|t| t.2 == ["Turkey"]), "{told:?}");
}

#[test]
fn places_and_days_not_named_in_turn_are_read_every_day_at_every_place() {
    let x = read("Talks were held in Baku on 3 May and 5 May.", day(5, 20));
    let places = placed_on(&x);
    assert_eq!(
        places,
        [
            ("baku".to_owned(), Some(day(5, 3))),
            ("baku".to_owned(), Some(day(5, 5)))
        ]
    );
}

#[test]
fn a_clause_placed_in_a_name_the_gazetteer_lacks_does_not_take_another_clause_s_place() {
    let x = read(
        "Azerbaijan's president Ilham Aliyev met Vladimir Putin in Moscow on 22 April and Recep Tayyip Erdogan in Ankara on 24 April.",
        day(5, 20),
    );
    // before, Moscow on both days
    let places = placed_on(&x);
    assert_eq!(places, [("moscow".to_owned(), Some(day(4, 22)))]);
    // the event kept is told by its own clause
    assert_eq!(
        told(&x)[0].3,
        "Azerbaijan's president Ilham Aliyev met Vladimir Putin in Moscow on 22 April"
    );
    let [out] = &x.left_out[..] else {
        panic!("{:?}", x.left_out);
    };
    assert!(
        out.why
            .contains("no place for '24 April': 'Ankara' is not in the gazetteer"),
        "{}",
        out.why
    );
    let [event] = &out.events[..] else {
        panic!("{:?}", out.events);
    };
    assert_eq!(event.date.range, Some((day(4, 24), day(4, 24))));
    assert!(!event.is_placed());
    assert_eq!(event.title, "Recep Tayyip Erdogan in Ankara on 24 April.");
}

#[test]
fn a_later_clause_that_names_no_place_keeps_the_sentence_s_place() {
    let x = read(
        "Officials met in Baku on 3 May, and again on 5 May.",
        day(5, 20),
    );
    let places = placed_on(&x);
    assert_eq!(
        places,
        [
            ("baku".to_owned(), Some(day(5, 3))),
            ("baku".to_owned(), Some(day(5, 5)))
        ]
    );
    assert!(x.left_out.is_empty(), "{:?}", x.left_out);
}

#[test]
fn fighting_told_by_one_side_at_a_place_the_gazetteer_lacks_is_that_side_s_claim_in_its_country() {
    let text = "Armenia accuses Azerbaijan of ceasefire violation\n\n\
                YEREVAN, 12 September 2024 (Example News) - Azerbaijani forces violated the \
                ceasefire near Jermuk on Monday, according to Yerevan.\n\n\
                Baku said Armenian units had shelled its positions near Kalbajar the same day.\n\n\
                Moscow said it was ready to help, Kremlin spokesman Dmitry \
                Peskov said on Tuesday.";
    let x = read(text, day(9, 13));
    let summary: Vec<(String, String, bool, Option<String>)> = x
        .proposals
        .iter()
        .map(|p| {
            let e = &p.event;
            let category = e.category.as_str().to_owned();
            (e.place.clone(), category, e.verified, e.claimed_by.clone())
        })
        .collect();
    let claim = |place: &str, category: &str, verified: bool, by: &str| {
        (
            place.to_owned(),
            category.to_owned(),
            verified,
            Some(by.to_owned()),
        )
    };
    assert_eq!(
        summary,
        [
            // a ceasefire broken is fighting; the acting side's country is not where it was,
            // the country of who tells it stands in for Jermuk
            claim("armenia", "military", false, "Yerevan"),
            // a capital speaks for its government, and a place of its own keeps the sentence
            // from taking the place of the one it continues
            claim("azerbaijan", "military", false, "Baku"),
            // a capital gives way to the speaker the sentence names after it
            claim(
                "moscow",
                "statement",
                true,
                "Kremlin spokesman Dmitry Peskov"
            ),
        ]
    );
    let jermuk = &x.proposals[0].event;
    assert!(
        jermuk.notes.contains(
            "it tells of military at 'Jermuk', which the gazetteer does not hold: placed in the \
             country of who tells it (approximate), place it by hand"
        ),
        "{}",
        jermuk.notes
    );
}

#[test]
fn a_village_named_after_its_kind_is_the_place_the_gazetteer_lacks() {
    let text = "On February 13, four Armenian soldiers were killed in an exchange of fire near \
                the village of Nerkin Hand in Armenia's Syunik province, the Armenian Defense \
                Ministry said at the time.";
    let x = read(text, day(3, 12));
    let killed = proposal_where(&x, |e| e.title.contains("soldiers were killed"));
    assert_eq!(killed.place, "armenia");
    assert!(
        killed
            .notes
            .contains("the sentence names 'Nerkin Hand', which the gazetteer does not hold"),
        "{}",
        killed.notes
    );
}

#[test]
fn a_bridge_over_a_river_its_ceremony_an_attack_told_in_an_after_phrase_and_a_summit_abroad() {
    let text = "Iran, Azerbaijan open new bridge over Aras river\n\n\
                TEHRAN, Oct 5 (Reuters) - Iran and Azerbaijan inaugurated a road bridge over the \
                Aras river on Saturday, Iranian state media reported.\n\n\
                Iranian Roads Minister Farzaneh Sadegh and Azerbaijani Deputy Prime Minister \
                Shahin Mustafayev attended the ceremony, according to IRNA.\n\n\
                Relations between Baku and Tehran were strained after a gunman attacked \
                Azerbaijan's embassy in Tehran in January 2023, killing its head of security.\n\n\
                Last month, Azerbaijani President Ilham Aliyev met Iranian President Masoud \
                Pezeshkian on the sidelines of a summit in Ashgabat.";
    let x = read(text, day(10, 6));
    let month = |m: u32| Some(day(m, 1));
    let january_2023 = NaiveDate::from_ymd_opt(2023, 1, 1);
    assert_eq!(
        placed_on(&x),
        [
            // "over" a river puts the event on it
            ("aras".to_owned(), Some(day(10, 5))),
            // those who attended the ceremony attended the one told before
            ("aras".to_owned(), Some(day(10, 5))),
            // the attack the after-phrase dates is where that phrase says
            ("tehran".to_owned(), january_2023),
            // a summit abroad in a place the gazetteer lacks is not in Aliyev's country
            ("tehran".to_owned(), month(9)),
        ]
    );
    let summit = &x.proposals[3].event;
    assert!(
        summit.notes.contains("standing in for 'Ashgabat'"),
        "{}",
        summit.notes
    );
    assert_eq!(
        x.proposals[1].event.category,
        crate::model::Category::Diplomacy
    );
}

#[test]
fn the_two_leaders_continue_the_pair_told_before_and_an_apposition_gives_the_speaker_s_country() {
    let text = "WASHINGTON, August 9, 2025 - Armenian Prime Minister Nikol Pashinyan and \
                Azerbaijani President Ilham Aliyev initialed a peace agreement at the White \
                House on Friday.\n\n\
                Iran's foreign ministry warned on Saturday that it would oppose any change to \
                the region's borders.\n\n\
                \"We will not allow a corridor on our northern border,\" said Ali Akbar \
                Velayati, an adviser to Iran's Supreme Leader.\n\n\
                The two leaders also signed a joint declaration in the presence of the US \
                president.";
    let x = read(
        text,
        NaiveDate::from_ymd_opt(2025, 8, 9).unwrap_or_default(),
    );
    let told: Vec<(String, Option<NaiveDate>, String)> = x
        .proposals
        .iter()
        .map(|p| {
            let e = &p.event;
            (e.place.clone(), e.date.range.map(|r| r.0), e.title.clone())
        })
        .collect();
    let friday = NaiveDate::from_ymd_opt(2025, 8, 8);
    assert_eq!(told.len(), 4, "{told:?}");
    assert_eq!((told[2].0.as_str(), told[2].1), ("iran", None), "{told:?}");
    assert!(
        told[2].2.starts_with("\"We will not allow a corridor"),
        "{told:?}"
    );
    assert_eq!(told[3].0, told[0].0, "{told:?}");
    assert_eq!((told[0].1, told[3].1), (friday, friday), "{told:?}");
}

#[test]
fn an_announcement_in_an_after_clause_does_not_credit_the_main_clause() {
    let text = "TBILISI, 30 November 2024 - The protests began on Thursday after Prime Minister \
                Irakli Kobakhidze announced that Georgia would suspend talks on joining the \
                European Union.";
    let x = read(text, day(11, 30));
    let e = proposal_where(&x, |e| e.title.starts_with("The protests began"));
    assert_eq!((e.verified, e.claimed_by.as_deref()), (true, None));
    assert_eq!(e.date.range, Some((day(11, 28), day(11, 28))));
    assert_eq!(e.category, crate::model::Category::Protest);
}

#[test]
fn a_dated_sentence_with_nothing_read_as_an_event_is_listed_as_left_out() {
    let text = "The weather turned cold on 3 March 2024.";
    let x = read(text, day(3, 10));
    assert!(x.proposals.is_empty());
    let [left] = x.left_out.as_slice() else {
        panic!("{:?}", x.left_out)
    };
    assert!(
        left.why.starts_with(
            "sentence 1: a date, but no word that tells what happened and no one or no place named"
        ),
        "{}",
        left.why
    );
    // what was read stays with it for the reviewer to add
    let [event] = left.events.as_slice() else {
        panic!("{:?}", left.events)
    };
    assert_eq!(event.date.range, Some((day(3, 3), day(3, 3))));
}

#[test]
fn the_border_between_the_two_countries_is_the_border_of_the_two_named_last() {
    let text = "TABRIZ, 12 March 2024 - Iranian and Azerbaijani officials signed a memorandum on \
                Monday.\n\nThe signing took place on the border between the two countries.";
    let x = read(text, day(3, 12));
    let e = proposal_where(&x, |e| e.title.starts_with("The signing"));
    assert_eq!(e.place, "iran-azerbaijan-border");
    assert_eq!(
        e.date.range,
        Some((day(3, 11), day(3, 11))),
        "it continues the signing"
    );
    // a border the gazetteer lacks places nothing, and the left-out list says which
    let text = "YEREVAN, 12 March 2024 - Armenian and Azerbaijani officials signed a memorandum \
                on Monday.\n\nThe signing took place on the border between the two countries.";
    let x = read(text, day(3, 12));
    assert!(
        x.proposals
            .iter()
            .all(|p| !p.event.title.starts_with("The signing"))
    );
    assert!(
        x.left_out.iter().any(|l| l
            .why
            .contains("no place: 'the border of Armenia and Azerbaijan' is not in the gazetteer")),
        "{:?}",
        x.left_out
    );
}

#[test]
fn the_embassy_named_again_stands_where_it_was_named() {
    let text = "A gunman attacked Azerbaijan's embassy in Tehran in January 2023.\n\n\
                Azerbaijan reopened the embassy in July 2024.\n\n\
                Azerbaijan opened an embassy in Baku in May 2024.";
    let x = read(text, day(10, 6));
    let reopened = proposal_where(&x, |e| e.title.starts_with("Azerbaijan reopened"));
    assert_eq!(reopened.place, "tehran");
    assert!(
        reopened
            .notes
            .contains("'the embassy' (the embassy named in sentence 1)"),
        "{}",
        reopened.notes
    );
    // an embassy named with a place of its own stands there
    let opened = proposal_where(&x, |e| e.title.starts_with("Azerbaijan opened"));
    assert_eq!(opened.place, "baku");
}

#[test]
fn a_surname_that_opens_a_sentence_is_its_speaker_and_he_after_it() {
    let text = "MOSCOW, June 4. /TASS/. Russian Foreign Minister Sergey Lavrov held talks with \
                Armenian Foreign Minister Ararat Mirzoyan in Moscow on Tuesday.\n\n\
                Earlier, on May 25, Armenian Prime Minister Nikol Pashinyan said Yerevan had \
                frozen its part in the Collective Security Treaty Organization.\n\n\
                Lavrov also said Moscow was ready to help with the delimitation of the border \
                between the two countries.\n\n\
                \"We are ready,\" he told reporters.";
    let x = read(text, day(6, 4));
    let lavrov = proposal_where(&x, |e| e.title.starts_with("Lavrov also said"));
    assert_eq!(lavrov.claimed_by.as_deref(), Some("Lavrov"));
    // the border is what he spoke of, not where: the statement is not left out for want of it
    assert_eq!(lavrov.place, "moscow");
    let told = proposal_where(&x, |e| e.title.contains("he told reporters"));
    assert_eq!(told.claimed_by.as_deref(), Some("Sergey Lavrov"));
    // a word of a body's name is not what happened
    let frozen = proposal_where(&x, |e| e.title.starts_with("Armenian Prime Minister"));
    assert_eq!(frozen.category, crate::model::Category::Statement);
    // the dateline alone is no event, and says why it is left out
    assert!(
        x.left_out
            .iter()
            .any(|l| l.why.starts_with("sentence 1: the dateline")),
        "{:?}",
        x.left_out
    );
}

#[test]
fn the_ministers_continue_their_talks_and_what_was_announced_is_in_the_title() {
    let text = "Baku, Azerbaijan, March 12. Russian Foreign Minister Sergey Lavrov held talks \
                with Armenian Foreign Minister Ararat Mirzoyan in Moscow on Tuesday.\n\n\
                The ministers discussed a peace treaty, the ministry said.\n\n\
                Azerbaijan and Armenia announced on March 5 that they had agreed the text.";
    let x = read(text, day(3, 12));
    assert!(
        x.proposals
            .iter()
            .all(|p| !p.event.title.starts_with("Baku"))
    );
    let discussed = proposal_where(&x, |e| e.title.starts_with("The ministers"));
    assert_eq!(discussed.place, "moscow");
    assert_eq!(discussed.date.range, Some((day(3, 12), day(3, 12))));
    let announced = proposal_where(&x, |e| e.title.starts_with("Azerbaijan and Armenia"));
    assert!(
        announced.title.contains("that they had agreed the text"),
        "{}",
        announced.title
    );
}

#[test]
fn an_anniversary_a_square_of_a_city_and_a_speaker_s_aside_place_their_events() {
    let text = "Three years ago today, Azerbaijan launched a one-day offensive.\n\n\
                Opposition groups held a rally in Yerevan's Republic Square on Sunday, demanding \
                the release of leaders held in Baku.\n\n\
                Azerbaijani President Ilham Aliyev, speaking in Shusha last week, said the road \
                would open soon.";
    let x = read(text, day(9, 19));
    let offensive = proposal_where(&x, |e| e.title.contains("offensive"));
    assert_eq!(
        offensive.date.range,
        Some((
            NaiveDate::from_ymd_opt(2021, 9, 19).unwrap_or_default(),
            NaiveDate::from_ymd_opt(2021, 9, 19).unwrap_or_default()
        ))
    );
    assert_eq!(
        x.proposals.len(),
        3,
        "one event for the anniversary: {:?}",
        dated(&x)
    );
    let rally = proposal_where(&x, |e| e.title.contains("rally"));
    assert_eq!(rally.place, "yerevan");
    let said = proposal_where(&x, |e| e.title.contains("speaking in Shusha"));
    assert_eq!(said.place, "shusha");
    assert_eq!(
        said.claimed_by.as_deref(),
        Some("Azerbaijani President Ilham Aliyev")
    );
}

#[test]
fn the_three_ministers_after_who_tells_it_continue_the_meeting() {
    let text = "The foreign ministers of Georgia, Azerbaijan and Turkey met in Tbilisi on 14 May.\n\n\
                According to the Georgian Foreign Ministry, the three ministers signed a joint \
                declaration on transport.";
    let x = read(text, day(5, 15));
    let signed = proposal_where(&x, |e| e.title.contains("signed a joint declaration"));
    assert_eq!(signed.place, "tbilisi");
    assert_eq!(signed.date.range, Some((day(5, 14), day(5, 14))));
}

#[test]
fn a_host_receiving_her_counterparts_continues_the_meeting() {
    let text = "The foreign ministers of Georgia, Azerbaijan and Turkey met in Tbilisi on 14 May.\n\n\
                Georgian Foreign Minister Maka Botchorishvili hosted her counterparts Jeyhun \
                Bayramov and Hakan Fidan.";
    let x = read(text, day(5, 15));
    let hosted = proposal_where(&x, |e| e.title.contains("hosted her counterparts"));
    assert_eq!(hosted.place, "tbilisi");
    assert_eq!(hosted.date.range, Some((day(5, 14), day(5, 14))));
    assert!(
        hosted.date.note.contains("her counterparts"),
        "{}",
        hosted.date.note
    );
    assert_eq!(
        hosted.actors,
        ["Maka Botchorishvili", "Jeyhun Bayramov", "Hakan Fidan"]
    );
}

#[test]
fn what_a_summons_protests_is_not_where_the_summons_was() {
    let text = "TEHRAN (AP) — Iran summoned Azerbaijan's ambassador on Wednesday to protest what \
                it called the violation of its airspace by a drone near the border, Iranian \
                state television reported.";
    let x = read(text, day(4, 10));
    let summons = proposal_where(&x, |e| e.title.contains("summoned"));
    assert_eq!(summons.place, "tehran");
    assert_eq!(summons.date.range, Some((day(4, 10), day(4, 10))));
}
