//! The history's notes for the terminal: recorded, replaced, not asked
//! for, not usable (the report's own text about the changes is
//! `report::findings::changes`).

use super::store::Recorded;
use crate::metrics::months::Month;

/// A custom `--out` without a history folder.
pub fn not_asked() -> String {
    "History     not recorded: --out is not the default reports/<period>/ — add --history reports/history \
     (or history = \"…\" under [report] in the config) to record this report and see next month what changed, \
     or --no-history to silence this"
        .to_string()
}

/// What recording did.
pub fn recorded(dir: &str, period: &str, outcome: &Recorded, base: Option<Month>) -> String {
    let compared = match base {
        Some(m) => format!("; compared with {m}"),
        None => "; no earlier report in it to compare with".to_string(),
    };
    match outcome {
        Recorded::New => format!("History     recorded {period} in {dir}{compared}"),
        Recorded::Unchanged => {
            format!("History     {period} is already recorded in {dir} with the same ledgers and flags: nothing added{compared}")
        }
        Recorded::Replaced { table, figures } => format!(
            "History     replaced the {period} snapshot in {dir}: {} changed since it was recorded{compared}",
            match (table, figures) {
                (true, true) | (true, false) => "the ledgers",
                _ => "the flags (same ledgers), so the figures",
            }
        ),
    }
}

/// Recorded, but the base could not be read.
pub fn recorded_with_problem(dir: &str, period: &str, outcome: &Recorded) -> String {
    let what = if *outcome == Recorded::Unchanged { "already recorded" } else { "recorded" };
    format!(
        "History     {period} {what} in {dir}, but no changes: the earlier report cannot be read (see the error below)"
    )
}

/// The history could not be used.
pub fn not_used(dir: &str) -> String {
    format!("History     {dir} not used: the report was written without changes (see the error below)")
}
