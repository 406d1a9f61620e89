//! One complaint's attributes — who, what, how it was handled — drawn from
//! the vocabulary, for the legacy sample (parts from the plant's catalogue)
//! and for the tidy benchmark ledger (its own small product list).

use chrono::{Datelike, NaiveDate};

use super::catalogue::Catalogue;
use super::rng::Rng;
use super::vocabulary::{
    ACTIONS, CAUSES, CHANNELS, CUSTOMERS, DEFECTS, DEPT_LOGISTICS, DEPT_QA, DESCRIPTIONS, D_DEFORM, OWNERS, PRODUCTS,
    SEVERITIES,
};

#[derive(Debug, Clone, Copy)]
pub(super) struct Core {
    pub(super) customer: usize,
    /// Index into the catalogue's parts (legacy sample) or `PRODUCTS` (tidy).
    pub(super) product: usize,
    pub(super) defect: usize,
    pub(super) desc: usize,
    pub(super) channel: usize,
    pub(super) dept: usize,
    pub(super) owner: usize,
    pub(super) cause: usize,
    pub(super) action: usize,
    pub(super) severity: usize,
    pub(super) close_days: i64,
    pub(super) cost: Option<u64>,
    pub(super) lot_back: i64,
    pub(super) lot_line: u8,
}

pub(super) fn pick_defect(rng: &mut Rng, month: u32) -> usize {
    let summer = (6..=8).contains(&month);
    rng.weighted(&DEFECTS, |&(name, w, _)| if summer && name == DEFECTS[D_DEFORM].0 { w * 9 / 5 } else { w })
}

fn pick_department(rng: &mut Rng, defect: usize, plant: usize) -> usize {
    let production = 1 + plant;
    match defect {
        5..=7 => DEPT_LOGISTICS,
        8 => DEPT_QA,
        1 | 4 => {
            if rng.chance(0.5) {
                DEPT_QA
            } else {
                production
            }
        }
        _ => {
            if rng.chance(0.15) {
                DEPT_QA
            } else {
                production
            }
        }
    }
}

fn draw_close_days(rng: &mut Rng) -> i64 {
    let r = rng.f64();
    if r < 0.02 {
        1
    } else if r < 0.80 {
        rng.range(2, 9)
    } else if r < 0.83 {
        10
    } else if r < 0.98 {
        rng.range(11, 30)
    } else {
        rng.range(31, 75)
    }
}

fn draw_cost(rng: &mut Rng) -> Option<u64> {
    if !rng.chance(0.3) {
        return None;
    }
    let r = rng.f64();
    let man = if r < 0.12 {
        0
    } else if r < 0.65 {
        rng.range(1, 30)
    } else if r < 0.92 {
        rng.range(30, 100)
    } else {
        rng.range(100, 250)
    };
    Some(man as u64 * 10_000)
}

/// Re-draws the handling fields that depend on defect and product (made in
/// `plant`).
pub(super) fn rehandle(rng: &mut Rng, core: &mut Core, plant: usize) {
    core.desc = rng.below(DESCRIPTIONS[core.defect].len());
    core.cause = rng.below(CAUSES[core.defect].len());
    core.action = rng.below(ACTIONS[core.defect].len());
    core.dept = pick_department(rng, core.defect, plant);
    core.owner = rng.below(OWNERS[core.dept].len());
}

/// The rest of a complaint once customer, product and defect are drawn.
fn finish_core(rng: &mut Rng, (customer, product, defect): (usize, usize, usize), plant: usize) -> Core {
    let mut core = Core {
        customer,
        product,
        defect,
        desc: 0,
        channel: rng.weighted(&CHANNELS, |c| c.1),
        dept: 0,
        owner: 0,
        cause: 0,
        action: 0,
        severity: rng.weighted(&SEVERITIES, |s| s.1),
        close_days: draw_close_days(rng),
        cost: draw_cost(rng),
        lot_back: rng.range(5, 60),
        lot_line: rng.range(1, 4) as u8,
    };
    rehandle(rng, &mut core, plant);
    core
}

/// A complaint of the tidy ledger: customer first, then one of its products.
pub(super) fn draw_core(rng: &mut Rng, month: u32) -> Core {
    let customer = rng.weighted(&CUSTOMERS, |c| c.weight);
    let list = CUSTOMERS[customer].products;
    let product = list[rng.weighted(list, |&p| PRODUCTS[p].weight)];
    let defect = pick_defect(rng, month);
    finish_core(rng, (customer, product, defect), PRODUCTS[product].plant)
}

/// A complaint of the legacy sample: a part by its shipped volume, then the
/// customer that bought it.
pub(super) fn draw_sample_core(rng: &mut Rng, month: u32, cat: &Catalogue) -> Core {
    let product = cat.pick_part(rng);
    let customer = cat.pick_customer(rng, product);
    let defect = pick_defect(rng, month);
    finish_core(rng, (customer, product, defect), cat.parts[product].plant)
}

pub(super) fn lot_code(production: NaiveDate, line: u8) -> String {
    format!("L{:02}{:02}{:02}-{}", production.year() % 100, production.month(), production.day(), line)
}
