//! Parsing of the command line's value shapes: sizes and date bounds.

use crate::io::date_parse::parse_iso_partial;
use crate::model::DayNum;
use crate::model::date::day_of;

/// Parses `WIDTHxHEIGHT`.
pub fn parse_size(text: &str) -> Result<[f32; 2], String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("--size `{text}`: expected WIDTHxHEIGHT, e.g. 1600x1000"))?;
    let px = |s: &str| {
        s.trim()
            .parse::<u32>()
            .ok()
            .filter(|v| (200..=8192).contains(v))
            .ok_or_else(|| format!("--size `{text}`: each side must be 200 to 8192 pixels"))
    };
    Ok([px(w)? as f32, px(h)? as f32])
}

/// Parses `--from`/`--to` into the first or last day of the period they name.
pub fn parse_bound(flag: &str, text: &str, last: bool) -> Result<DayNum, String> {
    let span = parse_iso_partial(text).map_err(|e| format!("{flag}: {e}"))?;
    Ok(day_of(if last { span.end } else { span.start }))
}

/// Parses an optional `--from`/`--to` pair into a window; both or neither must be given.
pub fn parse_window(
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Option<(DayNum, DayNum)>, String> {
    let from = from.map(|t| parse_bound("--from", t, false)).transpose()?;
    let to = to.map(|t| parse_bound("--to", t, true)).transpose()?;
    match (from, to) {
        (Some(a), Some(b)) if b < a => Err("--to is before --from".to_owned()),
        (Some(a), Some(b)) => Ok(Some((a, b))),
        (None, None) => Ok(None),
        _ => Err("--from and --to go together".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_windows_parse_or_say_why_not() {
        assert_eq!(parse_size("1600x1000"), Ok([1600.0, 1000.0]));
        assert!(parse_size("10x10").unwrap_err().contains("200 to 8192"));
        assert!(parse_size("big").unwrap_err().contains("WIDTHxHEIGHT"));
        let (a, b) = parse_window(Some("2021"), Some("2021")).unwrap().unwrap();
        assert_eq!(b - a, 364);
        assert!(parse_window(Some("2021"), None).is_err());
        assert!(
            parse_window(Some("2022"), Some("2021"))
                .unwrap_err()
                .contains("before")
        );
        assert_eq!(parse_window(None, None), Ok(None));
    }
}
