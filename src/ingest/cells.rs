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

/// Text cells made once per distinct text of a column while the column's
/// texts repeat (customers, products, types, statuses), cloned as a pointer:
/// no allocation per cell, and the layout can know a value by its address
/// (`Records::put_text_cell`). What is remembered is bounded: texts up to
/// `TEXT_LEN` bytes, `TEXTS_PER_COLUMN` per column, `TEXT_BYTES` in
/// all; a column whose texts mostly differ (ids) stops being looked up.
#[derive(Debug, Default)]
pub struct RepeatedTexts {
    columns: Vec<ColumnTexts>,
    bytes: usize,
}

#[derive(Debug, Default)]
struct ColumnTexts {
    texts: polars::prelude::PlHashSet<Arc<str>>,
    lookups: u32,
    hits: u32,
    off: bool,
}

/// Columns whose texts are remembered.
const TEXT_COLUMNS: usize = 256;
/// Distinct texts remembered per column.
const TEXTS_PER_COLUMN: usize = 4096;
/// The longest text remembered (names and codes repeat; long texts seldom do).
const TEXT_LEN: usize = 256;
/// Bytes of text remembered at most (a sheet of long unique texts is not held).
const TEXT_BYTES: usize = 16 << 20;

impl RepeatedTexts {
    /// The cell of text `s` read in column `col`: [`text_cell`], shared
    /// with the earlier cells of the column that hold the same text.
    pub fn cell(&mut self, col: u32, s: &str) -> Cell {
        let c = col as usize;
        if c >= TEXT_COLUMNS || s.len() > TEXT_LEN {
            return text_cell(s);
        }
        if self.columns.len() <= c {
            self.columns.resize_with(c + 1, ColumnTexts::default);
        }
        let column = &mut self.columns[c];
        if column.off {
            return text_cell(s);
        }
        column.lookups += 1;
        if let Some(text) = column.texts.get(s) {
            column.hits += 1;
            return Cell::Text(text.clone());
        }
        let cell = text_cell(s);
        let Cell::Text(text) = &cell else { return cell };
        if column.texts.len() < TEXTS_PER_COLUMN && self.bytes + s.len() <= TEXT_BYTES {
            self.bytes += s.len();
            column.texts.insert(text.clone());
        } else if column.hits < column.lookups / 2 {
            // full, and most lookups missed: a column of unique texts
            column.off = true;
            self.bytes -= column.texts.iter().map(|t| t.len()).sum::<usize>();
            column.texts = Default::default();
        }
        cell
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
    fn repeated_texts_are_one_cell_until_a_column_proves_unique() {
        let mut texts = RepeatedTexts::default();
        let (a, b) = (texts.cell(2, "대원산업"), texts.cell(2, "대원산업"));
        assert_eq!(a, text_cell("대원산업"));
        let (Cell::Text(a), Cell::Text(b)) = (&a, &b) else { panic!("text cells") };
        assert!(Arc::ptr_eq(a, b), "one allocation for a repeated text");
        assert_eq!(texts.cell(2, "  "), Cell::Empty);
        assert_eq!(texts.cell(2, "#N/A"), text_cell("#N/A"));
        // a column of ids: remembered up to its bound, then no longer looked up
        for i in 0..=TEXTS_PER_COLUMN {
            assert_eq!(texts.cell(0, &format!("C-{i}")), text_cell(&format!("C-{i}")));
        }
        assert!(texts.columns[0].off && texts.columns[0].texts.is_empty());
        assert_eq!(texts.bytes, "대원산업".len(), "what the id column held is given back");
        let long = "x".repeat(TEXT_LEN + 1);
        assert_eq!(texts.cell(3, &long), text_cell(&long));
        assert!(texts.columns.len() <= 3, "a long text is not remembered");
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
