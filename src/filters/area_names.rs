//! The names an area answers to: a name written both ways ("Lachin / Berdzor corridor") answers
//! to each way alone ("Lachin corridor", "Berdzor corridor"), so a user need not type the slash.

/// The ways of writing `name` with one of its alternatives, each in lowercase: the name itself,
/// and, when it holds alternatives parted by " / ", the name with each alternative alone.
///
/// ```
/// use caucasus_atlas::filters::area_names::ways_of;
///
/// assert_eq!(
///     ways_of("Lachin / Berdzor corridor (old road)"),
///     [
///         "lachin / berdzor corridor (old road)",
///         "lachin corridor (old road)",
///         "berdzor corridor (old road)",
///     ]
/// );
/// assert_eq!(ways_of("Kura / Mtkvari / Kür"), ["kura / mtkvari / kür", "kura", "mtkvari", "kür"]);
/// assert_eq!(ways_of("Armenia"), ["armenia"]);
/// ```
pub fn ways_of(name: &str) -> Vec<String> {
    let name = name.trim().to_lowercase();
    let mut ways = vec![name.clone()];
    let parts: Vec<&str> = name.split(" / ").collect();
    let [first, middle @ .., last] = parts.as_slice() else {
        return ways;
    };
    // the alternatives are the first part's last word, the middle parts, and the last part's
    // first word; what stands before and after them is shared
    let (before, first_word) = first.rsplit_once(' ').unwrap_or(("", first));
    let (last_word, after) = last.split_once(' ').unwrap_or((last, ""));
    let alternatives = std::iter::once(first_word)
        .chain(middle.iter().copied())
        .chain(std::iter::once(last_word));
    for alternative in alternatives {
        let way = [before, alternative, after]
            .iter()
            .filter(|w| !w.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        ways.push(way);
    }
    ways
}

/// Whether `typed` names `name` in one of its ways, without regard to case.
pub fn answers_to(name: &str, typed: &str) -> bool {
    let typed = typed.trim().to_lowercase();
    ways_of(name).contains(&typed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ways_of_a_contested_name_answer() {
        let name = "Kalbajar / Karvachar district (until its handover)";
        assert!(answers_to(name, "kalbajar district (until its handover)"));
        assert!(answers_to(
            name,
            " Karvachar district (until its handover) "
        ));
        assert!(answers_to(
            name,
            "KALBAJAR / KARVACHAR DISTRICT (UNTIL ITS HANDOVER)"
        ));
        assert!(!answers_to(name, "Kalbajar"));
        assert!(!answers_to(name, "district (until its handover)"));
    }

    #[test]
    fn a_name_without_alternatives_answers_only_to_itself() {
        assert!(answers_to(
            "Iran–Azerbaijan border",
            "iran–azerbaijan border"
        ));
        assert!(!answers_to("Iran–Azerbaijan border", "Iran"));
        assert_eq!(ways_of("a/b"), ["a/b"], "only a slash between spaces parts");
    }
}
