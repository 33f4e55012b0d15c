//! A count with its noun, in the singular for one, and large counts with their thousands
//! grouped.

/// `n` and the noun, with the plural's `s` only when `n` is not one; thousands grouped.
///
/// ```
/// use caucasus_atlas::model::counted::counted;
/// assert_eq!(counted(1, "event"), "1 event");
/// assert_eq!(counted(0, "event"), "0 events");
/// assert_eq!(counted(3, "place"), "3 places");
/// assert_eq!(counted(10_000_000, "event"), "10,000,000 events");
/// ```
pub fn counted(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        _ => format!("{} {noun}s", grouped(n)),
    }
}

/// `n` with its thousands parted by commas, as English text writes large counts.
///
/// ```
/// use caucasus_atlas::model::counted::grouped;
/// assert_eq!(grouped(0), "0");
/// assert_eq!(grouped(999), "999");
/// assert_eq!(grouped(1000), "1,000");
/// assert_eq!(grouped(66_508), "66,508");
/// assert_eq!(grouped(10_000_000), "10,000,000");
/// ```
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}
