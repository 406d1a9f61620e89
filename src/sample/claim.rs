//! The claim columns of the legacy sample (docs/metrics.md §12, §13): each
//! complaint's defect quantity (불량수량) and who is accountable (귀책), the
//! plant's shipments by month × customer × part, and the sample's config
//! that names them with the annual goals (§14).
//!
//! Drawn from a stream of their own after the population and the procedure,
//! so no cell those fix moves.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use chrono::Datelike;

use super::catalogue::Catalogue;
use super::dates::thousands;
use super::population::{Closed, Complaint, Population};
use super::rng::Rng;
use super::vocabulary::{CUSTOMERS, D_FOREIGN, SPIKE_PART};

/// The responsibility (귀책) words the sample's ledgers use.
pub(super) const RESPONSIBILITY: [&str; 5] = ["공정", "협력사", "설계", "물류", "고객"];
/// Written while the cause is still being analysed.
pub(super) const UNDECIDED: &str = "미정";

/// Shares of [`RESPONSIBILITY`] per defect type (`DEFECTS` order): the
/// plant's own process makes most looks and dimension defects, logistics
/// the packing, delivery and quantity ones, design some function problems.
const SHARES: [[u32; 5]; 9] = [
    [70, 10, 5, 10, 5], // 외관불량
    [55, 15, 25, 0, 5], // 치수불량
    [45, 50, 0, 5, 0],  // 이물
    [50, 0, 30, 15, 5], // 변형
    [35, 25, 40, 0, 0], // 기능불량
    [20, 0, 0, 80, 0],  // 포장불량
    [5, 0, 0, 95, 0],   // 오배송
    [15, 0, 0, 85, 0],  // 수량부족
    [30, 0, 0, 30, 40], // 기타
];
/// The chronic problems' causes (index into `CHRONIC`): the door-trim
/// handling, the crash-pad mould — the plant's process — and the bumper
/// cover's thin rib, a design weakness. The October spike of foreign
/// matter comes from a sub-supplier's contaminated resin.
const CHRONIC_CAUSE: [usize; 3] = [0, 0, 2];
const SPIKE_CAUSE: usize = 1;

/// Defective parts per complaint by defect type: (least, most) of the
/// usual case and of the occasional whole lot or box.
const QTY: [((u32, u32), (u32, u32)); 9] = [
    ((1, 3), (5, 20)),   // 외관불량
    ((1, 4), (10, 50)),  // 치수불량
    ((1, 2), (5, 20)),   // 이물
    ((1, 4), (10, 30)),  // 변형
    ((1, 3), (5, 15)),   // 기능불량
    ((1, 6), (12, 48)),  // 포장불량
    ((2, 12), (24, 96)), // 오배송
    ((1, 6), (12, 24)),  // 수량부족
    ((0, 0), (0, 0)),    // 기타: no defective part (a missing report, a late delivery)
];
/// Chance that a complaint concerns a whole lot or box.
const LOT_SHARE: f64 = 0.04;

/// The sample's annual goals (`[report.goals]`), as a plant sets them: about
/// a tenth below 2024 (876 complaints, 372.5 PPM over the year).
pub const RECEIVED_GOAL: u32 = 780;
pub const PPM_GOAL: u32 = 330;

/// The sample's config and shipments file, relative to the sample folder
/// (the shipments in a folder of their own: a `.csv` beside the ledgers
/// would be read as one).
pub const CONFIG_FILE: &str = "complaints.toml";
pub const SHIPMENTS_FILE: &str = "출하실적/2023-2025_출하실적.csv";

/// One complaint's claim cells.
#[derive(Debug, Clone, Default)]
pub(super) struct Claim {
    /// Defective parts; `None` when the cell is left blank (not yet counted).
    pub(super) qty: Option<u32>,
    /// How the quantity cell is written (see [`qty_text`]).
    pub(super) qty_form: usize,
    /// `None` when the cell is blank.
    pub(super) responsibility: Option<&'static str>,
}

/// Draws every complaint's claim cells (indexed like the population).
pub(super) fn generate_claims(pop: &Population, seed: u64) -> Result<Vec<Claim>> {
    let mut rng = Rng::new(seed ^ 0x0043_4C41_494D_5331); // "CLAIMS1"
    let spike = pop.catalogue.find(SPIKE_PART).context("the catalogue has no spike part")?;
    Ok(pop.list.iter().map(|c| claim_of(&mut rng, c, spike)).collect())
}

fn claim_of(rng: &mut Rng, c: &Complaint, spike: usize) -> Claim {
    let defect = c.core.defect;
    let in_spike = defect == D_FOREIGN
        && c.final_key().0 == spike
        && c.received.year() == 2025
        && c.received.month() == 10
        && c.core.lot_line == 2;
    let open = c.closed == Closed::Open;
    // Counted when the parts come back: an open complaint's cell is more
    // often still blank.
    let blank_qty = rng.chance(if open { 0.25 } else { 0.03 });
    let ((lo, hi), (lot_lo, lot_hi)) = QTY[defect];
    let qty = if in_spike {
        // the spike's lots: sorted at the customer's line, a few to a dozen parts each
        rng.range(2, 15)
    } else if rng.chance(LOT_SHARE) {
        rng.range(i64::from(lot_lo), i64::from(lot_hi))
    } else {
        rng.range(i64::from(lo), i64::from(hi))
    };
    let cause = match (c.chronic, in_spike) {
        (_, true) if rng.chance(0.9) => Some(SPIKE_CAUSE),
        (Some(k), _) if rng.chance(0.9) => Some(CHRONIC_CAUSE[k]),
        _ => Some(rng.weighted(&SHARES[defect], |&w| w)),
    };
    // Decided once the cause is known: open complaints are often blank or
    // 미정, a few closed ones were never filled in.
    let x = rng.f64();
    let responsibility = match (open, x) {
        (true, x) if x < 0.35 => None,
        (true, x) if x < 0.65 => Some(UNDECIDED),
        (false, x) if x < 0.02 => None,
        _ => cause.map(|k| RESPONSIBILITY[k]),
    };
    Claim { qty: (!blank_qty).then_some(qty as u32), qty_form: rng.below(10), responsibility }
}

/// A quantity cell as text, in the spellings of docs/ledgers.md (a unit
/// word after the number).
pub(super) fn qty_text(qty: u32, form: usize) -> String {
    match form % 5 {
        0 => format!("{qty}개"),
        1 => format!("{} EA", thousands(u64::from(qty))),
        2 => format!("{qty}EA"),
        3 => format!("{qty} pcs"),
        _ => qty.to_string(),
    }
}

/// Monthly units per (customer, part) for every month of the sample, from
/// the catalogue's volumes: a mild season, a drift per month and part, and
/// the second buyer's share. Lines `YYYY-MM,customer,part,units`, sorted.
pub(super) fn shipment_lines(cat: &Catalogue, seed: u64, months: &[(i32, u32)]) -> Vec<(String, usize, usize, u64)> {
    let mut rng = Rng::new(seed ^ 0x0053_4849_504D_454E); // "SHIPMEN"
    let mut out = Vec::new();
    for &(y, m) in months {
        let month = format!("{y:04}-{m:02}");
        let season = 1.0 + 0.06 * (std::f64::consts::TAU * (f64::from(m) - 4.0) / 12.0).sin();
        // the summer holidays and the new year slow the lines down
        let slack = match m {
            8 => 0.9,
            1 | 2 => 0.94,
            _ => 1.0,
        };
        for (i, p) in cat.parts.iter().enumerate() {
            let drift = 0.9 + 0.2 * rng.f64();
            let total = f64::from(p.units) * season * slack * drift;
            let second = p.second.map(|s| (s, 0.1 + 0.15 * rng.f64()));
            let mut owner = total;
            if let Some((s, share)) = second {
                out.push((month.clone(), s, i, boxes(total * share)));
                owner -= total * share;
            }
            out.push((month.clone(), p.owner, i, boxes(owner)));
        }
    }
    out.sort_by(|a, b| {
        (&a.0, CUSTOMERS[a.1].name, &cat.parts[a.2].name).cmp(&(&b.0, CUSTOMERS[b.1].name, &cat.parts[b.2].name))
    });
    out
}

/// Units in whole boxes of 10.
fn boxes(units: f64) -> u64 {
    ((units / 10.0).round() as u64).max(1) * 10
}

/// Writes the shipments file (UTF-8, a Korean header as the plant's ERP
/// exports it) and the config that names it with the goals.
pub(super) fn write_side_files(dir: &Path, cat: &Catalogue, seed: u64, months: &[(i32, u32)]) -> Result<()> {
    let mut text = String::from("출하월,고객사,제품,출하수량\n");
    for (month, customer, part, units) in shipment_lines(cat, seed, months) {
        let _ = writeln!(text, "{month},{},{},{units}", CUSTOMERS[customer].name, cat.parts[part].name);
    }
    let path = dir.join(SHIPMENTS_FILE);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    let config = format!(
        "# The sample plant's report settings: `complaints report` reads them\n\
         # with the sample ledgers (no inputs, no --config). Written by\n\
         # `complaints sample` with the ledgers.\n\
         \n\
         [report]\n\
         # units shipped per month, customer and part (ERP export)\n\
         shipments = \"{SHIPMENTS_FILE}\"\n\
         # the unit of the cost column (불량비용, 원)\n\
         currency = \"원\"\n\
         \n\
         [report.goals]\n\
         received_per_year = {RECEIVED_GOAL}   # 전년(876건) 대비 약 10 % 감축\n\
         ppm = {PPM_GOAL}                 # 고객 불량 PPM, 전년(372.5) 대비 약 10 % 감축\n\
         on_time_rate = 0.9\n"
    );
    let path = dir.join(CONFIG_FILE);
    std::fs::write(&path, config).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::vocabulary::DEFECTS;
    use super::*;
    use crate::ingest::record::parse_quantity;

    #[test]
    fn every_quantity_spelling_reads_back() {
        for qty in [0, 1, 35, 1200] {
            for form in 0..10 {
                let text = qty_text(qty, form);
                assert_eq!(parse_quantity(&text), Ok(Some(f64::from(qty))), "{text}");
            }
        }
    }

    #[test]
    fn shares_are_weights_of_every_defect_type() {
        assert_eq!(SHARES.len(), DEFECTS.len());
        assert!(SHARES.iter().all(|row| row.iter().sum::<u32>() == 100));
    }
}
