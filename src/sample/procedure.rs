//! The rest of the complaint procedure in the legacy sample: customer
//! notification (reply due and notified dates), corrective actions (CAPAs
//! opened for recurring problems), the nonconforming mark and the written
//! cost, plus the truth of what the engine should see after merging.
//!
//! Everything here is drawn from its own random stream, after the population
//! is complete, so the cells the population already fixes never change.

use std::collections::BTreeMap;

use anyhow::{bail, Result};
use chrono::{Datelike, NaiveDate};

use super::chronic::{day, part_index, CHRONIC, DESIGNED_CAPAS};
use super::dates::{add_days, days_between, thousands, ymd};
use super::population::{Closed, Complaint, Dest, Population, Tag};
use super::rng::Rng;
use super::vocabulary::{CUSTOMERS, DEFECTS, D_FOREIGN, SPIKE_PART};
use super::{ClosedTruth, ComplaintTruth, MASTER_FILE, OCTOBER_FILE, SALES_FILE};

/// The date every sample figure is judged at: the last day of the last month.
pub(super) fn sample_as_of() -> Result<NaiveDate> {
    ymd(2025, 10, 31)
}

/// Yes words of the `부적합` column (docs/metrics.md §11).
pub(super) const YES_WORDS: [&str; 8] = ["Y", "예", "○", "O", "해당", "V", "y", "부적합"];
/// No words of the `부적합` column (blank included).
pub(super) const NO_WORDS: [&str; 7] = ["N", "아니오", "X", "", "비해당", "n", "적합"];
/// Words that are neither: a warning each, the row kept.
pub(super) const UNKNOWN_WORDS: [&str; 2] = ["확인중", "검토중"];

/// The one large claim, written in Korean units.
pub(super) const BIG_CLAIM: (u64, &str) = (120_000_000, "1억 2천만원");

/// Chance that a complaint is about nonconforming product, by defect type.
const NC_SHARE: [f64; 9] = [0.9, 0.9, 0.85, 0.85, 0.8, 0.2, 0.1, 0.15, 0.05];

/// A complaint's row in a CAPA: the id as written and the CAPA's dates as
/// written on that row.
#[derive(Debug, Clone)]
pub(super) struct CapaRow {
    pub(super) written: String,
    pub(super) due: Option<NaiveDate>,
    pub(super) closed: Option<NaiveDate>,
    pub(super) verified: Option<NaiveDate>,
}

/// What the procedure adds to one complaint (indexed like the population).
#[derive(Debug, Clone, Default)]
pub(super) struct Extra {
    /// The customer's requested reply date (written in the master ledger only).
    pub(super) reply_due: Option<NaiveDate>,
    pub(super) notified: Option<NaiveDate>,
    /// About nonconforming product.
    pub(super) nc_yes: bool,
    /// The master ledger's `부적합` cell holds an unknown word.
    pub(super) nc_unknown: bool,
    pub(super) nc_master: &'static str,
    pub(super) nc_october: &'static str,
    /// Which spelling a cost cell takes (see [`cost_text`]).
    pub(super) cost_form: usize,
    /// A cost written where the population has none (the large claim).
    pub(super) claim: Option<u64>,
    pub(super) capa: Option<CapaRow>,
}

/// One corrective action as designed.
#[derive(Debug, Clone)]
pub(super) struct Capa {
    pub(super) id: String,
    pub(super) product: usize,
    pub(super) defect: usize,
    /// Population indices of its complaints, in order of receipt.
    pub(super) members: Vec<usize>,
    pub(super) issued: NaiveDate,
    /// The latest due date written on its rows (None: no date written).
    pub(super) due: Option<NaiveDate>,
    /// For a CAPA whose due date was extended: the first due date, still
    /// written on its earlier rows (a conflict, docs/metrics.md §9).
    pub(super) first_due: Option<NaiveDate>,
    pub(super) closed: Option<NaiveDate>,
    pub(super) verified: Option<NaiveDate>,
}

pub(super) struct Procedure {
    pub(super) extra: Vec<Extra>,
    /// The claim cells (quantity, responsibility), indexed like `extra`.
    pub(super) claims: Vec<super::claim::Claim>,
    pub(super) capas: Vec<Capa>,
    pub(super) negative_notify: usize,
}

/// The input whose row the engine keeps for a complaint (inputs are read
/// master, October, sales; the last one wins), None for a rejected row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FinalFile {
    Master,
    October,
    Sales,
}

pub(super) fn final_file(c: &Complaint) -> Option<FinalFile> {
    match c.tag {
        Tag::RejectMissing | Tag::RejectBad(_) => None,
        Tag::SalesOnly | Tag::Reexported(_) => Some(FinalFile::Sales),
        Tag::CarryOver => Some(FinalFile::October),
        _ if c.dest == Dest::October => Some(FinalFile::October),
        _ => Some(FinalFile::Master),
    }
}

/// A cost cell's text in one of the spellings of docs/metrics.md §10.
pub(super) fn cost_text(won: u64, form: usize) -> String {
    if won == 0 {
        return ["0", "무상", "0원", "무상"][form % 4].to_string();
    }
    match form % 4 {
        0 => thousands(won),
        1 => format!("{}원", thousands(won)),
        2 if won.is_multiple_of(10_000) => format!("{}만원", won / 10_000),
        2 => format!("{}원", thousands(won)),
        _ => format!("₩{}", thousands(won)),
    }
}

/// A CAPA id as someone typed it: mostly as issued, sometimes in lower case
/// or with stray spaces (all the same id once trimmed and case-folded).
fn spell_capa(rng: &mut Rng, id: &str) -> String {
    let x = rng.f64();
    if x < 0.72 {
        id.to_string()
    } else if x < 0.80 {
        id.to_lowercase()
    } else if x < 0.86 {
        format!("{id} ")
    } else if x < 0.91 {
        format!(" {id}")
    } else if x < 0.96 {
        id.replacen("CAPA", "Capa", 1)
    } else {
        format!("{}  ", id.to_lowercase())
    }
}

fn master_word(rng: &mut Rng, year: i32, yes: bool) -> &'static str {
    if rng.chance(0.15) {
        return if yes { YES_WORDS[rng.below(YES_WORDS.len())] } else { NO_WORDS[rng.below(NO_WORDS.len())] };
    }
    match (year, yes) {
        (2023, true) => "○",
        (2023, false) => "",
        (2024, true) => "Y",
        (2024, false) => "N",
        (_, true) => "해당",
        (_, false) => {
            if rng.chance(0.5) {
                ""
            } else {
                "아니오"
            }
        }
    }
}

fn october_word(rng: &mut Rng, yes: bool) -> &'static str {
    if rng.chance(0.1) {
        return if yes { "○" } else { "X" };
    }
    match (yes, rng.chance(0.4)) {
        (true, _) => "Y",
        (false, true) => "",
        (false, false) => "N",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    Verified,
    Closed,
    Open,
    OpenOverdue,
}

/// A CAPA to place on a problem that repeated: the window of its first
/// complaint's receipt, the status it has as of the sample's last day,
/// whether it must prove effective (no unlinked recurrence within 90 days
/// of completion), and whether its rows carry two due dates. The chronic
/// problems' CAPAs are designed in `chronic`.
struct Scenario {
    from: (i32, u32, u32),
    to: (i32, u32, u32),
    want: Want,
    effective: Option<bool>,
    conflict: bool,
}

const fn sc(from: (i32, u32, u32), to: (i32, u32, u32), want: Want, effective: Option<bool>) -> Scenario {
    Scenario { from, to, want, effective, conflict: false }
}

fn scenarios() -> Vec<Scenario> {
    use Want::*;
    vec![
        sc((2023, 7, 10), (2023, 10, 31), Verified, Some(true)),
        sc((2023, 9, 1), (2023, 12, 31), Verified, Some(true)),
        Scenario { conflict: true, ..sc((2023, 11, 1), (2024, 3, 31), Verified, Some(true)) },
        sc((2024, 2, 1), (2024, 5, 31), Verified, Some(true)),
        sc((2024, 4, 1), (2024, 7, 31), Verified, Some(true)),
        sc((2024, 6, 1), (2024, 9, 30), Verified, Some(true)),
        Scenario { conflict: true, ..sc((2024, 8, 1), (2024, 11, 30), Verified, Some(true)) },
        sc((2024, 12, 1), (2025, 3, 31), Verified, Some(true)),
        sc((2025, 2, 1), (2025, 5, 31), Closed, Some(true)),
        sc((2025, 5, 1), (2025, 8, 15), Closed, Some(true)),
        Scenario { conflict: true, ..sc((2025, 1, 15), (2025, 5, 31), OpenOverdue, None) },
        sc((2025, 4, 1), (2025, 7, 31), OpenOverdue, None),
        sc((2025, 6, 1), (2025, 8, 31), OpenOverdue, None),
        sc((2025, 8, 1), (2025, 9, 15), Open, None),
        sc((2025, 8, 20), (2025, 9, 30), Open, None),
    ]
}

/// Draws everything the procedure adds, from its own stream.
pub(super) fn generate_procedure(pop: &Population, seed: u64) -> Result<Procedure> {
    let mut rng = Rng::new(seed ^ 0x0050_524F_4345_4455); // "PROCEDU"
    let as_of = sample_as_of()?;
    let list = &pop.list;
    let mut extra: Vec<Extra> = vec![Extra::default(); list.len()];

    // 1. Notification: reply due on ~60 % of master-ledger complaints, a
    // notified date on most closed ones and some open ones, some late.
    for (c, ex) in list.iter().zip(extra.iter_mut()) {
        let reply_due =
            if c.dest == Dest::Master && rng.chance(0.6) { Some(add_days(c.received, rng.range(5, 15))) } else { None };
        let deadline = reply_due.unwrap_or_else(|| add_days(c.received, 10));
        // Nearly every closed complaint has its reply written (the few without
        // one are "not recorded", docs/metrics.md §8).
        let p = if c.closed == Closed::Open { 0.4 } else { 0.997 };
        let notified = if rng.chance(p) {
            if rng.chance(0.12) {
                Some(add_days(deadline, rng.range(1, 14)))
            } else {
                let span = days_between(c.received, deadline).max(1);
                Some(add_days(c.received, rng.range(1, span)))
            }
        } else {
            None
        };
        ex.reply_due = reply_due;
        ex.notified = notified.filter(|&d| d <= as_of);
    }
    // Two notified dates before the received date (data-entry errors).
    let (from, to) = (ymd(2024, 1, 1)?, ymd(2024, 12, 31)?);
    let pool: Vec<usize> = (0..list.len())
        .filter(|&i| {
            let c = &list[i];
            c.tag == Tag::Plain && c.dest == Dest::Master && c.received >= from && c.received <= to
        })
        .collect();
    let negative = rng.sample(&pool, 2);
    for &i in &negative {
        extra[i].notified = Some(add_days(list[i].received, -rng.range(1, 4)));
    }

    // 2. Nonconforming: mostly yes for product defects, the master ledger's
    // words by year sheet, two unknown words; and each cost cell's spelling.
    for (c, ex) in list.iter().zip(extra.iter_mut()) {
        ex.nc_yes = rng.chance(NC_SHARE[c.core.defect]);
        ex.nc_master = master_word(&mut rng, c.received.year(), ex.nc_yes);
        ex.nc_october = october_word(&mut rng, ex.nc_yes);
        ex.cost_form = rng.below(8);
    }
    let (from, to) = (ymd(2025, 1, 1)?, ymd(2025, 9, 30)?);
    let pool: Vec<usize> = (0..list.len())
        .filter(|&i| {
            let c = &list[i];
            c.tag == Tag::Plain && c.dest == Dest::Master && c.received >= from && c.received <= to
        })
        .collect();
    for (k, i) in rng.sample(&pool, UNKNOWN_WORDS.len()).into_iter().enumerate() {
        extra[i].nc_unknown = true;
        extra[i].nc_master = UNKNOWN_WORDS[k];
    }

    // 3. One large claim: a line stop from foreign matter in the first half
    // of 2024 (before the default trend window), cost not yet written.
    let (from, to) = (ymd(2024, 1, 1)?, ymd(2024, 6, 30)?);
    let pool: Vec<usize> = (0..list.len())
        .filter(|&i| {
            let c = &list[i];
            c.tag == Tag::Plain
                && c.dest == Dest::Master
                && c.core.defect == D_FOREIGN
                && c.core.cost.is_none()
                && c.received >= from
                && c.received <= to
                && c.closed != Closed::Open
        })
        .collect();
    let line_stop: Vec<usize> = pool.iter().copied().filter(|&i| list[i].core.desc == 1).collect();
    let pool = if line_stop.is_empty() { pool } else { line_stop };
    let Some(&claim) = pool.get(rng.below(pool.len())) else {
        bail!("no complaint to carry the large claim");
    };
    extra[claim].claim = Some(BIG_CLAIM.0);

    // 4. CAPAs for recurring problems.
    let mut capas = place_capas(pop, &mut rng, as_of)?;
    capas.extend(designed_capas(pop, &mut rng)?);
    capas.push(spike_capa(pop, &mut rng)?);
    number_capas(&mut capas, &mut rng);
    for capa in &capas {
        let m = capa.members.len();
        let alt_from = m.div_ceil(2);
        for (k, &i) in capa.members.iter().enumerate() {
            let last = k + 1 == m;
            let written = spell_capa(&mut rng, &capa.id);
            let due = if k < alt_from { capa.first_due.or(capa.due) } else { capa.due };
            let closed = capa.closed.filter(|_| last || rng.chance(0.8));
            let verified = capa.verified.filter(|_| last || rng.chance(0.8));
            extra[i].capa = Some(CapaRow { written, due, closed, verified });
        }
    }
    Ok(Procedure { extra, claims: Vec::new(), capas, negative_notify: negative.len() })
}

fn place_capas(pop: &Population, rng: &mut Rng, as_of: NaiveDate) -> Result<Vec<Capa>> {
    let list = &pop.list;
    // Every complaint the engine keeps, by key, in order of receipt.
    let mut by_key: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    let mut order: Vec<usize> = (0..list.len()).filter(|&i| final_file(&list[i]).is_some()).collect();
    order.sort_by_key(|&i| (list[i].received, i));
    for &i in &order {
        by_key.entry(list[i].final_key()).or_default().push(i);
    }
    let linkable = |i: usize| final_file(&list[i]) == Some(FinalFile::Master);
    // Never on the spike's or a chronic problem's pair: those have their own.
    let mut used: Vec<(usize, usize)> = vec![(part_index(&pop.catalogue, SPIKE_PART)?, D_FOREIGN)];
    for ch in &CHRONIC {
        used.push((part_index(&pop.catalogue, ch.part)?, ch.defect));
    }
    let mut capas = Vec::new();
    for s in scenarios() {
        let (from, to) = (ymd(s.from.0, s.from.1, s.from.2)?, ymd(s.to.0, s.to.1, s.to.2)?);
        let starts: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| linkable(i) && list[i].received >= from && list[i].received <= to)
            .collect();
        let mut found = None;
        // Spread over the products (at most two CAPAs each) and keep the
        // effectiveness wish; drop both on the last pass.
        for pass in 0..2 {
            for _ in 0..4000 {
                let Some(&a) = starts.get(rng.below(starts.len())) else { break };
                let key = list[a].final_key();
                if used.contains(&key) || (pass == 0 && used.iter().filter(|k| k.0 == key.0).count() >= 2) {
                    continue;
                }
                let effective = if pass == 1 { None } else { s.effective };
                if let Some(capa) = try_capa(pop, rng, &by_key[&key], a, &s, effective, as_of, &linkable) {
                    found = Some(capa);
                    break;
                }
            }
            if found.is_some() {
                break;
            }
        }
        let Some(capa) = found else {
            bail!("could not place a CAPA opened {} ..= {}", from, to);
        };
        used.push((capa.product, capa.defect));
        capas.push(capa);
    }
    Ok(capas)
}

#[allow(clippy::too_many_arguments)]
fn try_capa(
    pop: &Population,
    rng: &mut Rng,
    same_key: &[usize],
    a: usize,
    s: &Scenario,
    effective: Option<bool>,
    as_of: NaiveDate,
    linkable: &dyn Fn(usize) -> bool,
) -> Option<Capa> {
    let list = &pop.list;
    let start = list[a].received;
    let pos = same_key.iter().position(|&i| i == a)?;
    let want = rng.range(2, 6) as usize;
    let mut members = vec![a];
    for &j in &same_key[pos + 1..] {
        if members.len() == want || list[j].received > add_days(start, 100) {
            break;
        }
        if linkable(j) {
            members.push(j);
        }
    }
    if members.len() < 2 {
        return None;
    }
    let last = list[*members.last()?].received;
    let issued = add_days(list[members[1]].received, rng.range(1, 5));
    let due = add_days(issued, rng.range(30, 60));
    let mut closed = None;
    let mut verified = None;
    match s.want {
        Want::Verified | Want::Closed => {
            let c = add_days(due, rng.range(-20, 15)).max(add_days(last, rng.range(3, 10)));
            if c > as_of || (s.want == Want::Closed && days_between(c, as_of) > 150) {
                return None;
            }
            closed = Some(c);
            if s.want == Want::Verified {
                let v = add_days(c, rng.range(30, 90));
                if v > as_of {
                    return None;
                }
                verified = Some(v);
            }
        }
        Want::Open | Want::OpenOverdue => {}
    }
    // An extended due date is written on the later rows (a conflict).
    let latest_due = if s.conflict { add_days(due, rng.range(14, 45)) } else { due };
    let capa = Capa {
        id: String::new(),
        product: list[a].final_key().0,
        defect: list[a].core.defect,
        members,
        issued,
        due: Some(latest_due),
        first_due: s.conflict.then_some(due),
        closed,
        verified,
    };
    match s.want {
        Want::OpenOverdue if latest_due >= as_of => return None,
        Want::Open if due <= as_of => return None,
        _ => {}
    }
    if let (Some(want), Some(c)) = (effective, closed) {
        let recurs = same_key.iter().any(|&j| {
            let r = list[j].received;
            !capa.members.contains(&j) && r > c && days_between(c, r) <= 90 && r <= as_of
        });
        if recurs == want {
            return None;
        }
    }
    Some(capa)
}

/// The CAPA opened for the October spike of foreign matter: only its number
/// is in the October ledger.
fn spike_capa(pop: &Population, rng: &mut Rng) -> Result<Capa> {
    let list = &pop.list;
    let spike = part_index(&pop.catalogue, SPIKE_PART)?;
    let from = ymd(2025, 10, 15)?;
    let pool: Vec<usize> = (0..list.len())
        .filter(|&i| {
            let c = &list[i];
            final_file(c) == Some(FinalFile::October) && c.final_key() == (spike, D_FOREIGN) && c.received >= from
        })
        .collect();
    let k = rng.range(3, 5) as usize;
    let mut members = rng.sample(&pool, k);
    if members.len() < 2 {
        bail!("too few October complaints of the spike for its CAPA");
    }
    members.sort_by_key(|&i| (list[i].received, i));
    let issued = list[members[0]].received;
    Ok(Capa {
        id: String::new(),
        product: spike,
        defect: D_FOREIGN,
        members,
        issued,
        due: None,
        first_due: None,
        closed: None,
        verified: None,
    })
}

/// The chronic problems' CAPAs with their designed dates. The problem's
/// master-ledger complaints of the member span carry the number: the two
/// that triggered it (the last before its issue) and up to three received
/// while it ran.
fn designed_capas(pop: &Population, rng: &mut Rng) -> Result<Vec<Capa>> {
    let list = &pop.list;
    let mut capas = Vec::new();
    for d in &DESIGNED_CAPAS {
        let key = (part_index(&pop.catalogue, d.part)?, d.defect);
        let (from, to, issued) = (day(d.members.0)?, day(d.members.1)?, day(d.issued)?);
        let mut pool: Vec<usize> = (0..list.len())
            .filter(|&i| {
                let c = &list[i];
                final_file(c) == Some(FinalFile::Master)
                    && c.final_key() == key
                    && c.received >= from
                    && c.received <= to
            })
            .collect();
        pool.sort_by_key(|&i| (list[i].received, i));
        let split = pool.partition_point(|&i| list[i].received <= issued);
        let mut members: Vec<usize> = pool[split.saturating_sub(2)..split].to_vec();
        members.extend(rng.sample(&pool[split..], 3));
        if split == 0 || members.len() < 2 {
            bail!("too few complaints of {} for its CAPA", d.part);
        }
        members.sort_by_key(|&i| (list[i].received, i));
        capas.push(Capa {
            id: String::new(),
            product: key.0,
            defect: key.1,
            members,
            issued,
            due: Some(day(d.due)?),
            first_due: None,
            closed: Some(day(d.closed)?),
            verified: d.verified.map(day).transpose()?,
        });
    }
    Ok(capas)
}

/// `CAPA-YYYY-NNN` in order of issue: numbers of the year the CAPA was
/// issued, with gaps for the CAPAs raised for other reasons (audits,
/// in-process defects).
fn number_capas(capas: &mut [Capa], rng: &mut Rng) {
    capas.sort_by_key(|c| (c.issued, c.members[0]));
    let mut next: BTreeMap<i32, u32> = BTreeMap::new();
    for capa in capas.iter_mut() {
        let year = capa.issued.year();
        let no = next.entry(year).or_insert_with(|| rng.range(1, 4) as u32);
        capa.id = format!("CAPA-{year}-{:03}", *no);
        *no += rng.range(1, 5) as u32;
    }
}

/// Every complaint as the engine should see it after duplicates are merged,
/// sorted by id.
pub(super) fn merged_truth(pop: &Population, proc: &Procedure) -> Vec<ComplaintTruth> {
    let mut out: Vec<ComplaintTruth> = pop
        .list
        .iter()
        .zip(&proc.extra)
        .zip(&proc.claims)
        .filter_map(|((c, ex), claim)| {
            let file = final_file(c)?;
            let (customer, product) = c.final_customer_product();
            let closed = match c.closed {
                Closed::Date(d) => ClosedTruth::Date(d),
                Closed::DoneNoDate => ClosedTruth::WithoutDate,
                Closed::Open => ClosedTruth::Open,
            };
            let capa = ex.capa.as_ref().filter(|_| file != FinalFile::Sales);
            let master = file == FinalFile::Master;
            Some(ComplaintTruth {
                complaint_id: c.id.clone(),
                file: match file {
                    FinalFile::Master => MASTER_FILE,
                    FinalFile::October => OCTOBER_FILE,
                    FinalFile::Sales => SALES_FILE,
                }
                .to_string(),
                received: c.received,
                closed,
                customer: CUSTOMERS[customer].name.to_string(),
                product: pop.catalogue.parts[product].name.clone(),
                defect_type: DEFECTS[c.core.defect].0.to_string(),
                notified: ex.notified,
                reply_due: ex.reply_due.filter(|_| master),
                capa_id: capa.map(|r| normalise_capa(&r.written)),
                capa_due: capa.and_then(|r| r.due),
                capa_closed: capa.and_then(|r| r.closed),
                capa_verified: capa.and_then(|r| r.verified),
                nonconforming: match file {
                    FinalFile::Master => (!ex.nc_unknown).then_some(ex.nc_yes),
                    FinalFile::October => Some(ex.nc_yes),
                    FinalFile::Sales => Some(false),
                },
                cost: if master { c.core.cost.or(ex.claim) } else { None },
                defect_qty: claim.qty,
                responsibility: claim.responsibility.map(str::to_string),
            })
        })
        .collect();
    out.sort_by(|a, b| a.complaint_id.cmp(&b.complaint_id));
    out
}

/// A CAPA id as docs/metrics.md §9 compares them: trimmed, inner spaces
/// collapsed, case-folded.
pub(super) fn normalise_capa(id: &str) -> String {
    id.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::record::{parse_amount, yes_no};

    #[test]
    fn every_cost_spelling_reads_back() {
        for won in [0, 10_000, 90_000, 350_000, 1_200_000, 2_500_000] {
            for form in 0..8 {
                let text = cost_text(won, form);
                assert_eq!(parse_amount(&text), Some(won as f64), "{text}");
            }
        }
        assert_eq!(parse_amount(BIG_CLAIM.1), Some(BIG_CLAIM.0 as f64));
    }

    #[test]
    fn every_nonconforming_word_means_what_the_truth_says() {
        for w in YES_WORDS {
            assert_eq!(yes_no(w), Some(true), "{w}");
        }
        for w in NO_WORDS {
            assert_eq!(yes_no(w), Some(false), "{w}");
        }
        for w in UNKNOWN_WORDS {
            assert_eq!(yes_no(w), None, "{w}");
        }
    }

    #[test]
    fn capa_spellings_normalise_to_one_id() {
        let mut rng = Rng::new(1);
        for _ in 0..200 {
            assert_eq!(normalise_capa(&spell_capa(&mut rng, "CAPA-2024-017")), "capa-2024-017");
        }
    }
}
