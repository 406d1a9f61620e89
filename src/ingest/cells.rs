//! One spreadsheet or CSV cell, read once, and the text normalisation every
//! later stage relies on.

use chrono::NaiveDateTime;
use std::sync::Arc;
use unicode_normalization::UnicodeNormalization;

/// A cell as the ledger holds it, independent of the file format.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    /// Shared: a workbook's repeated strings are one allocation.
    Text(Arc<str>),
    Number(f64),
    /// A cell formatted as a date in the workbook (already converted from the
    /// serial with the workbook's epoch).
    DateTime(NaiveDateTime),
    /// A date-formatted cell whose serial is not a real date (Excel's
    /// 1900-02-29, out of range).
    BadDate(f64),
    Bool(bool),
    /// `#N/A`, `#REF!` … (the cached value of a failed formula).
    Error(Arc<str>),
}

impl Cell {
    /// True when the cell holds nothing a person would read (blank text too).
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            // text not starting with white space is not blank (the usual case, no scan)
            Cell::Text(s) => s.chars().next().is_none_or(|c| c.is_whitespace() && s.trim().is_empty()),
            _ => false,
        }
    }

    /// The cell as a person sees it, for messages, rejects and text fields.
    /// Whole numbers print without `.0` (ids read from numeric cells).
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.to_string(),
            Cell::Number(n) => format_number(*n),
            Cell::DateTime(dt) => {
                if dt.time() == chrono::NaiveTime::MIN {
                    dt.date().format("%Y-%m-%d").to_string()
                } else {
                    dt.format("%Y-%m-%d %H:%M:%S").to_string()
                }
            }
            Cell::BadDate(n) => format!("(date serial {})", format_number(*n)),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::Error(e) => e.to_string(),
        }
    }
}

/// Excel's error literals; a text cell holding one (a CSV export, a
/// formula's cached text) is an error cell.
const ERROR_LITERALS: [&str; 8] = ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#DATA!"];

/// A cell from text read from a file: empty, an error literal, or text.
pub fn text_cell(s: &str) -> Cell {
    let t = s.trim();
    if t.is_empty() {
        Cell::Empty
    } else if t.starts_with('#') && ERROR_LITERALS.iter().any(|e| t.eq_ignore_ascii_case(e)) {
        Cell::Error(t.to_ascii_uppercase().into())
    } else {
        Cell::Text(s.into())
    }
}

/// Prints a number the way a spreadsheet shows it in a general-format cell:
/// integers without a fraction, others with the shortest exact form.
pub fn format_number(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// NFKC (full-width → normal width), trim, and collapse inner white space
/// (line breaks included) to one space. docs/metrics.md "Text normalisation".
pub fn normalize_text(s: &str) -> String {
    // Already normal (the usual case): one copy, no rebuilding.
    let b = s.as_bytes();
    let tidy_spaces = !b.first().is_some_and(u8::is_ascii_whitespace)
        && !b.last().is_some_and(u8::is_ascii_whitespace)
        && !b.windows(2).any(|w| w[0] == b' ' && w[1] == b' ')
        && !b.iter().any(|&c| matches!(c, b'\t' | b'\n' | b'\r' | 0x0b | 0x0c));
    if tidy_spaces
        && (s.is_ascii()
            || s.chars().all(|c| c.is_ascii() || ('\u{AC00}'..='\u{D7A3}').contains(&c))
            || (s.chars().all(|c| c == ' ' || !c.is_whitespace())
                && unicode_normalization::is_nfkc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes))
    {
        return s.to_string();
    }
    // Most cells are already NFKC (ASCII, Hangul syllables): skip the
    // decomposition then (a quick check, no allocation).
    let nfkc: std::borrow::Cow<str> = if s.is_ascii()
        || unicode_normalization::is_nfkc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes
    {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.nfkc().collect())
    };
    let mut out = String::with_capacity(nfkc.len());
    for word in nfkc.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The form used to compare keys: normalised text, case-folded.
pub fn normalize_key(s: &str) -> String {
    // Lower-casing can leave a sequence that NFKC composes further (ϋ +
    // U+0300 → ῢ, found by fuzzing): repeat until nothing changes.
    let mut key = normalize_text(s).to_lowercase();
    for _ in 0..4 {
        let next = normalize_text(&key).to_lowercase();
        if next == key {
            break;
        }
        key = next;
    }
    key
}

/// The form used to match header cells against synonyms: NFKC, lower case,
/// with white space and punctuation removed (`Date Received` = `date_received`
/// = `ＤＡＴＥ　ＲＥＣＥＩＶＥＤ`).
pub fn normalize_header(s: &str) -> String {
    s.nfkc().flat_map(char::to_lowercase).filter(|c| c.is_alphanumeric()).map(fold_accent).collect()
}

/// A Latin letter without its accent (`é` → `e`, `ç` → `c`), so that
/// `Date de réception` and `Date de reception` are one header name;
/// every other character as it is (Hangul stays whole).
pub fn fold_accent(c: char) -> char {
    if !('\u{C0}'..='\u{24F}').contains(&c) {
        return c;
    }
    let mut parts = std::iter::once(c).nfd();
    match (parts.next(), parts.next()) {
        (Some(base), Some(_)) if base.is_ascii_alphabetic() => base,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_normalisation_folds_width_and_space() {
        assert_eq!(normalize_text("  ＡＢＣ　제품\n 1 "), "ABC 제품 1");
        assert_eq!(normalize_key(" Door  Trim "), "door trim");
        assert_eq!(normalize_header("Date Received"), "datereceived");
        assert_eq!(normalize_header("received_date"), "receiveddate");
        assert_eq!(normalize_header("접수 일자(필수)"), "접수일자필수");
        assert_eq!(normalize_header("ＬＯＴ No."), "lotno");
        assert_eq!(normalize_header("Date de Réception"), normalize_header("date_de_reception"));
        assert_eq!(normalize_header("Situação"), "situacao");
    }

    #[test]
    fn numbers_display_like_a_spreadsheet() {
        assert_eq!(Cell::Number(101001242075.0).display(), "101001242075");
        assert_eq!(Cell::Number(2.5).display(), "2.5");
        assert_eq!(Cell::Text(" a ".into()).display(), " a ");
        assert!(Cell::Text("  ".into()).is_empty());
    }
}

#[cfg(test)]
mod fuzz_regressions {
    use super::*;

    #[test]
    fn normalising_twice_changes_nothing() {
        // found by `cargo fuzz run normalize`: a composing sequence split by a vertical tab
        for s in ["\u{3ab}\u{300}\u{fffd}\u{b}", "a\u{b}\u{300}", "\u{300} x", "ＡＢ\u{3000}Ｃ"] {
            let once = normalize_text(s);
            assert_eq!(normalize_text(&once), once, "{s:?}");
            let key = normalize_key(s);
            assert_eq!(normalize_key(&key), key, "{s:?}");
        }
    }
}
