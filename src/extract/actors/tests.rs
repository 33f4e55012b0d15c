//! Actors found in sentences, known or recognised by shape.

use super::*;

fn found(sentence: &str) -> Vec<(String, ActorKind, Option<String>)> {
    ActorIndex::bundled()
        .find(sentence)
        .into_iter()
        .map(|a| (a.name, a.kind, a.country))
        .collect()
}

#[test]
fn known_names_and_surnames() {
    let got =
        found("Anyway, Abiyev also laid flowers and met Iranian President Mahmoud Ahmadinejad.");
    assert_eq!(got[0], ("Abiyev".to_owned(), ActorKind::Person, None));
    assert_eq!(
        got[1],
        (
            "Mahmoud Ahmadinejad".to_owned(),
            ActorKind::Person,
            Some("Iran".to_owned())
        )
    );
}

#[test]
fn new_names_by_their_titles_and_bodies_by_their_nouns() {
    let got = found(
        "Georgian Prime Minister Irakli Kobakhidze met the Turkish Defense Ministry delegation.",
    );
    assert_eq!(
        got[0],
        (
            "Irakli Kobakhidze".to_owned(),
            ActorKind::Person,
            Some("Georgia".to_owned())
        )
    );
    assert_eq!(
        got[1],
        (
            "Turkish Defense Ministry".to_owned(),
            ActorKind::Body,
            Some("Turkey".to_owned())
        )
    );
    let got = found("Iran’s Foreign Ministry spokesman Saeed Khatibzadeh said so.");
    assert!(
        got.iter()
            .any(|a| a.0 == "Iran’s Foreign Ministry" && a.1 == ActorKind::Body)
    );
    assert!(
        got.iter()
            .any(|a| a.0 == "Saeed Khatibzadeh" && a.2.as_deref() == Some("Iran"))
    );
    let got = found(
        "a call between the Minister of Foreign Affairs of the Republic of Azerbaijan, Jeyhun Bayramov, and Yuri Kim",
    );
    assert!(got.iter().any(|a| a.0 == "Jeyhun Bayramov"));
}

#[test]
fn a_body_s_lowercase_words_before_its_noun_are_its_own() {
    let got = found("Units of the Armenian armed forces fired, and Iranian border guards replied.");
    let bodies: Vec<(&str, Option<&str>)> = got
        .iter()
        .filter(|a| a.1 == ActorKind::Body)
        .map(|a| (a.0.as_str(), a.2.as_deref()))
        .collect();
    assert_eq!(
        bodies,
        [
            ("Armenian armed forces", Some("Armenia")),
            ("Iranian border guards", Some("Iran"))
        ]
    );
    // a word that is not one of them ends the search: no body here
    assert!(found("Armenian and other forces met.").is_empty());
    // "the General Staff" is no general named Staff
    assert!(found("maps from the archives of the General Staff").is_empty());
}

#[test]
fn words_between_two_titles_are_no_name() {
    let got = found(
        "Azerbaijan's President Ilham Aliyev received Iran's Deputy Foreign Minister Ali Bagheri Kani in Baku.",
    );
    let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(names, ["Ilham Aliyev", "Ali Bagheri Kani"], "{got:?}");
}

#[test]
fn two_countries_sharing_one_body_noun_are_two_bodies() {
    let got = found("Iranian and Azerbaijani naval forces held joint drills in the Caspian Sea.");
    assert_eq!(
        got[0],
        (
            "Iranian naval forces".to_owned(),
            ActorKind::Body,
            Some("Iran".to_owned())
        )
    );
    assert_eq!(
        got[1],
        (
            "Azerbaijani naval forces".to_owned(),
            ActorKind::Body,
            Some("Azerbaijan".to_owned())
        )
    );
    let got = found("Armenian and Azerbaijani border guards met at the crossing.");
    let names: Vec<&str> = got.iter().map(|a| a.0.as_str()).collect();
    assert_eq!(
        names,
        ["Armenian border guards", "Azerbaijani border guards"]
    );
    // a country that is no body's is not made one
    let got = found("Talks between Iran and Azerbaijani officials.");
    let names: Vec<&str> = got.iter().map(|a| a.0.as_str()).collect();
    assert_eq!(names, ["Azerbaijani officials"]);
}

#[test]
fn a_list_of_names_after_a_plural_title() {
    let got = found(
        "Georgian Foreign Minister Maka Botchorishvili hosted her counterparts Jeyhun Bayramov \
         and Hakan Fidan.",
    );
    let names: Vec<&str> = got.iter().map(|a| a.0.as_str()).collect();
    assert_eq!(
        names,
        ["Maka Botchorishvili", "Jeyhun Bayramov", "Hakan Fidan"]
    );
    assert!(got.iter().all(|a| a.1 == ActorKind::Person));
    // "and" followed by no name adds none
    let got = found("The ministers Bayramov and the Iranian envoy met.");
    let names: Vec<&str> = got.iter().map(|a| a.0.as_str()).collect();
    assert!(!names.iter().any(|n| n.contains("Iranian")), "{names:?}");
}
