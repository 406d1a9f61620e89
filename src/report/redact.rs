//! `--redact`: masks customer names, phone numbers and e-mail addresses in
//! what a report shows (Data sheet, overdue lists, customer breakdowns,
//! rejects and warnings) for reports that leave the quality team: a
//! customer's name wherever it stands — its own column or inside free text
//! (description, action …) — and an e-mail's domain, which names the
//! company. Figures are computed before masking, so they do not change.

use crate::ingest::fields::Field;
use crate::ingest::Ingested;
use crate::metrics::Report;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use polars::prelude::*;

/// A stable short tag so that different customers stay distinguishable.
fn tag(s: &str) -> String {
    // FNV-1a: the same name gives the same tag on every run and machine.
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{:04x}", h & 0xffff)
}

/// `대원산업` → `대*** #1a2b`: the first character of the name (without
/// its legal form: `(주)대원산업` → `대***`), then a tag of the whole name.
pub fn mask_name(name: &str) -> String {
    let core = core_name(name);
    let first = core.chars().next().or_else(|| name.trim().chars().next());
    match first {
        None => String::new(),
        Some(first) => format!("{first}*** #{}", tag(name.trim())),
    }
}

/// A company name without its legal form (`(주)`, `Co., Ltd.` …).
fn core_name(name: &str) -> String {
    let mut core = name.trim().to_string();
    for form in LEGAL_FORMS {
        if let Some(p) = core.to_lowercase().find(form) {
            // the same byte offsets: the forms are ASCII or unchanged by lower-casing
            if core.is_char_boundary(p) && core.is_char_boundary(p + form.len()) {
                core.replace_range(p..p + form.len(), "");
            }
        }
    }
    core.trim().trim_matches(',').trim().to_string()
}

/// Legal-form marks around a company name: `(주)대원산업` is written
/// `대원산업` in a description.
const LEGAL_FORMS: [&str; 12] =
    ["(주)", "㈜", "주식회사", "(유)", "유한회사", "co., ltd.", "co.,ltd.", "co. ltd", "ltd.", "ltd", "inc.", "inc"];

/// Every known customer name, found inside free text and masked like the
/// customer column: the names as written and without their legal form,
/// longest first, ASCII case-insensitive. Names shorter than two characters
/// are left alone (they would mask ordinary words).
pub struct Names {
    finder: Option<AhoCorasick>,
    masks: Vec<String>,
}

impl Names {
    pub fn new<'a>(customers: impl IntoIterator<Item = &'a str>) -> Names {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for name in customers {
            let name = name.trim();
            let mask = mask_name(name);
            for variant in [name.to_string(), core_name(name)] {
                if variant.chars().count() >= 2 {
                    pairs.push((variant, mask.clone()));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        pairs.dedup_by(|a, b| a.0 == b.0);
        let finder = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(pairs.iter().map(|p| &p.0))
            .ok()
            .filter(|_| !pairs.is_empty());
        Names { finder, masks: pairs.into_iter().map(|p| p.1).collect() }
    }

    /// `text` with every known customer name masked.
    pub fn mask_in(&self, text: &str) -> String {
        match &self.finder {
            Some(f) => {
                let mut out = String::with_capacity(text.len());
                f.replace_all_with(text, &mut out, |m, _, dst| {
                    dst.push_str(&self.masks[m.pattern().as_usize()]);
                    true
                });
                out
            }
            None => text.to_string(),
        }
    }

    /// Names, then phone numbers and e-mail addresses.
    pub fn scrub(&self, text: &str) -> String {
        scrub(&self.mask_in(text))
    }
}

/// An e-mail domain with its company part masked: `daewon.co.kr` →
/// `***.co.kr`, `gmail.com` → `***.com` (the last labels of up to three
/// letters, the public suffix, stay).
fn mask_domain(domain: &str) -> String {
    let labels: Vec<&str> = domain.split('.').collect();
    let keep = labels.iter().rev().skip(1).take_while(|l| l.len() <= 3).count().min(labels.len().saturating_sub(2)) + 1;
    let keep = keep.min(labels.len().saturating_sub(1));
    let suffix = labels[labels.len() - keep..].join(".");
    if suffix.is_empty() {
        "***".to_string()
    } else {
        format!("***.{suffix}")
    }
}

/// Masks phone numbers (9+ digits with - . space ( ) between, all but the
/// last 4 digits) and e-mail addresses (all but the first character of the
/// local part, and the domain but its public suffix) inside free text.
pub fn scrub(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        // a phone number: digits and separators, starting with a digit or '+' or '('
        if chars[i].is_ascii_digit()
            || ((chars[i] == '+' || chars[i] == '(') && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            let mut j = i;
            let mut digits = 0;
            while j < chars.len()
                && (chars[j].is_ascii_digit() || matches!(chars[j], '-' | '.' | ' ' | '(' | ')' | '+'))
            {
                digits += usize::from(chars[j].is_ascii_digit());
                j += 1;
            }
            while j > i && !chars[j - 1].is_ascii_digit() {
                j -= 1; // trailing separators are not part of the number
            }
            if digits >= 9 {
                let mut seen = 0;
                for &c in &chars[i..j] {
                    if c.is_ascii_digit() {
                        seen += 1;
                        out.push(if digits - seen < 4 { c } else { '*' });
                    } else {
                        out.push(c);
                    }
                }
                i = j;
                continue;
            }
            out.extend(&chars[i..j.max(i + 1)]);
            i = j.max(i + 1);
            continue;
        }
        if chars[i] == '@' {
            let start =
                out.rfind(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'))).map_or(0, |p| p + 1);
            let local_len = out[start..].chars().count();
            let has_domain = chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
            if local_len > 0 && has_domain {
                let first: String = out[start..].chars().take(1).collect();
                out.truncate(start);
                out.push_str(&first);
                out.push_str("***@");
                let end = (i + 1..chars.len())
                    .find(|&k| !(chars[k].is_alphanumeric() || matches!(chars[k], '.' | '-')))
                    .unwrap_or(chars.len());
                let domain: String = chars[i + 1..end].iter().collect();
                let trailing_dots = domain.len() - domain.trim_end_matches('.').len();
                out.push_str(&mask_domain(domain.trim_end_matches('.')));
                out.push_str(&".".repeat(trailing_dots));
                i = end;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Redacts the shown parts of a computed report and of what reading found.
pub fn apply(report: &mut Report, ingested: &mut Ingested) -> anyhow::Result<()> {
    // every customer of the input, not only the window's: a description may
    // name any of them
    let customers = crate::metrics::texts(ingested.table.column("customer")?)?.unique()?;
    let names = Names::new(customers.iter().flatten());
    let key_pos = report.params.recurrence_key.iter().position(|f| *f == Field::Customer);
    // Every field is named here, none left to `..`: a new output does not
    // compile until it says whether it can show a customer's name.
    let Report {
        // figures, dates and the run's settings: no names
        period: _,
        as_of: _,
        params: _,
        month: _,
        trend: _,
        aging: _,
        control_chart: _,
        data_quality: _,
        ttr_histogram: _,
        caveats: _,
        // by defect type (the Pareto key), never by customer
        pareto_month: _,
        pareto_window: _,
        breakdowns,
        overdue,
        recurring_keys,
        notification,
        capa,
        cost,
        ppm,
        window_table,
    } = report;
    for o in overdue.iter_mut() {
        o.customer = o.customer.as_deref().map(mask_name);
        o.description = o.description.as_deref().map(|t| names.scrub(t));
        o.action = o.action.as_deref().map(|t| names.scrub(t));
    }
    if let Some(n) = notification.get_mut() {
        for o in &mut n.overdue {
            o.customer = o.customer.as_deref().map(mask_name);
        }
    }
    if let Some(c) = cost.get_mut() {
        for t in &mut c.top_customers {
            t.customer = mask_value(&t.customer);
        }
    }
    if let Some(p) = ppm.get_mut() {
        for c in &mut p.by_customer {
            c.customer = mask_value(&c.customer);
        }
    }
    if let Some(rows) = breakdowns.get_mut(Field::Customer.name()) {
        for r in rows {
            r.value = mask_value(&r.value);
        }
    }
    if let Some(pos) = key_pos {
        for k in recurring_keys.iter_mut() {
            k.key[pos] = mask_name(&k.key[pos]);
        }
        if let Some(c) = capa.get_mut() {
            let keys = c.list.iter_mut().flat_map(|capa| capa.keys.iter_mut());
            for key in keys.chain(c.recurring_without_capa.iter_mut().map(|k| &mut k.key)) {
                key[pos] = mask_name(&key[pos]);
            }
        }
    }
    redact_table(window_table, &names)?;
    redact_reading(ingested, &names);
    Ok(())
}

/// A customer value of a breakdown: the blank and the rest-of-the-list
/// rows keep their names.
fn mask_value(value: &str) -> String {
    if value == crate::metrics::BLANK || value == crate::metrics::OTHER {
        value.to_string()
    } else {
        mask_name(value)
    }
}

/// The window's complaints as the Data sheet and the CSV show them.
fn redact_table(table: &mut DataFrame, names: &Names) -> anyhow::Result<()> {
    let masked: StringChunked =
        crate::metrics::texts(table.column("customer")?)?.iter().map(|v| v.map(mask_name)).collect();
    table.with_column(masked.with_name("customer".into()).into_column())?;
    for name in ["description", "cause", "action", "owner", "department", "status", "complaint_id", "lot"] {
        let scrubbed: StringChunked =
            crate::metrics::texts(table.column(name)?)?.iter().map(|v| v.map(|v| names.scrub(v))).collect();
        table.with_column(scrubbed.with_name(name.into()).into_column())?;
    }
    Ok(())
}

/// What reading found and the report lists: rejected rows, warnings and
/// conflicting duplicates.
fn redact_reading(ingested: &mut Ingested, names: &Names) {
    for r in &mut ingested.rejects {
        for (i, (_, text)) in r.cells.iter_mut().enumerate() {
            *text = if r.customer_cell == Some(i) { mask_name(text) } else { names.scrub(text) };
        }
    }
    for w in &mut ingested.warnings {
        w.text = if w.field == Field::Customer { mask_name(&w.text) } else { names.scrub(&w.text) };
    }
    for c in &mut ingested.conflicts {
        for (v, _) in &mut c.values {
            *v = if c.field == Field::Customer { mask_name(v) } else { names.scrub(v) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_one_letter_and_a_stable_tag() {
        assert_eq!(mask_name("대원산업"), mask_name("대원산업"));
        assert!(mask_name("대원산업").starts_with("대*** #"));
        assert!(mask_name("(주)대원산업").starts_with("대*** #"));
        assert!(mask_name("Hanbit Co., Ltd.").starts_with("H*** #"));
        assert_ne!(mask_name("대원산업"), mask_name("대경산업"));
        assert_eq!(mask_name(""), "");
    }

    #[test]
    fn customer_names_inside_free_text() {
        let names = Names::new(["(주)대원산업", "Hanbit Precision Co., Ltd.", "A", "대원"]);
        let masked = names.scrub("대원산업 조립라인에서 발견, HANBIT PRECISION 회신 요청, 담당 A");
        assert!(!masked.contains("대원산업") && !masked.to_lowercase().contains("hanbit"), "{masked}");
        assert!(masked.contains(&mask_name("(주)대원산업")), "the same mask as the customer column: {masked}");
        assert!(masked.ends_with("담당 A"), "a one-letter name is left alone: {masked}");
        // the longest name wins: 대원산업 is not masked as 대원 + 산업
        assert!(!masked.contains(&mask_name("대원")), "{masked}");
        assert_eq!(Names::new([]).scrub("그대로"), "그대로");
    }

    #[test]
    fn phones_and_emails_are_masked_in_text() {
        assert_eq!(scrub("연락처 010-1234-5678 회신"), "연락처 ***-****-5678 회신");
        assert_eq!(scrub("tel (02) 555 1234 0"), "tel (**) *** *234 0");
        assert_eq!(scrub("kim.cs@daewon.co.kr 로 회신"), "k***@***.co.kr 로 회신");
        assert_eq!(scrub("mail k@hanbit-precision.com."), "mail k***@***.com.");
        assert_eq!(scrub("a@localhost"), "a***@***");
        assert_eq!(scrub("LOT L2509-03, 3 EA, 2025-10-07"), "LOT L2509-03, 3 EA, 2025-10-07");
        assert_eq!(scrub("no contact"), "no contact");
    }
}
