//! Every date form of docs/ledgers.md: date cells, Excel serials (1900 and
//! 1904 systems), and text such as `2024. 1. 5.`, `24.01.05`, `20240105`,
//! `2024년 1월 5일`, `7/29/2013 10:58:54 AM` or a month-day `1/5` in a sheet
//! whose name carries the year.

use super::cells::{normalize_text, Cell};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// How to read `a/b/yyyy` and `a.b.yyyy` (year last). Year-first forms are
/// always year-month-day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum YearLastOrder {
    /// month/day/year, as US exports write it (default).
    #[default]
    Mdy,
    /// day/month/year.
    Dmy,
}

/// What a date parse needs to know beyond the cell.
#[derive(Debug, Clone, Copy, Default)]
pub struct DateContext {
    /// Year for month-day-only cells, taken from the sheet (or CSV file) name.
    pub year_hint: Option<i32>,
    /// The workbook uses the 1904 date system (old Mac Excel).
    pub date1904: bool,
    pub year_last: YearLastOrder,
}

/// The outcome of reading a date cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateParse {
    Date(NaiveDate),
    Blank,
    Bad,
}

/// Dates outside this window are typing errors (`2924-01-05`) or numbers that
/// were never dates (`3` → 1900-01-03), and are reported instead of used.
pub const FIRST_PLAUSIBLE_YEAR: i32 = 1950;
pub const LAST_PLAUSIBLE_YEAR: i32 = 2199;

fn plausible(d: NaiveDate) -> Option<NaiveDate> {
    (FIRST_PLAUSIBLE_YEAR..=LAST_PLAUSIBLE_YEAR).contains(&d.year()).then_some(d)
}

/// What a numeric date with the year last (`05/01/2024`, `22-04-2015`,
/// `12.03.2025`) says about the order of day and month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderEvidence {
    /// The first part is over 12: day first.
    DayFirst,
    /// The second part is over 12: month first.
    MonthFirst,
    /// Both parts are 12 or less: read in the context's order, which the
    /// column may change once all its values are seen.
    Either,
}

/// Reads a date from any cell. Blank cells and dash-only text are `Blank`.
pub fn parse_date_cell(cell: &Cell, ctx: &DateContext) -> DateParse {
    parse_date_cell_with_order(cell, ctx).0
}

/// [`parse_date_cell`], and for a year-last numeric date what its parts
/// say about the day/month order.
pub fn parse_date_cell_with_order(cell: &Cell, ctx: &DateContext) -> (DateParse, Option<OrderEvidence>) {
    let (parsed, evidence) = match cell {
        Cell::Empty => return (DateParse::Blank, None),
        Cell::DateTime(dt) => (plausible(dt.date()), None),
        Cell::BadDate(_) | Cell::Bool(_) | Cell::Error(_) => (None, None),
        Cell::Number(n) => (date_from_number(*n, ctx.date1904), None),
        Cell::Text(s) => {
            if let Some(date) = iso_date(s) {
                return (DateParse::Date(date), None);
            }
            if is_blank_text(s) {
                return (DateParse::Blank, None);
            }
            parse_date_text_with_order(s, ctx)
        }
    };
    (parsed.map_or(DateParse::Bad, DateParse::Date), evidence)
}

/// The day/month order of a column of year-last numeric dates, from its
/// own values (docs/ledgers.md): a first part over 12 somewhere and never
/// a second part over 12 → day-first; the reverse → month-first; neither →
/// `fallback` (`[read] year_last`); both → the majority, `fallback` on a tie.
pub fn decide_order(day_first: usize, month_first: usize, fallback: YearLastOrder) -> YearLastOrder {
    match (day_first, month_first) {
        (d, m) if d > m => YearLastOrder::Dmy,
        (d, m) if m > d => YearLastOrder::Mdy,
        _ => fallback,
    }
}

/// The common case without allocating: exactly `YYYY-MM-DD`, a plausible
/// real date (what [`parse_date_text`] makes of it too).
fn iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0i64, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0')))
    };
    ymd(num(0..4)?, num(5..7)?, num(8..10)?)
}

/// Text that means "nothing here" in a date column.
pub fn is_blank_text(s: &str) -> bool {
    let t = normalize_text(s);
    // `?` is how some exports (UCI, R) write a missing value
    t.is_empty() || t.chars().all(|c| matches!(c, '-' | '.' | '/' | '_' | '—' | '–' | '?'))
}

/// A number in a date column: an 8-digit `20240105` or an Excel serial.
fn date_from_number(n: f64, date1904: bool) -> Option<NaiveDate> {
    if n.fract() == 0.0 && (19_000_101.0..=21_991_231.0).contains(&n) {
        let v = n as i64;
        return ymd(v / 10_000, (v / 100) % 100, v % 100);
    }
    excel_serial_to_date(n, date1904)
}

/// Converts an Excel serial day number to a date. In the 1900 system serial
/// 60 is Excel's fictitious 1900-02-29 and is not a date; serials below it are
/// one day off from the usual epoch. The time fraction is dropped.
pub fn excel_serial_to_date(serial: f64, date1904: bool) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let (epoch, offset) = if date1904 {
        (NaiveDate::from_ymd_opt(1904, 1, 1)?, days)
    } else if days == 60 {
        return None;
    } else if days < 60 {
        (NaiveDate::from_ymd_opt(1899, 12, 31)?, days)
    } else {
        (NaiveDate::from_ymd_opt(1899, 12, 30)?, days)
    };
    plausible(epoch.checked_add_signed(chrono::Duration::days(offset))?)
}

fn ymd(y: i64, m: i64, d: i64) -> Option<NaiveDate> {
    let y = i32::try_from(y).ok()?;
    plausible(NaiveDate::from_ymd_opt(y, u32::try_from(m).ok()?, u32::try_from(d).ok()?)?)
}

fn full_year(digits: &str) -> Option<i64> {
    let y: i64 = digits.parse().ok()?;
    match digits.len() {
        2 => Some(2000 + y),
        4 => Some(y),
        _ => None,
    }
}

const MONTH_NAMES: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn month_from_name(word: &str) -> Option<i64> {
    if word.len() < 3 {
        return None;
    }
    MONTH_NAMES.iter().position(|m| word.starts_with(m)).map(|i| i as i64 + 1)
}

/// Drops a time of day (`10:58:54 AM`, `오후 3:05`, `T10:00:00`) and a weekday
/// in parentheses (`(금)`, `(Mon)`), keeping the date part.
fn strip_time_and_weekday(s: &str) -> String {
    let mut s = s.to_lowercase();
    if let Some(open) = s.find('(') {
        s.truncate(open);
    }
    for word in ["오전", "오후", "am", "pm", "a.m.", "p.m."] {
        s = s.replace(word, " ");
    }
    if let Some(colon) = s.find(':') {
        let head = s[..colon].trim_end_matches(|c: char| c.is_ascii_digit());
        let head = head.trim_end_matches(|c: char| c == 't' || c.is_whitespace());
        s = head.to_string();
    }
    s
}

/// Parses a date written as text. `None` when the text is not a date.
///
/// ```
/// use complaints::ingest::dates::{parse_date_text, DateContext};
///
/// let ctx = DateContext::default();
/// for text in ["2024. 1. 5.", "2024년 1월 5일", "24.01.05", "Jan 5, 2024", "22/01/2024 10:00"] {
///     let date = parse_date_text(text, &ctx).map(|d| d.to_string());
///     assert!(date.is_some_and(|d| d.starts_with("2024-01-")), "{text}");
/// }
/// assert_eq!(parse_date_text("확인중", &ctx), None);
/// ```
pub fn parse_date_text(raw: &str, ctx: &DateContext) -> Option<NaiveDate> {
    parse_date_text_with_order(raw, ctx).0
}

/// A year-last date `a`/`b`/`year`: by the order its parts allow, else by
/// the context's order.
fn year_last(year: i64, a: i64, b: i64, order: YearLastOrder) -> (Option<NaiveDate>, Option<OrderEvidence>) {
    match (a > 12, b > 12) {
        (true, false) => (ymd(year, b, a), Some(OrderEvidence::DayFirst)),
        (false, true) => (ymd(year, a, b), Some(OrderEvidence::MonthFirst)),
        (false, false) => (
            match order {
                YearLastOrder::Mdy => ymd(year, a, b),
                YearLastOrder::Dmy => ymd(year, b, a),
            },
            Some(OrderEvidence::Either),
        ),
        (true, true) => (None, None),
    }
}

/// [`parse_date_text`] with the order evidence of a year-last date.
pub fn parse_date_text_with_order(raw: &str, ctx: &DateContext) -> (Option<NaiveDate>, Option<OrderEvidence>) {
    let Some(parsed) = parse_text_parts(raw, ctx) else { return (None, None) };
    parsed
}

/// The date of a text and, for year-last numeric forms, the order
/// evidence; `None` for text that is not a date.
#[allow(clippy::type_complexity)]
fn parse_text_parts(raw: &str, ctx: &DateContext) -> Option<(Option<NaiveDate>, Option<OrderEvidence>)> {
    let text = normalize_text(raw);
    // A serial number or an 8-digit date stored as text ("45296", "45296.0").
    // ("1.5" is a month-day, not a number: only large values are serials.)
    if let Ok(n) = text.parse::<f64>() {
        let all_digits = text.bytes().all(|b| b.is_ascii_digit());
        if all_digits && text.len() == 6 {
            // yymmdd, common in hand-kept Korean ledgers
            let v = n as i64;
            return Some((ymd(2000 + v / 10_000, (v / 100) % 100, v % 100), None));
        }
        if n >= 10_000.0 {
            return Some((date_from_number(n, ctx.date1904), None));
        }
    }
    let date_part = strip_time_and_weekday(&text).replace(['년', '월'], ".").replace('일', " ");

    let mut numbers: Vec<&str> = Vec::new();
    let mut month_name: Option<i64> = None;
    let mut slash = false;
    let mut rest = date_part.as_str();
    while let Some(c) = rest.chars().next() {
        let run_len = if c.is_ascii_digit() {
            let n = rest.find(|ch: char| !ch.is_ascii_digit()).unwrap_or(rest.len());
            numbers.push(&rest[..n]);
            n
        } else if c.is_alphabetic() {
            let n = rest.find(|ch: char| !ch.is_alphabetic()).unwrap_or(rest.len());
            if month_name.is_some() {
                return None;
            }
            month_name = Some(month_from_name(&rest[..n])?);
            n
        } else if matches!(c, '.' | '-' | '/' | ',' | ' ') {
            slash |= c == '/';
            c.len_utf8()
        } else {
            return None;
        };
        rest = &rest[run_len..];
    }

    if let Some(month) = month_name {
        // "jan 5 2024", "5-jan-24", "5 jan" (year from the sheet name)
        let (day, year) = match numbers.as_slice() {
            [a] if a.len() <= 2 => (*a, None),
            [a, b] if a.len() <= 2 => (*a, Some(*b)),
            [a, b] if b.len() <= 2 => (*b, Some(*a)),
            _ => return None,
        };
        let year = match year {
            Some(y) => full_year(y)?,
            None => i64::from(ctx.year_hint?),
        };
        return Some((ymd(year, month, day.parse().ok()?), None));
    }

    let num = |s: &str| s.parse::<i64>().ok();
    Some(match numbers.as_slice() {
        [only] if only.len() == 8 => (ymd(num(&only[..4])?, num(&only[4..6])?, num(&only[6..])?), None),
        [m, d] if m.len() <= 2 && d.len() <= 2 => (ymd(i64::from(ctx.year_hint?), num(m)?, num(d)?), None),
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => (ymd(num(y)?, num(m)?, num(d)?), None),
        [a, b, y] if y.len() == 4 && a.len() <= 2 && b.len() <= 2 => {
            year_last(num(y)?, num(a)?, num(b)?, ctx.year_last)
        }
        [a, b, c] if a.len() <= 2 && b.len() <= 2 && c.len() <= 2 => {
            if slash {
                // 01/05/24: the slash family puts the year last
                year_last(full_year(&format!("{:0>2}", c))?, num(a)?, num(b)?, ctx.year_last)
            } else {
                // 24.01.05: two-digit year first, 20yy
                (ymd(full_year(&format!("{:0>2}", a))?, num(b)?, num(c)?), None)
            }
        }
        _ => return None,
    })
}

/// The year a sheet (or CSV file) name carries: `2024년`, `2024`, `FY2024`,
/// `24년 상반기`. `None` when there is none or more than one.
pub fn year_from_name(name: &str) -> Option<i32> {
    let text = normalize_text(name);
    let mut years = Vec::new();
    let bytes: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let digits: String = bytes[start..i].iter().collect();
            let next_is_year_mark = bytes.get(i) == Some(&'년');
            let year = match digits.len() {
                4 => digits.parse::<i32>().ok().filter(|y| (1950..=2199).contains(y)),
                2 if next_is_year_mark => digits.parse::<i32>().ok().map(|y| 2000 + y),
                _ => None,
            };
            years.extend(year);
        } else {
            i += 1;
        }
    }
    years.dedup();
    match years.as_slice() {
        [y] => Some(*y),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    fn text(s: &str) -> Option<NaiveDate> {
        parse_date_text(s, &DateContext::default())
    }

    #[test]
    fn every_written_form_of_ledger_formats() {
        for s in [
            "2024-01-05",
            "2024.01.05",
            "2024.1.5",
            "2024. 1. 5.",
            "2024/01/05",
            "20240105",
            "24.01.05",
            "2024년 1월 5일",
            "2024년1월5일",
            "1/5/2024",
            "01/05/2024 10:58:54 AM",
            "2024-01-05T10:00:00",
            "2024-01-05 오후 3:05",
            "2024.01.05 (금)",
            "45296",
            "45296.0",
            "Jan 5, 2024",
            "5-Jan-24",
            "２０２４－０１－０５",
            "240105",
        ] {
            assert_eq!(text(s), d(2024, 1, 5), "{s}");
        }
    }

    #[test]
    fn month_day_only_needs_the_sheet_year() {
        let ctx = DateContext { year_hint: Some(2025), ..Default::default() };
        for s in ["1/5", "1월 5일", "01-05", "1.5"] {
            assert_eq!(parse_date_text(s, &ctx), d(2025, 1, 5), "{s}");
            assert_eq!(text(s), None, "{s} without a year");
        }
    }

    #[test]
    fn day_first_when_configured() {
        let ctx = DateContext { year_last: YearLastOrder::Dmy, ..Default::default() };
        assert_eq!(parse_date_text("5/1/2024", &ctx), d(2024, 1, 5));
        assert_eq!(text("5/1/2024"), d(2024, 5, 1));
    }

    #[test]
    fn non_dates_are_rejected() {
        for s in ["미상", "확인중", "2024.13.45", "2024-02-30", "2924-01-05", "2024-01", "abc", "1", "3"] {
            assert_eq!(text(s), None, "{s}");
        }
    }

    #[test]
    fn excel_serials_with_the_1900_bug_and_1904() {
        assert_eq!(excel_serial_to_date(45296.0, false), d(2024, 1, 5));
        assert_eq!(excel_serial_to_date(45296.75, false), d(2024, 1, 5));
        assert_eq!(excel_serial_to_date(61.0, false), None, "1900 is implausible");
        assert_eq!(excel_serial_to_date(60.0, false), None, "1900-02-29 does not exist");
        // 1904 system: serial 0 = 1904-01-01, so 2024-01-05 is 1462 days less
        assert_eq!(excel_serial_to_date(45296.0 - 1462.0, true), d(2024, 1, 5));
        assert_eq!(
            parse_date_cell(&Cell::Number(45296.0), &DateContext::default()),
            DateParse::Date(NaiveDate::from_ymd_opt(2024, 1, 5).unwrap_or_default())
        );
        assert_eq!(
            parse_date_cell(&Cell::Number(20240105.0), &DateContext::default()),
            DateParse::Date(NaiveDate::from_ymd_opt(2024, 1, 5).unwrap_or_default())
        );
        assert_eq!(parse_date_cell(&Cell::Number(3.0), &DateContext::default()), DateParse::Bad);
    }

    #[test]
    fn the_iso_shortcut_agrees_with_the_general_parser() {
        let ctx = DateContext::default();
        for s in ["2024-05-01", "2024-02-30", "1900-01-01", "2024-13-01", "2024-5-01", "20x4-05-01", "2199-12-31"] {
            let general = parse_date_text(s, &ctx);
            assert_eq!(iso_date(s).or(if s.len() == 10 { None } else { general }), general, "{s}");
            assert_eq!(parse_date_cell(&Cell::Text(s.into()), &ctx), general.map_or(DateParse::Bad, DateParse::Date));
        }
    }

    #[test]
    fn blanks_and_errors() {
        let ctx = DateContext::default();
        assert_eq!(parse_date_cell(&Cell::Empty, &ctx), DateParse::Blank);
        assert_eq!(parse_date_cell(&Cell::Text(" - ".into()), &ctx), DateParse::Blank);
        assert_eq!(parse_date_cell(&Cell::Error("#N/A".into()), &ctx), DateParse::Bad);
    }

    #[test]
    fn years_in_sheet_names() {
        assert_eq!(year_from_name("2024년"), Some(2024));
        assert_eq!(year_from_name("2025년 10월"), Some(2025));
        assert_eq!(year_from_name("24년 상반기"), Some(2024));
        assert_eq!(year_from_name("FY2023"), Some(2023));
        assert_eq!(year_from_name("Sheet1"), None);
        assert_eq!(year_from_name("2023-2024"), None);
    }
}
