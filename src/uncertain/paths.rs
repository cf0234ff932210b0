//! Naming a key on the command line. `seek` and `sweep` vary a key named by its path — the
//! names `diff`, `mc_inputs.csv` and `samples.csv` use (`region "Capital area".grid[1].mw`) —
//! so the scenario's variable keys are kept with their paths, and a path that names none gets
//! an error that says why and which paths come closest.

use super::dist::Domain;
use super::keys::{Key, Kind, Visit, walk};
use super::slot::Slot;
use crate::input::format;
use crate::input::limits::MAX_VALUE;
use crate::input::raw::{Month, Num, RawFile, S, Whole};
use crate::units::{Precision, Tflops, YearMonth};

/// A key whose value can be varied: every key that may hold a range, for each element the
/// scenario has (present in the file or left at its default).
#[derive(Debug, Clone, PartialEq)]
pub struct Variable {
    /// Its path.
    pub path: String,
    /// Where its value goes.
    pub slot: Slot,
    /// A number, a whole number or a month.
    pub kind: Kind,
    /// The values it allows (months: on the month axis).
    pub domain: Domain,
}

/// Why a value or a path given on the command line names no value of a variable key.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum KeyError {
    /// A month key given something else.
    #[error("`{text}` is not a month: write \"YYYY-MM\"")]
    NotAMonth {
        /// As given.
        text: String,
    },
    /// A number key given something else.
    #[error("`{text}` is not a number")]
    NotANumber {
        /// As given.
        text: String,
    },
    /// A whole-number key given a fraction.
    #[error("`{path}` takes whole numbers, not {text}")]
    NotWhole {
        /// The key.
        path: String,
        /// As given.
        text: String,
    },
    /// A value outside what the key allows.
    #[error("{text} is not a valid value of `{path}` ({allowed})")]
    NotAllowed {
        /// As given.
        text: String,
        /// The key.
        path: String,
        /// What it allows, in words.
        allowed: String,
    },
    /// The key exists, but not at that list index.
    #[error("`{path}`: no such list entry; the scenario has {entries}")]
    NoSuchEntry {
        /// As given.
        path: String,
        /// The entries there are, quoted.
        entries: String,
    },
    /// A key that is text or a name, which no search can vary.
    #[error("`{path}` is {what}, not a number or a month: only numbers and months can be varied")]
    NotVariable {
        /// As given.
        path: String,
        /// What kind of key it is.
        what: &'static str,
    },
    /// No key of the scenario has this path.
    #[error("`{path}` names no key of this scenario that can be varied; the closest: {closest}")]
    Unknown {
        /// As given.
        path: String,
        /// The nearest paths, quoted.
        closest: String,
    },
}

impl Variable {
    /// `text` as a value of this key (months as month-axis indices), or why it is not one.
    pub fn parse(&self, text: &str) -> Result<f64, KeyError> {
        let text = text.trim();
        let value = match self.kind {
            Kind::Month => YearMonth::parse(text)
                .map(|m| f64::from(m.index()))
                .ok_or_else(|| KeyError::NotAMonth { text: text.into() })?,
            Kind::Number | Kind::Whole => {
                let x: f64 = text
                    .replace('_', "")
                    .parse()
                    .ok()
                    .filter(|x: &f64| x.is_finite())
                    .ok_or_else(|| KeyError::NotANumber { text: text.into() })?;
                if self.kind == Kind::Whole && x.fract() != 0.0 {
                    return Err(KeyError::NotWhole {
                        path: self.path.clone(),
                        text: text.into(),
                    });
                }
                x
            }
        };
        if !self.domain.contains(value) {
            return Err(KeyError::NotAllowed {
                text: text.into(),
                path: self.path.clone(),
                allowed: self.allowed(),
            });
        }
        Ok(value)
    }

    /// The values the key allows, in words.
    pub fn allowed(&self) -> String {
        let Domain { lo, lo_open, hi } = self.domain;
        let month = |x: f64| {
            YearMonth::from_index(x.floor() as i64).map_or(String::new(), |m| m.to_string())
        };
        match self.kind {
            Kind::Month => format!("from {} to {}", month(lo.ceil()), month(hi)),
            _ if hi >= MAX_VALUE => {
                format!("{} {lo}", if lo_open { "above" } else { "at least" })
            }
            _ => format!(
                "{} {lo} and at most {hi}",
                if lo_open { "above" } else { "at least" }
            ),
        }
    }
}

/// Every variable key of a scenario, in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Variables(pub Vec<Variable>);

struct Collect(Vec<Variable>);

impl Collect {
    fn push(&mut self, key: Key) {
        if key.fixed_only.is_none() {
            self.0.push(Variable {
                path: key.path,
                slot: key.slot,
                kind: key.kind,
                domain: key.domain,
            });
        }
    }
}

impl Visit for Collect {
    fn num(&mut self, _: &mut Option<S<Num>>, key: Key) {
        self.push(key);
    }
    fn whole(&mut self, _: &mut Option<S<Whole>>, key: Key) {
        self.push(key);
    }
    fn month(&mut self, _: &mut Option<S<Month>>, key: Key) {
        self.push(key);
    }
}

impl Variables {
    /// The variable keys of `raw`, in file order.
    pub fn of_file(raw: &mut RawFile) -> Variables {
        let mut collect = Collect(Vec::new());
        walk(raw, &mut collect);
        Variables(collect.0)
    }

    /// Adds each chip's figures not named in the file (the built-in catalog's), as
    /// `chip "NAME".KEY`; `chips` are the scenario's chips in order, (name, TFLOPS table).
    pub fn add_chips<'a>(&mut self, chips: impl IntoIterator<Item = (&'a str, &'a Tflops)>) {
        let all = &mut self.0;
        let positive = Domain::above(0.0, MAX_VALUE);
        for (c, (name, tflops)) in chips.into_iter().enumerate() {
            let at = |key: &str| format!("chip \"{name}\".{key}");
            if all.iter().any(|v| v.path == at("tdp_w")) {
                continue;
            }
            let mut add = |path: String, slot: Slot, domain: Domain| {
                all.push(Variable {
                    path,
                    slot,
                    kind: Kind::Number,
                    domain,
                });
            };
            add(at("tdp_w"), Slot::TdpW(c), positive);
            add(at("it_kw"), Slot::ItKw(c), positive);
            for precision in Precision::ALL {
                if tflops.get(precision).is_some() {
                    add(
                        at(&format!("tflops.{}", precision.as_str())),
                        Slot::Tflops(c, precision),
                        Domain::closed(0.0, MAX_VALUE),
                    );
                }
            }
        }
    }

    /// The variable key at `path`, or why there is none.
    pub fn find(&self, path: &str) -> Result<&Variable, KeyError> {
        let path = path.trim();
        if let Some(found) = self.0.iter().find(|v| v.path == path) {
            return Ok(found);
        }
        // The right key of an element or list entry that does not exist.
        let shape = without_indices(path);
        let entries: Vec<&str> = self
            .0
            .iter()
            .filter(|v| without_indices(&v.path) == shape)
            .map(|v| v.path.as_str())
            .collect();
        if !entries.is_empty() {
            return Err(KeyError::NoSuchEntry {
                path: path.into(),
                entries: list(&entries),
            });
        }
        let last = path.rsplit('.').next().unwrap_or(path);
        let last = last.split('[').next().unwrap_or(last);
        if let Some(key) = format::any_named(last).filter(|key| !key.is_variable()) {
            return Err(KeyError::NotVariable {
                path: path.into(),
                what: key.fixed,
            });
        }
        Err(KeyError::Unknown {
            path: path.into(),
            closest: list(&self.closest(path, 3)),
        })
    }

    /// The `n` paths nearest `path` by edit distance, nearest first (ties in file order).
    pub fn closest(&self, path: &str, n: usize) -> Vec<&str> {
        let mut ranked: Vec<(usize, usize, &str)> = self
            .0
            .iter()
            .enumerate()
            .map(|(i, v)| (strsim::levenshtein(path, &v.path), i, v.path.as_str()))
            .collect();
        ranked.sort_unstable();
        ranked.into_iter().take(n).map(|(_, _, p)| p).collect()
    }
}

/// `a[1].b[2]` as `a[].b[]`.
fn without_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index && c.is_ascii_digit() => {}
            _ => out.push(c),
        }
    }
    out
}

fn list(paths: &[&str]) -> String {
    paths
        .iter()
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
