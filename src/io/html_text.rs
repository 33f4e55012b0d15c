//! Plain text from the HTML that other tools put in titles and descriptions (KML `description`,
//! TimelineJS `text.text`): tags go, entities are decoded, links keep their address in brackets,
//! paragraphs and line breaks become single newlines. Raw tags never reach the screen.

/// The plain text of an HTML fragment, trimmed, with runs of spaces collapsed and at most one
/// blank line between paragraphs. Text without markup comes back unchanged apart from trimming.
pub fn html_to_text(html: &str) -> String {
    let looks_like_html = html.contains('<') || html.contains('&');
    let text = if looks_like_html {
        nanohtml2text::html2text(html)
    } else {
        html.to_owned()
    };
    tidy(&text)
}

/// Collapses spaces within lines, trims each line and keeps at most one empty line in a row.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(&words.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tags_go_and_entities_are_decoded() {
        assert_eq!(
            html_to_text("<p>Troops <b>crossed</b> the&nbsp;border &amp; withdrew.</p>"),
            "Troops crossed the\u{a0}border & withdrew."
                .replace('\u{a0}', " ")
                .as_str()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        );
        assert_eq!(
            html_to_text("See <a href=\"https://example.org/a\">the report</a>"),
            "See the report (https://example.org/a)"
        );
        assert_eq!(html_to_text("one<br>two<br/>three"), "one\ntwo\nthree");
        assert_eq!(html_to_text("  plain   text  "), "plain text");
        assert_eq!(html_to_text("Caf&eacute; &#x2014; &lt;b&gt;"), "Café — <b>");
        assert_eq!(html_to_text(""), "");
    }

    proptest! {
        #[test]
        fn no_tag_survives(words in proptest::collection::vec("[a-z]{1,8}", 1..8), tag in "(b|i|p|span|div|em|strong)") {
            let html = words.iter().map(|w| format!("<{tag}>{w}</{tag}>")).collect::<Vec<_>>().join(" ");
            let text = html_to_text(&html);
            prop_assert!(!text.contains('<') && !text.contains('>'), "{}", text);
            for w in &words {
                prop_assert!(text.contains(w.as_str()));
            }
        }

        #[test]
        fn fuzz_never_panics(html in "\\PC{0,200}") {
            let _ = html_to_text(&html);
        }
    }
}
