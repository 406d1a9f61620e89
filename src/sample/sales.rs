//! Legacy writers: the sales team's CP949 CSV re-export.

use std::path::Path;

use anyhow::{bail, Context, Result};
use chrono::Datelike;

use super::population::{Closed, Complaint, Dest, Population, Reexport, Tag};
use super::procedure::Procedure;
use super::rng::Rng;
use super::tally::Tally;
use super::vocabulary::{CHANNELS, CUSTOMERS, DEFECTS, DEPARTMENTS, DESCRIPTIONS, OWNERS};

/// Appends one CSV field (quoted when it holds a comma, quote or line break).
pub(super) fn push_csv_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

pub(super) fn write_sales_file(
    path: &Path,
    pop: &Population,
    proc: &Procedure,
    seed: u64,
    tally: &mut Tally,
) -> Result<()> {
    let mut rng = Rng::new(seed ^ 0x0053_414C_4553); // "SALES"
    let mut rows: Vec<(&Complaint, usize)> = pop
        .list
        .iter()
        .enumerate()
        .filter(|(_, c)| c.dest == Dest::SalesOnly || matches!(c.tag, Tag::Reexported(_)))
        .map(|(i, c)| (c, i))
        .collect();
    rows.sort_by_key(|(c, _)| (c.received, c.minute));
    let mut text = String::from(
        "관리번호,등록일,거래처명,모델명,LOT,불만유형,내용,경로,처리부서,처리자,처리완료일,진행상태,회신일,클레임수량,귀책구분\r\n",
    );
    for (c, i) in rows {
        let core = &c.core;
        let (mut customer, mut product) = (core.customer, core.product);
        match c.tag {
            Tag::Reexported(Reexport::ConflictCustomer(alt)) => customer = alt,
            Tag::Reexported(Reexport::ConflictProduct(alt)) => product = alt,
            _ => {}
        }
        let d = c.received;
        let registered = if rng.chance(0.15) {
            format!("{:04}/{:02}/{:02}", d.year(), d.month(), d.day())
        } else {
            format!("{:04}-{:02}-{:02} {:02}:{:02}", d.year(), d.month(), d.day(), c.minute / 60, c.minute % 60)
        };
        let closed = match c.closed {
            Closed::Date(d) => format!("{:04}/{:02}/{:02}", d.year(), d.month(), d.day()),
            _ => String::new(),
        };
        // The sales team's reply to the customer (the notified date).
        let replied = match proc.extra[i].notified {
            Some(d) => format!("{:04}/{:02}/{:02}", d.year(), d.month(), d.day()),
            None => String::new(),
        };
        // the claim quantity as the sales system prints it
        let claim = &proc.claims[i];
        let qty = match claim.qty {
            Some(q) if claim.qty_form % 2 == 1 => format!("{q}EA"),
            Some(q) => q.to_string(),
            None => String::new(),
        };
        let fields = [
            c.id.as_str(),
            registered.as_str(),
            CUSTOMERS[customer].name,
            pop.catalogue.parts[product].name.as_str(),
            c.lot.as_str(),
            DEFECTS[core.defect].0,
            DESCRIPTIONS[core.defect][core.desc],
            CHANNELS[core.channel].0,
            DEPARTMENTS[core.dept],
            OWNERS[core.dept][core.owner],
            closed.as_str(),
            c.status().sales_word(),
            replied.as_str(),
            qty.as_str(),
            claim.responsibility.unwrap_or(""),
        ];
        for (k, f) in fields.iter().enumerate() {
            if k > 0 {
                text.push(',');
            }
            push_csv_field(&mut text, f);
        }
        text.push_str("\r\n");
        tally.record(c, customer, &pop.catalogue.parts[product].name, Some(d));
    }
    let (bytes, _, had_errors) = encoding_rs::EUC_KR.encode(&text);
    if had_errors {
        bail!("the sales export holds characters CP949 cannot encode");
    }
    std::fs::write(path, &bytes).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}
