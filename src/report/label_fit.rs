//! Chart label rules, one for the chart images (plotters) and the
//! workbook's native charts alike: a category name too long for its place
//! is shortened at a word boundary and ends with `…` (the full name stays in
//! the table beside the chart); value labels that would collide are thinned
//! to every k-th, keeping the last and the largest.

use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// Words that do not end a shortened name (`Property and…` says no more
/// than `Property…`).
const CONNECTORS: &[&str] = &[
    "and", "or", "&", "of", "the", "a", "an", "with", "for", "to", "in", "on", "by", "at", "from", "및", "또는", "중",
    "-", "–", "—", "/", "·", ",", "(", "+",
];

/// The shortened forms of `name`, longest first: its first words (all but
/// the last, then one fewer …), without trailing connectors or punctuation,
/// each ended with `…`. A name of one word has none.
pub fn word_prefixes(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut out: Vec<String> = Vec::new();
    for keep in (1..words.len()).rev() {
        let mut kept = &words[..keep];
        while let Some((last, rest)) = kept.split_last() {
            let bare = last.trim_end_matches([',', ';', ':', '(', '/', '·', '-']);
            // and no bracket left open: `누락 (운송…` reads as `누락…`
            let open = last.starts_with('(') && !last.contains(')');
            if open || bare.is_empty() || CONNECTORS.contains(&bare.to_lowercase().as_str()) {
                kept = rest;
                continue;
            }
            break;
        }
        if kept.is_empty() {
            continue;
        }
        let (last, rest) = kept.split_last().unwrap_or((&"", &[]));
        let last = last.trim_end_matches([',', ';', ':', '(', '/', '·', '-']);
        let text = rest.iter().copied().chain([last]).collect::<Vec<_>>().join(" ") + "…";
        if out.last() != Some(&text) {
            out.push(text);
        }
    }
    out
}

/// `name` shortened, where `fits` says whether a text fits its place: the
/// name itself, else its longest [`word_prefixes`] that fits, else its first
/// word with `…` (wider than the place: the layout shows it whole rather
/// than cut). Only a name of one word — no boundary to cut at — is cut
/// inside it, as short as it must be.
pub fn shorten_with<E>(name: &str, mut fits: impl FnMut(&str) -> Result<bool, E>) -> Result<String, E> {
    let name = name.trim();
    if fits(name)? {
        return Ok(name.to_string());
    }
    let prefixes = word_prefixes(name);
    for p in &prefixes {
        if fits(p)? {
            return Ok(p.clone());
        }
    }
    if let Some(first) = prefixes.last() {
        return Ok(first.clone());
    }
    cut_with(name, fits)
}

/// `text` cut inside it and ended with `…`, as little as `fits` allows
/// (trailing spaces before the mark dropped); its first character and `…`
/// when nothing shorter fits. For titles and lines of any text; a category
/// name is shortened at its words by [`shorten_with`].
pub fn cut_with<E>(text: &str, mut fits: impl FnMut(&str) -> Result<bool, E>) -> Result<String, E> {
    let chars: Vec<char> = text.chars().collect();
    for keep in (1..chars.len()).rev() {
        let candidate = chars[..keep].iter().collect::<String>().trim_end().to_string() + "…";
        if fits(&candidate)? {
            return Ok(candidate);
        }
    }
    Ok(chars.first().map(|c| format!("{c}…")).unwrap_or_default())
}

/// `name` in at most `width` display columns (Hangul counts two) by
/// [`shorten_with`]: cut at a word boundary, never inside a word of a name
/// of several words.
pub fn shorten_words(name: &str, width: usize) -> Cow<'_, str> {
    if name.width() <= width {
        return Cow::Borrowed(name);
    }
    let fits = |s: &str| Ok::<bool, std::convert::Infallible>(s.width() <= width);
    match shorten_with(name, fits) {
        Ok(s) => Cow::Owned(s),
        Err(never) => match never {},
    }
}

/// How many slots apart value labels must stand so that a label `label`
/// wide (with its padding) does not touch its neighbour when slots are
/// `spacing` apart: 1 when every label fits.
pub fn label_stride(label: f64, spacing: f64) -> usize {
    if spacing.is_nan() || spacing <= 0.0 || !label.is_finite() {
        return 1;
    }
    ((label / spacing).ceil() as usize).max(1)
}

/// Which of `values` get a value label when each label is `label` wide
/// (the widest of them, with padding) and they stand `spacing` apart: all
/// when they fit; else the last, then the largest, then every
/// [`label_stride`]-th counted back from the last, each only where it keeps
/// clear of those already kept (no `137158152…` runs).
pub fn thin_labels(values: &[f64], label: f64, spacing: f64) -> Vec<bool> {
    let n = values.len();
    let k = label_stride(label, spacing);
    if k == 1 {
        return vec![true; n];
    }
    let mut kept = vec![false; n];
    let Some(last) = n.checked_sub(1) else {
        return kept;
    };
    let largest =
        (0..n).filter(|i| values[*i].is_finite()).max_by(|a, b| values[*a].total_cmp(&values[*b]).then(b.cmp(a)));
    let every_k = (0..=last / k).map(|j| last - j * k);
    let mut chosen: Vec<usize> = Vec::new();
    for i in [last].into_iter().chain(largest).chain(every_k) {
        if chosen.iter().all(|c| c.abs_diff(i) >= k) {
            chosen.push(i);
            kept[i] = true;
        }
    }
    kept
}

/// How category labels stand under slots `slot` apart when the widest is
/// `widest` wide, its longest word `word` wide, and a line of text `line`
/// high (same unit): level (0°) when they fit side by side, on one line or
/// wrapped at their spaces onto two; slanted (−45°) when slanted lines
/// clear each other (their distance across is `slot` × sin 45°); else
/// upright (−90°).
pub fn label_rotation(widest: f64, word: f64, slot: f64, line: f64) -> i16 {
    let pad = line * 0.5;
    if widest + pad <= slot || (word + pad <= slot && widest + 2.0 * pad <= 2.0 * slot) {
        0
    } else if slot * std::f64::consts::FRAC_1_SQRT_2 >= line * 1.1 {
        -45
    } else {
        -90
    }
}

/// The count axis of a Pareto whose cumulative line runs in the upper half
/// of the plot (its share axis from −100 % to 100 %, the negative half
/// unlabelled): `(top, step)` with the tallest bar `max` at most 45 % of
/// the height, so that the bars and their value labels stay under the
/// line, whatever the shares; steps of 1, 2 or 5 times a power of ten.
pub fn pareto_count_axis(max: f64) -> (f64, f64) {
    count_axis(max, 0.45)
}

/// A count axis `(top, step)` on which the tallest bar `max` takes at
/// most `share` of the height, in about five steps of 1, 2, 2.5 or 5 times
/// a power of ten (whole, never below 1).
pub fn count_axis(max: f64, share: f64) -> (f64, f64) {
    if !max.is_finite() || max <= 0.0 {
        return (5.0, 1.0);
    }
    let raw = max / share / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    // (2.5 only where a step stays whole: 25, 250 …)
    let steps: &[f64] = if mag >= 10.0 { &[1.0, 2.0, 2.5, 5.0, 10.0] } else { &[1.0, 2.0, 5.0, 10.0] };
    let step = steps.iter().map(|k| k * mag).find(|s| *s >= raw).unwrap_or(10.0 * mag).max(1.0);
    (((max / share) / step).ceil() * step, step)
}

/// The bars whose value label, standing on the bar, a line across the
/// bars would run through: per bar, whether the line's value at the
/// label's centre or at either edge falls within the label's height above
/// the bar. `line` holds the line's value per bar (`None` where it has
/// none); `label_h` is the label's height and `half_w` half its width in
/// slots (the distance between bars), both as the axis measures them.
pub fn labels_under_line(bars: &[f64], line: &[Option<f64>], label_h: f64, half_w: f64) -> Vec<bool> {
    let at = |i: usize| line.get(i).copied().flatten();
    (0..bars.len())
        .map(|i| {
            let Some(mid) = at(i) else { return false };
            // the line's value where the label's left and right edges are
            let toward = |j: Option<usize>| j.and_then(at).map_or(mid, |n| mid + (n - mid) * half_w.min(0.5));
            let (v, top) = (bars[i], bars[i] + label_h);
            [toward(i.checked_sub(1)), mid, toward(Some(i + 1))].iter().any(|y| (v..=top).contains(y))
        })
        .collect()
}
