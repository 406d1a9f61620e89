//! The figures of a recorded report, read back from its summary.json as
//! far as the changes need them: the trend window, the params and the
//! review's to-do lists (overdue, notification overdue, CAPAs, recurring
//! problems without CAPA). Keys added to summary.json later are ignored.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A recorded summary.json.
#[derive(Debug, Clone, Deserialize)]
pub struct Figures {
    pub period: String,
    pub as_of: NaiveDate,
    #[serde(default)]
    pub params: serde_json::Map<String, serde_json::Value>,
    pub trend: Vec<MonthThen>,
    #[serde(default)]
    pub overdue: Vec<OverdueThen>,
    #[serde(default)]
    pub notification: Option<Recorded<NotificationThen>>,
    #[serde(default)]
    pub capa: Option<Recorded<CapaThen>>,
}

/// A section of summary.json that exists only when its column does.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Recorded<T> {
    Ok(T),
    NotRecorded,
}

impl<T> Recorded<T> {
    pub fn get(&self) -> Option<&T> {
        match self {
            Recorded::Ok(t) => Some(t),
            Recorded::NotRecorded => None,
        }
    }
}

/// One month of the recorded trend window: the figures `restated` compares.
#[derive(Debug, Clone, Deserialize)]
pub struct MonthThen {
    pub month: String,
    pub received: u64,
    #[serde(default)]
    pub closed: Option<u64>,
    #[serde(default)]
    pub on_time_rate: Option<f64>,
    #[serde(default)]
    pub overdue: Option<u64>,
}

/// An item of the recorded overdue list.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct OverdueThen {
    pub complaint_id: String,
    pub received_date: NaiveDate,
    pub customer: Option<String>,
    pub product: Option<String>,
    pub defect_type: Option<String>,
    pub department: Option<String>,
    pub owner: Option<String>,
    /// Its age as of the recorded as-of date.
    pub age_days: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct NotificationThen {
    pub overdue: Vec<NotifyThen>,
}

/// An item of the recorded notification-overdue list.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct NotifyThen {
    pub complaint_id: String,
    pub received_date: NaiveDate,
    pub deadline: NaiveDate,
    pub customer: Option<String>,
    pub owner: Option<String>,
    pub days_past_deadline: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CapaThen {
    pub list: Vec<CapaItemThen>,
    pub recurring_without_capa: Vec<KeyThen>,
}

/// A recorded CAPA.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct CapaItemThen {
    pub capa_id: String,
    pub opened: NaiveDate,
    pub due: Option<NaiveDate>,
    /// `open`, `closed` or `verified` as of the recorded as-of date.
    pub status: String,
    pub overdue: bool,
}

/// A recorded recurring problem without CAPA.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct KeyThen {
    pub key: Vec<String>,
    pub count: u64,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// Reads a recorded summary.json; the reason when it is not one.
pub fn parse(bytes: &[u8]) -> Result<Figures, String> {
    serde_json::from_slice(bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_needs_and_ignores_the_rest() {
        let json = br#"{"period": "2025-09", "as_of": "2025-09-30", "params": {"target_days": 10},
            "month": {"received": 3}, "trend": [{"month": "2025-09", "received": 3, "closed": 1,
            "on_time_rate": 0.5, "overdue": 1, "ttr_median": 4.0}],
            "overdue": [], "notification": {"status": "not_recorded"},
            "capa": {"status": "ok", "open": 1, "list": [{"capa_id": "CAPA-1", "opened": "2025-09-02",
            "due": null, "closed": null, "verified": null, "status": "open", "overdue": false,
            "complaints": 2, "keys": [], "ineffective_by": null}], "recurring_without_capa": []}}"#;
        let f = parse(json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((f.period.as_str(), f.trend[0].received, f.trend[0].on_time_rate), ("2025-09", 3, Some(0.5)));
        assert!(f.notification.as_ref().and_then(Recorded::get).is_none());
        assert_eq!(f.capa.as_ref().and_then(Recorded::get).map(|c| c.list[0].capa_id.as_str()), Some("CAPA-1"));
        assert!(parse(b"{\"period\": 1}").is_err());
    }
}
