//! Places found in sentences with the bundled gazetteer.

use super::*;

fn found(sentence: &str) -> Vec<(String, String, bool)> {
    let g = Gazetteer::bundled();
    find_places(&g, sentence)
        .into_iter()
        .map(|m| (g.places[m.place].place.id.clone(), m.cue, m.locative))
        .collect()
}

fn ids(sentence: &str) -> Vec<String> {
    found(sentence).into_iter().map(|(id, _, _)| id).collect()
}

#[test]
fn adjectives_are_not_places() {
    assert_eq!(
        ids("The Azerbaijani Defense Ministry said Iranian and Armenian troops moved."),
        Vec::<String>::new()
    );
    assert_eq!(
        ids("Iran's deep concerns about Azerbaijan"),
        ["iran", "azerbaijan"]
    );
}

#[test]
fn locative_words_and_apposition() {
    let got = found("Iran opened an Iranian consulate in Kapan, Armenia, last year.");
    assert_eq!(got[0], ("iran".to_owned(), "Iran".to_owned(), false));
    assert_eq!(got[1], ("kapan".to_owned(), "in Kapan".to_owned(), true));
    assert_eq!(got[2].0, "armenia");
    assert!(
        got[2].2,
        "Armenia in apposition to a locative place is locative"
    );
    let got = found("The foreign ministers met in the Georgian capital, Tbilisi, in a first talk.");
    assert_eq!(got[0].0, "tbilisi");
    assert!(got[0].2);
    let got = found("Abiyev visited Iran on Monday amid tension between Tehran and Baku.");
    assert_eq!(got[0], ("iran".to_owned(), "visited Iran".to_owned(), true));
    assert!(!got[1].2 && !got[2].2);
    let got =
        found("The recent visit of Azerbaijan's Deputy Prime Minister Shahin Mustafayev to Iran");
    assert_eq!(got[1].0, "iran");
    assert!(got[1].2);
    assert!(!got[0].2, "a possessive country is an owner, not a place");
}

#[test]
fn districts_corridors_and_ambiguous_names() {
    let got =
        found("Karabakh troops attacked army posts in the district of Lachin, officials said.");
    assert_eq!(got[0].0, "nagorno-karabakh");
    assert!(!got[0].2);
    assert_eq!(
        got[1],
        (
            "lachin".to_owned(),
            "in the district of Lachin".to_owned(),
            true
        )
    );
    let g = Gazetteer::bundled();
    let m = find_places(&g, "Trucks queued on the Lachin corridor for days.");
    assert_eq!(g.places[m[0].place].place.id, "lachin");
    assert_eq!(m[0].shape.as_deref(), Some("Lachin corridor"));
    assert!(m[0].locative);
    assert_eq!(m[0].cue, "on the Lachin corridor");
    let got = found("They met in the Azerbaijan exclave of Nakhchivan.");
    assert_eq!(
        got[0],
        ("azerbaijan".to_owned(), "Azerbaijan".to_owned(), false)
    );
    assert_eq!(got[1].0, "nakhchivan-ar");
    assert!(got[1].2);
    assert_eq!(ids("Drills were held in Nakhchivan city."), ["nakhchivan"]);
    assert_eq!(
        ids("Residents of Stepanakert and Shushi gathered."),
        ["khankendi", "shusha"]
    );
}

#[test]
fn borders_by_adjectives_owners_and_pairs() {
    assert_eq!(
        ids("Iran held drills on the Iranian-Azerbaijani border."),
        ["iran", "iran-azerbaijan-border"]
    );
    let got =
        found("with Tehran alleging the presence of Israeli troops on its border with Azerbaijan");
    assert_eq!(got[1].0, "iran-azerbaijan-border");
    assert!(got[1].2);
    assert_eq!(
        ids("Shots were fired on the Armenian-Azerbaijani border."),
        ["armenia-azerbaijan-border"]
    );
    assert_eq!(
        ids("Tension rose along the border between Armenia and Azerbaijan."),
        ["armenia-azerbaijan-border"]
    );
}

#[test]
fn a_country_s_capital_without_its_name_is_the_capital() {
    let got =
        found("Bayramov met his Iranian counterpart in the Azerbaijani capital on Wednesday.");
    assert_eq!(
        got,
        [(
            "baku".to_owned(),
            "in the Azerbaijani capital".to_owned(),
            true
        )]
    );
    assert_eq!(ids("Officials gathered in Iran's capital."), ["tehran"]);
    assert_eq!(
        ids("The talks were held in the capital of Armenia last week."),
        ["yerevan"]
    );
    // the city's own name follows: it is the mention
    assert_eq!(
        found("They met in the Georgian capital, Tbilisi.")[0],
        (
            "tbilisi".to_owned(),
            "in the Georgian capital, Tbilisi".to_owned(),
            true
        )
    );
    // a capital the gazetteer's notes do not name is not invented
    assert_eq!(
        ids("They met in the Turkish capital."),
        Vec::<String>::new()
    );
}

#[test]
fn a_compass_word_makes_a_country_s_name_another_place() {
    assert_eq!(
        ids("Officials of East Azerbaijan province met in Tabriz."),
        ["tabriz"]
    );
    assert_eq!(
        ids("Baku raised the issue of \"South Azerbaijan\" in Azerbaijan."),
        ["baku", "azerbaijan"]
    );
}

#[test]
fn the_border_of_the_two_countries_a_sentence_names() {
    let got = found("Azerbaijani and Armenian troops clashed along the border on Tuesday.");
    assert_eq!(
        got,
        [(
            "armenia-azerbaijan-border".to_owned(),
            "along the border".to_owned(),
            true
        )]
    );
    // three countries: no telling whose border
    assert_eq!(
        ids("Iranian, Azerbaijani and Armenian officials met at the border."),
        Vec::<String>::new()
    );
}

#[test]
fn a_consulate_general_is_a_building_a_consul_general_a_title() {
    assert_eq!(
        found("Iran opened a consulate general in Kapan last year.")[1],
        ("kapan".to_owned(), "in Kapan".to_owned(), true)
    );
    assert!(!found("Iran's consul general in Kapan spoke.")[1].2);
}

#[test]
fn a_country_s_border_in_a_sentence_naming_one_other_country() {
    assert_eq!(
        ids("In October 2022, Iran staged military exercises near the Azerbaijani border."),
        ["iran", "iran-azerbaijan-border"]
    );
}

#[test]
fn the_target_of_an_attack_is_where_it_happened() {
    let got = found("Soldiers were killed in the attacks on Jermuk, Goris and Kapan on Tuesday.");
    let located: Vec<(&str, bool)> = got.iter().map(|(id, _, l)| (id.as_str(), *l)).collect();
    assert_eq!(located, [("goris", true), ("kapan", true)], "{got:?}");
    assert_eq!(
        found("The shelling of Kapan began at dawn.")[0],
        ("kapan".to_owned(), "shelling of Kapan".to_owned(), true)
    );
    assert!(found("Troops shelled Goris overnight.")[0].2);
    assert!(found("Forces shelled the towns of Goris and Kapan overnight.")[0].2);
    // a talk on a place, or a place of a country, is not an attack's target
    assert!(!found("The report on Goris was published.")[0].2);
    assert!(!found("The mayor of Kapan spoke.")[0].2);
}

#[test]
fn a_border_with_a_country_by_its_formal_name() {
    assert_eq!(
        ids("Iranian troops held drills near the border with the Republic of Azerbaijan."),
        ["iran-azerbaijan-border"]
    );
    assert_eq!(
        ids("Azerbaijani units moved to the border with the Islamic Republic of Iran."),
        ["iran-azerbaijan-border"]
    );
}
