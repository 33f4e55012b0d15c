//! An article to read: its text (plain, Markdown, or HTML turned into text), the document name its
//! quotes cite, and the publication date relative wording is resolved against.

use super::html::html_to_text;
use crate::io::Problem;
use crate::io::bundle::read_text;
use chrono::NaiveDate;
use std::path::Path;

/// The kinds of article text the extractor reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArticleKind {
    /// Plain text.
    Text,
    /// Markdown: read as text; headings and list markers are not part of quotes.
    Markdown,
    /// HTML: markup stripped and page clutter left out; quotes are verbatim in the stripped text.
    Html,
}

impl ArticleKind {
    /// The kind a file name and its first characters suggest.
    pub fn detect(name: &str, text: &str) -> ArticleKind {
        let lower = name.to_ascii_lowercase();
        let head: String = text
            .trim_start()
            .chars()
            .take(512)
            .collect::<String>()
            .to_ascii_lowercase();
        if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
            ArticleKind::Html
        } else if lower.ends_with(".md") || lower.ends_with(".markdown") {
            ArticleKind::Markdown
        } else if head.starts_with("<!doctype html")
            || head.starts_with("<html")
            || head.contains("<body")
        {
            ArticleKind::Html
        } else {
            ArticleKind::Text
        }
    }
}

/// An article with what is known about its publication.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// The document name quotes cite: the file name without folders; for an HTML page, the name
    /// of its text (`page.txt` for `page.html`), since quotes are verbatim in the text, not the
    /// markup.
    pub document: String,
    /// The file the text was read from, when it is not the document itself (an HTML page).
    pub origin: Option<String>,
    /// The article's text; every quote is a slice of it.
    pub text: String,
    /// The publication date.
    pub published: NaiveDate,
    /// The publisher, when given.
    pub publisher: Option<String>,
    /// The title, when given.
    pub title: Option<String>,
}

impl Article {
    /// An article from raw text of a kind; an error when no text is left.
    pub fn from_raw(
        document: &str,
        raw: &str,
        kind: ArticleKind,
        published: NaiveDate,
    ) -> Result<Article, String> {
        let text = match kind {
            ArticleKind::Html => html_to_text(raw),
            ArticleKind::Text | ArticleKind::Markdown => raw.replace("\r\n", "\n"),
        };
        if text.trim().is_empty() {
            return Err(if raw.trim().is_empty() {
                "the article is empty".to_owned()
            } else {
                "no article text found in the page".to_owned()
            });
        }
        let (document, origin) = match kind {
            ArticleKind::Html => (text_name(document), Some(document.to_owned())),
            _ => (document.to_owned(), None),
        };
        Ok(Article {
            document,
            origin,
            text,
            published,
            publisher: None,
            title: None,
        })
    }

    /// Reads an article file; problems name the file (and line and column for bad bytes).
    pub fn read(path: &Path, published: NaiveDate) -> Result<Article, Problem> {
        let file = path.display().to_string();
        if path.is_dir() {
            return Err(Problem::whole(&file, "is a directory, not an article"));
        }
        let raw = read_text(path)?;
        let document = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.clone());
        let kind = ArticleKind::detect(&document, &raw);
        Article::from_raw(&document, &raw, kind, published).map_err(|m| Problem::whole(&file, m))
    }
}

/// The name of a page's text: `page.html` becomes `page.txt`.
fn text_name(document: &str) -> String {
    let stem = Path::new(document)
        .file_stem()
        .map_or_else(|| document.to_owned(), |s| s.to_string_lossy().into_owned());
    format!("{stem}.txt")
}

/// Parses a publication date given as `YYYY-MM-DD`.
pub fn parse_published(text: &str) -> Result<NaiveDate, String> {
    crate::model::date::parse_iso_day(text.trim()).map_err(|e| format!("--published: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_name_and_content() {
        assert_eq!(ArticleKind::detect("a.HTML", ""), ArticleKind::Html);
        assert_eq!(ArticleKind::detect("a.md", "# T"), ArticleKind::Markdown);
        assert_eq!(
            ArticleKind::detect("a.txt", "  <!DOCTYPE html><p>x"),
            ArticleKind::Html
        );
        assert_eq!(ArticleKind::detect("a", "Plain words."), ArticleKind::Text);
    }

    #[test]
    fn empty_and_bad_input_say_why() {
        let day = NaiveDate::from_ymd_opt(2022, 8, 3).unwrap();
        assert_eq!(
            Article::from_raw("a.txt", "  \n", ArticleKind::Text, day).unwrap_err(),
            "the article is empty"
        );
        assert_eq!(
            Article::from_raw("a.html", "<script>x</script>", ArticleKind::Html, day).unwrap_err(),
            "no article text found in the page"
        );
        assert!(
            parse_published("2022-02-30")
                .unwrap_err()
                .contains("not a real calendar date")
        );
        assert!(
            parse_published("March 2022")
                .unwrap_err()
                .starts_with("--published:")
        );
        let err = Article::read(Path::new("/nonexistent/a.txt"), day).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("/nonexistent/a.txt:1:1: cannot read"),
            "{err}"
        );
    }
}
