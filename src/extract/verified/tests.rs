//! The verdict on `verified` for sentences of each kind.

use super::*;
use crate::extract::analysis::analyse;
use chrono::NaiveDate;
use std::sync::OnceLock;

fn ex() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(Extractor::bundled)
}

fn facts(sentence: &str) -> Facts {
    let published = NaiveDate::from_ymd_opt(2024, 3, 14).unwrap_or_default();
    analyse(ex(), sentence, 1, 0..sentence.len(), true, published)
}

fn no_one(_: &str) -> Option<String> {
    None
}

/// The verdict on a sentence credited to its own attribution, hosted in `host`.
fn judged(sentence: &str, host: Option<&str>, publisher: Option<&str>) -> Verdict {
    let f = facts(sentence);
    let by = f.attribution.as_ref().map(|a| a.source.clone());
    let claim = Claim {
        by: by.as_deref(),
        credit: Credit::Own,
        publisher,
        host: host.map(str::to_owned),
        person_country: &no_one,
    };
    judge(ex(), &f, &claim)
}

#[test]
fn a_party_s_own_office_on_its_meeting_is_verified_a_third_party_s_is_not() {
    let v = judged(
        "Delegations from Azerbaijan and Armenia met Iranian officials at a fair in Tabriz on Tuesday, the East Azerbaijan provincial government said.",
        Some("Iran"),
        None,
    );
    assert!(v.verified, "{v:?}");
    assert_eq!(
        v.claimed_by.as_deref(),
        Some("East Azerbaijan provincial government")
    );
    assert!(
        v.why
            .starts_with("Verified: East Azerbaijan provincial government speaks for Iran")
    );
    let v = judged(
        "Iran's consul general in Nakhchivan visited the fair last Wednesday, according to the provincial chamber of commerce.",
        Some("Iran"),
        None,
    );
    assert!(!v.verified);
    assert_eq!(
        v.why,
        "Unverified: the article passes on provincial chamber of commerce's account without adopting it."
    );
    // a plural source takes the plural possessive
    let v = judged(
        "Troops crossed the border near Julfa on Monday, local officials said.",
        Some("Iran"),
        None,
    );
    assert!(
        v.why.contains("local officials' account") && !v.why.contains("officials's"),
        "{v:?}"
    );
    // a host reports the meeting it hosted
    let v = judged(
        "The foreign ministers of Armenia and Azerbaijan met in Moscow on Tuesday, the Russian Foreign Ministry said.",
        Some("Russia"),
        None,
    );
    assert!(v.verified, "{v:?}");
}

#[test]
fn fighting_told_by_a_party_is_unverified_a_clause_of_its_own_credits_only_itself() {
    let v = judged(
        "The Azerbaijani Defense Ministry claimed that Karabakh troops attacked army posts in the district of Lachin.",
        None,
        None,
    );
    assert!(!v.verified);
    assert_eq!(
        v.claimed_by.as_deref(),
        Some("Azerbaijani Defense Ministry")
    );
    let v = judged(
        "The drills follow an exchange of fire on the border last week, which the Armenian Defence Ministry said wounded two soldiers.",
        None,
        None,
    );
    assert!(v.verified);
    assert_eq!(v.claimed_by, None);
    assert!(
        v.why
            .contains("only the clause of 'the Armenian Defence Ministry said'"),
        "{}",
        v.why
    );
}

#[test]
fn statements_are_verified_when_made_unverified_when_relayed() {
    let v = judged(
        "Iran's Foreign Minister Hossein Amir-Abdollahian said Tehran and Baku overcame misunderstandings.",
        None,
        None,
    );
    assert!(v.verified);
    assert!(v.why.starts_with("Verified as a statement"));
    let v = judged(
        "Raisi, on the other hand, hailed Armenian-Iranian ties as historical, the press office of Armenian Prime Minister Nikol Pashinyan concluded.",
        None,
        None,
    );
    assert!(!v.verified);
    assert!(v.why.contains("of what Raisi said"), "{}", v.why);
    let v = judged(
        "Iran will counter any attempts at redrawing borders, the press office of Armenian Prime Minister Nikol Pashinyan quoted Iranian President Ebrahim Raisi as saying after a phone call.",
        None,
        None,
    );
    assert!(!v.verified);
}

#[test]
fn the_publisher_s_own_report_the_unverified_and_the_asked() {
    let v = judged(
        "According to a report by Caucasus Watch, Iran held drills on the border.",
        None,
        Some("Caucasus Watch"),
    );
    assert!(v.verified);
    assert!(v.why.contains("the article's publisher"));
    let v = judged(
        "There were unverified reports by Azerbaijani news outlets that leaflets were spread in Tabriz.",
        None,
        None,
    );
    assert!(!v.verified);
    assert_eq!(
        v.why,
        "Unverified: the article calls the report 'unverified'."
    );
    let mut f = facts("They have been threatening Azerbaijan recently.");
    f.asked = true;
    let claim = Claim {
        by: None,
        credit: Credit::Own,
        publisher: None,
        host: None,
        person_country: &no_one,
    };
    let v = judge(ex(), &f, &claim);
    assert!(!v.verified);
    assert!(v.why.contains("part of a question"));
}

#[test]
fn a_quoted_report_credits_its_source_and_hearsay_stays_hearsay() {
    let f = facts("Last month, Tehran summoned the Azerbaijani ambassador.");
    let claim = Claim {
        by: Some("Press TV"),
        credit: Credit::Quoted,
        publisher: Some("Eurasianet"),
        host: Some("Iran".to_owned()),
        person_country: &no_one,
    };
    let v = judge(ex(), &f, &claim);
    assert!(!v.verified, "{v:?}");
    assert_eq!(v.claimed_by.as_deref(), Some("Press TV"));
    let f = facts("However, Azeri officials said that the weapons were bought for defence.");
    let v = judge(ex(), &f, &claim);
    assert_eq!(
        v.why,
        "Unverified: the article passes on Press TV's report of what Azeri officials said."
    );
    let f = facts("It is reported that the agreements on deliveries were broken by Armenia.");
    let claim = Claim {
        by: Some("Azerbaijani Foreign Ministry"),
        credit: Credit::Continued,
        publisher: None,
        host: None,
        person_country: &no_one,
    };
    assert!(!judge(ex(), &f, &claim).verified);
    let f = facts("It is emphasized that the claims of a blockade are unacceptable.");
    let v = judge(ex(), &f, &claim);
    assert!(v.verified, "{v:?}");
    assert!(v.why.starts_with("Verified as a statement"));
}
