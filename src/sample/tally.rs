//! Truth bookkeeping: what the legacy writers put into the files.

use std::collections::{BTreeMap, HashSet};

use anyhow::{bail, Result};
use chrono::NaiveDate;

use super::dates::month_key;
use super::population::Complaint;
use super::vocabulary::{CUSTOMERS, DEFECTS};
use super::SampleTruth;

struct RowKey {
    id: String,
    customer: &'static str,
    product: String,
    lot: String,
    defect: &'static str,
    /// None when the received-date cell is blank or unparseable.
    received: Option<NaiveDate>,
}

#[derive(Default)]
pub(super) struct Tally {
    rows: Vec<RowKey>,
    pub(super) rejected_missing: usize,
    pub(super) rejected_bad: usize,
    pub(super) subtotal: usize,
    pub(super) note: usize,
    pub(super) template: usize,
    pub(super) files: Vec<String>,
}

impl Tally {
    pub(super) fn record(&mut self, c: &Complaint, customer: usize, product: &str, received: Option<NaiveDate>) {
        self.rows.push(RowKey {
            id: c.id.clone(),
            customer: CUSTOMERS[customer].name,
            product: product.to_string(),
            lot: c.lot.clone(),
            defect: DEFECTS[c.core.defect].0,
            received,
        });
    }

    pub(super) fn finish(mut self, as_of: NaiveDate) -> Result<SampleTruth> {
        self.files.sort();
        let mut seen: HashSet<&str> = HashSet::new();
        let mut duplicates = 0;
        let mut groups: BTreeMap<&str, Vec<&RowKey>> = BTreeMap::new();
        let mut first: Option<NaiveDate> = None;
        let mut last: Option<NaiveDate> = None;
        for row in &self.rows {
            groups.entry(row.id.as_str()).or_default().push(row);
            let Some(d) = row.received else { continue };
            first = Some(first.map_or(d, |f| f.min(d)));
            last = Some(last.map_or(d, |l| l.max(d)));
            if !seen.insert(row.id.as_str()) {
                duplicates += 1;
            }
        }
        let mut conflicts = 0;
        for rows in groups.values() {
            if rows.len() < 2 {
                continue;
            }
            if rows.iter().any(|r| r.received.is_none()) {
                bail!("a rejected row shares its id {} with another row", rows[0].id);
            }
            let differs = |f: &dyn Fn(&RowKey) -> String| {
                let vals: HashSet<String> = rows.iter().map(|r| f(r)).collect();
                vals.len() > 1
            };
            if differs(&|r| r.customer.to_string())
                || differs(&|r| r.product.clone())
                || differs(&|r| r.lot.clone())
                || differs(&|r| r.defect.to_string())
                || differs(&|r| r.received.map(|d| d.to_string()).unwrap_or_default())
            {
                conflicts += 1;
            }
        }
        let (Some(first), Some(last)) = (first, last) else {
            bail!("no complaint rows were written");
        };
        Ok(SampleTruth {
            files: self.files,
            complaints: seen.len(),
            data_rows: self.rows.len(),
            rejected_missing_date: self.rejected_missing,
            rejected_bad_date: self.rejected_bad,
            duplicates_merged: duplicates,
            id_conflicts: conflicts,
            subtotal_rows: self.subtotal,
            note_rows: self.note,
            template_rows: self.template,
            first_month: month_key(first),
            last_month: month_key(last),
            as_of,
            capas: 0,
            capa_conflicts: 0,
            negative_notify: 0,
            nonconforming_unknown: 0,
            side_files: Vec::new(),
            merged: Vec::new(),
        })
    }
}
