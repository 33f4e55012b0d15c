//! Which byte parts a table's fields, and what a spreadsheet in another locale writes into them:
//! numbers with a decimal comma, and its own words for true and false. A spreadsheet saves "CSV"
//! with semicolons in the many locales that write decimal commas (`40,5`), and some tables come
//! tab-separated; both open as they are.

use csv::ByteRecord;

/// The separators looked for besides commas.
const OTHER_SEPARATORS: [u8; 2] = [b';', b'\t'];

/// The byte that parts the fields of the table `bytes` begins: `,`, unless its first record read
/// by commas is one field that holds `;` or a tab, or its first line holds more tabs than commas
/// (a file of tab-separated values without a header, whose fields hold commas: GDELT's
/// `Stepanakert, Azarbaycan, Azerbaijan`).
///
/// ```
/// use caucasus_atlas::io::table_separator::sniff;
/// assert_eq!(sniff(b"event_date;latitude;longitude\n2023-05-01;40,1;46,2\n"), b';');
/// assert_eq!(sniff(b"event_date\tlatitude\n"), b'\t');
/// assert_eq!(sniff(b"event_date,notes\n2023-05-01,\"a; b\"\n"), b',');
/// assert_eq!(sniff(b"1\t20230919\tKhankendi, Azerbaijan\t39.8\t46.7\n"), b'\t');
/// ```
pub fn sniff(bytes: &[u8]) -> u8 {
    let line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let count = |c: u8| line.iter().filter(|&&b| b == c).count();
    if count(b'\t') > count(b',') {
        return b'\t';
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut record = ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) if record.len() == 1 => OTHER_SEPARATORS
            .into_iter()
            .find(|s| record[0].contains(s))
            .unwrap_or(b','),
        _ => b',',
    }
}

/// `text` with its decimal comma made a point, when it has exactly one comma and no point
/// (`40,5`); `None` otherwise. Only for tables not parted by commas, where such a field is a
/// number as the locale writes it.
///
/// ```
/// use caucasus_atlas::io::table_separator::decimal_point;
/// assert_eq!(decimal_point("-40,25").as_deref(), Some("-40.25"));
/// assert_eq!(decimal_point("40.25"), None);
/// assert_eq!(decimal_point("1,000,5"), None);
/// ```
pub fn decimal_point(text: &str) -> Option<String> {
    let one_comma = text.bytes().filter(|&b| b == b',').count() == 1;
    (one_comma && !text.contains('.')).then(|| text.replacen(',', ".", 1))
}

/// The words spreadsheets write for true and false in their locales (English, German, French,
/// Spanish, Italian, Dutch, Polish, Russian, Turkish), upper case.
const TRUTH_WORDS: [(&str, bool); 18] = [
    ("TRUE", true),
    ("FALSE", false),
    ("WAHR", true),
    ("FALSCH", false),
    ("VRAI", true),
    ("FAUX", false),
    ("VERDADERO", true),
    ("FALSO", false),
    ("VERO", true),
    ("WAAR", true),
    ("ONWAAR", false),
    ("PRAWDA", true),
    ("FAŁSZ", false),
    ("ИСТИНА", true),
    ("ЛОЖЬ", false),
    ("DOĞRU", true),
    ("YANLIŞ", false),
    ("YANLIS", false),
];

/// `text` as `true` or `false` when it is a spreadsheet's word for either in some locale
/// (`WAHR`, `FAUX`, `ИСТИНА`, any case); `None` otherwise.
///
/// ```
/// use caucasus_atlas::io::table_separator::truth_word;
/// assert_eq!(truth_word("WAHR"), Some("true"));
/// assert_eq!(truth_word("Falso"), Some("false"));
/// assert_eq!(truth_word("maybe"), None);
/// ```
pub fn truth_word(text: &str) -> Option<&'static str> {
    let upper = text.trim().to_uppercase();
    TRUTH_WORDS
        .iter()
        .find(|(word, _)| *word == upper)
        .map(|(_, truth)| if *truth { "true" } else { "false" })
}
