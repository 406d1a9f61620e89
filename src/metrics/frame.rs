//! Eager building blocks over the judged table: row masks, each
//! complaint's reference and category, counts per group. polars is built
//! without its lazy engine (issue 24: a fifth of a clean build for a score
//! of small queries), so the metrics select and group with these.

use super::{texts, BLANK};
use polars::prelude::*;
use std::collections::BTreeMap;
use std::hash::Hash;

/// Whether the i32 column `name` (`month`, `rd`) lies in `first..=last`;
/// null where the value is null (a filter drops the row).
pub fn between(df: &DataFrame, name: &str, first: i32, last: i32) -> PolarsResult<BooleanChunked> {
    let values = df.column(name)?.i32()?;
    Ok(&values.gt_eq(first) & &values.lt_eq(last))
}

/// The complaints of `df` received in the months `first..=last`.
pub fn months(df: &DataFrame, first: i32, last: i32) -> PolarsResult<DataFrame> {
    df.filter(&between(df, "month", first, last)?)
}

/// Each complaint's reference, named `ref`: its id, or where it was read
/// (`file#sheet!row`, null when a part of it is).
pub fn complaint_refs(df: &DataFrame) -> PolarsResult<StringChunked> {
    let ids = texts(df.column("complaint_id")?)?;
    let (files, sheets) = (texts(df.column("source_file")?)?, texts(df.column("source_sheet")?)?);
    let rows = df.column("source_row")?.cast(&DataType::String)?;
    let (hash, bang) = (StringChunked::new("".into(), ["#"]), StringChunked::new("".into(), ["!"]));
    let place = hor_str_concat(&[&files, &hash, &sheets, &bang, rows.str()?], "", false)?;
    let refs: StringChunked = ids.iter().zip(place.iter()).map(|(id, at)| id.or(at)).collect();
    Ok(refs.with_name("ref".into()))
}

/// The text column `name` as the category a breakdown shows: blank (null)
/// values are [`BLANK`], the name every figure and sentence uses for them —
/// so a category taken from a figure selects its complaints again. Any
/// other value, `기타` included, is itself.
pub fn categories(df: &DataFrame, name: &str) -> PolarsResult<StringChunked> {
    let values = texts(df.column(name)?)?;
    if values.null_count() == 0 {
        return Ok(values);
    }
    Ok(values.iter().map(|v| Some(v.unwrap_or(BLANK))).collect::<StringChunked>().with_name(name.into()))
}

/// How many times each key occurs; a null key (`None`) is not counted.
pub fn count_groups<K: Hash + Eq + Ord>(keys: impl IntoIterator<Item = Option<K>>) -> BTreeMap<K, u64> {
    let mut counts: PlHashMap<K, u64> = PlHashMap::default();
    for key in keys.into_iter().flatten() {
        *counts.entry(key).or_default() += 1;
    }
    counts.into_iter().collect()
}

/// Complaints per (category of `field`, receipt month) of `df`.
pub fn counts_by_category_and_month(df: &DataFrame, field: &str) -> PolarsResult<BTreeMap<(String, i32), u64>> {
    let values = categories(df, field)?;
    let months = df.column("month")?.i32()?;
    let pairs = values.iter().zip(months.iter()).map(|(v, m)| Some((v?, m?)));
    Ok(count_groups(pairs).into_iter().map(|((v, m), n)| ((v.to_string(), m), n)).collect())
}

/// How many of `rows` are true in `flags` (a null is not).
pub fn count_true(flags: &BooleanChunked, rows: &[usize]) -> u64 {
    rows.iter().filter(|&&i| flags.get(i) == Some(true)).count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_fall_back_to_where_the_row_was_read() {
        let df = df!(
            "complaint_id" => [Some("C-1"), None, None],
            "source_file" => [Some("a.xlsx"), Some("a.xlsx"), None],
            "source_sheet" => ["S", "S", "S"],
            "source_row" => [2u32, 3, 4],
        )
        .unwrap_or_default();
        let refs = complaint_refs(&df).unwrap_or_default();
        assert_eq!(refs.iter().collect::<Vec<_>>(), [Some("C-1"), Some("a.xlsx#S!3"), None]);
    }

    #[test]
    fn blanks_are_a_category_and_null_months_are_not_counted() {
        let df = df!(
            "defect_type" => [Some("기타"), None, None, Some("기타")],
            "month" => [Some(1i32), Some(1), None, Some(2)],
        )
        .unwrap_or_default();
        let got = counts_by_category_and_month(&df, "defect_type").unwrap_or_default();
        let want: BTreeMap<(String, i32), u64> =
            [(("기타".to_string(), 1), 1), (("기타".to_string(), 2), 1), ((BLANK.to_string(), 1), 1)].into();
        assert_eq!(got, want);
        let mask = between(&df, "month", 1, 1).unwrap_or_default();
        assert_eq!(mask.iter().collect::<Vec<_>>(), [Some(true), Some(true), None, Some(false)]);
    }
}
