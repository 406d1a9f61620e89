//! The canonical ledger fields and the header synonyms of docs/ledgers.md.

use super::cells::normalize_header;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use unicode_normalization::UnicodeNormalization;

/// A canonical field of the clean complaint table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    ComplaintId,
    ReceivedDate,
    Customer,
    Product,
    Lot,
    DefectType,
    Description,
    Channel,
    Severity,
    Site,
    Department,
    Owner,
    Cause,
    Action,
    NotifiedDate,
    /// The customer's requested reply date (회신요청일).
    ReplyDueDate,
    ClosedDate,
    Status,
    CapaId,
    CapaDueDate,
    CapaClosedDate,
    CapaVerifiedDate,
    Nonconforming,
    Cost,
    /// Defective parts the complaint is about (불량수량), for PPM (§12).
    DefectQty,
    /// Who is accountable for the defect (귀책: 자사 / 협력사 / 물류 …, §13).
    Responsibility,
    /// A running row number (`No.`, `번호`): read to recognise template
    /// rows, never an id (numbers restart on every sheet).
    RowNo,
}

/// How a field's cells are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Date,
    Number,
}

/// The date fields, in table order; a record keeps its dates in this order.
pub const DATE_FIELDS: [Field; 7] = [
    Field::ReceivedDate,
    Field::NotifiedDate,
    Field::ReplyDueDate,
    Field::ClosedDate,
    Field::CapaDueDate,
    Field::CapaClosedDate,
    Field::CapaVerifiedDate,
];

/// The number fields, in table order; a record keeps its numbers in this order.
pub const NUMBER_FIELDS: [Field; 2] = [Field::Cost, Field::DefectQty];

/// How many fields are text (every field but the dates and the numbers):
/// the value numbers a record keeps.
pub const TEXT_FIELDS: usize = Field::ALL.len() - DATE_FIELDS.len() - NUMBER_FIELDS.len();

/// Each field's place among the text fields (`usize::MAX` for the others).
const TEXT_SLOTS: [usize; Field::ALL.len()] = {
    let mut slots = [usize::MAX; Field::ALL.len()];
    let mut next = 0;
    let mut i = 0;
    while i < Field::ALL.len() {
        let f = Field::ALL[i] as usize;
        let mut is_date = false;
        let mut j = 0;
        while j < DATE_FIELDS.len() {
            is_date |= DATE_FIELDS[j] as usize == f;
            j += 1;
        }
        let mut is_number = false;
        let mut k = 0;
        while k < NUMBER_FIELDS.len() {
            is_number |= NUMBER_FIELDS[k] as usize == f;
            k += 1;
        }
        if !is_date && !is_number {
            slots[f] = next;
            next += 1;
        }
        i += 1;
    }
    assert!(next == TEXT_FIELDS);
    slots
};

impl Field {
    /// Every field in table order (RowNo last, it is not a table column).
    pub const ALL: [Field; 27] = [
        Field::ComplaintId,
        Field::ReceivedDate,
        Field::Customer,
        Field::Product,
        Field::Lot,
        Field::DefectType,
        Field::Description,
        Field::Channel,
        Field::Severity,
        Field::Site,
        Field::Department,
        Field::Owner,
        Field::Cause,
        Field::Action,
        Field::NotifiedDate,
        Field::ReplyDueDate,
        Field::ClosedDate,
        Field::Status,
        Field::CapaId,
        Field::CapaDueDate,
        Field::CapaClosedDate,
        Field::CapaVerifiedDate,
        Field::Nonconforming,
        Field::Cost,
        Field::DefectQty,
        Field::Responsibility,
        Field::RowNo,
    ];

    /// The snake_case name used in the table, JSON and the config file.
    pub fn name(self) -> &'static str {
        match self {
            Field::ComplaintId => "complaint_id",
            Field::ReceivedDate => "received_date",
            Field::Customer => "customer",
            Field::Product => "product",
            Field::Lot => "lot",
            Field::DefectType => "defect_type",
            Field::Description => "description",
            Field::Channel => "channel",
            Field::Severity => "severity",
            Field::Site => "site",
            Field::Department => "department",
            Field::Owner => "owner",
            Field::Cause => "cause",
            Field::Action => "action",
            Field::NotifiedDate => "notified_date",
            Field::ReplyDueDate => "reply_due_date",
            Field::ClosedDate => "closed_date",
            Field::Status => "status",
            Field::CapaId => "capa_id",
            Field::CapaDueDate => "capa_due_date",
            Field::CapaClosedDate => "capa_closed_date",
            Field::CapaVerifiedDate => "capa_verified_date",
            Field::Nonconforming => "nonconforming",
            Field::Cost => "cost",
            Field::DefectQty => "defect_qty",
            Field::Responsibility => "responsibility",
            Field::RowNo => "row_no",
        }
    }

    pub fn from_name(name: &str) -> Option<Field> {
        let wanted = normalize_header(name);
        Field::ALL.into_iter().find(|f| normalize_header(f.name()) == wanted)
    }

    pub fn kind(self) -> FieldKind {
        if self.date_slot().is_some() {
            FieldKind::Date
        } else if self.number_slot().is_some() {
            FieldKind::Number
        } else {
            FieldKind::Text
        }
    }

    /// The position of a text field among a record's value numbers (see
    /// [`TEXT_FIELDS`]); `None` for a date or the cost.
    pub fn text_slot(self) -> Option<usize> {
        Some(TEXT_SLOTS[self as usize]).filter(|&s| s != usize::MAX)
    }

    /// The position of a number field in [`NUMBER_FIELDS`] (and in a
    /// record's numbers).
    pub fn number_slot(self) -> Option<usize> {
        NUMBER_FIELDS.iter().position(|f| *f == self)
    }

    /// The position of a date field in [`DATE_FIELDS`] (and in a record's dates).
    pub fn date_slot(self) -> Option<usize> {
        DATE_FIELDS.iter().position(|f| *f == self)
    }

    /// Text fields whose values repeat across rows (categories and names),
    /// worth normalising once per distinct value.
    pub fn repeats(self) -> bool {
        matches!(
            self,
            Field::Customer
                | Field::Product
                | Field::DefectType
                | Field::Channel
                | Field::Severity
                | Field::Site
                | Field::Department
                | Field::Owner
                | Field::Status
                | Field::Nonconforming
                | Field::Responsibility
        )
    }

    /// Fields whose disagreement between two records of one id is a
    /// conflict (docs/metrics.md §6); the others are lifecycle updates.
    pub fn is_identity(self) -> bool {
        matches!(self, Field::ReceivedDate | Field::Customer | Field::Product | Field::Lot | Field::DefectType)
    }

    /// This field's header vocabulary (src/ingest/vocabulary.toml).
    pub fn vocabulary(self) -> &'static FieldVocabulary {
        static EMPTY: std::sync::OnceLock<FieldVocabulary> = std::sync::OnceLock::new();
        vocabulary().get(&self).unwrap_or_else(|| EMPTY.get_or_init(FieldVocabulary::default))
    }
}

/// The languages of the vocabulary, in the order `check` names them.
pub const LANGUAGES: [(&str, &str); 8] = [
    ("ko", "Korean"),
    ("en", "English"),
    ("ja", "Japanese"),
    ("zh", "Chinese"),
    ("de", "German"),
    ("fr", "French"),
    ("es", "Spanish"),
    ("pt", "Portuguese"),
];

/// A field's header vocabulary as written in src/ingest/vocabulary.toml.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldVocabulary {
    /// Language → whole header names (synonyms).
    #[serde(default)]
    pub names: BTreeMap<String, Vec<String>>,
    /// Names that read the field only when no other column names it.
    #[serde(default)]
    pub weak: Vec<String>,
    /// Language → words that suggest the field inside a longer header.
    #[serde(default)]
    pub words: BTreeMap<String, Vec<String>>,
    /// Words that rule a header out for the field.
    #[serde(default)]
    pub not: Vec<String>,
}

impl FieldVocabulary {
    /// Every name, in the order of [`LANGUAGES`].
    pub fn all_names(&self) -> impl Iterator<Item = &String> {
        LANGUAGES.iter().flat_map(|(lang, _)| self.names.get(*lang).into_iter().flatten())
    }

    /// The first word of this field found in `header`, with its language:
    /// a Latin word at the start of one of the header's words (`problem`
    /// in `DescricaoProblema`; a word of up to three letters only as a
    /// whole word), a word in another script anywhere in it.
    pub fn word_in(&self, header: &str) -> Option<(&'static str, String)> {
        let words = header_words(header);
        let joined = format!(" {} ", words.join(" "));
        let compact = normalize_header(header);
        LANGUAGES.iter().find_map(|(lang, _)| {
            let list = self.words.get(*lang)?;
            list.iter().find(|w| word_matches(w, &joined, &compact)).map(|w| (*lang, w.clone()))
        })
    }

    /// Whether `header` holds a word that rules it out for this field.
    pub fn ruled_out(&self, header: &str) -> bool {
        let words = header_words(header);
        let joined = format!(" {} ", words.join(" "));
        let compact = normalize_header(header);
        self.not.iter().any(|w| word_matches(w, &joined, &compact))
    }
}

/// Whether vocabulary word `word` occurs in a header given as its words
/// joined by spaces (` data abertura `) and compact (`dataabertura`).
fn word_matches(word: &str, joined: &str, compact: &str) -> bool {
    let w = header_words(word).join(" ");
    if w.is_empty() {
        return false;
    }
    if !w.chars().all(|c| c.is_ascii() || c == ' ') {
        // Hangul, kana, Han: no spaces between words
        return compact.contains(&normalize_header(word));
    }
    if w.chars().filter(char::is_ascii_alphanumeric).count() <= 3 {
        return joined.contains(&format!(" {w} "));
    }
    // the start of a word, or (five letters or more) the end of a compound
    // (`subcategory`, `Fehlerkategorie`)
    joined.contains(&format!(" {w}"))
        || (w.len() >= 5 && !w.contains(' ') && joined.split(' ').any(|t| t.len() > w.len() && t.ends_with(&w)))
}

/// A header's words: normalised (NFKC, lower case, Latin accents dropped),
/// split at spaces, punctuation and camel case (`DataAbertura` → `data
/// abertura`, `strRazaoSocial` → `str razao social`).
pub fn header_words(header: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in header.nfkc() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        prev_lower = c.is_lowercase() || c.is_numeric();
        word.extend(c.to_lowercase().map(super::cells::fold_accent));
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The vocabulary of every field, read once from src/ingest/vocabulary.toml.
fn vocabulary() -> &'static HashMap<Field, FieldVocabulary> {
    static VOCABULARY: std::sync::OnceLock<HashMap<Field, FieldVocabulary>> = std::sync::OnceLock::new();
    VOCABULARY.get_or_init(|| {
        let parsed: BTreeMap<String, FieldVocabulary> =
            toml::from_str(include_str!("vocabulary.toml")).unwrap_or_default();
        parsed.into_iter().filter_map(|(name, v)| Some((Field::from_name(&name)?, v))).collect()
    })
}

/// How firmly a header names its field: a weak synonym that yields to a
/// firmer one, a built-in or user synonym, a column of a source profile (its
/// rank: the profile's first choice is 0), or the user's explicit mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    Weak,
    Synonym,
    /// A profile's column; a lower rank is a firmer choice.
    Profile(std::cmp::Reverse<u8>),
    Explicit,
}

/// Header text → field, built from the built-in synonyms, the canonical
/// names and the user's extra synonyms; a source profile adds its columns,
/// headers never to read and suffixes to drop (`Product [list]`).
#[derive(Debug, Clone)]
pub struct SynonymTable {
    by_header: HashMap<String, (Field, Strength)>,
    ignored: std::collections::HashSet<String>,
    suffixes: Vec<String>,
}

impl SynonymTable {
    pub fn new(extra: &[(Field, String)]) -> Self {
        let mut by_header = HashMap::new();
        for field in Field::ALL {
            by_header.insert(normalize_header(field.name()), (field, Strength::Synonym));
            for s in field.vocabulary().all_names() {
                by_header.entry(normalize_header(s)).or_insert((field, Strength::Synonym));
            }
            for s in &field.vocabulary().weak {
                by_header.entry(normalize_header(s)).or_insert((field, Strength::Weak));
            }
        }
        let mut table = SynonymTable { by_header, ignored: Default::default(), suffixes: Vec::new() };
        table.extend(extra);
        table
    }

    /// Adds synonyms (the user's), which win over built-in ones.
    pub fn extend(&mut self, extra: &[(Field, String)]) {
        for (field, text) in extra {
            self.by_header.insert(normalize_header(text), (*field, Strength::Synonym));
        }
        self.by_header.remove("");
    }

    /// This table with a source profile's columns (field → header names in
    /// order of preference), headers it never reads, and header suffixes
    /// it drops before looking a name up.
    pub fn with_profile(&self, columns: &[(Field, Vec<String>)], ignore: &[String], suffixes: &[String]) -> Self {
        let mut table = self.clone();
        for (field, headers) in columns {
            for (rank, h) in headers.iter().enumerate() {
                let rank = u8::try_from(rank).unwrap_or(u8::MAX);
                table.by_header.insert(normalize_header(h), (*field, Strength::Profile(std::cmp::Reverse(rank))));
            }
        }
        table.ignored.extend(ignore.iter().map(|h| normalize_header(h)));
        table.suffixes.extend(suffixes.iter().map(|s| normalize_header(s)));
        table.by_header.remove("");
        table
    }

    pub fn lookup(&self, header_text: &str) -> Option<Field> {
        self.lookup_with_strength(header_text).map(|(f, _)| f)
    }

    pub fn lookup_with_strength(&self, header_text: &str) -> Option<(Field, Strength)> {
        let key = normalize_header(header_text);
        if self.ignored.contains(&key) {
            return None;
        }
        self.by_header.get(&key).copied().or_else(|| {
            let stem = self.suffixes.iter().find_map(|s| key.strip_suffix(s.as_str()))?;
            self.by_header.get(stem).copied()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_match_ignoring_case_space_punctuation_width() {
        let t = SynonymTable::new(&[]);
        assert_eq!(t.lookup("접수 일자"), Some(Field::ReceivedDate));
        assert_eq!(t.lookup("Date Received"), Some(Field::ReceivedDate));
        assert_eq!(t.lookup("received_date"), Some(Field::ReceivedDate));
        assert_eq!(t.lookup("Received date"), Some(Field::ReceivedDate));
        assert_eq!(t.lookup("ＬＯＴ"), Some(Field::Lot));
        assert_eq!(t.lookup("Lot No."), Some(Field::Lot));
        assert_eq!(t.lookup("No."), Some(Field::RowNo));
        assert_eq!(t.lookup("Complaint Type"), Some(Field::DefectType));
        assert_eq!(t.lookup("Date submitted"), None);
        // names seen in real exports (docs/ledgers.md)
        assert_eq!(t.lookup("Complaint Date"), Some(Field::ReceivedDate));
        assert_eq!(t.lookup("Ticket #"), Some(Field::ComplaintId));
        assert_eq!(t.lookup("Case Number"), Some(Field::ComplaintId));
        assert_eq!(t.lookup("Created at"), Some(Field::ReceivedDate));
        assert_eq!(t.lookup("Date/Time Opened"), Some(Field::ReceivedDate));
        assert_eq!(t.lookup("Date/Time Closed"), Some(Field::ClosedDate));
        assert_eq!(t.lookup("회신요청일"), Some(Field::ReplyDueDate));
        assert_eq!(t.lookup("시정조치완료일"), Some(Field::CapaClosedDate));
        assert_eq!(t.lookup("클레임 금액"), Some(Field::Cost));
        assert_eq!(t.lookup_with_strength("Date"), Some((Field::ReceivedDate, Strength::Weak)));
    }

    #[test]
    fn user_synonyms_extend_and_override() {
        let t = SynonymTable::new(&[(Field::ReceivedDate, "OPEN_DT".into()), (Field::Channel, "Type".into())]);
        assert_eq!(t.lookup("open dt"), Some(Field::ReceivedDate));
        assert_eq!(t.lookup("TYPE"), Some(Field::Channel));
    }

    #[test]
    fn the_vocabulary_file_parses_and_names_fields_in_eight_languages() {
        let parsed: BTreeMap<String, FieldVocabulary> =
            toml::from_str(include_str!("vocabulary.toml")).unwrap_or_else(|e| panic!("vocabulary.toml: {e}"));
        for name in parsed.keys() {
            assert!(Field::from_name(name).is_some(), "vocabulary.toml: '{name}' is not a field");
        }
        for field in [Field::ReceivedDate, Field::ClosedDate, Field::ComplaintId, Field::DefectType, Field::Product] {
            for (lang, _) in LANGUAGES {
                assert!(field.vocabulary().names.contains_key(lang), "{} has no {lang} names", field.name());
            }
        }
        let t = SynonymTable::new(&[]);
        assert_eq!(t.lookup("등록일시"), Some(Field::ReceivedDate));
        assert_eq!(t.lookup("Data de Abertura"), Some(Field::ReceivedDate));
        assert_eq!(t.lookup("Fecha de recepcion"), Some(Field::ReceivedDate));
        assert_eq!(t.lookup("受付日"), Some(Field::ReceivedDate));
        assert_eq!(t.lookup("Eingangsdatum"), Some(Field::ReceivedDate));
        assert_eq!(t.lookup("Date de clôture"), Some(Field::ClosedDate));
        assert_eq!(t.lookup("number"), Some(Field::ComplaintId));
        assert_eq!(t.lookup("Complaint Register"), Some(Field::ComplaintId));
        assert_eq!(t.lookup("Claim Number"), Some(Field::ComplaintId));
        assert_eq!(t.lookup("State"), None, "a US state is not a status");
    }

    #[test]
    fn words_suggest_a_field_inside_a_longer_header() {
        let received = Field::ReceivedDate.vocabulary();
        assert_eq!(received.word_in("DataAbertura"), Some(("pt", "abertura".to_string())));
        assert_eq!(received.word_in("민원등록일시").map(|(l, _)| l), Some("ko"));
        assert!(received.ruled_out("DataArquivamento") && received.ruled_out("Due Date"));
        let closed = Field::ClosedDate.vocabulary();
        assert_eq!(closed.word_in("DataArquivamento"), Some(("pt", "arquivamento".to_string())));
        let defect = Field::DefectType.vocabulary();
        assert_eq!(defect.word_in("Complaint category [list]"), Some(("en", "category".to_string())));
        assert_eq!(defect.word_in("DescricaoProblema"), Some(("en", "problem".to_string())));
        let id = Field::ComplaintId.vocabulary();
        assert!(id.word_in("Nome Fantasia").is_none(), "a short word matches whole words only");
        assert!(id.word_in("Case No.").is_some());
        assert_eq!(header_words("strRazaoSocial"), ["str", "razao", "social"]);
        assert!(defect.word_in("Subcategory").is_some() && defect.word_in("Fehlerkategorie").is_some());
    }

    #[test]
    fn every_field_has_a_distinct_name() {
        for f in Field::ALL {
            assert_eq!(Field::from_name(f.name()), Some(f));
        }
    }
}
