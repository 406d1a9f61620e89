//! Amounts on a chart: the scale (units, thousands, millions) and the
//! axis description naming the currency.

use super::Data;
use crate::report::labels::L;

/// How amounts are shown on a chart: divided into thousands or millions
/// so that axis labels and value tags stay short, the unit named in the
/// axis description.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct MoneyScale {
    pub(super) divisor: f64,
}

impl MoneyScale {
    /// The scale for amounts up to `max` (absolute): millions from
    /// 1,000,000, thousands from 10,000, else units.
    pub(super) fn of(max: f64) -> MoneyScale {
        let divisor = if max >= 1e6 {
            1e6
        } else if max >= 1e4 {
            1e3
        } else {
            1.0
        };
        MoneyScale { divisor }
    }

    /// The y-axis description: `비용 (백만 KRW)` / `Cost (KRW millions)`.
    pub(super) fn axis(&self, d: &Data) -> String {
        let l = d.l;
        let currency = d.r.cost.get().and_then(|c| c.currency.as_deref());
        let unit = match self.divisor {
            x if x >= 1e6 => Some(l.get(L::ChartMillions)),
            x if x >= 1e3 => Some(l.get(L::ChartThousands)),
            _ => None,
        };
        let what = match (unit, currency) {
            // `백만원`: a Korean unit word is written onto the scale's word
            (Some(u), Some(c)) if l.korean && c.chars().all(|ch| ('가'..='힣').contains(&ch)) => format!("{u}{c}"),
            (Some(u), Some(c)) => l.fmt(L::ChartMoneyUnit, &[&u, &c]),
            // never a scale without its money: say the currency is not set
            (Some(u), None) => l.fmt(L::ChartMoneyNoCurrency, &[&u]),
            (None, Some(c)) => c.to_string(),
            (None, None) => return l.get(L::Cost).to_string(),
        };
        l.fmt(L::ChartCostAxis, &[&what])
    }

    /// A value tag: `7.4`, `12`, `0.05` (in the scale's unit).
    pub(super) fn tag(&self, x: f64) -> String {
        let v = x / self.divisor;
        if self.divisor == 1.0 || v.abs() >= 100.0 {
            crate::report::labels::thousands(v)
        } else {
            // 7.4, 12, 0.05, 0.4, 0 (a no-charge month)
            let t = if v.abs() >= 1.0 { format!("{v:.1}") } else { format!("{v:.2}") };
            if (v * 100.0).round() == 0.0 {
                return "0".to_string();
            }
            t.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    }
}
