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
fn key_expr(params: &Params) -> Expr {
    let parts: Vec<Expr> = params.recurrence_key.iter().map(|f| super::text(f.name()).str().to_lowercase()).collect();
    concat_str(parts, KEY_SEP, false)
}

/// Adds `key`, `repeat` and `recurrence_after_closure` to the judged frame.
pub fn mark(judged: DataFrame, params: &Params) -> anyhow::Result<DataFrame> {
    let window = params.recurrence_window as i32;
    let mut out = judged.lazy().with_column(key_expr(params).alias("key")).collect()?;
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

/// The window's complaints grouped by recurrence key: keys with `min_count`
/// or more complaints for which `keep` holds (over the group's columns), with
/// `count` and the `aggs`, sorted by count descending then normalised key;
/// beside it each group's key as shown (the earliest complaint's spelling).
/// The recurring keys here, and the recurring problems without CAPA (§9).
pub(super) fn recurring_groups(
    window: &DataFrame,
    params: &Params,
    aggs: Vec<Expr>,
    keep: Expr,
    min_count: u32,
) -> anyhow::Result<(DataFrame, Vec<Vec<String>>)> {
    let display = params.recurrence_key.iter().map(|f| {
        col(f.name()).sort_by([col("rd"), col("input_order")], SortMultipleOptions::default()).first().alias(f.name())
    });
    let mut all = vec![len().cast(DataType::UInt64).alias("count")];
    all.extend(aggs);
    all.extend(display);
    let g = window
        .clone()
        .lazy()
        .filter(col("key").is_not_null())
        .group_by([col("key")])
        .agg(all)
        .filter(col("count").gt_eq(lit(u64::from(min_count))).and(keep))
        .sort_by_exprs(
            [col("count"), col("key")],
            SortMultipleOptions::default().with_order_descending_multi([true, false]),
        )
        .collect()?;
    let mut keys: Vec<Vec<String>> = vec![Vec::new(); g.height()];
    for f in &params.recurrence_key {
        for (i, v) in super::texts(g.column(f.name())?)?.iter().enumerate() {
            keys[i].push(v.unwrap_or_default().to_string());
        }
    }
    Ok((g, keys))
}

/// A group's distinct non-blank customers (case-folded; text is normalised
/// on reading).
pub(super) fn distinct_customers() -> Expr {
    super::text("customer").str().to_lowercase().drop_nulls().n_unique().cast(DataType::UInt64)
}

/// The recurring-keys table over the trend window's complaints, by count
/// descending then normalised key.
pub fn recurring_keys(window: &DataFrame, params: &Params) -> anyhow::Result<Vec<RecurringKey>> {
    let aggs = vec![
        col("rd").min().alias("first"),
        col("rd").max().alias("last"),
        distinct_customers().alias("customers"),
        col("repeat").cast(DataType::UInt64).sum().alias("repeats"),
        col("recurrence_after_closure").cast(DataType::UInt64).sum().alias("rac"),
    ];
    let (g, mut key_values) = recurring_groups(window, params, aggs, lit(true), 2)?;
    let u = |name: &str| -> anyhow::Result<Vec<u64>> { Ok(g.column(name)?.u64()?.iter().flatten().collect()) };
    let d = |name: &str| -> anyhow::Result<Vec<i32>> { Ok(g.column(name)?.i32()?.iter().flatten().collect()) };
    let (count, customers, repeats, rac) = (u("count")?, u("customers")?, u("repeats")?, u("rac")?);
    let (first, last) = (d("first")?, d("last")?);
    Ok((0..g.height())
        .map(|i| RecurringKey {
            key: std::mem::take(&mut key_values[i]),
            count: count[i],
            first: from_epoch_days(first[i]),
            last: from_epoch_days(last[i]),
            customers: customers[i],
            repeats: repeats[i],
            recurrences_after_closure: rac[i],
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
