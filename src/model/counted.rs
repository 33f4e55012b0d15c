//! A count with its noun, in the singular for one.

/// `n` and the noun, with the plural's `s` only when `n` is not one.
///
/// ```
/// use caucasus_atlas::model::counted::counted;
/// assert_eq!(counted(1, "event"), "1 event");
/// assert_eq!(counted(0, "event"), "0 events");
/// assert_eq!(counted(3, "place"), "3 places");
/// ```
pub fn counted(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        _ => format!("{n} {noun}s"),
    }
}
