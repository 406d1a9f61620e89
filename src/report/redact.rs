//! `--redact`: masks customer names, phone numbers and e-mail addresses in
//! what a report shows (Data sheet, overdue list, customer breakdown,
//! rejects and warnings) for reports that leave the quality team. Figures
//! are computed before masking, so they do not change.

use crate::ingest::fields::Field;
use crate::ingest::Ingested;
use crate::metrics::Report;
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

/// `대원산업` → `대*** #1a2b`: the first character, then a tag.
pub fn mask_name(name: &str) -> String {
    let mut chars = name.trim().chars();
    match chars.next() {
        None => String::new(),
        Some(first) => format!("{first}*** #{}", tag(name.trim())),
    }
}

/// Masks phone numbers (9+ digits with - . space ( ) between, all but the
/// last 4 digits) and e-mail addresses (all but the first character of the
/// local part) inside free text.
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
                out.push_str("***");
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Redacts the shown parts of a computed report and of what reading found.
pub fn apply(report: &mut Report, ingested: &mut Ingested) -> anyhow::Result<()> {
    for o in &mut report.overdue {
        o.customer = o.customer.as_deref().map(mask_name);
    }
    if let Some(rows) = report.breakdowns.get_mut(Field::Customer.name()) {
        for r in rows {
            if r.value != crate::metrics::trend::BLANK && r.value != crate::metrics::trend::OTHER {
                r.value = mask_name(&r.value);
            }
        }
    }
    if let Some(pos) = report.params.recurrence_key.iter().position(|f| *f == Field::Customer) {
        for k in &mut report.recurring_keys {
            k.key[pos] = mask_name(&k.key[pos]);
        }
    }
    let table = &mut report.window_table;
    let masked: StringChunked = table.column("customer")?.str()?.iter().map(|v| v.map(mask_name)).collect();
    table.with_column(masked.with_name("customer".into()).into_column())?;
    for name in ["description", "cause", "action", "owner", "department", "status", "complaint_id", "lot"] {
        let scrubbed: StringChunked = table.column(name)?.str()?.iter().map(|v| v.map(scrub)).collect();
        table.with_column(scrubbed.with_name(name.into()).into_column())?;
    }
    for r in &mut ingested.rejects {
        for (i, (_, text)) in r.cells.iter_mut().enumerate() {
            *text = if r.customer_cell == Some(i) { mask_name(text) } else { scrub(text) };
        }
    }
    for w in &mut ingested.warnings {
        w.text = if w.field == Field::Customer { mask_name(&w.text) } else { scrub(&w.text) };
    }
    for c in &mut ingested.conflicts {
        for (v, _) in &mut c.values {
            *v = if c.field == Field::Customer { mask_name(v) } else { scrub(v) };
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_one_letter_and_a_stable_tag() {
        assert_eq!(mask_name("대원산업"), mask_name("대원산업"));
        assert!(mask_name("대원산업").starts_with("대*** #"));
        assert_ne!(mask_name("대원산업"), mask_name("대경산업"));
        assert_eq!(mask_name(""), "");
    }

    #[test]
    fn phones_and_emails_are_masked_in_text() {
        assert_eq!(scrub("연락처 010-1234-5678 회신"), "연락처 ***-****-5678 회신");
        assert_eq!(scrub("tel (02) 555 1234 0"), "tel (**) *** *234 0");
        assert_eq!(scrub("kim.cs@daewon.co.kr 로 회신"), "k***@daewon.co.kr 로 회신");
        assert_eq!(scrub("LOT L2509-03, 3 EA, 2025-10-07"), "LOT L2509-03, 3 EA, 2025-10-07");
        assert_eq!(scrub("no contact"), "no contact");
    }
}
