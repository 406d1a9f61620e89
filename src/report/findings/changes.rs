//! What the changes and the history say in words: the headline's lines and
//! the findings' sentences.

use super::{Finding, Tone};
use crate::metrics::history::carried::{CapaNow, ComplaintNow, KeyNow, NotifyNow};
use crate::metrics::history::Changes;
use crate::metrics::months::Month;
use crate::report::labels::{Labels, L};

/// Received counts told one by one; more restated months are counted.
const TOLD_MONTHS: usize = 3;

/// The changes counted for a sentence.
#[derive(Debug, Default, PartialEq)]
pub struct Counts {
    /// Months whose received count changed: (month, then, now).
    pub received: Vec<(Month, u64, u64)>,
    /// Months where only closed, on-time rate or overdue changed.
    pub other_months: usize,
    pub late: usize,
    pub added: usize,
    pub removed: usize,
    pub edited_complaints: usize,
    pub edited_fields: usize,
    /// The to-do lists: (items then, done now) — overdue closed, replies
    /// sent, CAPAs completed, recurring problems with a CAPA now.
    pub overdue: (usize, usize),
    pub notify: (usize, usize),
    pub capa: (usize, usize),
    pub keys: (usize, usize),
}

impl Counts {
    pub fn of(c: &Changes) -> Counts {
        let mut complaints: Vec<&str> = c.edited.iter().map(|e| e.complaint_id.as_str()).collect();
        complaints.dedup();
        let t = &c.carried;
        let count = |n: usize, done: usize| (n, done);
        Counts {
            received: c.restated.iter().filter_map(|r| r.received.map(|x| (r.month, x.then, x.now))).collect(),
            other_months: c.restated.iter().filter(|r| r.received.is_none()).count(),
            late: c.added.iter().filter(|a| a.late_entry == Some(true)).count(),
            added: c.added.len(),
            removed: c.removed.len(),
            edited_complaints: complaints.len(),
            edited_fields: c.edited.len(),
            overdue: count(
                t.overdue.len(),
                t.overdue.iter().filter(|x| matches!(x.now, ComplaintNow::Closed { .. })).count(),
            ),
            notify: t.notify_overdue.as_ref().map_or((0, 0), |l| {
                count(l.len(), l.iter().filter(|x| matches!(x.now, NotifyNow::Notified { .. })).count())
            }),
            capa: t.capa_open.as_ref().map_or((0, 0), |l| {
                let done = l.iter().filter(|x| matches!(x.now, CapaNow::Closed { .. } | CapaNow::Verified { .. }));
                count(l.len(), done.count())
            }),
            keys: t
                .recurring_without_capa
                .as_ref()
                .map_or((0, 0), |l| count(l.len(), l.iter().filter(|x| matches!(x.now, KeyNow::Capa { .. })).count())),
        }
    }

    /// Anything restated, added late, removed or edited (the new month's
    /// complaints are not a change).
    pub fn any(&self) -> bool {
        !self.received.is_empty() || self.other_months > 0 || self.late + self.removed + self.edited_fields > 0
    }
}

/// The findings about the last report: what changed since, then its to-do
/// list now.
pub fn findings(c: &Changes, l: &Labels) -> Vec<Finding> {
    let n = Counts::of(c);
    let mut out = Vec::new();
    if n.any() {
        let mut parts: Vec<String> = n
            .received
            .iter()
            .take(TOLD_MONTHS)
            .map(|(m, then, now)| l.fmt(L::ChangesReceived, &[m, then, now]))
            .collect();
        if n.received.len() > TOLD_MONTHS {
            parts.push(l.fmt(L::ChangesMoreMonths, &[&(n.received.len() - TOLD_MONTHS)]));
        }
        if n.other_months > 0 {
            parts.push(l.fmt(L::ChangesOtherMonths, &[&n.other_months]));
        }
        if n.late > 0 {
            parts.push(l.fmt(L::ChangesLate, &[&n.late]));
        }
        if n.removed > 0 {
            parts.push(l.fmt(L::ChangesRemoved, &[&n.removed]));
        }
        if n.edited_fields > 0 {
            parts.push(l.fmt(L::ChangesEdited, &[&n.edited_complaints, &n.edited_fields]));
        }
        out.push(Finding {
            tone: Tone::Info,
            text: l.fmt(L::FindingChanges, &[&c.base.period, &c.base.as_of, &parts.join(", ")]),
        });
    }
    let mut parts = Vec::new();
    for ((total, done), label) in [
        (n.overdue, L::CarriedOverduePart),
        (n.notify, L::CarriedNotifyPart),
        (n.capa, L::CarriedCapaPart),
        (n.keys, L::CarriedKeysPart),
    ] {
        if total > 0 {
            parts.push(l.fmt(label, &[&total, &done]));
        }
    }
    if !parts.is_empty() {
        let open = [n.overdue, n.notify, n.capa, n.keys].iter().any(|(total, done)| done < total);
        out.push(Finding {
            tone: if open { Tone::Alert } else { Tone::Info },
            text: l.fmt(L::FindingCarried, &[&c.base.period, &parts.join(", ")]),
        });
    }
    out
}

/// The headline's lines about the changes.
pub fn headline(c: &Changes) -> String {
    let n = Counts::of(c);
    let mut what: Vec<String> =
        n.received.iter().take(TOLD_MONTHS).map(|(m, then, now)| format!("{m} received {then} → {now}")).collect();
    if n.received.len() > TOLD_MONTHS {
        what.push(format!("received restated in {} more", plural(n.received.len() - TOLD_MONTHS, "month")));
    }
    if n.other_months > 0 {
        what.push(format!("handling figures restated in {}", plural(n.other_months, "month")));
    }
    let mut rows = Vec::new();
    if n.added > 0 {
        rows.push(format!("{} added ({})", n.added, plural(n.late, "late entry")));
    }
    if n.removed > 0 {
        rows.push(format!("{} removed", n.removed));
    }
    if n.edited_fields > 0 {
        rows.push(format!(
            "{} edited in {}",
            plural(n.edited_fields, "field"),
            plural(n.edited_complaints, "complaint")
        ));
    }
    what.push(if rows.is_empty() { "no complaint added, removed or edited".to_string() } else { rows.join(", ") });
    let mut s = format!("  Changes     since {} (as of {}): {}\n", c.base.period, c.base.as_of, what.join("; "));
    let mut todo = Vec::new();
    for ((total, done), words) in [
        (n.overdue, "overdue complaints closed"),
        (n.notify, "overdue replies sent"),
        (n.capa, "open CAPAs completed"),
        (n.keys, "recurring problems got a CAPA"),
    ] {
        if total > 0 {
            todo.push(format!("{done} of {total} {words}"));
        }
    }
    if !todo.is_empty() {
        s.push_str(&format!("  To-do       of the {} report: {}\n", c.base.period, todo.join("; ")));
    }
    if !c.base.params_changed.is_empty() {
        s.push_str(&format!(
            "  Note        the {} report used other settings ({}): some changes come from them\n",
            c.base.period,
            c.base.params_changed.join(", ")
        ));
    }
    s
}

/// `1 month`, `2 months`, `3 entries`.
fn plural(n: usize, word: &str) -> String {
    match (n, word.strip_suffix('y')) {
        (1, _) => format!("1 {word}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {word}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_korean_is_terse() {
        // 개조식: noun endings, no 합쇼체, no semicolons
        let labels = [
            L::FindingChanges,
            L::ChangesReceived,
            L::ChangesMoreMonths,
            L::ChangesOtherMonths,
            L::ChangesLate,
            L::ChangesRemoved,
            L::ChangesEdited,
            L::FindingCarried,
            L::CarriedOverduePart,
            L::CarriedNotifyPart,
            L::CarriedCapaPart,
            L::CarriedKeysPart,
            L::ChangesSubtitle,
            L::ChangesParams,
            L::NowWithoutCapa,
            L::NowInactive,
            L::ChangesCapped,
        ];
        for label in labels {
            let (ko, en) = label.texts();
            assert!(!ko.contains("니다") && !ko.contains(';'), "{label:?}: {ko}");
            assert!(!en.contains(';'), "{label:?}: {en}");
        }
    }

    #[test]
    fn counts_read_in_words() {
        assert_eq!(
            (plural(1, "month"), plural(2, "month"), plural(3, "late entry")),
            ("1 month".into(), "2 months".into(), "3 late entries".into())
        );
    }
}
