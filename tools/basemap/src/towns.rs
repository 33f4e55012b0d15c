//! The towns this tool uses, by GeoNames id, with the name GeoNames must carry
//! (a guard against a wrong id) and the name shown, contested names both ways.
//! Their points come from data (see `geonames.rs`), never from this table.

use geo::Coord;

use crate::geonames::{Gazetteer, Town};

/// (GeoNames id, a name GeoNames carries for it, the name shown).
pub type TownRef = (u64, &'static str, &'static str);

/// Goris (Armenia).
pub const GORIS: TownRef = (174895, "Goris", "Goris");
/// Tegh (Armenia), on the road from Goris to the Lachin corridor.
pub const TEGH: TownRef = (174743, "Tegh", "Tegh");
/// Kapan (Armenia).
pub const KAPAN: TownRef = (174875, "Kapan", "Kapan");
/// Yerevan.
pub const YEREVAN: TownRef = (616052, "Yerevan", "Yerevan");
/// Tbilisi.
pub const TBILISI: TownRef = (611717, "Tbilisi", "Tbilisi");
/// Baku.
pub const BAKU: TownRef = (587084, "Baku", "Baku");
/// Ganja.
pub const GANJA: TownRef = (586523, "Ganja", "Ganja");
/// Tabriz.
pub const TABRIZ: TownRef = (113646, "Tabriz", "Tabriz");
/// Tehran.
pub const TEHRAN: TownRef = (112931, "Tehran", "Tehran");
/// Nakhchivan city.
pub const NAKHCHIVAN: TownRef = (147429, "Nakhchivan", "Nakhchivan");
/// Lachin / Berdzor.
pub const LACHIN: TownRef = (147625, "Lachin", "Lachin / Berdzor");
/// Khankendi / Stepanakert.
pub const KHANKENDI: TownRef = (146970, "Stepanakert", "Khankendi / Stepanakert");
/// Shusha / Shushi.
pub const SHUSHA: TownRef = (147105, "Shushi", "Shusha / Shushi");
/// Aghdam / Akna.
pub const AGHDAM: TownRef = (148619, "Aghdam", "Aghdam / Akna");
/// Askeran / Asgaran.
pub const ASKERAN: TownRef = (148450, "Askeran", "Askeran / Asgaran");
/// Khojaly / Ivanyan.
pub const KHOJALY: TownRef = (147774, "Xocalı", "Khojaly / Ivanyan");
/// Martuni / Khojavend.
pub const MARTUNI: TownRef = (146969, "Martuni", "Martuni / Khojavend");
/// Hadrut.
pub const HADRUT: TownRef = (148105, "Hadrut", "Hadrut");
/// Kalbajar / Karvachar.
pub const KALBAJAR: TownRef = (586268, "Kalbajar", "Kalbajar / Karvachar");
/// Martakert / Aghdara.
pub const MARTAKERT: TownRef = (587379, "Martakert", "Martakert / Aghdara");
/// Fuzuli / Varanda.
pub const FUZULI: TownRef = (148106, "Fuzuli", "Fuzuli / Varanda");
/// Jabrayil / Jrakan.
pub const JABRAYIL: TownRef = (148141, "Jabrail", "Jabrayil / Jrakan");
/// Qubadli.
pub const QUBADLI: TownRef = (147305, "Qubadli", "Qubadli");

/// Ordubad, in the Nakhchivan exclave, on the Aras.
pub const ORDUBAD: TownRef = (147368, "Ordubad", "Ordubad");

/// Every town the tool draws or builds with, in output order.
pub const ALL: [TownRef; 23] = [
    GORIS, TEGH, KAPAN, YEREVAN, TBILISI, BAKU, GANJA, TABRIZ, TEHRAN, NAKHCHIVAN, LACHIN,
    KHANKENDI, SHUSHA, AGHDAM, ASKERAN, KHOJALY, MARTUNI, HADRUT, KALBAJAR, MARTAKERT, FUZULI,
    JABRAYIL, QUBADLI,
];

/// Towns used only by self-checks, not written into any output.
pub const CHECK_ONLY: [TownRef; 1] = [ORDUBAD];

/// The GeoNames ids of every town.
pub fn ids() -> Vec<u64> {
    ALL.iter().chain(&CHECK_ONLY).map(|t| t.0).collect()
}

/// A town resolved against the gazetteer.
#[derive(Clone, Copy)]
pub struct Resolved<'a> {
    /// The table entry.
    pub entry: TownRef,
    /// The GeoNames record.
    pub town: &'a Town,
}

impl Resolved<'_> {
    /// The shown name.
    pub fn name(&self) -> &'static str {
        self.entry.2
    }

    /// The point.
    pub fn at(&self) -> Coord<f64> {
        self.town.at
    }
}

/// Looks a table entry up.
pub fn get(g: &Gazetteer, t: TownRef) -> Result<Resolved<'_>, String> {
    Ok(Resolved {
        entry: t,
        town: g.town(t.0, t.1)?,
    })
}

/// Looks a town up by GeoNames id (it must be in the table).
pub fn by_id(g: &Gazetteer, id: u64) -> Result<Resolved<'_>, String> {
    let entry = ALL
        .iter()
        .find(|t| t.0 == id)
        .ok_or_else(|| format!("GeoNames id {id} is not in the tool's town table"))?;
    get(g, *entry)
}
