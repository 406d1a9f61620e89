//! The sample's chronic problems: a few product·defect pairs that keep
//! coming back on top of the plant's scattered complaints, and the two
//! corrective actions the report must tell apart — one that worked (its
//! problem stops once it is completed) and one that did not (the problem
//! is back within weeks of completion, so the CAPA is ineffective).

use anyhow::{Context, Result};
use chrono::NaiveDate;

use super::catalogue::Catalogue;
use super::dates::ymd;
use super::vocabulary::{D_DEFORM, D_DIMENSION, D_LOOKS};

/// A day as (year, month, day).
type Day = (i32, u32, u32);

/// A problem that recurs: extra complaints about one part and defect type
/// over a span of days, none inside `quiet`.
pub(super) struct Chronic {
    pub(super) part: &'static str,
    pub(super) defect: usize,
    pub(super) from: Day,
    pub(super) to: Day,
    /// Mean extra complaints a month.
    pub(super) per_month: f64,
    /// Days without a complaint of the problem (right after its CAPA).
    pub(super) quiet: Option<(Day, Day)>,
    /// From this day on the problem is gone for good: the generator keeps
    /// every complaint of this part and type away from it.
    pub(super) fixed: Option<Day>,
}

/// The chronic problems, oldest first.
pub(super) const CHRONIC: [Chronic; 3] = [
    // Scratches on the best-selling door trim until a new handling jig
    // (CAPA completed 2025-03-14) ends them.
    Chronic {
        part: "도어트림 DT-100",
        defect: D_LOOKS,
        from: (2024, 6, 1),
        to: (2025, 3, 10),
        per_month: 2.2,
        quiet: None,
        fixed: Some((2025, 3, 11)),
    },
    // Crash-pad dimensions: a mould repair (CAPA completed 2025-06-13)
    // holds for six weeks, then the problem is back.
    Chronic {
        part: "크래쉬패드 CP-400",
        defect: D_DIMENSION,
        from: (2024, 12, 1),
        to: (2025, 10, 31),
        per_month: 2.0,
        quiet: Some(((2025, 6, 6), (2025, 7, 24))),
        fixed: None,
    },
    // Bumper covers deforming since the summer: no CAPA yet.
    Chronic {
        part: "범퍼커버 BC-500",
        defect: D_DEFORM,
        from: (2025, 7, 1),
        to: (2025, 10, 31),
        per_month: 2.5,
        quiet: None,
        fixed: None,
    },
];

/// A CAPA raised for a chronic problem, with its dates as decided; its
/// complaints are the problem's master-ledger complaints received in
/// `members`.
pub(super) struct DesignedCapa {
    pub(super) part: &'static str,
    pub(super) defect: usize,
    pub(super) members: (Day, Day),
    pub(super) issued: Day,
    pub(super) due: Day,
    pub(super) closed: Day,
    pub(super) verified: Option<Day>,
}

pub(super) const DESIGNED_CAPAS: [DesignedCapa; 2] = [
    // Works: verified, and no complaint of the pair after completion.
    DesignedCapa {
        part: "도어트림 DT-100",
        defect: D_LOOKS,
        members: ((2024, 11, 1), (2025, 3, 10)),
        issued: (2025, 1, 20),
        due: (2025, 3, 31),
        closed: (2025, 3, 14),
        verified: Some((2025, 5, 30)),
    },
    // Does not work: completed, awaiting verification, and the problem is
    // back about six weeks later.
    DesignedCapa {
        part: "크래쉬패드 CP-400",
        defect: D_DIMENSION,
        members: ((2024, 12, 1), (2025, 6, 5)),
        issued: (2025, 3, 4),
        due: (2025, 5, 31),
        closed: (2025, 6, 13),
        verified: None,
    },
];

pub(super) fn day(d: Day) -> Result<NaiveDate> {
    ymd(d.0, d.1, d.2)
}

/// The catalogue index of a part the story names.
pub(super) fn part_index(cat: &Catalogue, name: &str) -> Result<usize> {
    cat.find(name).with_context(|| format!("the catalogue has no part {name}"))
}
