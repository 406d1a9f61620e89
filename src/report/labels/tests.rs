//! The label catalogue's own tests: every label in both languages with the
//! same values, and amounts with thousands separators.

use super::*;

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
    let l = Labels { korean: true };
    assert_eq!(l.fmt(L::ChartOnTime, &[&"10일"]), "기한 내 처리율 (목표 10일 이내)");
    assert_eq!(l.get(L::OnTimeRate), "기한 내 처리율");
    assert_eq!(l.field(Field::DefectType), "불량유형");
    // a value holding a slot is not filled in again
    let en = Labels { korean: false };
    assert_eq!(
        en.fmt(L::FindingFlaggedAbove, &[&"{1}", &3, &"4.0", &""]),
        "{1}: 3 complaints, above the control limit of 4.0."
    );
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
    let l = Labels { korean: true };
    assert_eq!(l.amount(1_500_000.0, Some("KRW")), "1,500,000 KRW");
    assert_eq!(l.amount(1_500_000.0, None), "1,500,000");
}
