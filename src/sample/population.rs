//! The legacy complaint population: each complaint's attributes, the monthly
//! volumes, and the special roles and merged cells placed among them.

use std::collections::BTreeMap;

use anyhow::{bail, Result};
use chrono::{Datelike, NaiveDate, Weekday};

use super::dates::{add_days, days_between, days_in_month, ymd};
use super::rng::Rng;
use super::vocabulary::{
    ACTIONS, BAD_DATES, CAUSES, CHANNELS, CUSTOMERS, DEFECTS, DEPT_LOGISTICS, DEPT_QA, DESCRIPTIONS, D_DEFORM,
    D_FOREIGN, OWNERS, PRODUCTS, SEVERITIES, SPIKE_PRODUCT,
};

// ---------------------------------------------------------------------------
// One complaint's attributes
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy)]
pub(super) struct Core {
    pub(super) customer: usize,
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

fn pick_product(rng: &mut Rng, customer: usize) -> usize {
    let list = CUSTOMERS[customer].products;
    list[rng.weighted(list, |&p| PRODUCTS[p].weight)]
}

fn pick_defect(rng: &mut Rng, month: u32) -> usize {
    let summer = (6..=8).contains(&month);
    rng.weighted(&DEFECTS, |&(name, w, _)| if summer && name == DEFECTS[D_DEFORM].0 { w * 9 / 5 } else { w })
}

fn pick_department(rng: &mut Rng, defect: usize, product: usize) -> usize {
    let production = 1 + PRODUCTS[product].plant;
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

/// Re-draws the handling fields that depend on defect and product.
fn rehandle(rng: &mut Rng, core: &mut Core) {
    core.desc = rng.below(DESCRIPTIONS[core.defect].len());
    core.cause = rng.below(CAUSES[core.defect].len());
    core.action = rng.below(ACTIONS[core.defect].len());
    core.dept = pick_department(rng, core.defect, core.product);
    core.owner = rng.below(OWNERS[core.dept].len());
}

pub(super) fn draw_core(rng: &mut Rng, month: u32) -> Core {
    let customer = rng.weighted(&CUSTOMERS, |c| c.weight);
    let product = pick_product(rng, customer);
    let defect = pick_defect(rng, month);
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
    rehandle(rng, &mut core);
    core
}

fn lot_code(production: NaiveDate, line: u8) -> String {
    format!("L{:02}{:02}{:02}-{}", production.year() % 100, production.month(), production.day(), line)
}

// ---------------------------------------------------------------------------
// The legacy complaint population
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Closed {
    Date(NaiveDate),
    DoneNoDate,
    Open,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Status {
    Received,
    InProgress,
    Done,
}

impl Status {
    pub(super) fn ledger_word(self) -> &'static str {
        match self {
            Status::Received => "접수",
            Status::InProgress => "처리중",
            Status::Done => "완료",
        }
    }

    pub(super) fn sales_word(self) -> &'static str {
        match self {
            Status::Received => "접수",
            Status::InProgress => "처리중",
            Status::Done => "처리완료",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reexport {
    /// Identical in both files.
    Same,
    /// Open in the master ledger, closed in the sales export (an update).
    OpenInMaster,
    /// The master ledger's closed date is this many days earlier (an update).
    EarlierClose(i64),
    /// The sales export names another customer (a conflict).
    ConflictCustomer(usize),
    /// The sales export names another product (a conflict).
    ConflictProduct(usize),
}

/// The one special role a complaint plays in the sample (at most one each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tag {
    Plain,
    SalesOnly,
    LateEntry,
    CarryOver,
    Overdue,
    Reexported(Reexport),
    RejectMissing,
    RejectBad(usize),
    ClosedBefore,
    DoneNoDate,
    DoubleEntry,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dest {
    Master,
    October,
    SalesOnly,
}

#[derive(Debug, Clone)]
pub(super) struct Complaint {
    pub(super) id: String,
    pub(super) received: NaiveDate,
    pub(super) minute: u32,
    pub(super) core: Core,
    pub(super) lot: String,
    pub(super) closed: Closed,
    pub(super) open_status: Status,
    pub(super) tag: Tag,
    pub(super) dest: Dest,
    /// Rows in the vertically merged customer group starting here (0 = none).
    pub(super) merge_len: u8,
    /// Inside (not at the top of) a merged customer group.
    pub(super) in_merge: bool,
    /// When the row was entered (orders the October sheet).
    pub(super) entry: NaiveDate,
}

impl Complaint {
    pub(super) fn status(&self) -> Status {
        match self.closed {
            Closed::Open => self.open_status,
            _ => Status::Done,
        }
    }
}

pub(super) struct Population {
    pub(super) list: Vec<Complaint>,
}

/// 28 months: 2023-07 ..= 2025-10.
const MONTHS: usize = 28;

fn month_of(index: usize) -> (i32, u32) {
    let m0 = 6 + index as i32; // months after 2023-01
    (2023 + m0 / 12, (m0 % 12) as u32 + 1)
}

fn pick_day(rng: &mut Rng, first: NaiveDate, days: i64) -> NaiveDate {
    let mut d = add_days(first, rng.range(0, days - 1));
    for _ in 0..4 {
        let weekend = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
        if !weekend || rng.chance(0.25) {
            break;
        }
        d = add_days(first, rng.range(0, days - 1));
    }
    d
}

fn new_complaint(rng: &mut Rng, received: NaiveDate, core: Core, as_of: NaiveDate) -> Complaint {
    let age = days_between(received, as_of);
    let mut closed_on = add_days(received, core.close_days);
    if closed_on > as_of && age > 30 {
        // Older open items are placed deliberately (see `assign_roles`).
        closed_on = add_days(as_of, -rng.range(0, 6));
    }
    let open = closed_on > as_of || (age <= 21 && rng.chance(0.3));
    let open_status = if age <= 5 && rng.chance(0.6) { Status::Received } else { Status::InProgress };
    Complaint {
        id: String::new(),
        received,
        minute: rng.range(510, 1080) as u32,
        lot: lot_code(add_days(received, -core.lot_back), core.lot_line),
        core,
        closed: if open { Closed::Open } else { Closed::Date(closed_on) },
        open_status,
        tag: Tag::Plain,
        dest: Dest::Master,
        merge_len: 0,
        in_merge: false,
        entry: received,
    }
}

pub(super) fn generate_population(seed: u64) -> Result<Population> {
    let mut rng = Rng::new(seed);
    let as_of = ymd(2025, 10, 31)?;
    let oct1 = ymd(2025, 10, 1)?;
    let mut list: Vec<Complaint> = Vec::with_capacity(2200);

    // 1. Monthly volume with mild seasonality; an 이물 spike in the last month.
    for mi in 0..MONTHS {
        let (y, m) = month_of(mi);
        let first = ymd(y, m, 1)?;
        let days = days_in_month(y, m)?;
        let season = 7.0 * (std::f64::consts::TAU * (f64::from(m) - 4.0) / 12.0).sin();
        let noise = (rng.f64() + rng.f64() + rng.f64() - 1.5) * 6.0;
        let mut volume = (72.0 + season + noise).round().clamp(60.0, 85.0) as usize;
        let last = mi + 1 == MONTHS;
        if last {
            volume = volume * 9 / 10;
        }
        for _ in 0..volume {
            let day = pick_day(&mut rng, first, days);
            let core = draw_core(&mut rng, m);
            list.push(new_complaint(&mut rng, day, core, as_of));
        }
        if last {
            let share = f64::from(DEFECTS[D_FOREIGN].1) / f64::from(DEFECTS.iter().map(|d| d.1).sum::<u32>());
            let extra = (volume as f64 * share * 2.6).round() as usize;
            let lot_from = ymd(2025, 9, 22)?;
            for _ in 0..extra {
                // Later in the month more often: the problem grows.
                let off = ((days as f64) * rng.f64().sqrt()) as i64;
                let day = add_days(first, off.min(days - 1));
                let mut core = draw_core(&mut rng, m);
                core.defect = D_FOREIGN;
                let mut production = None;
                if rng.chance(0.7) {
                    let holders: Vec<usize> =
                        (0..CUSTOMERS.len()).filter(|&c| CUSTOMERS[c].products.contains(&SPIKE_PRODUCT)).collect();
                    core.customer = holders[rng.weighted(&holders, |&c| CUSTOMERS[c].weight)];
                    core.product = SPIKE_PRODUCT;
                    core.lot_line = 2;
                    let p = add_days(lot_from, rng.range(0, 11));
                    production = Some(p.min(add_days(day, -2)));
                }
                rehandle(&mut rng, &mut core);
                let mut c = new_complaint(&mut rng, day, core, as_of);
                if let Some(p) = production {
                    c.lot = lot_code(p, 2);
                }
                list.push(c);
            }
        }
    }
    list.sort_by_key(|c| (c.received, c.minute));
    let n = list.len();

    // 2. Recurrences: the same product+defect comes back soon after closing.
    let mut rewritten = vec![false; n];
    let sep1 = ymd(2025, 9, 1)?;
    for _ in 0..35 {
        let src = rng.below(n);
        let Closed::Date(done) = list[src].closed else {
            continue;
        };
        if list[src].received >= sep1 {
            continue;
        }
        let lo = add_days(done, 2);
        let hi = add_days(done, 21).min(add_days(oct1, -1));
        let cands: Vec<usize> =
            (0..n).filter(|&j| j != src && !rewritten[j] && list[j].received >= lo && list[j].received <= hi).collect();
        if cands.is_empty() {
            continue;
        }
        let j = cands[rng.below(cands.len())];
        let from = list[src].core;
        let mut core = list[j].core;
        if rng.chance(0.75) {
            core.customer = from.customer;
        }
        core.product = from.product;
        if !CUSTOMERS[core.customer].products.contains(&core.product) {
            core.customer = from.customer;
        }
        core.defect = from.defect;
        rehandle(&mut rng, &mut core);
        list[j].core = core;
        rewritten[j] = true;
    }

    // 3. Sales-only complaints (2025-01..06, only in the sales export).
    let h1_from = ymd(2025, 1, 1)?;
    let h1_to = ymd(2025, 6, 30)?;
    let h1: Vec<usize> = (0..n).filter(|&i| list[i].received >= h1_from && list[i].received <= h1_to).collect();
    for i in rng.sample(&h1, 40) {
        list[i].dest = Dest::SalesOnly;
        list[i].tag = Tag::SalesOnly;
    }
    for c in list.iter_mut() {
        if c.received >= oct1 {
            c.dest = Dest::October;
        }
    }

    // 4. Ids: C-YYYY-NNNN in order of receipt, S-2025-NNNN in the sales system.
    let mut per_year: BTreeMap<i32, u32> = BTreeMap::new();
    let mut sales_no = rng.range(3, 9) as u32;
    for c in list.iter_mut() {
        if c.dest == Dest::SalesOnly {
            c.id = format!("S-{}-{:04}", c.received.year(), sales_no);
            sales_no += rng.range(1, 6) as u32;
        } else {
            let k = per_year.entry(c.received.year()).or_insert(0);
            *k += 1;
            c.id = format!("C-{}-{:04}", c.received.year(), k);
        }
    }

    let mut pop = Population { list };
    assign_roles(&mut pop, &mut rng)?;
    assign_merges(&mut pop, &mut rng)?;
    Ok(pop)
}

/// Indices of plain master-ledger complaints received in `from..=to`.
fn plain_master(pop: &Population, from: NaiveDate, to: NaiveDate) -> Vec<usize> {
    (0..pop.list.len())
        .filter(|&i| {
            let c = &pop.list[i];
            c.tag == Tag::Plain && c.dest == Dest::Master && c.received >= from && c.received <= to
        })
        .collect()
}

fn assign_roles(pop: &mut Population, rng: &mut Rng) -> Result<()> {
    let oct1 = ymd(2025, 10, 1)?;
    // Late-entered September complaints: only in the October file.
    for i in rng.sample(&plain_master(pop, ymd(2025, 9, 22)?, ymd(2025, 9, 30)?), 4) {
        let c = &mut pop.list[i];
        c.tag = Tag::LateEntry;
        c.dest = Dest::October;
        c.entry = add_days(c.received, rng.range(4, 10));
    }
    // Carried over: open in the master ledger, closed in October's file.
    for i in rng.sample(&plain_master(pop, ymd(2025, 9, 12)?, ymd(2025, 9, 30)?), 5) {
        let c = &mut pop.list[i];
        c.tag = Tag::CarryOver;
        let late = add_days(oct1, rng.range(0, 12));
        c.closed = Closed::Date(match c.closed {
            Closed::Date(d) => d.max(late),
            _ => late,
        });
    }
    // Overdue: 1-4 months old and still open.
    for i in rng.sample(&plain_master(pop, ymd(2025, 7, 1)?, ymd(2025, 9, 20)?), 8) {
        let c = &mut pop.list[i];
        c.tag = Tag::Overdue;
        c.closed = Closed::Open;
        c.open_status = Status::InProgress;
    }
    // Re-exported by sales: 180 of the 2025 H1 complaints.
    let h1: Vec<usize> = plain_master(pop, ymd(2025, 1, 1)?, ymd(2025, 6, 30)?)
        .into_iter()
        .filter(|&i| matches!(pop.list[i].closed, Closed::Date(_)))
        .collect();
    let (mut open_updates, mut late_updates, mut conflicts) = (0, 0, 0);
    for i in rng.sample(&h1, 180) {
        let c = &mut pop.list[i];
        let days = match c.closed {
            Closed::Date(d) => days_between(c.received, d),
            _ => 0,
        };
        let kind = if open_updates < 15 {
            open_updates += 1;
            Reexport::OpenInMaster
        } else if late_updates < 10 && days >= 3 {
            late_updates += 1;
            Reexport::EarlierClose(rng.range(1, (days - 1).min(5)))
        } else if conflicts < 3 {
            conflicts += 1;
            if conflicts == 2 {
                let list = CUSTOMERS[c.core.customer].products;
                let alt = list
                    .iter()
                    .copied()
                    .find(|&p| p != c.core.product)
                    .unwrap_or((c.core.product + 1) % PRODUCTS.len());
                Reexport::ConflictProduct(alt)
            } else {
                // Another customer that also buys this product.
                let alt = (1..CUSTOMERS.len())
                    .map(|k| (c.core.customer + k) % CUSTOMERS.len())
                    .find(|&a| CUSTOMERS[a].products.contains(&c.core.product))
                    .unwrap_or((c.core.customer + 1) % CUSTOMERS.len());
                Reexport::ConflictCustomer(alt)
            }
        } else {
            Reexport::Same
        };
        c.tag = Tag::Reexported(kind);
    }
    let all_from = ymd(2023, 7, 1)?;
    let master_to = ymd(2025, 9, 30)?;
    // Rejected rows: 2 blank received dates per year sheet, 4 unparseable.
    let mut bad_no = 0;
    for (year, missing, bad) in [(2023, 2, 1), (2024, 2, 2), (2025, 2, 1)] {
        let from = ymd(year, 1, 1)?.max(all_from);
        let to = ymd(year, 12, 31)?.min(master_to);
        let pool = plain_master(pop, from, to);
        let picked = rng.sample(&pool, missing + bad);
        for (k, &i) in picked.iter().enumerate() {
            pop.list[i].tag = if k < missing {
                Tag::RejectMissing
            } else {
                bad_no += 1;
                Tag::RejectBad((bad_no - 1) % BAD_DATES.len())
            };
        }
    }
    // Exactly two closed dates before the received date (data-entry errors).
    let pool: Vec<usize> = plain_master(pop, ymd(2024, 1, 1)?, ymd(2024, 12, 31)?)
        .into_iter()
        .filter(|&i| matches!(pop.list[i].closed, Closed::Date(_)))
        .collect();
    for i in rng.sample(&pool, 2) {
        let c = &mut pop.list[i];
        c.tag = Tag::ClosedBefore;
        c.closed = Closed::Date(add_days(c.received, -rng.range(1, 3)));
    }
    // Closed without a date: the closed-date cell says 완료.
    let pool: Vec<usize> = plain_master(pop, all_from, ymd(2025, 8, 31)?)
        .into_iter()
        .filter(|&i| matches!(pop.list[i].closed, Closed::Date(_)))
        .collect();
    for i in rng.sample(&pool, 10) {
        pop.list[i].tag = Tag::DoneNoDate;
        pop.list[i].closed = Closed::DoneNoDate;
    }
    // Entered twice in the master ledger.
    for i in rng.sample(&plain_master(pop, all_from, master_to), 3) {
        pop.list[i].tag = Tag::DoubleEntry;
    }
    Ok(())
}

/// Whether a complaint may sit in a vertically merged customer group.
fn mergeable(c: &Complaint) -> bool {
    !matches!(
        c.tag,
        Tag::DoubleEntry
            | Tag::RejectMissing
            | Tag::RejectBad(_)
            | Tag::Reexported(Reexport::ConflictCustomer(_))
            | Tag::Reexported(Reexport::ConflictProduct(_))
    )
}

fn assign_merges(pop: &mut Population, rng: &mut Rng) -> Result<()> {
    for (year, groups) in [(2023, 3usize), (2024, 4), (2025, 4)] {
        let rows = master_rows(pop, year);
        let mut used = vec![false; rows.len()];
        let mut made = 0;
        let mut tries = 0;
        while made < groups && tries < 500 && rows.len() > 4 {
            tries += 1;
            let len = rng.range(2, 3) as usize;
            let p = 1 + rng.below(rows.len() - len - 1);
            let month = pop.list[rows[p]].received.month();
            let ok = (p - 1..p + len + 1).all(|k| !used[k])
                && (p..p + len).all(|k| {
                    let c = &pop.list[rows[k]];
                    mergeable(c) && c.received.month() == month
                });
            if !ok {
                continue;
            }
            let customer = pop.list[rows[p]].core.customer;
            for &i in &rows[p + 1..p + len] {
                let mut core = pop.list[i].core;
                core.customer = customer;
                if !CUSTOMERS[customer].products.contains(&core.product) {
                    core.product = pick_product(rng, customer);
                    core.dept = pick_department(rng, core.defect, core.product);
                    core.owner = rng.below(OWNERS[core.dept].len());
                }
                let c = &mut pop.list[i];
                c.core = core;
                c.in_merge = true;
            }
            pop.list[rows[p]].merge_len = len as u8;
            for u in used.iter_mut().skip(p - 1).take(len + 2) {
                *u = true;
            }
            made += 1;
        }
        if made < groups {
            bail!("could not place merged customer cells on the {year} sheet");
        }
    }
    Ok(())
}

/// Master-ledger complaints of one year sheet, in row order.
pub(super) fn master_rows(pop: &Population, year: i32) -> Vec<usize> {
    (0..pop.list.len()).filter(|&i| pop.list[i].dest == Dest::Master && pop.list[i].received.year() == year).collect()
}
