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
}
