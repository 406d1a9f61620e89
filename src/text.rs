//! Text from ledgers is data everywhere it is shown: control characters
//! (ESC sequences that would drive a terminal, bytes XML 1.0 forbids) are
//! made visible or replaced before a cell's text reaches the terminal or an
//! SVG file. CSV and xlsx writers escape on their own.

use std::borrow::Cow;

/// Characters that steer a terminal or reorder text when printed raw: C0
/// and C1 controls (but line feed and tab, which our own output uses), DEL,
/// and the bidirectional overrides (a "Trojan source" reorders a line).
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` cut to at most `width` display columns (Hangul counts two), a cut
/// marked with `…`: a column of the terminal or a short chart label.
pub fn fit_width(s: &str, width: usize) -> Cow<'_, str> {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if s.width() <= width {
        return Cow::Borrowed(s);
    }
    let mut used = 0;
    let mut out = String::new();
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    Cow::Owned(out)
}

/// Text for the terminal: every unsafe character shown as an escape
/// (`\x1b`, `\u{202e}`), so `check` and the headline print what the cell
/// holds instead of obeying it.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !is_unsafe(c) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    Cow::Owned(out)
}

/// Text printed on one line (a path, a file name in a message): like
/// [`for_terminal`], and line breaks and tabs shown as `\n`, `\r`, `\t`
/// too — a file named `a\nerror: …` must not print a line of its own.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) || matches!(c, '\n' | '\t')) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push_str(&for_terminal(c.encode_utf8(&mut [0; 4]))),
        }
    }
    Cow::Owned(out)
}

/// The most characters of a user's input quoted in a message: enough to
/// recognise it, never a whole file (a config line can be 600 KB long).
pub const QUOTE_CHARS: usize = 200;

/// `s` cut to [`QUOTE_CHARS`] characters for quoting in a message, the cut
/// marked with how much was left out; shown on one line.
pub fn quote(s: &str) -> String {
    match s.char_indices().nth(QUOTE_CHARS) {
        None => one_line(s).into_owned(),
        Some((end, _)) => {
            format!("{}… ({} more characters)", one_line(&s[..end]), s[end..].chars().count())
        }
    }
}

/// Each line of `message` (an error of a library that quotes its input,
/// such as the TOML parser) cut to `max` characters.
pub fn cut_lines(message: &str, max: usize) -> String {
    message
        .lines()
        .map(|line| match line.char_indices().nth(max) {
            None => line.to_string(),
            Some((end, _)) => format!("{}… ({} more characters)", &line[..end], line[end..].chars().count()),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text for an XML file (SVG charts): characters XML 1.0 does not allow
/// (C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF)
/// and C1 controls become U+FFFD; `<`, `&` … are escaped by the writer.
pub fn for_xml(s: &str) -> Cow<'_, str> {
    let bad = |c: char| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}');
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if bad(c) { '\u{fffd}' } else { c }).collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_fits_its_display_width() {
        assert_eq!(fit_width("Billing", 7), "Billing");
        assert_eq!(fit_width("Billing dispute", 8), "Billing…");
        // Hangul is two columns: 4 syllables and the mark fit 9 columns
        assert_eq!(fit_width("외관불량 도장 들뜸", 9), "외관불량…");
        assert_eq!(fit_width("외관불량", 8), "외관불량");
    }

    use super::*;

    #[test]
    fn escapes_are_shown_not_obeyed() {
        assert_eq!(for_terminal("이물"), "이물");
        assert_eq!(for_terminal("a\x1b[31mred\x1b[0m\n"), "a\\x1b[31mred\\x1b[0m\n");
        assert_eq!(for_terminal("x\u{202e}y\u{9b}"), "x\\u{202e}y\\u{9b}");
        assert_eq!(for_xml("이\x1f물"), "이\u{fffd}물");
        assert_eq!(for_xml("a\tb"), "a\tb");
    }

    #[test]
    fn one_line_text_and_quotes() {
        assert_eq!(one_line("reports/oct"), "reports/oct");
        assert_eq!(one_line("a\nerror: x\t\x1b.csv"), "a\\nerror: x\\t\\x1b.csv");
        assert_eq!(quote("2025-13"), "2025-13");
        let long = format!("{}\n", "[".repeat(600_000));
        let q = quote(&long);
        assert_eq!(q, format!("{}… (599801 more characters)", "[".repeat(200)));
        let cut = cut_lines(&format!("line 1\n{}\n^", "x".repeat(1000)), QUOTE_CHARS);
        assert_eq!(cut, format!("line 1\n{}… (800 more characters)\n^", "x".repeat(200)));
    }
}
