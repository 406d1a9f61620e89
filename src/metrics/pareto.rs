//! §2 Pareto of defect types: counts sorted descending (ties by name),
//! cumulative share, and the vital few.

use super::round;
use polars::prelude::*;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ParetoRow {
    pub defect_type: String,
    pub count: u64,
    pub cum_count: u64,
    /// Cumulative share of the total, a fraction with 4 decimals.
    pub cum_share: f64,
    /// The cumulative share before this category is below 80 %.
    pub vital_few: bool,
}

/// The Pareto table of the complaints in `rows`.
pub fn pareto(rows: &DataFrame) -> anyhow::Result<Vec<ParetoRow>> {
    let names = super::frame::categories(rows, "defect_type")?;
    let mut pairs: Vec<(String, u64)> =
        super::frame::count_groups(names.iter()).into_iter().map(|(n, c)| (n.to_string(), c)).collect();
    pairs.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(pareto_rows(&pairs))
}

/// Cumulative figures over (category, count) pairs already in Pareto order.
/// The 80 % test is done in integers (5·before < 4·total), so a share that
/// is exactly 80 % is not "below".
pub fn pareto_rows(sorted: &[(String, u64)]) -> Vec<ParetoRow> {
    let total: u64 = sorted.iter().map(|p| p.1).sum();
    let mut cum = 0;
    sorted
        .iter()
        .map(|(name, count)| {
            let before = cum;
            cum += count;
            ParetoRow {
                defect_type: name.clone(),
                count: *count,
                cum_count: cum,
                cum_share: round(cum as f64 / total as f64, 4),
                vital_few: 5 * before < 4 * total,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::test_support::table;
    use super::*;

    #[test]
    fn ties_by_name_blank_category_and_the_crossing_category_is_vital() {
        let t = table(&[
            ("1", "2024-05-01", None, false, "p", "이물", ""),
            ("2", "2024-05-01", None, false, "p", "이물", ""),
            ("3", "2024-05-01", None, false, "p", "외관", ""),
            ("4", "2024-05-01", None, false, "p", "외관", ""),
            ("5", "2024-05-01", None, false, "p", "치수", ""),
            ("6", "2024-05-01", None, false, "p", "", ""),
        ]);
        let rows = pareto(&t).unwrap_or_default();
        let got: Vec<(&str, u64, f64, bool)> =
            rows.iter().map(|r| (r.defect_type.as_str(), r.count, r.cum_share, r.vital_few)).collect();
        // 외관 < 이물 by code point; 66.7 % before (blank) < 80 %, so it is vital; 치수 is not
        assert_eq!(
            got,
            [
                ("외관", 2, 0.3333, true),
                ("이물", 2, 0.6667, true),
                ("(blank)", 1, 0.8333, true),
                ("치수", 1, 1.0, false)
            ]
        );
    }

    #[test]
    fn exactly_eighty_percent_before_is_not_vital() {
        let rows = pareto_rows(&[("a".into(), 8), ("b".into(), 2)]);
        assert_eq!(rows.iter().map(|r| r.vital_few).collect::<Vec<_>>(), [true, false]);
        assert!(pareto_rows(&[]).is_empty());
    }
}
