//! The label catalogue's own tests: every label in both languages with the
//! same values, amounts with thousands separators, English plurals and
//! Korean in 개조식.

use super::*;
use crate::ingest::fields::Field;

#[test]
fn every_label_has_both_texts_with_the_same_values() {
    for l in L::ALL {
        let (ko, en) = l.texts();
        assert!(!ko.is_empty() && !en.is_empty(), "{l:?}");
        for i in 0..6 {
            let slot = format!("{{{i}}}");
            assert_eq!(ko.contains(&slot), en.contains(&slot), "{l:?} {slot}");
        }
    }
    let l = Labels { korean: true, months: 12 };
    assert_eq!(l.fmt(L::ChartOnTime, &[&"10일"]), "기한 내 처리율 (목표 10일 이내)");
    assert_eq!(l.get(L::OnTimeRate), "기한 내 처리율");
    assert_eq!(l.field(Field::DefectType), "불량유형");
    // a value holding a slot is not filled in again
    let en = Labels { korean: false, months: 12 };
    assert_eq!(
        en.fmt(L::FindingFlaggedAbove, &[&"{1}", &3, &"4.0", &""]),
        "{1}: 3 complaints, above the control limit of 4.0."
    );
    // English plurals follow the number; `{w}` is the trend window
    assert_eq!(en.fmt(L::ChartMoreTypes, &[&1]), "1 more type");
    assert_eq!(en.fmt(L::ChartMoreTypes, &[&3]), "3 more types");
    assert_eq!(Labels { months: 6, ..l }.fmt(L::TrendWindow, &[]), "최근 6개월");
}

#[test]
fn korean_labels_are_terse() {
    // the catalogue: every Korean text in 개조식, no `;`
    let bad: Vec<String> =
        L::ALL.iter().filter_map(|l| Some(format!("{l:?}: {} ({})", l.texts().0, not_terse(l.texts().0)?))).collect();
    assert!(bad.is_empty(), "{bad:#?}");
    // the check itself, hand-picked
    assert_eq!(not_terse("처리 기한을 넘긴 미결이 25건입니다."), Some("건입니다".into()));
    assert_eq!(not_terse("목표 90%에 못 미칩니다"), Some("미칩니다".into()));
    assert_eq!(not_terse("관리상한을 넘었다."), Some("넘었다".into()));
    assert_eq!(not_terse("준수율 80%; 누적 3건"), Some(";".into()));
    assert_eq!(not_terse("인코딩 CP949, 구분자 세미콜론(;)"), None);
    assert_eq!(not_terse("처리 기한 초과 미결 25건. 반복보다 많을 수 있음."), None);
}

#[test]
fn amounts_have_thousands_separators() {
    assert_eq!(thousands(0.0), "0");
    assert_eq!(thousands(999.0), "999");
    assert_eq!(thousands(1000.0), "1,000");
    assert_eq!(thousands(12_340_000.0), "12,340,000");
    assert_eq!(thousands(-50_000.0), "-50,000");
    assert_eq!(thousands(1200.5), "1,201");
    assert_eq!(thousands(-0.4), "0");
    let l = Labels { korean: true, months: 12 };
    assert_eq!(l.amount(1_500_000.0, Some("KRW")), "1,500,000 KRW");
    assert_eq!(l.amount(1_500_000.0, None), "1,500,000");
}
