//! Which column reads a breakdown field when several name it: the one that
//! tells complaints apart. A column with one value on (nearly) every row —
//! Jira's `Issue Type` all "Complaint", Dynamics' `Case Type` all
//! "Problem" — loses to one with several (`Labels`, `Case Reason`), and of
//! a category/subcategory pair the more specific wins (ServiceNow's
//! `subcategory` over `category`). The values every candidate would give
//! are kept while the sheet is read, so the choice is made on all rows.

use super::fields::Field;
use super::record::Records;
use std::collections::HashMap;

/// The fields the report breaks complaints down by whose single value on
/// every row tells nothing. Not the customer: a supplier with one customer
/// is common, and the other candidates (`Reporter`, `Contact Name`) are people.
pub const INFORMATIVE_FIELDS: [Field; 4] = [Field::DefectType, Field::Product, Field::Channel, Field::Site];

/// A column that also names a breakdown field, with the value number it
/// would give each record of the sheet (in record order).
#[derive(Debug)]
pub struct Contender {
    pub field: Field,
    pub col: usize,
    pub values: Vec<u32>,
}

/// The choice made for a field and why, for `check`.
#[derive(Debug, PartialEq)]
pub struct Choice {
    pub winner: usize,
    /// Why the winner reads the field.
    pub why: String,
    /// Each losing column and why it is not used.
    pub losers: Vec<(usize, String)>,
}

/// How one column's values spread over the sheet's rows.
#[derive(Debug, Clone)]
struct Spread {
    rows: usize,
    filled: usize,
    distinct: usize,
    /// The most common value number and its rows.
    top: (u32, usize),
}

impl Spread {
    fn of(values: &[u32]) -> Spread {
        // value numbers are dense (a field's pool): count in a vector
        let max = values.iter().copied().max().unwrap_or(0) as usize;
        let mut counts = vec![0usize; max + 1];
        for &v in values.iter().filter(|&&v| v != 0) {
            counts[v as usize] += 1;
        }
        let filled = counts.iter().sum();
        let distinct = counts.iter().filter(|&&n| n > 0).count();
        let top = (1..counts.len())
            .max_by_key(|&v| (counts[v], std::cmp::Reverse(v)))
            .map_or((0, 0), |v| (v as u32, counts[v]));
        Spread { rows: values.len(), filled, distinct, top }
    }

    /// Several values, none on (nearly) every row, and not free text.
    fn informative(&self) -> bool {
        self.distinct >= 2
            && (self.top.1 as f64) < 0.95 * self.filled as f64
            && self.distinct <= (self.filled / 2).max(20)
    }

    /// Filled on at least half the rows (a rarely used field tells little).
    fn covers(&self) -> bool {
        self.filled * 2 >= self.rows
    }
}

/// Whether `fine` refines `coarse`: more values, each of which (nearly
/// always) comes with one value of `coarse` — a subcategory and its
/// category.
fn refines(fine: &[u32], coarse: &[u32], fine_spread: &Spread, coarse_spread: &Spread) -> bool {
    if fine_spread.distinct <= coarse_spread.distinct {
        return false;
    }
    determines(fine, coarse)
}

/// Whether each value of `a` comes with one value of `b` in at least 95 %
/// of the rows where both are filled (and those are half the rows or more).
fn determines(a: &[u32], b: &[u32]) -> bool {
    let mut pairs: HashMap<u32, HashMap<u32, usize>> = HashMap::new();
    let mut both = 0usize;
    for (&x, &y) in a.iter().zip(b) {
        if x != 0 && y != 0 {
            *pairs.entry(x).or_default().entry(y).or_default() += 1;
            both += 1;
        }
    }
    let agreeing: usize = pairs.values().map(|ys| ys.values().copied().max().unwrap_or(0)).sum();
    both * 2 >= a.len() && agreeing as f64 >= 0.95 * both as f64
}

/// `'Complaint' on 100 % of rows` when the sheet's records (from `first`
/// on) hold one value of `field` on (nearly) every row.
pub fn one_value(records: &Records, first: usize, field: Field) -> Option<String> {
    let values: Vec<u32> = records.rows[first..].iter().map(|r| r.text(field)).collect();
    let s = Spread::of(&values);
    (s.filled >= 2 && s.top.1 * 100 >= 95 * s.rows).then(|| {
        format!(
            "'{}' on {} % of rows",
            records.value(field, s.top.0).unwrap_or(""),
            (s.top.1 as f64 * 100.0 / s.rows.max(1) as f64).round()
        )
    })
}

/// Decides which of `current` (the column the header gave the field) and
/// the contenders reads `field` on the sheet's records from `first` on,
/// puts the winner's values into the records, and says why. `None` when
/// the current column stays without anything to say.
pub fn settle(
    records: &mut Records,
    first: usize,
    field: Field,
    current: usize,
    contenders: &[Contender],
    name: impl Fn(usize) -> (String, String),
) -> Option<Choice> {
    let own: Vec<u32> = records.rows[first..].iter().map(|r| r.text(field)).collect();
    let mut columns: Vec<(usize, &[u32])> = vec![(current, own.as_slice())];
    columns.extend(contenders.iter().filter(|c| c.field == field).map(|c| (c.col, c.values.as_slice())));
    if columns.len() < 2 {
        return None;
    }
    let spreads: Vec<Spread> = columns.iter().map(|(_, v)| Spread::of(v)).collect();
    let mean_len = |values: &[u32]| {
        let texts: Vec<usize> =
            values.iter().filter_map(|&n| records.value(field, n)).map(|t| t.chars().count()).collect();
        texts.iter().sum::<usize>() as f64 / texts.len().max(1) as f64
    };
    let one_value = |i: usize| {
        let s = &spreads[i];
        format!(
            "'{}' on {} % of rows",
            records.value(field, s.top.0).unwrap_or(""),
            (s.top.1 as f64 * 100.0 / s.rows.max(1) as f64).round()
        )
    };
    let mut best = 0;
    let mut why = String::new();
    for i in 1..columns.len() {
        let (s, b) = (&spreads[i], &spreads[best]);
        if !s.informative() || !s.covers() {
            continue;
        }
        let same_name = name(columns[i].0).1 == name(columns[best].0).1;
        if !b.informative() {
            why = format!("{} holds {}", name_of(&name, columns[best].0), one_value(best));
        } else if refines(columns[i].1, columns[best].1, s, b) {
            why = format!(
                "more specific than {}: each of its {} values goes with one of that column's {}",
                name_of(&name, columns[best].0),
                s.distinct,
                b.distinct
            );
        } else if same_name
            && s.distinct == b.distinct
            && determines(columns[i].1, columns[best].1)
            && mean_len(columns[i].1) > mean_len(columns[best].1) + 3.0
        {
            why = format!("the descriptions beside the codes of {}", name_of(&name, columns[best].0));
        } else {
            continue;
        }
        best = i;
    }
    if best == 0 {
        return None;
    }
    let (winner, values) = columns[best];
    let values = values.to_vec();
    let losers: Vec<(usize, String)> = columns
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != best)
        .map(|(i, &(col, _))| {
            let what = if spreads[i].informative() { format!("{} values", spreads[i].distinct) } else { one_value(i) };
            (col, format!("{what}; {} is read from {}", field.name(), name_of(&name, winner)))
        })
        .collect();
    for (k, &n) in values.iter().enumerate() {
        records.replace_text(first + k, field, n);
    }
    Some(Choice { winner, why: format!("taken because {why}"), losers })
}

/// `column C 'Issue Type'`.
fn name_of(name: &impl Fn(usize) -> (String, String), col: usize) -> String {
    let (letter, header) = name(col);
    if header.is_empty() {
        format!("column {letter}")
    } else {
        format!("column {letter} '{header}'")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::IngestOptions;

    /// Records of one sheet whose defect type is `own`, and a contender per
    /// other list (column 1, 2, …).
    fn sheet(own: &[&str], others: &[&[&str]]) -> (Records, Vec<Contender>) {
        let mut records = Records::new();
        let opts = IngestOptions::default();
        let mut contenders: Vec<Contender> =
            (0..others.len()).map(|k| Contender { field: Field::DefectType, col: k + 1, values: Vec::new() }).collect();
        for (i, v) in own.iter().enumerate() {
            let mut r = records.record(0, i as u32 + 2);
            let _ =
                records.set(&mut r, Field::DefectType, &crate::ingest::cells::text_cell(v), &Default::default(), &opts);
            for (k, list) in others.iter().enumerate() {
                let mut tmp = r;
                let _ = records.set(
                    &mut tmp,
                    Field::DefectType,
                    &crate::ingest::cells::text_cell(list[i]),
                    &Default::default(),
                    &opts,
                );
                contenders[k].values.push(tmp.text(Field::DefectType));
            }
            records.rows.push(r);
        }
        (records, contenders)
    }

    fn values(records: &Records) -> Vec<String> {
        (0..records.len()).map(|i| records.text(i, Field::DefectType).unwrap_or("").to_string()).collect()
    }

    #[test]
    fn one_value_everywhere_loses_to_several() {
        let (mut records, contenders) =
            sheet(&["Complaint"; 6], &[&["Noise", "Leak", "Noise", "Crack", "Leak", "Noise"]]);
        let names = |c: usize| (c.to_string(), ["Issue Type", "Labels"][c].to_string());
        let choice = settle(&mut records, 0, Field::DefectType, 0, &contenders, names).expect("a choice");
        assert_eq!(choice.winner, 1);
        assert!(choice.why.contains("'Complaint' on 100 % of rows"), "{}", choice.why);
        assert_eq!(values(&records), ["Noise", "Leak", "Noise", "Crack", "Leak", "Noise"]);
    }

    #[test]
    fn a_subcategory_refines_its_category() {
        let category = ["Hardware", "Hardware", "Software", "Software", "Hardware", "Network", "Network", "Software"];
        let sub = ["Disk", "Memory", "Email", "OS", "Disk", "VPN", "DNS", "Email"];
        let (mut records, contenders) = sheet(&category, &[&sub]);
        let names = |c: usize| (c.to_string(), ["category", "subcategory"][c].to_string());
        let choice = settle(&mut records, 0, Field::DefectType, 0, &contenders, names).expect("a choice");
        assert_eq!(choice.winner, 1);
        assert_eq!(values(&records), sub);
        // the other way round, the category stays
        let (mut records, contenders) = sheet(&sub, &[&category]);
        assert_eq!(settle(&mut records, 0, Field::DefectType, 0, &contenders, names), None);
        assert_eq!(values(&records), sub);
    }

    #[test]
    fn an_informative_column_stays_over_a_sparse_one() {
        let (mut records, contenders) =
            sheet(&["A", "B", "A", "C", "B", "A"], &[&["x", "", "", "", "", "y"], &["Q"; 6]]);
        let names = |c: usize| (c.to_string(), ["Type", "Labels", "Kind"][c].to_string());
        assert_eq!(settle(&mut records, 0, Field::DefectType, 0, &contenders, names), None);
    }
}
