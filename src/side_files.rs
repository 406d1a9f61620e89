//! The small side files a report reads besides the ledgers — the config,
//! a holiday list, the shipments — as plain data. A module below both the
//! command line (`params`) and the config, so that neither imports the other
//! for them.

use crate::bail_user;
use crate::ingest::cells::normalize_key;
use crate::metrics::months::Month;
use crate::metrics::ppm::{Shipment, Shipments};
use std::collections::BTreeMap;
use std::path::Path;

/// The largest side file (config, holiday list, shipments) read: they are
/// a few kilobytes; a path to a device or a huge file is a mistake.
pub const MAX_SIDE_FILE_BYTES: u64 = 4 << 20;

/// Reads a small text file given with `flag` (`--config`, `--holidays`,
/// `--shipments`): a regular file of at most [`MAX_SIDE_FILE_BYTES`],
/// UTF-8 with or without a byte-order mark. Errors are the user's to fix.
pub fn read_side_file(path: &Path, flag: &str) -> anyhow::Result<String> {
    use std::io::Read as _;
    let shown = crate::error::shown(path);
    let meta = std::fs::metadata(path)
        .map_err(|e| crate::error::user(format!("cannot read '{shown}' ({e}) — check the path given to {flag}")))?;
    if !meta.is_file() {
        bail_user!("cannot read '{shown}': it is not a regular file — give {flag} a text file");
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_SIDE_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| crate::error::user(format!("cannot read '{shown}' ({e}) — check the path given to {flag}")))?;
    if bytes.len() as u64 > MAX_SIDE_FILE_BYTES {
        bail_user!(
            "'{shown}' is larger than {} MB — {flag} takes a small text file; check the path",
            MAX_SIDE_FILE_BYTES >> 20
        );
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text.to_string()),
        Err(_) => bail_user!("'{shown}' is not UTF-8 text — save it as UTF-8 (with or without BOM) for {flag}"),
    }
}

/// One holiday per line, `YYYY-MM-DD` first (a name may follow); `#` starts a comment.
pub fn read_holidays(path: &Path) -> anyhow::Result<Vec<chrono::NaiveDate>> {
    let text = read_side_file(path, "--holidays")?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some(first) = line.split_whitespace().next() else { continue };
        let first = first.trim_end_matches(',');
        match chrono::NaiveDate::parse_from_str(first, "%Y-%m-%d").ok() {
            Some(d) => out.push(d),
            None => bail_user!(
                "holiday file '{}' line {}: '{}' is not a date — write one YYYY-MM-DD per line",
                crate::error::shown(path),
                i + 1,
                crate::text::quote(first)
            ),
        }
    }
    Ok(out)
}

/// The shipments file (docs/metrics.md §5, §12): `YYYY-MM,units` lines
/// without a header (the old form), or a header row naming `month`, `units`
/// and optionally `customer` and/or `product` (`month,customer,product,units`).
/// Rows are summed per (month, customer, product) as written; names compare
/// after key normalisation.
pub fn read_shipments(path: &Path) -> anyhow::Result<Shipments> {
    let text = read_side_file(path, "--shipments")?;
    let shown = crate::error::shown(path);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records().enumerate();
    let Some((_, first)) = records.next() else { return Ok(Shipments::default()) };
    let first = first.map_err(|e| crate::error::user(format!("shipments file '{shown}' line 1: {e}")))?;
    let layout = Layout::of(&first);
    let mut out = Shipments {
        has_customer: layout.customer.is_some(),
        has_product: layout.product.is_some(),
        ..Shipments::default()
    };
    // (month, customer, product) → (its first line, units)
    type Key = (Month, Option<String>, Option<String>);
    let mut sums: BTreeMap<Key, (usize, f64)> = BTreeMap::new();
    let rows = (!layout.headed).then_some((0, Ok(first))).into_iter().chain(records);
    for (i, record) in rows {
        let line = i + 1;
        let record = record.map_err(|e| crate::error::user(format!("shipments file '{shown}' line {line}: {e}")))?;
        let cell = |at: Option<usize>| at.and_then(|c| record.get(c)).unwrap_or("").trim();
        let (month, units) = (cell(Some(layout.month)), cell(Some(layout.units)));
        let (Some(m), Ok(u)) = (Month::parse(month), units.replace(',', "").parse::<f64>()) else {
            bail_user!(
                "shipments file '{shown}' line {line}: expected {}, found '{}'",
                layout.expected(),
                record.iter().collect::<Vec<_>>().join(",")
            );
        };
        if !(u >= 0.0 && u.is_finite()) {
            bail_user!("shipments file '{shown}' line {line}: units '{units}' is not a count of shipped parts");
        }
        let mut name = |at: Option<usize>| {
            at.map(|_| {
                let written = cell(at);
                let key = normalize_key(written);
                out.names.entry(key.clone()).or_insert_with(|| written.to_string());
                key
            })
        };
        let key = (m, name(layout.customer), name(layout.product));
        if layout.customer.is_none() && layout.product.is_none() {
            // months only (the old form, with or without a header): one
            // line per month — a second one is a mistake, not a part
            if let Some((earlier, _)) = sums.get(&key) {
                bail_user!(
                    "shipments file '{shown}' lists {m} twice (lines {earlier} and {line}): keep one line per month \
                     (add the units up if they are parts of the month)"
                );
            }
        }
        let entry = sums.entry(key).or_insert((line, 0.0));
        entry.1 += u;
    }
    out.rows = sums
        .into_iter()
        .map(|((month, customer, product), (_, units))| Shipment { month, customer, product, units })
        .collect();
    Ok(out)
}

/// Where the columns of a shipments file are.
struct Layout {
    headed: bool,
    month: usize,
    units: usize,
    customer: Option<usize>,
    product: Option<usize>,
}

impl Layout {
    /// From the first line: a header when it names `month` and `units` (in
    /// English or Korean), else the old `YYYY-MM,units` form.
    fn of(first: &csv::StringRecord) -> Layout {
        let find = |names: &[&str]| {
            first.iter().position(|h| {
                let h = crate::ingest::cells::normalize_header(h);
                names.iter().any(|n| crate::ingest::cells::normalize_header(n) == h)
            })
        };
        match (
            find(&["month", "월", "년월", "출하월"]),
            find(&["units", "qty", "quantity", "수량", "출하수량", "납품수량"]),
        ) {
            (Some(month), Some(units)) => Layout {
                headed: true,
                month,
                units,
                customer: find(&["customer", "고객", "고객사", "거래처", "납품처"]),
                product: find(&["product", "part", "part no", "제품", "품번", "품명"]),
            },
            _ => Layout { headed: false, month: 0, units: 1, customer: None, product: None },
        }
    }

    fn expected(&self) -> &'static str {
        match (self.headed, self.customer.is_some(), self.product.is_some()) {
            (false, ..) => "`YYYY-MM,units`",
            (true, true, true) => "a month (YYYY-MM), a customer, a product and units",
            (true, true, false) => "a month (YYYY-MM), a customer and units",
            (true, false, true) => "a month (YYYY-MM), a product and units",
            (true, false, false) => "a month (YYYY-MM) and units",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipments(text: &str) -> anyhow::Result<Shipments> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("s.csv");
        std::fs::write(&path, text)?;
        read_shipments(&path)
    }

    #[test]
    fn the_old_two_column_form_and_the_headed_form() {
        let old = shipments("2024-05,\"120,000\"\n2024-06,80000\n").unwrap_or_default();
        assert!(!old.has_customer && !old.has_product);
        assert_eq!(old.by_month().values().copied().collect::<Vec<_>>(), [120_000.0, 80_000.0]);
        assert!(shipments("2024-05,1\n2024-05,2\n").is_err(), "a month twice in the old form");
        // headed: rows summed per (month, customer, product), names normalised
        let headed = shipments(
            "\u{feff}month,customer,product,units\n2024-05,Hyundai,P-1,100\n2024-05, hyundai ,P-1,50\n2024-05,Kia,P-2,30\n",
        )
        .unwrap_or_default();
        assert!(headed.has_customer && headed.has_product);
        let rows: Vec<(String, f64)> =
            headed.rows.iter().map(|r| (r.customer.clone().unwrap_or_default(), r.units)).collect();
        assert_eq!(rows, [("hyundai".to_string(), 150.0), ("kia".to_string(), 30.0)]);
        assert_eq!(headed.names.get("hyundai").map(String::as_str), Some("Hyundai"));
        // a customer column only, Korean headers
        let by_customer = shipments("출하월,고객사,출하수량\n2024-05,현대,10\n").unwrap_or_default();
        assert!(by_customer.has_customer && !by_customer.has_product);
        let bad = shipments("month,units\nMay,10\n").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(bad.contains("line 2") && bad.contains("a month (YYYY-MM) and units"), "{bad}");
    }
}
