//! §4 Recurrence: repeats of a known problem within the window, recurrences
//! after the earlier complaint was closed, and the recurring-keys table.

use super::months::from_epoch_days;
use super::Params;
use chrono::NaiveDate;
use polars::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;

/// Separates key fields inside the joined key string.
const KEY_SEP: &str = "\u{1f}";

/// The normalised recurrence key: key fields lower-cased (text was already
/// NFKC-, space- and synonym-normalised on reading) and joined; null when
/// any key field is blank.
fn keys(judged: &DataFrame, params: &Params) -> PolarsResult<StringChunked> {
    let parts: Vec<StringChunked> = params
        .recurrence_key
        .iter()
        .map(|f| Ok(super::texts(judged.column(f.name())?)?.to_lowercase()))
        .collect::<PolarsResult<_>>()?;
    let parts: Vec<&StringChunked> = parts.iter().collect();
    Ok(hor_str_concat(&parts, KEY_SEP, false)?.with_name("key".into()))
}

/// Adds `key`, `repeat` and `recurrence_after_closure` to the judged frame.
pub fn mark(judged: DataFrame, params: &Params) -> anyhow::Result<DataFrame> {
    let window = params.recurrence_window as i32;
    let mut out = judged;
    out.with_column(keys(&out, params)?.into_column())?;
    let (repeat, after_closure) = flags(&out, window)?;
    out.with_column(Column::new("repeat".into(), repeat))?;
    out.with_column(Column::new("recurrence_after_closure".into(), after_closure))?;
    Ok(out)
}

/// `repeat` and `recurrence_after_closure` of every row of `out`.
fn flags(out: &DataFrame, window: i32) -> anyhow::Result<(Vec<bool>, Vec<bool>)> {
    let keys = out.column("key")?.str()?;
    let rd = out.column("rd")?.i32()?;
    let cd = out.column("cd")?.i32()?;
    let order = out.column("input_order")?.u32()?;
    // Complaints of one key in (received_date, input order): the previous
    // one is the latest earlier complaint, so a repeat is one step back.
    // Keys become numbers first (sorting numbers, not strings).
    let mut ids: PlHashMap<&str, u32> = PlHashMap::default();
    let mut rows: Vec<(u32, i32, u32, u32)> = Vec::with_capacity(out.height());
    for (i, ((key, r), o)) in keys.iter().zip(rd.iter()).zip(order.iter()).enumerate() {
        if let (Some(key), Some(r)) = (key, r) {
            let next = ids.len() as u32;
            let id = *ids.entry(key).or_insert(next);
            rows.push((id, r, o.unwrap_or(u32::MAX), i as u32));
        }
    }
    rows.sort_unstable();
    let closed: Vec<Option<i32>> = rows.iter().map(|&(.., i)| cd.get(i as usize)).collect();
    let recurred = recurrences_after_closure(&rows, &closed, window);

    let n = out.height();
    let mut repeat = vec![false; n];
    let mut after_closure = vec![false; n];
    for (j, &(key, received, _, i)) in rows.iter().enumerate() {
        let previous = j.checked_sub(1).map(|p| rows[p]).filter(|p| p.0 == key);
        repeat[i as usize] = previous.is_some_and(|p| received - p.1 <= window);
        after_closure[i as usize] = recurred[j];
    }
    Ok((repeat, after_closure))
}

/// For complaints sorted by (key, received, input order) with their closed
/// dates: does an earlier complaint of the same key have a closed date
/// before this receipt and at most `window` days before it? An as-of lookup
/// limited to earlier rows, which a join cannot express exactly when a
/// closed date precedes its own receipt (negative TTR), hence one ordered
/// pass with a set of closures.
fn recurrences_after_closure(rows: &[(u32, i32, u32, u32)], closed: &[Option<i32>], window: i32) -> Vec<bool> {
    let mut out = Vec::with_capacity(rows.len());
    let mut closures: BTreeSet<i32> = BTreeSet::new();
    let mut current: Option<u32> = None;
    for (&(key, received, ..), &closed) in rows.iter().zip(closed) {
        if Some(key) != current {
            closures.clear();
            current = Some(key);
        }
        let hit = closures.range(..received).next_back().is_some_and(|&c| received - c <= window);
        out.push(hit);
        if let Some(c) = closed {
            closures.insert(c);
        }
    }
    out
}

/// A key with two or more complaints in the trend window.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RecurringKey {
    /// Key field values as first written in the window.
    pub key: Vec<String>,
    pub count: u64,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Distinct non-blank customers (normalised).
    pub customers: u64,
    pub repeats: u64,
    pub recurrences_after_closure: u64,
}

/// The complaints of one recurrence key.
pub(super) struct KeyGroup {
    /// The normalised key.
    pub key: String,
    /// Key field values as first written (the earliest complaint's spelling).
    pub display: Vec<String>,
    /// Its complaints' rows, in table order.
    pub rows: Vec<usize>,
}

/// The window's complaints grouped by recurrence key: keys with `min_count`
/// or more complaints whose rows `keep`, sorted by count descending then
/// normalised key. The recurring keys here, and the recurring problems
/// without CAPA (§9).
pub(super) fn recurring_groups(
    window: &DataFrame,
    params: &Params,
    min_count: u32,
    keep: impl Fn(&[usize]) -> bool,
) -> anyhow::Result<Vec<KeyGroup>> {
    let mut by_key: PlHashMap<&str, Vec<usize>> = PlHashMap::default();
    for (i, key) in window.column("key")?.str()?.iter().enumerate() {
        if let Some(key) = key {
            by_key.entry(key).or_default().push(i);
        }
    }
    let (rd, order) = (window.column("rd")?.i32()?, window.column("input_order")?.u32()?);
    let fields: Vec<StringChunked> =
        params.recurrence_key.iter().map(|f| super::texts(window.column(f.name())?)).collect::<PolarsResult<_>>()?;
    let mut groups: Vec<KeyGroup> = by_key
        .into_iter()
        .filter(|(_, rows)| rows.len() as u64 >= u64::from(min_count) && keep(rows))
        .map(|(key, rows)| {
            // the earliest by (received, input order), a null date first
            let first = rows.iter().copied().min_by_key(|&i| (rd.get(i), order.get(i))).unwrap_or(0);
            let display = fields.iter().map(|c| c.get(first).unwrap_or_default().to_string()).collect();
            KeyGroup { key: key.to_string(), display, rows }
        })
        .collect();
    groups.sort_by(|a, b| b.rows.len().cmp(&a.rows.len()).then_with(|| a.key.cmp(&b.key)));
    Ok(groups)
}

/// The first and last received day of a group's complaints.
pub(super) fn received_span(rd: &Int32Chunked, rows: &[usize]) -> (i32, i32) {
    let days = rows.iter().filter_map(|&i| rd.get(i));
    (days.clone().min().unwrap_or(0), days.max().unwrap_or(0))
}

/// Each complaint's customer case-folded (text is normalised on reading),
/// for [`distinct_customers`].
pub(super) fn folded_customers(window: &DataFrame) -> PolarsResult<StringChunked> {
    Ok(super::texts(window.column("customer")?)?.to_lowercase())
}

/// A group's distinct non-blank customers.
pub(super) fn distinct_customers(folded: &StringChunked, rows: &[usize]) -> u64 {
    rows.iter().filter_map(|&i| folded.get(i)).collect::<PlHashSet<&str>>().len() as u64
}

/// The recurring-keys table over the trend window's complaints, by count
/// descending then normalised key.
pub fn recurring_keys(window: &DataFrame, params: &Params) -> anyhow::Result<Vec<RecurringKey>> {
    let groups = recurring_groups(window, params, 2, |_| true)?;
    let rd = window.column("rd")?.i32()?;
    let customers = folded_customers(window)?;
    let (repeat, rac) = (window.column("repeat")?.bool()?, window.column("recurrence_after_closure")?.bool()?);
    Ok(groups
        .into_iter()
        .map(|g| {
            let (first, last) = received_span(rd, &g.rows);
            RecurringKey {
                count: g.rows.len() as u64,
                first: from_epoch_days(first),
                last: from_epoch_days(last),
                customers: distinct_customers(&customers, &g.rows),
                repeats: super::frame::count_true(repeat, &g.rows),
                recurrences_after_closure: super::frame::count_true(rac, &g.rows),
                key: g.display,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{judge, Params};
    use super::*;
    use crate::ingest::fields::Field;

    fn flags(rows: &[Row], params: &Params) -> (Vec<bool>, Vec<bool>) {
        let (period, _) = period("2024-12", None, 12);
        let j = judge(&table(rows), &period, params).unwrap_or_default();
        let get = |n: &str| j.column(n).unwrap().bool().unwrap().iter().flatten().collect::<Vec<_>>();
        (get("repeat"), get("recurrence_after_closure"))
    }

    #[test]
    fn repeats_within_the_window_and_after_closure() {
        let rows = [
            ("1", "2024-01-01", Some("2024-01-05"), false, "DT-100", "이물", "A"),
            ("2", "2024-02-01", None, false, "dt-100", "이물", "B"), // case-folded key; repeat (31 d), after closure (27 d)
            ("3", "2024-06-15", Some("2024-06-20"), false, "DT-100", "이물", "A"), // 135 d after #2: no repeat; closure 01-05 too old
            ("4", "2024-06-15", None, false, "DT-100", "이물", "A"), // same day, later input: repeat; #3 closed after → no
            ("5", "2024-07-01", None, false, "DT-100", "", "A"),     // blank key field: never
            ("6", "2024-09-18", None, false, "DT-100", "이물", "A"), // 95 d after #4: no repeat; 90 d after closure 06-20: yes
        ];
        let (rep, rac) = flags(&rows, &Params::default());
        assert_eq!(rep, [false, true, false, true, false, false]);
        assert_eq!(rac, [false, true, false, false, false, true]);
    }

    #[test]
    fn negative_ttr_closure_counts_only_from_earlier_complaints() {
        let rows = [
            ("1", "2024-03-10", None, false, "P", "D", "A"),
            // received later, closed (typo) before #1's receipt: its closure is known but #2 is not earlier than #1
            ("2", "2024-03-20", Some("2024-03-01"), false, "P", "D", "A"),
            ("3", "2024-03-25", None, false, "P", "D", "A"),
        ];
        let (rep, rac) = flags(&rows, &Params::default());
        assert_eq!(rep, [false, true, true]);
        assert_eq!(rac, [false, false, true]);
    }

    #[test]
    fn custom_key_and_window() {
        let params = Params {
            recurrence_key: vec![Field::Customer, Field::Product],
            recurrence_window: 10,
            ..Params::default()
        };
        let rows = [
            ("1", "2024-01-01", None, false, "P", "X", "A"),
            ("2", "2024-01-11", None, false, "P", "Y", "a"),
            ("3", "2024-01-22", None, false, "P", "X", "A"),
        ];
        let (rep, _) = flags(&rows, &params);
        assert_eq!(rep, [false, true, false]);
    }

    #[test]
    fn recurring_keys_table() {
        let rows = [
            ("1", "2024-11-01", Some("2024-11-03"), false, "P", "D", "A"),
            ("2", "2024-11-10", None, false, "p", "D", "a"),
            ("3", "2024-12-01", None, false, "P", "D", "B"),
            ("4", "2024-12-02", None, false, "Q", "D", ""),
        ];
        let (period, params) = period("2024-12", None, 12);
        let j = judge(&table(&rows), &period, &params).unwrap_or_default();
        let keys = recurring_keys(&j, &params).unwrap_or_default();
        assert_eq!(keys.len(), 1);
        let k = &keys[0];
        assert_eq!(k.key, ["P", "D"]);
        assert_eq!((k.count, k.customers, k.repeats, k.recurrences_after_closure), (3, 2, 2, 2));
        assert_eq!((k.first, k.last), (date("2024-11-01"), date("2024-12-01")));
    }
}
