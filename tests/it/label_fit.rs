//! The chart label rules (src/report/label_fit.rs) on hand-computed
//! examples: real category names shortened at word boundaries, and the
//! value labels of 24 months of 3-digit counts thinned.

use complaints::report::label_fit::{
    count_axis, label_rotation, label_stride, labels_under_line, pareto_count_axis, shorten_words, thin_labels,
    word_prefixes,
};
use unicode_width::UnicodeWidthStr;

#[test]
fn a_long_korean_name_is_cut_between_words() {
    let name = "포장 파손 및 내용물 누락 (운송 중 발생)";
    // 포장 4 + 1 + 파손 4 + 1 + 및 2 + 1 + 내용물 6 = 19 columns, 20 with `…`:
    // too wide for 16; `포장 파손 및…` ends on a connector, so `포장 파손…` (10)
    assert_eq!(shorten_words(name, 16), "포장 파손…");
    assert_eq!(shorten_words(name, 20), "포장 파손 및 내용물…");
    assert_eq!(shorten_words(name, 40), name);
    // a name of one word has no boundary: cut inside it, the only such case
    assert_eq!(shorten_words("포장파손및내용물누락", 10), "포장파손…");
}

#[test]
fn a_long_english_name_is_cut_between_words() {
    // TDI: "Property and Casualty" — not `Property and Ca…` nor `Property and…`
    assert_eq!(shorten_words("Property and Casualty", 16), "Property…");
    // CFPB: "Managing an account" in 12 columns
    assert_eq!(shorten_words("Managing an account", 12), "Managing…");
    assert_eq!(shorten_words("Problem with a purchase shown on your statement", 24), "Problem with a purchase…");
    assert_eq!(shorten_words("Problem with a purchase shown on your statement", 16), "Problem…");
    // a first word longer than the place is shown whole, never cut
    assert_eq!(shorten_words("Miscellaneous problems", 8), "Miscellaneous…");
    assert_eq!(word_prefixes("Credit card or prepaid card"), ["Credit card or prepaid…", "Credit card…", "Credit…"]);
    for name in
        ["Property and Casualty", "포장 파손 및 내용물 누락 (운송 중 발생)", "Other features, terms, or problems"]
    {
        for w in 6..40 {
            let short = shorten_words(name, w);
            let words: Vec<&str> = name.split_whitespace().collect();
            // every shortened label is whole words of the name and `…`
            if short != name {
                let body = short.trim_end_matches('…');
                assert!(short.ends_with('…'), "{short}");
                assert!(body.split_whitespace().all(|x| words.iter().any(|w| w.starts_with(x))), "{short}");
                assert!(short.width() <= w || body.split_whitespace().count() == 1, "{short} in {w}");
            }
        }
    }
    assert_eq!(shorten_words("Other features, terms, or problems", 20), "Other features…");
}

#[test]
fn twenty_four_months_of_three_digit_counts_are_thinned() {
    // a 3-digit label at 10 pt: 3 × 7.4 px + 6 px padding ≈ 28 px; a plot of
    // 480 px holds 24 months 20 px apart: every 2nd label (28 / 20 → 2)
    assert_eq!(label_stride(28.0, 20.0), 2);
    assert_eq!(label_stride(28.0, 40.0), 1);
    assert_eq!(label_stride(28.0, 9.0), 4);
    let counts: Vec<f64> = [
        137, 158, 152, 141, 160, 149, 133, 171, 155, 162, 148, 139, 144, 151, 209, 163, 161, 120, 133, 147, 113, 141,
        164, 128,
    ]
    .iter()
    .map(|c| f64::from(*c))
    .collect();
    let kept = thin_labels(&counts, 28.0, 20.0);
    let shown: Vec<usize> = (0..24).filter(|i| kept[*i]).collect();
    // the last (23), the largest (209 at 14, clear of the others), every 2nd
    // back from the last; 13 and 15 stand next to 14 and are left out
    assert_eq!(shown, [1, 3, 5, 7, 9, 11, 14, 17, 19, 21, 23]);
    // no two kept labels closer than the stride
    assert!(shown.windows(2).all(|w| w[1] - w[0] >= 2));
    // room for all: all
    assert!(thin_labels(&counts, 28.0, 30.0).iter().all(|k| *k));
    // very narrow: the last and the largest, then every 4th
    let narrow: Vec<usize> = (0..24).filter(|i| thin_labels(&counts, 28.0, 9.0)[*i]).collect();
    assert_eq!(narrow, [3, 7, 14, 19, 23]);
    assert!(thin_labels(&[], 28.0, 9.0).is_empty());
}

#[test]
fn category_labels_turn_when_they_do_not_fit_side_by_side() {
    // 12 columns at 7 px = 84 px (its longest word 63 px), lines 14 px high
    // the Pareto sheet: 10 bars in a 520 px plot, 52 px apart: slanted
    assert_eq!(label_rotation(84.0, 63.0, 52.0, 14.0), -45);
    // a Summary chart: 10 bars in a 180 px plot, 18 px apart: upright
    // (slanted, they would stand 12.7 px apart across, under a line)
    assert_eq!(label_rotation(84.0, 63.0, 18.0, 14.0), -90);
    // 3 bars 170 px apart: level
    assert_eq!(label_rotation(84.0, 63.0, 170.0, 14.0), 0);
    // TDI on the Summary: 2 bars 115 px apart, `Property and Casualty`
    // 147 px, its longest word 70 px: level on two lines
    assert_eq!(label_rotation(147.0, 70.0, 115.0, 14.0), 0);
}

#[test]
fn pareto_bars_stay_under_the_cumulative_line() {
    // the sample's month: 31 at most → 31 / 0.45 = 68.9, steps of 20, top 80 (bars ≤ 39 %)
    assert_eq!(pareto_count_axis(31.0), (80.0, 20.0));
    // CFPB: the `Other` bar of 265 → 588.9, steps of 200, top 600 (44 %)
    assert_eq!(pareto_count_axis(265.0), (600.0, 200.0));
    assert_eq!(pareto_count_axis(1.0), (3.0, 1.0));
    assert_eq!(pareto_count_axis(0.0), (5.0, 1.0));
    for max in [1.0, 7.0, 18.0, 28.0, 99.0, 186.0, 1743.0] {
        let (top, _) = pareto_count_axis(max);
        assert!(max / top <= 0.45 + 1e-9, "{max} on {top}");
    }
}

#[test]
fn a_count_label_the_rolling_line_runs_through_is_found() {
    // the sample's trend: 90 at most on a plot where it may take 85 %:
    // 90 / 0.85 = 105.9 in five steps of ≥ 21.2 → 25, top 125
    assert_eq!(count_axis(90.0, 0.85), (125.0, 25.0));
    // steps of 2.5 only where whole: 9 / 0.85 / 5 = 2.1 → 5 (not 2.5)
    assert_eq!(count_axis(9.0, 0.85), (15.0, 5.0));
    // three bars, the line from the second month: its value at the label's
    // centre and a third of a slot to either side (toward the next month)
    let bars = [72.0, 76.0, 68.0];
    let line = [None, Some(73.0), Some(72.0)];
    // 76: the line (73, 72.7 to the right) runs under the label's 76..86;
    // 68: the line at 72 and 72.3 runs through its 68..78
    assert_eq!(labels_under_line(&bars, &line, 10.0, 0.3), [false, false, true]);
    // a label only 3 high clears 72 at 68..71
    assert_eq!(labels_under_line(&bars, &line, 3.0, 0.3), [false, false, false]);
}
