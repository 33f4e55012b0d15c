//! Which byte parts a table's fields, and numbers written with a decimal comma. A spreadsheet
//! saves "CSV" with semicolons in the many locales that write decimal commas (`40,5`), and some
//! tables come tab-separated; both open as they are.

use csv::ByteRecord;

/// The separators looked for besides commas.
const OTHER_SEPARATORS: [u8; 2] = [b';', b'\t'];

/// The byte that parts the fields of the table `bytes` begins: `,`, unless its first record read
/// by commas is one field that holds `;` or a tab.
///
/// ```
/// use caucasus_atlas::io::table_separator::sniff;
/// assert_eq!(sniff(b"event_date;latitude;longitude\n2023-05-01;40,1;46,2\n"), b';');
/// assert_eq!(sniff(b"event_date\tlatitude\n"), b'\t');
/// assert_eq!(sniff(b"event_date,notes\n2023-05-01,\"a; b\"\n"), b',');
/// ```
pub fn sniff(bytes: &[u8]) -> u8 {
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
