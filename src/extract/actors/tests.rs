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
