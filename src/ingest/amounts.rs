//! Amounts as ledgers write them: costs (docs/metrics.md §10) and defect
//! quantities (§12), with thousands separators, currency marks, Korean
//! units and no-charge words.

use super::cells::normalize_key;

/// A cost as written in a ledger (docs/metrics.md §10): `1,200,000`,
/// `1,200,000원`, `₩1,200,000`, `KRW 1200000`, `$1,200.50`, Korean units
/// (`120만원` = 1,200,000, `1억 2천만원` = 120,000,000, `3천만원`,
/// `3500만원`), the no-charge words `무상`, `없음`, `-`, `0원` (= 0) and
/// negative amounts (credits). `None` for anything else.
pub fn parse_amount(text: &str) -> Option<f64> {
    let t = normalize_key(text);
    if matches!(t.as_str(), "무상" | "없음" | "무료" | "-" | "0원") {
        return Some(0.0);
    }
    let mut rest = t.as_str();
    for mark in ["krw", "usd", "eur", "won", "원", "₩", "$", "€", "\\", "￦"] {
        rest = rest.trim_start_matches(mark).trim_end_matches(mark).trim();
    }
    let (negative, rest) = match rest.strip_prefix('-').or_else(|| rest.strip_prefix('−')) {
        Some(r) => (true, r.trim()),
        None => match rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
            Some(r) => (true, r.trim()), // (1,200): an accounting credit
            None => (false, rest),
        },
    };
    let value = korean_amount(&rest.replace([',', ' '], ""))?;
    Some(if negative { -value } else { value }).filter(|v| v.is_finite())
}

/// A defective quantity as written (docs/metrics.md §12): read like a cost
/// — digits, thousands separators, Korean units — with a unit word such as
/// `개`, `EA`, `pcs` ignored: `1,200 EA`, `35개`, `1.2만 개`. `Ok(None)` for a
/// blank, `Err` for anything else (a warning; the quantity is unknown).
pub fn parse_quantity(text: &str) -> Result<Option<f64>, &'static str> {
    const UNITS: [&str; 16] = [
        "pieces", "piece", "units", "unit", "pcs", "pc", "ea", "set", "sets", "개", "매", "본", "장", "ｅａ", "세트",
        "건",
    ];
    let t = normalize_key(text);
    if t.is_empty() || super::dates::is_blank_text(&t) {
        return Ok(None);
    }
    let mut rest = t.as_str();
    for unit in UNITS {
        rest = rest.trim_end_matches(unit).trim_end_matches('.').trim();
    }
    let (negative, rest) = match rest.strip_prefix('-').or_else(|| rest.strip_prefix('−')) {
        Some(r) => (true, r.trim()),
        None => (false, rest),
    };
    match korean_amount(&rest.replace([',', ' '], "")).filter(|v| v.is_finite()) {
        Some(v) => Ok(Some(if negative { -v } else { v })),
        None => Err("not a quantity (e.g. 1,200 or 35개); left blank (unknown)"),
    }
}

/// Digits with Korean units: `십 백 천` within a group of four digits,
/// `만 억 조` between groups; a unit without a number counts one.
fn korean_amount(s: &str) -> Option<f64> {
    if s.is_empty() {
        return None;
    }
    let (mut total, mut group, mut number): (f64, f64, Option<f64>) = (0.0, 0.0, None);
    let mut last_big = f64::INFINITY; // 억 before 만, each once
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() || c == '.' {
            let end = rest.find(|ch: char| !(ch.is_ascii_digit() || ch == '.')).unwrap_or(rest.len());
            if number.is_some() {
                return None;
            }
            number = Some(rest[..end].parse().ok()?);
            rest = &rest[end..];
            continue;
        }
        let small = match c {
            '십' => Some(10.0),
            '백' => Some(100.0),
            '천' => Some(1_000.0),
            _ => None,
        };
        let big = match c {
            '만' => Some(1e4),
            '억' => Some(1e8),
            '조' => Some(1e12),
            _ => None,
        };
        if let Some(unit) = small {
            group += number.take().unwrap_or(1.0) * unit;
        } else if let Some(unit) = big {
            if unit >= last_big {
                return None;
            }
            last_big = unit;
            let part = group + number.take().unwrap_or(0.0);
            total += if part == 0.0 { 1.0 } else { part } * unit;
            group = 0.0;
        } else {
            return None;
        }
        rest = &rest[c.len_utf8()..];
    }
    Some(total + group + number.unwrap_or(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_as_written() {
        assert_eq!(parse_quantity("1,200 EA"), Ok(Some(1200.0)));
        assert_eq!(parse_quantity("35개"), Ok(Some(35.0)));
        assert_eq!(parse_quantity("12 pcs"), Ok(Some(12.0)));
        assert_eq!(parse_quantity("1.2만 개"), Ok(Some(12_000.0)));
        assert_eq!(parse_quantity("0"), Ok(Some(0.0)));
        assert_eq!(parse_quantity(""), Ok(None));
        assert_eq!(parse_quantity("-"), Ok(None));
        assert_eq!(parse_quantity("-5개"), Ok(Some(-5.0)), "the caller refuses a negative quantity");
        assert!(parse_quantity("다수").is_err());
        assert!(parse_quantity("약 10").is_err());
    }

    #[test]
    fn amounts_in_every_spelling_of_metrics_10() {
        for (text, value) in [
            ("1,200,000", 1_200_000.0),
            ("1,200,000원", 1_200_000.0),
            ("₩1,200,000", 1_200_000.0),
            ("KRW 1200000", 1_200_000.0),
            ("$1,200.50", 1_200.5),
            ("120만원", 1_200_000.0),
            ("1억 2천만원", 120_000_000.0),
            ("3천만원", 30_000_000.0),
            ("3500만원", 35_000_000.0),
            ("1억", 100_000_000.0),
            ("2억 5000만원", 250_000_000.0),
            ("5천원", 5_000.0),
            ("무상", 0.0),
            ("없음", 0.0),
            ("-", 0.0),
            ("0원", 0.0),
            ("-35,000원", -35_000.0),
            ("(1,200)", -1_200.0),
            ("１２０만원", 1_200_000.0),
        ] {
            assert_eq!(parse_amount(text), Some(value), "{text}");
        }
        for text in ["다음주", "미정", "12-34", "1만2만", "abc원"] {
            assert_eq!(parse_amount(text), None, "{text}");
        }
    }
}
