//! The monthly cycle (docs/metrics.md §15): each `report` run records its
//! period's snapshot in a history folder — the clean complaint table with
//! its provenance and the figures of summary.json, as Parquet and JSON
//! files any engine reads — and compares itself with the previous
//! period's snapshot: what was restated, added, removed and edited since,
//! and the status now of the last report's to-do list.
//!
//! ```text
//! report ─► Session::start: open the store (locked), pick the base,
//!           compare (matching ─► compare ─► carried) ─► report.changes
//!        ─► the report is written
//!        ─► Session::finish: record the snapshot (or nothing when unchanged)
//! ```
//!
//! The figures of a report never depend on the history: it only adds
//! `changes`. A damaged or foreign history folder never costs the report:
//! the report is written without changes and the run ends with the error.

pub mod base;
pub mod carried;
pub mod compare;
pub mod matching;
mod notes;
pub mod snapshot;
pub mod store;

pub use compare::Changes;

use crate::metrics::months::Month;
use crate::metrics::Report;
use polars::prelude::DataFrame;
use snapshot::Snapshot;
use std::path::{Path, PathBuf};
use store::Store;

/// The history folder when the report goes to its default place.
pub const DEFAULT_DIR: &str = "reports/history";

/// Where a run keeps its history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// `--no-history`.
    Off,
    /// A custom `--out` and no history folder named: nothing recorded, and
    /// the headline says how to turn it on.
    NotAsked,
    At(PathBuf),
}

/// The history flags of one run, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub place: Place,
    pub compare_to: Option<Month>,
}

impl Choice {
    /// From `--history`, `--no-history`, `--compare-to` and `--out`
    /// (flags or config keys). `--no-history` wins over a history folder.
    pub fn from_options(
        history: Option<&PathBuf>,
        no_history: Option<bool>,
        compare_to: Option<&str>,
        out: Option<&PathBuf>,
    ) -> anyhow::Result<Choice> {
        let compare_to = match compare_to {
            None => None,
            Some(s) => match Month::parse(s.trim()).filter(|m| (1950..=2199).contains(&m.year())) {
                Some(m) => Some(m),
                None => crate::bail_user!("--compare-to '{s}' is not a month — write it as YYYY-MM, e.g. 2025-09"),
            },
        };
        let place = match (no_history, history, out) {
            (Some(true), _, _) => Place::Off,
            (_, Some(dir), _) => Place::At(dir.clone()),
            (_, None, None) => Place::At(PathBuf::from(DEFAULT_DIR)),
            (_, None, Some(_)) => Place::NotAsked,
        };
        if compare_to.is_some() && !matches!(place, Place::At(_)) {
            crate::bail_user!(
                "--compare-to needs a history to compare with — name it with --history DIR{}",
                if place == Place::Off { " and drop --no-history" } else { "" }
            );
        }
        Ok(Choice { place, compare_to })
    }

    /// Refuses a history inside the report folder (the report replaces its
    /// folder whole) or a report inside the history.
    pub fn check_out(&self, out: &Path) -> anyhow::Result<()> {
        let Place::At(dir) = &self.place else { return Ok(()) };
        let (h, o) = (std::path::absolute(dir)?, std::path::absolute(out)?);
        if h.starts_with(&o) || o.starts_with(&h) {
            crate::bail_user!(
                "--history '{}' and --out '{}' are inside one another — the report replaces its folder whole: keep them apart, e.g. --out reports/2025-10 --history reports/history",
                dir.display(),
                out.display()
            );
        }
        Ok(())
    }
}

/// One report run's use of the history: opened and compared before the
/// report is written, recorded after.
pub struct Session {
    place: Place,
    store: Option<Store>,
    /// The report's figures to record, with its period and as-of date.
    figures: Option<(Vec<u8>, Month, chrono::NaiveDate)>,
    base: Option<Month>,
    /// What went wrong with the history: told after the report is written.
    problem: Option<anyhow::Error>,
}

impl Session {
    /// Opens the history of `choice` and compares `report` (computed from
    /// `table`, before any masking) with its base. A `--compare-to` month
    /// the history does not hold stops the run; a damaged store does not
    /// (see [`Session::finish`]).
    pub fn start(choice: &Choice, table: &DataFrame, report: &Report) -> anyhow::Result<(Session, Option<Changes>)> {
        let mut session =
            Session { place: choice.place.clone(), store: None, figures: None, base: None, problem: None };
        let Place::At(dir) = &choice.place else { return Ok((session, None)) };
        let mut clock = std::time::Instant::now();
        session.figures = Some((Snapshot::figures_of(report)?, report.period, report.as_of));
        crate::progress::lap(&mut clock, "  history figures");
        let store = match Store::open(dir) {
            Ok(store) => store,
            Err(e) => {
                session.problem = Some(e);
                return Ok((session, None));
            }
        };
        session.base = store.base(report.period, choice.compare_to)?;
        let changes = match session.base {
            None => None,
            Some(m) => {
                let compared = store.table(m).and_then(|then_table| Ok((then_table, store.figures(m)?))).and_then(
                    |(then_table, figures)| {
                        crate::progress::lap(&mut clock, "  history base read");
                        compare::compare(&then_table, &figures, table, report)
                    },
                );
                match compared {
                    Ok(changes) => Some(changes),
                    Err(e) => {
                        session.problem = Some(e);
                        None
                    }
                }
            }
        };
        crate::progress::lap(&mut clock, "history compare");
        session.store = Some(store);
        Ok((session, changes))
    }

    /// Records the snapshot of `table` (the clean table as read; after the
    /// report was written): the headline's line about the history (none
    /// with `--no-history`), and the error the run ends with, if the
    /// history could not be used.
    pub fn finish(self, table: &DataFrame) -> (Option<String>, Option<anyhow::Error>) {
        let dir = match &self.place {
            Place::Off => return (None, None),
            Place::NotAsked => return (Some(notes::not_asked()), None),
            Place::At(dir) => crate::text::for_terminal(&dir.display().to_string()).into_owned(),
        };
        let mut clock = std::time::Instant::now();
        let period = self.figures.as_ref().map(|f| f.1.to_string()).unwrap_or_default();
        let recorded = match (self.store, self.figures) {
            (Some(mut store), Some((figures, month, as_of))) => {
                Some(Snapshot::new(table, figures, month, as_of).and_then(|s| store.record(&s)))
            }
            _ => None,
        };
        crate::progress::lap(&mut clock, "history record");
        match (recorded, self.problem) {
            (Some(Ok(outcome)), None) => (Some(notes::recorded(&dir, &period, &outcome, self.base)), None),
            (Some(Ok(outcome)), Some(problem)) => {
                (Some(notes::recorded_with_problem(&dir, &period, &outcome)), Some(problem))
            }
            (Some(Err(e)), _) | (None, Some(e)) => (Some(notes::not_used(&dir)), Some(e)),
            (None, None) => (None, None),
        }
    }
}
