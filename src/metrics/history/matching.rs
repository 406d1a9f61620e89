//! Which complaint of the base snapshot is which complaint now
//! (docs/metrics.md §15 "Matching"): the same complaint id; for rows without
//! an id (on either side), the content of the row — first every field but
//! the provenance, then the content fields (received date, customer,
//! product, lot, defect type, description), then the content fields but one
//! when exactly one row on each side fits. Rows that share the same content
//! are paired in ledger order.

use crate::ingest::COLUMNS;
use polars::prelude::*;
use serde::Serialize;
use std::collections::VecDeque;
use xxhash_rust::xxh3::xxh3_128_with_seed;

/// Columns that say where a row was read, not what it says: never compared.
const PROVENANCE: [&str; 4] = ["source_file", "source_sheet", "source_row", "input_order"];

/// What an id-less complaint is: the fields that are written once, when the
/// complaint is received (the lifecycle fields change as it is handled).
pub const CONTENT: [&str; 6] = ["received_date", "customer", "product", "lot", "defect_type", "description"];

/// How a pair was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    /// The same complaint id.
    Id,
    /// The same content (received date, customer, product, lot, defect
    /// type, description), at least one side without an id.
    Content,
    /// The same content but one field, the only such pair.
    Similar,
}

/// A clean table's columns for access by row: text as strings (dictionary
/// codes decoded), dates as epoch days. Only the columns asked for are
/// decoded.
pub struct Rows {
    pub height: usize,
    cols: Vec<Option<Col>>,
}

enum Col {
    Text(StringChunked),
    /// A dictionary-encoded text column read through its mapping (no copy
    /// of a million strings).
    Cat(UInt32Chunked, std::sync::Arc<CategoricalMapping>),
    Date(Int32Chunked),
    Number(Float64Chunked),
    Flag(BooleanChunked),
    Count(UInt32Chunked),
}

/// The position of a clean-table column (a name of [`COLUMNS`]).
pub fn column(name: &str) -> usize {
    COLUMNS.iter().position(|c| *c == name).unwrap_or(usize::MAX)
}

impl Rows {
    /// The columns `names` of `df` (a clean table, or a snapshot's).
    pub fn new(df: &DataFrame, names: &[&str]) -> anyhow::Result<Rows> {
        let mut cols: Vec<Option<Col>> = (0..COLUMNS.len()).map(|_| None).collect();
        for name in names {
            let c = column(name);
            anyhow::ensure!(c < COLUMNS.len(), "internal error: no clean-table column '{name}'");
            let column = df.column(name)?;
            let col = match column.dtype() {
                DataType::Date => Col::Date(column.as_materialized_series().date()?.physical().clone()),
                DataType::Float64 => Col::Number(column.f64()?.clone()),
                DataType::Boolean => Col::Flag(column.bool()?.clone()),
                DataType::UInt32 => Col::Count(column.u32()?.clone()),
                // a column no row has may be stored as nulls of no type
                DataType::Null if name.ends_with("_date") => {
                    Col::Date(Int32Chunked::full_null(column.name().clone(), column.len()))
                }
                DataType::Categorical(_, _) if column.cat32().is_ok() => {
                    let cat = column.cat32()?;
                    Col::Cat(cat.physical().clone(), cat.get_mapping().clone())
                }
                _ => Col::Text(crate::metrics::texts(column)?),
            };
            cols[c] = Some(col);
        }
        Ok(Rows { height: df.height(), cols })
    }

    pub fn text(&self, c: usize, i: usize) -> Option<&str> {
        match self.cols.get(c) {
            Some(Some(Col::Text(a))) => a.get(i),
            Some(Some(Col::Cat(codes, mapping))) => codes.get(i).and_then(|code| mapping.cat_to_str(code)),
            _ => None,
        }
    }

    pub fn date(&self, c: usize, i: usize) -> Option<i32> {
        match self.cols.get(c) {
            Some(Some(Col::Date(a))) => a.get(i),
            _ => None,
        }
    }

    pub fn flag(&self, c: usize, i: usize) -> Option<bool> {
        match self.cols.get(c) {
            Some(Some(Col::Flag(a))) => a.get(i),
            _ => None,
        }
    }

    pub fn count(&self, c: usize, i: usize) -> Option<u32> {
        match self.cols.get(c) {
            Some(Some(Col::Count(a))) => a.get(i),
            _ => None,
        }
    }

    /// The value as the changes show it: text as written, a date as
    /// `YYYY-MM-DD`.
    pub fn shown(&self, c: usize, i: usize) -> Option<String> {
        match self.cols.get(c) {
            Some(Some(Col::Text(_) | Col::Cat(_, _))) => self.text(c, i).map(str::to_string),
            Some(Some(Col::Date(a))) => a.get(i).map(|d| crate::metrics::months::from_epoch_days(d).to_string()),
            Some(Some(Col::Number(a))) => a.get(i).map(|x| x.to_string()),
            Some(Some(Col::Flag(a))) => a.get(i).map(|x| x.to_string()),
            Some(Some(Col::Count(a))) => a.get(i).map(|x| x.to_string()),
            _ => None,
        }
    }

    /// The complaint's reference as the overdue list writes it: its id, or
    /// `file#sheet!row` (docs/metrics.md §3).
    pub fn reference(&self, i: usize) -> String {
        match self.text(column("complaint_id"), i) {
            Some(id) => id.to_string(),
            None => format!(
                "{}#{}!{}",
                self.text(column("source_file"), i).unwrap_or_default(),
                self.text(column("source_sheet"), i).unwrap_or_default(),
                self.count(column("source_row"), i).unwrap_or(0)
            ),
        }
    }

    /// One cell's hash, seeded by its column so that equal values in two
    /// columns differ; a blank differs from every text (no UTF-8 is 0xFF).
    fn cell_hash(&self, c: usize, i: usize) -> u128 {
        let seed = c as u64;
        let hash = |bytes: &[u8]| xxh3_128_with_seed(bytes, seed);
        let blank = || hash(&[0xff]);
        match self.cols.get(c) {
            Some(Some(Col::Text(_) | Col::Cat(_, _))) => self.text(c, i).map_or_else(blank, |v| hash(v.as_bytes())),
            Some(Some(Col::Date(a))) => a.get(i).map_or_else(blank, |d| hash(&d.to_le_bytes())),
            Some(Some(Col::Number(a))) => a.get(i).map_or_else(blank, |x| hash(&x.to_bits().to_le_bytes())),
            Some(Some(Col::Flag(a))) => a.get(i).map_or_else(blank, |x| hash(&[u8::from(x)])),
            Some(Some(Col::Count(a))) => a.get(i).map_or_else(blank, |x| hash(&x.to_le_bytes())),
            _ => blank(),
        }
    }

    /// The hashes of `rows` over the columns `cs` (an order-free XOR of
    /// cells whose hashes differ by column), column by column: a
    /// dictionary-encoded column hashes each of its values once.
    fn row_hashes(&self, cs: &[usize], rows: &[usize]) -> Vec<u128> {
        let mut out = vec![0u128; rows.len()];
        for &c in cs {
            match self.cols.get(c) {
                Some(Some(Col::Cat(codes, mapping))) => {
                    let blank = xxh3_128_with_seed(&[0xff], c as u64);
                    let mut memo: PlHashMap<u32, u128> = PlHashMap::default();
                    for (h, &i) in out.iter_mut().zip(rows) {
                        *h ^= match codes.get(i) {
                            None => blank,
                            Some(code) => *memo.entry(code).or_insert_with(|| {
                                mapping.cat_to_str(code).map_or(blank, |v| xxh3_128_with_seed(v.as_bytes(), c as u64))
                            }),
                        };
                    }
                }
                _ => out.iter_mut().zip(rows).for_each(|(h, &i)| *h ^= self.cell_hash(c, i)),
            }
        }
        out
    }
}

/// Which row of `then` is which of `now`, and the rows of each side with no
/// partner.
#[derive(Debug, Default, PartialEq)]
pub struct Matches {
    /// (then row, now row, how), in now's row order.
    pub pairs: Vec<(usize, usize, MatchedBy)>,
    pub then_only: Vec<usize>,
    pub now_only: Vec<usize>,
}

/// The columns the content passes read: all but the input order.
pub fn columns_for_matching() -> Vec<&'static str> {
    COLUMNS.iter().copied().filter(|c| *c != "input_order").collect()
}

/// Matches the complaints of two clean tables (see the module doc): by id
/// on `then` and `now` (rows of `then_df` and `now_df` holding at least the
/// id), then by content on the rows left, decoded for them alone — a
/// ledger with ids decodes its other columns for a handful of rows.
pub fn match_tables(then_df: &DataFrame, now_df: &DataFrame, then: &Rows, now: &Rows) -> anyhow::Result<Matches> {
    let mut state = State::new(then.height, now.height);
    id_pass(then, now, &mut state);
    let t_left: Vec<usize> = (0..then.height).filter(|&i| !state.taken[i]).collect();
    let n_left: Vec<usize> = (0..now.height).filter(|&j| state.then_of_now[j].is_none()).collect();
    if !t_left.is_empty() && !n_left.is_empty() {
        let rows = |df: &DataFrame, idx: &[usize]| -> anyhow::Result<Rows> {
            if idx.len() == df.height() {
                // no row matched by id (a ledger without ids): no copy
                return Rows::new(df, &columns_for_matching());
            }
            let idx = IdxCa::from_vec("row".into(), idx.iter().map(|&i| i as IdxSize).collect());
            Rows::new(&df.take(&idx)?, &columns_for_matching())
        };
        let (t_rows, n_rows) = (rows(then_df, &t_left)?, rows(now_df, &n_left)?);
        let mut left = State::new(t_left.len(), n_left.len());
        content_passes(&t_rows, &n_rows, &mut left);
        for (j, pair) in left.then_of_now.iter().enumerate() {
            if let Some((i, by)) = pair {
                state.pair(t_left[*i], n_left[j], *by);
            }
        }
    }
    Ok(state.matches())
}

/// [`match_tables`] on rows that hold [`columns_for_matching`].
pub fn match_rows(then: &Rows, now: &Rows) -> Matches {
    let mut state = State::new(then.height, now.height);
    id_pass(then, now, &mut state);
    content_passes(then, now, &mut state);
    state.matches()
}

/// The same complaint id.
fn id_pass(then: &Rows, now: &Rows, state: &mut State) {
    let id = column("complaint_id");
    let mut by_id: PlHashMap<&str, usize> = PlHashMap::default();
    by_id.reserve(then.height);
    for i in 0..then.height {
        if let Some(v) = then.text(id, i) {
            by_id.insert(v, i);
        }
    }
    for j in 0..now.height {
        if let Some(&i) = now.text(id, j).and_then(|v| by_id.get(v)) {
            state.pair(i, j, MatchedBy::Id);
        }
    }
}

/// Every field but the provenance and the id (an id filled in later still
/// matches), then the content, then the content but one field.
fn content_passes(then: &Rows, now: &Rows, state: &mut State) {
    let id = column("complaint_id");
    let whole: Vec<usize> = (0..COLUMNS.len()).filter(|&c| !PROVENANCE.contains(&COLUMNS[c]) && c != id).collect();
    let content: Vec<usize> = CONTENT.iter().map(|n| column(n)).collect();
    let mut passes: Vec<(Vec<usize>, MatchedBy, Option<usize>)> =
        vec![(whole, MatchedBy::Content, None), (content.clone(), MatchedBy::Content, None)];
    for &left_out in &content {
        passes.push((content.iter().copied().filter(|&c| c != left_out).collect(), MatchedBy::Similar, Some(left_out)));
    }
    let then_ids: Vec<bool> = (0..then.height).map(|i| then.text(id, i).is_some()).collect();
    let now_ids: Vec<bool> = (0..now.height).map(|j| now.text(id, j).is_some()).collect();
    for (fields, by, left_out) in &passes {
        // an id on both sides means two complaints: only pairs with a blank id
        for (then_has_id, now_has_id) in [(false, false), (false, true), (true, false)] {
            let t: Vec<usize> = (0..then.height).filter(|&i| !state.taken[i] && then_ids[i] == then_has_id).collect();
            if t.is_empty() {
                continue;
            }
            let n: Vec<usize> =
                (0..now.height).filter(|&j| state.then_of_now[j].is_none() && now_ids[j] == now_has_id).collect();
            if n.is_empty() {
                continue;
            }
            match by {
                MatchedBy::Similar => similar_pass(then, now, &t, &n, fields, *left_out, state),
                _ => queue_pass(then, now, &t, &n, fields, *by, state),
            }
        }
    }
}

struct State {
    then_of_now: Vec<Option<(usize, MatchedBy)>>,
    taken: Vec<bool>,
}

impl State {
    fn new(then: usize, now: usize) -> State {
        State { then_of_now: vec![None; now], taken: vec![false; then] }
    }

    fn matches(self) -> Matches {
        let pairs = (0..self.then_of_now.len()).filter_map(|j| self.then_of_now[j].map(|(i, by)| (i, j, by))).collect();
        Matches {
            pairs,
            then_only: (0..self.taken.len()).filter(|&i| !self.taken[i]).collect(),
            now_only: (0..self.then_of_now.len()).filter(|&j| self.then_of_now[j].is_none()).collect(),
        }
    }

    fn pair(&mut self, i: usize, j: usize, by: MatchedBy) {
        if !self.taken[i] && self.then_of_now[j].is_none() {
            self.taken[i] = true;
            self.then_of_now[j] = Some((i, by));
        }
    }
}

/// Rows with equal values in `fields` are the same complaint, paired in
/// ledger order.
fn queue_pass(then: &Rows, now: &Rows, t: &[usize], n: &[usize], fields: &[usize], by: MatchedBy, s: &mut State) {
    let mut queues: PlHashMap<u128, VecDeque<usize>> = PlHashMap::default();
    for (&i, h) in t.iter().zip(then.row_hashes(fields, t)) {
        queues.entry(h).or_default().push_back(i);
    }
    for (&j, h) in n.iter().zip(now.row_hashes(fields, n)) {
        if let Some(i) = queues.get_mut(&h).and_then(VecDeque::pop_front) {
            s.pair(i, j, by);
        }
    }
}

/// Rows equal in `fields` (the content but the field `left_out`) are the
/// same complaint only when exactly one row on each side has those values;
/// a changed received date also needs a description that is the same.
fn similar_pass(
    then: &Rows,
    now: &Rows,
    t: &[usize],
    n: &[usize],
    fields: &[usize],
    left_out: Option<usize>,
    s: &mut State,
) {
    let description = column("description");
    // without the date, a blank description leaves too little to tell
    // complaints of the same customer and product apart
    let weak = |rows: &Rows, i: usize| left_out == Some(column("received_date")) && rows.text(description, i).is_none();
    let mut seen: PlHashMap<u128, (usize, Option<usize>, usize, Option<usize>)> = PlHashMap::default();
    let t: Vec<usize> = t.iter().copied().filter(|&i| !weak(then, i)).collect();
    let n: Vec<usize> = n.iter().copied().filter(|&j| !weak(now, j)).collect();
    for (&i, h) in t.iter().zip(then.row_hashes(fields, &t)) {
        let e = seen.entry(h).or_insert((0, None, 0, None));
        e.0 += 1;
        e.1 = Some(i);
    }
    for (&j, h) in n.iter().zip(now.row_hashes(fields, &n)) {
        if let Some(e) = seen.get_mut(&h) {
            e.2 += 1;
            e.3 = Some(j);
        }
    }
    let mut unique: Vec<(usize, usize)> =
        seen.into_values().filter_map(|(tc, ti, nc, nj)| (tc == 1 && nc == 1).then_some((ti?, nj?))).collect();
    unique.sort_unstable_by_key(|&(_, j)| j);
    for (i, j) in unique {
        s.pair(i, j, MatchedBy::Similar);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::test_support::table;

    fn rows(df: &DataFrame) -> Rows {
        Rows::new(df, &columns_for_matching()).unwrap_or_else(|e| panic!("{e:#}"))
    }

    #[test]
    fn ids_first_then_the_content_of_rows_without_one() {
        let then = table(&[
            ("A", "2025-09-01", None, false, "p", "d", "c1"),
            ("B", "2025-09-02", None, false, "p", "d", "c1"),
            ("", "2025-09-03", None, false, "p", "d", "c2"),
            ("", "2025-09-03", None, false, "p", "d", "c2"), // the same content twice
            ("", "2025-09-04", None, false, "q", "x", "c3"), // re-classified below
            ("", "2025-09-05", None, false, "q", "x", "c4"), // deleted
        ]);
        let now = table(&[
            ("B", "2025-09-02", Some("2025-09-09"), false, "p", "d", "c1"), // closed since
            ("", "2025-09-03", None, false, "p", "d", "c2"),
            ("", "2025-09-04", None, false, "q", "y", "c3"),
            ("A", "2025-09-01", None, false, "p", "d", "c1"),
            ("", "2025-09-03", None, false, "p", "d", "c2"),
            ("", "2025-09-20", None, false, "q", "x", "c5"), // new
        ]);
        let m = match_rows(&rows(&then), &rows(&now));
        assert_eq!(
            m.pairs,
            [
                (1, 0, MatchedBy::Id),
                (2, 1, MatchedBy::Content),
                (4, 2, MatchedBy::Similar),
                (0, 3, MatchedBy::Id),
                (3, 4, MatchedBy::Content)
            ]
        );
        assert_eq!((m.then_only, m.now_only), (vec![5], vec![5]));
    }

    #[test]
    fn two_ids_are_two_complaints_and_an_id_filled_in_is_the_same_one() {
        let then =
            table(&[("A", "2025-09-01", None, false, "p", "d", "c"), ("", "2025-09-02", None, false, "p", "d", "c")]);
        let now =
            table(&[("Z", "2025-09-01", None, false, "p", "d", "c"), ("B", "2025-09-02", None, false, "p", "d", "c")]);
        let m = match_rows(&rows(&then), &rows(&now));
        assert_eq!(m.pairs, [(1, 1, MatchedBy::Content)]);
        assert_eq!((m.then_only, m.now_only), (vec![0], vec![0]));
    }

    #[test]
    fn a_similar_row_must_be_the_only_one_on_both_sides() {
        // two candidates for the re-classified row: neither is taken
        let then = table(&[("", "2025-09-04", None, false, "q", "x", "c3")]);
        let now =
            table(&[("", "2025-09-04", None, false, "q", "y", "c3"), ("", "2025-09-04", None, false, "q", "z", "c3")]);
        let m = match_rows(&rows(&then), &rows(&now));
        assert!(m.pairs.is_empty());
        // a moved received date without a description is not matched either
        let then = table(&[("", "2025-08-04", None, false, "q", "x", "c3")]);
        let now = table(&[("", "2025-10-14", None, false, "q", "x", "c3")]);
        assert!(match_rows(&rows(&then), &rows(&now)).pairs.is_empty());
    }
}
