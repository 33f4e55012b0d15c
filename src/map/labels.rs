//! Counts as the map writes them.

/// A count as drawn on the map: exact below a thousand, then to two or three significant figures
/// ("1.2k", "12k", "1.3M"), so labels stay short and change less often while the window moves.
pub fn short_count(n: usize) -> String {
    match n {
        0..1000 => n.to_string(),
        1000..9950 => format!("{:.1}k", n as f64 / 1000.0),
        9950..999_500 => format!("{:.0}k", n as f64 / 1000.0),
        _ => format!("{:.1}M", n as f64 / 1e6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_shortened() {
        assert_eq!(short_count(7), "7");
        assert_eq!(short_count(999), "999");
        assert_eq!(short_count(1000), "1.0k");
        assert_eq!(short_count(1234), "1.2k");
        assert_eq!(short_count(9949), "9.9k");
        assert_eq!(short_count(9950), "10k");
        assert_eq!(short_count(66_509), "67k");
        assert_eq!(short_count(999_499), "999k");
        assert_eq!(short_count(999_500), "1.0M");
        assert_eq!(short_count(1_000_000), "1.0M");
    }
}
