//! HTML articles as plain text: markup stripped (entities decoded by the html5gum tokenizer), and
//! navigation, headers and footers, forms, scripts, and cookie, newsletter and sharing clutter left out.

use html5gum::{DefaultEmitter, Token, Tokenizer};

/// Elements whose content is never article text (a photo's caption tells of the photo, and
/// repeats what the article tells).
const SKIPPED_TAGS: [&str; 16] = [
    "head",
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "nav",
    "footer",
    "aside",
    "form",
    "button",
    "iframe",
    "select",
    "dialog",
    "menu",
    "figcaption",
];

/// Words in a class, id, role or aria-label that mark page furniture rather than the article.
const CLUTTER_WORDS: [&str; 30] = [
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "promo",
    "banner",
    "advert",
    "ads",
    "sidebar",
    "footer",
    "comments",
    "popup",
    "modal",
    "paywall",
    "contentinfo",
];

/// Elements that end a paragraph of text.
const BLOCK_TAGS: [&str; 23] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "br",
    "tr",
    "table",
    "dd",
    "dt",
    "pre",
    "hr",
    "title",
];

/// Elements that never have content or an end tag.
const VOID_TAGS: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Whether the attributes of a start tag mark it as page furniture.
fn is_clutter(attributes: &[(String, String)]) -> bool {
    attributes.iter().any(|(name, value)| {
        matches!(name.as_str(), "class" | "id" | "role" | "aria-label")
            && value
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| CLUTTER_WORDS.contains(&w.to_ascii_lowercase().as_str()))
    })
}

/// The text of an HTML page: paragraphs separated by blank lines, whitespace collapsed.
pub fn html_to_text(html: &str) -> String {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut out = String::new();
    let mut in_article = 0usize;
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        let skipping = stack.iter().any(|(_, skip)| *skip);
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let attributes: Vec<(String, String)> = tag
                    .attributes
                    .iter()
                    .map(|(k, v)| {
                        (
                            String::from_utf8_lossy(k).to_ascii_lowercase(),
                            String::from_utf8_lossy(&v.value).into_owned(),
                        )
                    })
                    .collect();
                if BLOCK_TAGS.contains(&name.as_str()) && !skipping {
                    out.push_str("\n\n");
                }
                if VOID_TAGS.contains(&name.as_str()) || tag.self_closing {
                    continue;
                }
                if name == "article" {
                    in_article += 1;
                }
                let skip = SKIPPED_TAGS.contains(&name.as_str())
                    || (name == "header" && in_article == 0)
                    || is_clutter(&attributes);
                stack.push((name, skip));
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if let Some(at) = stack.iter().rposition(|(open, _)| *open == name) {
                    stack.truncate(at);
                    if name == "article" {
                        in_article = in_article.saturating_sub(1);
                    }
                }
                if BLOCK_TAGS.contains(&name.as_str()) && !skipping {
                    out.push_str("\n\n");
                }
            }
            Token::String(text) if !skipping => {
                out.push_str(&String::from_utf8_lossy(&text.value));
            }
            _ => {}
        }
    }
    tidy(&out)
}

/// Collapses whitespace inside paragraphs and keeps one blank line between them.
fn tidy(text: &str) -> String {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_article_and_drops_the_clutter() {
        let html = r#"<!doctype html><html><head><title>T</title><script>var x = "<p>no</p>";</script></head>
<body><header><nav><a href="/">Home</a> <a>Regions</a></nav></header>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
<article><header><h1>Iran &amp; Azerbaijan hold talks</h1></header>
<p>TABRIZ, Iran &mdash; Officials met on Monday in Tabriz.</p>
<p>The ministry   said the talks
went well.</p>
<div id="newsletter-signup">Sign up for our newsletter</div>
<figure><img src="x.jpg"><figcaption>The ministers in Baku. Photo: Example</figcaption></figure>
<aside>Related: other things</aside></article>
<footer>© 2024 Example</footer></body></html>"#;
        let text = html_to_text(html);
        assert_eq!(
            text,
            "Iran & Azerbaijan hold talks\n\nTABRIZ, Iran — Officials met on Monday in Tabriz.\n\nThe ministry said the talks went well."
        );
    }

    #[test]
    fn unbalanced_markup_still_gives_text() {
        let text = html_to_text("<p>One <b>bold</p><p>Two</i> words");
        assert_eq!(text, "One bold\n\nTwo words");
        assert_eq!(html_to_text(""), "");
    }
}
