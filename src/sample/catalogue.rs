//! The plant the legacy sample comes from: over 200 part numbers in 22
//! product families, each sold to one OEM program (a few also to a smaller
//! customer), with Zipf-like monthly volumes. Complaints follow the volumes,
//! so most part numbers see a complaint now and then and a few see many.
//!
//! The catalogue is the same for every seed (a plant does not change its
//! parts when the complaints are drawn again); `units` is each part's
//! monthly shipment volume, the natural basis of a shipments file.

use super::rng::Rng;
use super::vocabulary::CUSTOMERS;

/// (family name, part-code prefix, first code number, plant, variants,
/// relative volume of the family). Variants are numbered in steps of 10
/// from the first code: `도어트림 DT-100`, `도어트림 DT-110`, …
const FAMILIES: [(&str, &str, u32, usize, u32, u32); 22] = [
    ("도어트림", "DT", 100, 0, 16, 14),
    ("콘솔박스", "CB", 200, 1, 12, 12),
    ("글로브박스", "GB", 300, 0, 9, 9),
    ("크래쉬패드", "CP", 400, 1, 12, 10),
    ("필러트림", "PT", 150, 0, 14, 8),
    ("범퍼커버", "BC", 500, 1, 14, 9),
    ("라디에이터그릴", "RG", 550, 1, 9, 6),
    ("에어벤트", "AV", 120, 0, 12, 7),
    ("컵홀더", "CH", 220, 0, 8, 6),
    ("시트백커버", "SB", 330, 1, 9, 5),
    ("스커프플레이트", "SP", 160, 0, 11, 4),
    ("휠하우스커버", "WC", 600, 1, 9, 4),
    ("헤드라이닝", "HL", 700, 0, 9, 5),
    ("트렁크트림", "TT", 710, 0, 9, 4),
    ("암레스트", "AR", 230, 0, 8, 3),
    ("사이드스커트", "SS", 520, 1, 9, 3),
    ("카울커버", "CC", 650, 1, 8, 3),
    ("도어핸들", "DH", 110, 0, 11, 4),
    ("머드가드", "MG", 610, 1, 6, 2),
    ("리어스포일러", "RS", 530, 1, 6, 2),
    ("엔진커버", "EC", 800, 1, 6, 2),
    ("선바이저", "SV", 740, 0, 6, 2),
];

/// Share of the part numbers each customer (index into `CUSTOMERS`) runs
/// as its own program: five OEMs take nearly all of them.
const PROGRAM_WEIGHTS: [u32; 15] = [30, 12, 22, 16, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0];
/// Customers that also buy some part numbers (service parts, a second
/// assembler): the tail of the customer list.
const TAIL_CUSTOMERS: [usize; 10] = [4, 5, 6, 7, 8, 10, 11, 12, 13, 14];
/// Share of the part numbers that a tail customer also buys.
const SECOND_BUYER_SHARE: f64 = 0.3;
/// Exponent and rank offset of the part volumes (Zipf–Mandelbrot,
/// units ∝ 1 / (rank + offset)^s): the biggest part ships 2.5 % of the
/// units, 12 times the smallest.
const ZIPF_S: f64 = 0.7;
const ZIPF_OFFSET: f64 = 6.0;

pub(super) struct Part {
    /// `family code`, e.g. `도어트림 DT-100`.
    pub(super) name: String,
    pub(super) plant: usize,
    /// Units shipped in a month.
    pub(super) units: u32,
    /// The OEM whose program the part belongs to.
    pub(super) owner: usize,
    /// A smaller customer that also buys it.
    pub(super) second: Option<usize>,
}

pub(super) struct Catalogue {
    pub(super) parts: Vec<Part>,
    /// Part indices each customer buys, in catalogue order.
    by_customer: Vec<Vec<usize>>,
}

impl Catalogue {
    pub(super) fn new() -> Catalogue {
        let mut rng = Rng::new(0x4341_5441_4C4F_4755); // "CATALOGU"
        let mut parts = Vec::new();
        let mut volume = Vec::new();
        for &(family, prefix, first, plant, variants, weight) in &FAMILIES {
            for k in 0..variants {
                parts.push(Part {
                    name: format!("{family} {prefix}-{}", first + 10 * k),
                    plant,
                    units: 0,
                    owner: rng.weighted(&PROGRAM_WEIGHTS, |&w| w),
                    second: rng.chance(SECOND_BUYER_SHARE).then(|| TAIL_CUSTOMERS[rng.below(TAIL_CUSTOMERS.len())]),
                });
                // A family's first variant is its main one; the others fade.
                let jitter = 0.7 + 0.6 * rng.f64();
                volume.push(f64::from(weight) * 0.8f64.powi(k as i32) * jitter);
            }
        }
        let mut rank: Vec<usize> = (0..parts.len()).collect();
        rank.sort_by(|&a, &b| volume[b].total_cmp(&volume[a]).then(a.cmp(&b)));
        for (r, &i) in rank.iter().enumerate() {
            parts[i].units = (60_000.0 / (r as f64 + ZIPF_OFFSET).powf(ZIPF_S)).round() as u32;
        }
        let mut by_customer = vec![Vec::new(); CUSTOMERS.len()];
        for (i, p) in parts.iter().enumerate() {
            by_customer[p.owner].push(i);
            if let Some(s) = p.second {
                by_customer[s].push(i);
            }
        }
        Catalogue { parts, by_customer }
    }

    /// The index of a part by its name.
    pub(super) fn find(&self, name: &str) -> Option<usize> {
        self.parts.iter().position(|p| p.name == name)
    }

    /// A part drawn by its shipped volume.
    pub(super) fn pick_part(&self, rng: &mut Rng) -> usize {
        rng.weighted(&self.parts, |p| p.units)
    }

    /// The customer of a complaint about `part`: mostly the OEM whose
    /// program it is.
    pub(super) fn pick_customer(&self, rng: &mut Rng, part: usize) -> usize {
        let p = &self.parts[part];
        match p.second {
            Some(s) if rng.chance(0.2) => s,
            _ => p.owner,
        }
    }

    pub(super) fn buys(&self, customer: usize, part: usize) -> bool {
        self.by_customer[customer].contains(&part)
    }

    /// A part `customer` buys, drawn by volume (None: it buys none).
    pub(super) fn pick_part_of(&self, rng: &mut Rng, customer: usize) -> Option<usize> {
        let list = &self.by_customer[customer];
        (!list.is_empty()).then(|| list[rng.weighted(list, |&i| self.parts[i].units)])
    }

    /// Customers other than `customer` that buy `part`, then the others.
    pub(super) fn other_customer(&self, customer: usize, part: usize) -> usize {
        let n = CUSTOMERS.len();
        (1..n).map(|k| (customer + k) % n).find(|&c| self.buys(c, part)).unwrap_or((customer + 1) % n)
    }

    /// Another part the same customer buys (the next one in its list).
    pub(super) fn other_part(&self, customer: usize, part: usize) -> usize {
        let list = &self.by_customer[customer];
        let at = list.iter().position(|&i| i == part).unwrap_or(0);
        list.iter()
            .cycle()
            .skip(at + 1)
            .take(list.len())
            .copied()
            .find(|&i| i != part)
            .unwrap_or((part + 1) % self.parts.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plant_of_many_parts_and_few_customers() {
        let cat = Catalogue::new();
        assert_eq!(cat.parts.len(), 213);
        let names: std::collections::BTreeSet<&str> = cat.parts.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names.len(), cat.parts.len(), "part names are distinct");
        for name in ["도어트림 DT-100", "콘솔박스 CB-200", "크래쉬패드 CP-400", "범퍼커버 BC-500"] {
            assert!(cat.find(name).is_some(), "{name}");
        }
        // Zipf-like: the biggest part ships over ten times the smallest, the
        // top tenth of the parts ship over a quarter, half of them 70 %.
        let mut units: Vec<u32> = cat.parts.iter().map(|p| p.units).collect();
        units.sort_unstable_by(|a, b| b.cmp(a));
        let total: u32 = units.iter().sum();
        assert!(units[0] > 10 * units[units.len() - 1], "{units:?}");
        assert!(units[..21].iter().sum::<u32>() * 4 > total);
        assert!(units[..106].iter().sum::<u32>() * 10 > total * 7);
        // Five OEMs own every program; a tail of smaller customers buys some.
        let owners: std::collections::BTreeSet<usize> = cat.parts.iter().map(|p| p.owner).collect();
        assert_eq!(owners.len(), 5);
        assert!(cat.parts.iter().filter(|p| p.second.is_some()).count() > 20);
    }
}
