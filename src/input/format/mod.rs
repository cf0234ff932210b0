//! The scenario format, declared once: every table and every key, with its type, whether it
//! must be given, whether it takes an uncertain value, the values it allows, its default and
//! the line that documents it. The reader ([`super::read`]), the JSON Schema
//! ([`super::schema`]), the uncertain keys' paths and domains ([`crate::uncertain::keys`]), the
//! keys `seek` and `sweep` can vary, their labels and units, and writing a drawn value into a
//! scenario ([`crate::model`]) are all driven from here.
//!
//! A key is either kept in a field of its own (`Stored::Field`: the model has a typed field,
//! and `model/patch.rs` names it) or, for a number, in its element's list of declared numbers
//! (`Stored::Number`): then this declaration is all there is to it — the reader reads it, the
//! schema lists it, validation checks its range and applies its default, Monte Carlo draws it
//! and `seek` varies it — and the code that uses it reads it with `number(KEY)`.
//!
//! The keys themselves are listed in `keys.rs`, a line or two each.

#[rustfmt::skip]
mod keys;

pub use keys::*;

/// A table of the format: the file itself, a `[table]`, an element of a `[[list]]`, or an
/// entry of a list of inline tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    /// The file's top level.
    Top,
    /// `[scenario]`.
    Scenario,
    /// `[[chip]]`.
    Chip,
    /// A chip's `tflops` table.
    Tflops,
    /// `[[recipient]]`.
    Recipient,
    /// `[[allocation]]`.
    Allocation,
    /// `deliveries = { start, months }`.
    Ramp,
    /// One entry of `deliveries = [ … ]`.
    Delivery,
    /// `[supply]`.
    Supply,
    /// One step of `cap`.
    CapStep,
    /// `[[region]]`.
    Region,
    /// One step of `grid`.
    GridStep,
    /// `[[site]]`.
    Site,
    /// One of a site's `phases`.
    Phase,
    /// `[[target]]`.
    Target,
    /// `[[factor]]`.
    Factor,
    /// `[[observed]]`.
    Observed,
    /// An uncertain value written as a table (`{ p5, p95, shape }`, `{ choose = … }`).
    Form,
    /// `[economics]`.
    Economics,
    /// One step of `electricity`.
    ElectricityStep,
    /// One step of `carbon`.
    CarbonStep,
}

/// What a key holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// Text in quotes.
    Text,
    /// A name: text with the rules of [`crate::names`].
    Name,
    /// A list of names.
    Names,
    /// A month, `"YYYY-MM"`.
    Month,
    /// A number.
    Number,
    /// A whole number.
    Whole,
    /// One of a few words.
    Choice(&'static [&'static str]),
    /// A table of this kind.
    Table(Table),
    /// A list of inline tables of this kind.
    List(Table),
    /// An allocation's deliveries: a ramp table, or a list of deliveries.
    Deliveries,
}

/// Whether a key takes an uncertain value, and which forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Uncertain {
    /// A plain value only.
    No,
    /// A plain value or a range, a choice or a factor.
    Yes,
    /// A delay: those, or a reference class's slips.
    Delay,
}

/// Which values of a key would, other things equal, bring chips online sooner or add PFLOPS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    /// More is better: power, install rates, supply, TFLOPS, efficiency.
    Higher,
    /// Less (or earlier) is better: dates, delays, commissioning, PUE, power per chip.
    Lower,
}

/// Where a key's value is kept once read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// In a typed field of its own, which the code names.
    Field,
    /// In its element's list of declared numbers, at this place: 0, 1, … in the order its
    /// table declares them (a test holds the places to that order).
    Number(usize),
}

/// One key of the format.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Key {
    /// The table it belongs to.
    pub table: Table,
    /// Its name.
    pub name: &'static str,
    /// What it holds.
    pub ty: Type,
    /// Whether it must be given (the reader reports it missing).
    pub required: bool,
    /// Whether it takes an uncertain value.
    pub uncertain: Uncertain,
    /// The least value a number allows.
    pub lo: f64,
    /// Whether `lo` itself is excluded.
    pub lo_open: bool,
    /// The greatest value a number allows.
    pub hi: f64,
    /// The value when absent.
    pub default: Option<f64>,
    /// One line for the schema and the reference.
    pub doc: &'static str,
    /// The key in words after its element's name ("PUE", "first delivery").
    pub words: &'static str,
    /// Its unit for people ("MW", "chips a month"); empty for ratios and months.
    pub unit: &'static str,
    /// Which way helps, where that is plain.
    pub better: Option<Better>,
    /// The finest step a value is shown, and searched, to.
    pub step: f64,
    /// Why a key that is not a number cannot be varied, in a few words ("a name").
    pub fixed: &'static str,
    /// What its value means, said when it is out of range ("sustained over peak throughput").
    pub meaning: &'static str,
    /// Where its value is kept.
    pub stored: Stored,
}

impl Key {
    /// A key of `table` named `name` holding `ty`: optional, plain, documented by `doc`.
    const fn new(table: Table, name: &'static str, ty: Type, doc: &'static str) -> Key {
        Key {
            table,
            name,
            ty,
            required: false,
            uncertain: Uncertain::No,
            lo: f64::NEG_INFINITY,
            lo_open: false,
            hi: f64::INFINITY,
            default: None,
            doc,
            words: name,
            unit: "",
            better: None,
            step: 0.01,
            fixed: "text",
            meaning: "",
            stored: Stored::Field,
        }
    }

    /// A key of an uncertain value written as a table (`shape`, `weight`, `reference`, …).
    pub const fn form(name: &'static str, required: bool) -> Key {
        Key {
            required,
            ..Key::new(Table::Form, name, Type::Text, "")
        }
    }

    /// The key must be given.
    const fn required(self) -> Key {
        Key {
            required: true,
            ..self
        }
    }

    /// The key takes a range, a choice or a factor.
    const fn uncertain(self) -> Key {
        Key {
            uncertain: Uncertain::Yes,
            ..self
        }
    }

    /// The key is a delay: it also takes a reference class's slips.
    const fn delay(self) -> Key {
        Key {
            uncertain: Uncertain::Delay,
            ..self
        }
    }

    /// Values from `lo` through `hi`.
    const fn between(self, lo: f64, hi: f64) -> Key {
        Key {
            lo,
            lo_open: false,
            hi,
            ..self
        }
    }

    /// Values above `lo`, through `hi`.
    const fn above(self, lo: f64, hi: f64) -> Key {
        Key {
            lo,
            lo_open: true,
            hi,
            ..self
        }
    }

    /// The value when absent.
    const fn default(self, value: f64) -> Key {
        Key {
            default: Some(value),
            ..self
        }
    }

    /// How people read it: its words after the element's name, its unit, which way helps
    /// and the step it is shown to.
    const fn reads(
        self,
        words: &'static str,
        unit: &'static str,
        better: Option<Better>,
        step: f64,
    ) -> Key {
        Key {
            words,
            unit,
            better,
            step,
            ..self
        }
    }

    /// Why it cannot be varied (keys that are not numbers or months).
    const fn fixed(self, why: &'static str) -> Key {
        Key { fixed: why, ..self }
    }

    /// What its value means, for the message when it is out of range.
    const fn means(self, meaning: &'static str) -> Key {
        Key { meaning, ..self }
    }

    /// Kept in its element's list of declared numbers, at `place` (its table's declared
    /// numbers before it).
    const fn number_kept(self, place: usize) -> Key {
        Key {
            stored: Stored::Number(place),
            ..self
        }
    }

    /// Its value when absent (0 where it declares none).
    pub const fn default_value(&self) -> f64 {
        match self.default {
            Some(value) => value,
            None => 0.0,
        }
    }

    /// Whether it holds a number or a month that can be drawn or varied.
    pub fn is_variable(&self) -> bool {
        self.uncertain != Uncertain::No
    }

    /// The values it allows, in words: "greater than 0 and at most 1", "at least 1".
    pub fn allowed(&self) -> String {
        let short = crate::numbers::short;
        let (lo, hi) = (short(self.lo), short(self.hi));
        let id = match (
            self.lo == f64::NEG_INFINITY,
            self.lo_open,
            self.hi.is_finite(),
        ) {
            (true, _, true) => "allowed.at_most",
            (true, _, false) => return String::new(),
            (false, true, true) => "allowed.above_at_most",
            (false, true, false) => "allowed.above",
            (false, false, true) => "allowed.at_least_at_most",
            (false, false, false) => "allowed.at_least",
        };
        crate::lang::fill(id, &[("lo", &lo), ("hi", &hi)])
    }
}

/// The keys of `table`, in order (a chip's `tflops`: one per precision).
pub fn keys_of(table: Table) -> Vec<&'static str> {
    match table {
        Table::Top => TOP.iter().map(|k| k.name).collect(),
        Table::Tflops => PRECISIONS.to_vec(),
        _ => KEYS
            .iter()
            .filter(|k| k.table == table)
            .map(|k| k.name)
            .collect(),
    }
}

/// The keys of `table` kept as declared numbers, in order: their position is their place in
/// an element's [`Numbers`].
pub fn numbers_of(table: Table) -> impl Iterator<Item = &'static Key> {
    KEYS.iter()
        .filter(move |k| k.table == table && matches!(k.stored, Stored::Number(_)))
}

/// The place of `key` among its table's declared numbers.
pub const fn number_index(key: &Key) -> usize {
    match key.stored {
        Stored::Number(place) => place,
        Stored::Field => usize::MAX,
    }
}

/// The declared key of any table named `name`, for the messages about a path's last part.
pub fn any_named(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.name == name)
}

/// An element's declared numbers ([`Stored::Number`]), in declaration order; `None` where
/// the file gives none and the key declares no default.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Numbers(pub Vec<Option<f64>>);

impl Numbers {
    /// The declared numbers of `table`, each at its default (none without one).
    pub fn defaults(table: Table) -> Numbers {
        Numbers(numbers_of(table).map(|k| k.default).collect())
    }

    /// The value of `key`, one of its table's declared numbers, if it has one (given, or its
    /// default).
    pub fn value(&self, key: &Key) -> Option<f64> {
        self.0
            .get(number_index(key))
            .copied()
            .flatten()
            .or(key.default)
    }

    /// The value of `key`, or 0 where it has none (for keys that declare a default, their
    /// value).
    pub fn get(&self, key: &Key) -> f64 {
        self.value(key).unwrap_or(0.0)
    }

    /// Sets the value of `key`.
    pub fn set(&mut self, key: &Key, value: f64) {
        let i = number_index(key);
        if let Some(slot) = self.0.get_mut(i) {
            *slot = Some(value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_table_names_each_key_once_and_ranges_hold_their_defaults() {
        for (i, key) in KEYS.iter().enumerate() {
            assert!(
                !KEYS[..i]
                    .iter()
                    .any(|k| k.table == key.table && k.name == key.name),
                "{:?}.{} declared twice",
                key.table,
                key.name
            );
            if let Some(default) = key.default {
                let above = if key.lo_open {
                    default > key.lo
                } else {
                    default >= key.lo
                };
                assert!(above && default <= key.hi, "{}", key.name);
            }
            assert!(key.lo <= key.hi, "{}", key.name);
        }
        assert_eq!(PRECISIONS.len(), crate::units::Precision::ALL.len());
        for (name, precision) in PRECISIONS.iter().zip(crate::units::Precision::ALL) {
            assert_eq!(*name, precision.as_str());
        }
    }

    /// Declared numbers are read, drawn and patched only in the tables whose elements carry
    /// `numbers` (raw and model), and only as numbers: a declaration elsewhere would be dropped.
    #[test]
    fn declared_numbers_live_where_elements_carry_them() {
        for key in KEYS
            .iter()
            .filter(|k| matches!(k.stored, Stored::Number(_)))
        {
            assert!(
                matches!(
                    key.table,
                    Table::Scenario
                        | Table::Chip
                        | Table::Allocation
                        | Table::Region
                        | Table::Site
                        | Table::Target
                        | Table::Economics
                        | Table::ElectricityStep
                        | Table::CarbonStep
                ),
                "{}: its table has no declared numbers",
                key.name
            );
            assert_eq!(key.ty, Type::Number, "{}", key.name);
        }
    }

    /// A declared number's place is its table's declared numbers before it: the reader, the
    /// defaults and every lookup agree on where each is kept.
    #[test]
    fn declared_numbers_take_their_places_in_declaration_order() {
        for (i, key) in KEYS.iter().enumerate() {
            if let Stored::Number(place) = key.stored {
                let before = KEYS[..i]
                    .iter()
                    .filter(|k| k.table == key.table && matches!(k.stored, Stored::Number(_)))
                    .count();
                assert_eq!(place, before, "{:?}.{}", key.table, key.name);
            }
        }
    }

    #[test]
    fn declared_numbers_are_found_by_their_key() {
        let mut numbers = Numbers(vec![Some(0.5)]);
        assert_eq!(number_index(&TARGET_EFFICIENCY), 0);
        assert_eq!(numbers.get(&TARGET_EFFICIENCY), 0.5);
        numbers.set(&TARGET_EFFICIENCY, 0.8);
        assert_eq!(numbers.get(&TARGET_EFFICIENCY), 0.8);
        assert_eq!(
            Numbers::default().get(&TARGET_EFFICIENCY),
            1.0,
            "the default"
        );
    }
}
