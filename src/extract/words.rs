//! Words of a sentence with their byte positions: the unit every cue finder scans.

/// A run of letters and digits in a text, with its byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word as written.
    pub text: &'a str,
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset just past its last character.
    pub end: usize,
}

impl Word<'_> {
    /// The word in lowercase.
    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }

    /// Whether it starts with an uppercase letter.
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Its value when it is all ASCII digits (at most nine).
    pub fn number(&self) -> Option<u32> {
        let b = self.text.as_bytes();
        if b.is_empty() || b.len() > 9 || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.text.parse().ok()
    }

    /// Its value when it is a day of the month: `3`, `03`, `3rd`, `21st`.
    pub fn day_of_month(&self) -> Option<u32> {
        let digits: String = self.text.chars().take_while(char::is_ascii_digit).collect();
        let rest = &self.text[digits.len()..];
        let suffix_ok = matches!(
            rest.to_ascii_lowercase().as_str(),
            "" | "st" | "nd" | "rd" | "th"
        );
        let day: u32 = digits.parse().ok()?;
        (suffix_ok && digits.len() <= 2 && (1..=31).contains(&day)).then_some(day)
    }
}

/// The possessive of a name or phrase: "Baku's", but "officials'" and "the United States'".
///
/// ```
/// use caucasus_atlas::extract::words::possessive_of;
/// assert_eq!(possessive_of("Azerbaijan's foreign ministry"), "Azerbaijan's foreign ministry's");
/// assert_eq!(possessive_of("Iranian officials"), "Iranian officials'");
/// assert_eq!(possessive_of("Reuters"), "Reuters'");
/// ```
pub fn possessive_of(who: &str) -> String {
    if who.ends_with('s') {
        format!("{who}'")
    } else {
        format!("{who}'s")
    }
}

/// The words of `text`: maximal runs of alphanumeric characters.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word {
                    text: &text[s..i],
                    start: s,
                    end: i,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Word {
            text: &text[s..],
            start: s,
            end: text.len(),
        });
    }
    out
}

/// Whether a word is followed by a possessive `'s` (straight or curly apostrophe).
pub fn possessive(text: &str, word: &Word<'_>) -> bool {
    let rest = &text[word.end..];
    rest.starts_with("'s") || rest.starts_with("’s") || rest.starts_with("s'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_their_positions() {
        let text = "On Sept. 28, Iran’s mid-July talks";
        let w = words(text);
        let texts: Vec<&str> = w.iter().map(|w| w.text).collect();
        assert_eq!(
            texts,
            ["On", "Sept", "28", "Iran", "s", "mid", "July", "talks"]
        );
        assert_eq!(&text[w[3].start..w[3].end], "Iran");
        assert!(possessive(text, &w[3]));
        assert!(!possessive(text, &w[1]));
        assert_eq!(w[2].number(), Some(28));
        assert_eq!(w[2].day_of_month(), Some(28));
        assert!(w[0].is_capitalised());
    }

    #[test]
    fn days_of_the_month_take_ordinal_suffixes() {
        let w = words("3rd 21st 32 2020 4x");
        assert_eq!(w[0].day_of_month(), Some(3));
        assert_eq!(w[1].day_of_month(), Some(21));
        assert_eq!(w[2].day_of_month(), None);
        assert_eq!(w[3].day_of_month(), None);
        assert_eq!(w[4].day_of_month(), None);
    }
}
