//! The month's main issue told as one story: for a defect type that rose
//! beyond its limit (or the month's largest when none did), where its
//! complaints concentrate (product, customer), the corrective action linked
//! to them and its state, and the most severe of them — what the head of the
//! company asks next about "이물 33건".

use super::labels::{Labels, L};
use crate::ingest::cells::normalize_key;
use crate::metrics::capa::Capa;
use crate::metrics::Report;
use polars::prelude::*;
use std::collections::BTreeMap;

/// Severity words by tier, most severe first (matched after normalisation,
/// a word contained in the value): a stopped line or a recall, then the
/// critical class of the usual scales (A/B/C, 상/중/하, high/medium/low).
/// Lower classes are not told.
const SEVERE: [&[&str]; 2] = [
    &[
        "라인정지",
        "라인 정지",
        "라인스톱",
        "생산중단",
        "생산 중단",
        "리콜",
        "line stop",
        "line down",
        "stop ship",
        "recall",
    ],
    &["치명", "긴급", "심각", "critical", "urgent", "severe", "a", "상", "high", "s"],
];

/// The complaints of one defect type in the reporting month, as the story
/// needs them.
struct Rows {
    reference: Vec<String>,
    product: Vec<Option<String>>,
    customer: Vec<Option<String>>,
    capa: Vec<Option<String>>,
    severity: Vec<Option<String>>,
    owner: Vec<Option<String>>,
}

fn rows(r: &Report, defect_type: &str) -> Option<Rows> {
    use crate::metrics::frame;
    let t = &r.window_table;
    let of_type = frame::categories(t, "defect_type").ok()?.equal(defect_type);
    let mut df = t.filter(&(&frame::between(t, "month", r.period.0, r.period.0).ok()? & &of_type)).ok()?;
    df.with_column(frame::complaint_refs(&df).ok()?.with_name("reference".into()).into_column()).ok()?;
    let df = df.sort(["rd", "reference"], SortMultipleOptions::default()).ok()?;
    let text = |name: &str| -> Option<Vec<Option<String>>> {
        Some(crate::metrics::texts(df.column(name).ok()?).ok()?.iter().map(|v| v.map(str::to_string)).collect())
    };
    Some(Rows {
        reference: text("reference")?.into_iter().map(Option::unwrap_or_default).collect(),
        product: text("product")?,
        customer: text("customer")?,
        capa: text("capa_id")?,
        severity: text("severity")?,
        owner: text("owner")?,
    })
}

/// The most frequent non-blank value and its count, ties by name.
fn top(values: &[Option<String>]) -> Option<(String, u64)> {
    let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
    for v in values.iter().flatten().filter(|v| !v.trim().is_empty()) {
        *counts.entry(v.as_str()).or_default() += 1;
    }
    let max = counts.values().copied().max()?;
    counts.into_iter().find(|(_, n)| *n == max).map(|(v, n)| (v.to_string(), n))
}

/// A value that holds at least half of `total` complaints (and two of them).
fn concentrated(values: &[Option<String>]) -> Option<(String, u64)> {
    top(values).filter(|(_, n)| *n >= 2 && 2 * n >= values.len() as u64)
}

/// The tier of a severity word (0 most severe), `None` below the told ones.
fn tier(severity: &str) -> Option<usize> {
    let word = normalize_key(severity);
    SEVERE
        .iter()
        .position(|words| words.iter().any(|w| if w.chars().count() <= 1 { word == *w } else { word.contains(w) }))
}

/// What follows the head of a defect type's finding: " — 20건이 콘솔박스
/// CB-200, 고객 ○○" (where it concentrates, or nothing), then the sentences
/// on its corrective action and its most severe complaints.
pub fn tell(r: &Report, l: &Labels, defect_type: &str) -> (String, Vec<String>) {
    let Some(rows) = rows(r, defect_type) else { return (String::new(), Vec::new()) };
    let product = concentrated(&rows.product);
    let customer = concentrated(&rows.customer);
    let place = match (&product, &customer) {
        (Some((p, n)), Some((c, _))) => {
            l.fmt(L::StoryConcentrated, &[n, &l.category(p)]) + &l.fmt(L::StoryCustomer, &[&l.category(c)])
        }
        (Some((p, n)), None) => l.fmt(L::StoryConcentrated, &[n, &l.category(p)]),
        (None, Some((c, n))) => l.fmt(L::StoryCustomerOnly, &[&l.category(c), n]),
        (None, None) => String::new(),
    };
    let mut sentences = Vec::new();
    if let Some(capa) = r.capa.get() {
        sentences.push(capa_sentence(&rows, &capa.list, l));
    }
    if let Some(s) = severe_sentence(&rows, l) {
        sentences.push(s);
    }
    (place, sentences)
}

/// The corrective action most of the complaints carry, with its state, due
/// date and the owner written on them; or that there is none.
fn capa_sentence(rows: &Rows, list: &[Capa], l: &Labels) -> String {
    let keys: Vec<Option<String>> =
        rows.capa.iter().map(|c| c.as_deref().map(normalize_key).filter(|k| !k.is_empty())).collect();
    let Some((key, _)) = top(&keys) else { return l.get(L::StoryNoCapa).to_string() };
    let Some(capa) = list.iter().find(|c| normalize_key(&c.capa_id) == key) else {
        return l.get(L::StoryNoCapa).to_string();
    };
    let owners: Vec<Option<String>> =
        keys.iter().zip(&rows.owner).map(|(k, o)| o.clone().filter(|_| k.as_deref() == Some(key.as_str()))).collect();
    let mut detail = match capa.due {
        Some(d) => l.fmt(L::StoryCapaDue, &[&d]),
        None => l.get(L::StoryCapaNoDue).to_string(),
    };
    if let Some((owner, _)) = top(&owners) {
        detail += &l.fmt(L::StoryCapaOwner, &[&owner]);
    }
    l.fmt(L::StoryCapa, &[&super::capa_id(&capa.capa_id), &l.capa_status(capa), &detail])
}

/// The complaints of the most severe tier present (a line stop, a critical
/// one): the word as written, how many, and up to three of them by id.
fn severe_sentence(rows: &Rows, l: &Labels) -> Option<String> {
    let tiers: Vec<Option<usize>> = rows.severity.iter().map(|s| s.as_deref().and_then(tier)).collect();
    let worst = tiers.iter().flatten().min().copied()?;
    let picked: Vec<usize> = (0..tiers.len()).filter(|&i| tiers[i] == Some(worst)).collect();
    let word = rows.severity[picked[0]].clone().unwrap_or_default();
    let mut ids: Vec<&str> = picked.iter().take(3).map(|&i| rows.reference[i].as_str()).collect();
    if picked.len() > 3 {
        ids.push("…");
    }
    Some(l.fmt(L::StorySevere, &[&word, &picked.len(), &ids.join(", ")]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_tiers() {
        assert_eq!(tier("라인 정지"), Some(0));
        assert_eq!(tier("Line Stop (2h)"), Some(0));
        assert_eq!(tier("A"), Some(1));
        assert_eq!(tier("상"), Some(1));
        assert_eq!(tier("중"), None);
        assert_eq!(tier("Major"), None);
        assert_eq!(tier("Sample"), None, "a one-letter class matches only itself");
    }

    #[test]
    fn the_value_most_complaints_share() {
        let v = |xs: &[&str]| -> Vec<Option<String>> {
            xs.iter().map(|x| Some(x.to_string()).filter(|x| !x.is_empty())).collect()
        };
        assert_eq!(concentrated(&v(&["P", "P", "Q", ""])), Some(("P".to_string(), 2)));
        assert_eq!(concentrated(&v(&["P", "Q", "R"])), None, "one each: nowhere");
        assert_eq!(concentrated(&v(&["P", "P", "Q", "R", "S"])), None, "2 of 5 is not half");
        assert_eq!(top(&v(&["B", "A", "B", "A"])), Some(("A".to_string(), 2)), "ties by name");
    }
}
