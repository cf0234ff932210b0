//! `extends` (docs/scenario-format.md: What-if files): a what-if file merged over its base, key by key.
//!
//! Tables merge recursively; scalars and plain arrays replace. The arrays of named tables merge
//! element by element — `chip`, `recipient`, `region`, `site`, `target`, `factor` on `name`,
//! `allocation` on (`recipient`, `chip`) — and an element with `remove = true` drops its
//! namesake. `phases`,
//! `grid`, `cap` and `deliveries` are plain values: given, they replace the base value whole.
//!
//! Longer than most files for its tests (about 200 lines), which pin each merge rule.

use std::ops::Range;

use super::tree::{Entry, Item, Value};

/// Top-level arrays whose elements merge by identity.
pub const NAMED_ARRAYS: [&str; 7] = [
    "chip",
    "recipient",
    "region",
    "site",
    "target",
    "allocation",
    "factor",
];
/// Keys whose values replace the base value whole, even when they are tables.
const PLAIN: [&str; 4] = ["phases", "grid", "cap", "deliveries"];
/// The key that drops an element.
pub const REMOVE: &str = "remove";

/// A merge problem at a span.
pub type Problem = (Range<usize>, String);

/// An element a what-if file dropped with `remove = true`.
#[derive(Debug, Clone, PartialEq)]
pub struct Removal {
    /// The array it was in (`recipient`, `region`, …).
    pub kind: String,
    /// Its name, or "recipient/chip" for an allocation.
    pub id: String,
    /// Where `remove` was written.
    pub span: Range<usize>,
}

/// What merging found besides the merged tree: problems (the scenario is rejected), removals
/// (so a dangling reference can point at the `remove = true` that caused it) and warnings.
#[derive(Debug, Clone, Default)]
pub struct Notes {
    /// Problems, each at its span.
    pub problems: Vec<Problem>,
    /// Elements dropped with `remove = true`.
    pub removed: Vec<Removal>,
    /// Things that are allowed but probably not meant.
    pub warnings: Vec<Problem>,
    /// New elements whose name is close to a base element's: probably a typo.
    pub near_misses: Vec<NearMiss>,
}

/// A what-if element whose name is not in the base, though a base element of its kind has a
/// close name ([`crate::names::near_name`]): as written it adds a new element, which is rarely
/// what a misspelt name meant.
#[derive(Debug, Clone, PartialEq)]
pub struct NearMiss {
    /// The element (its header onwards): where its other problems, if any, are reported.
    pub element: Range<usize>,
    /// Its name.
    pub name: Range<usize>,
    /// "no site `Samsung Gumi` in the base — did you mean `Samsung SDS Gumi AI DC`?"
    pub message: String,
    /// The array it is in (`site`, `region`, …).
    pub kind: String,
}

/// What identifies an element of the array `kind`: its name, or "recipient/chip" for allocations.
pub fn identity(kind: &str, element: &Item) -> Option<String> {
    if kind == "allocation" {
        Some(format!(
            "{}/{}",
            element.get("recipient")?.as_str()?,
            element.get("chip")?.as_str()?
        ))
    } else {
        element.get("name")?.as_str().map(str::to_string)
    }
}

/// Merges `over` (a what-if file's root table, without its `extends`) into `base`, noting
/// problems, removals and warnings in `notes`.
pub fn merge(base: &mut Item, over: Item, notes: &mut Notes) {
    let (Value::Table(base_entries), Value::Table(over_entries)) = (&mut base.value, over.value)
    else {
        notes
            .problems
            .push((over.span, "a scenario file must be a table".into()));
        return;
    };
    merge_table(base_entries, over_entries, true, notes);
}

fn merge_table(base: &mut Vec<Entry>, over: Vec<Entry>, top: bool, notes: &mut Notes) {
    for entry in over {
        let named = top && NAMED_ARRAYS.contains(&entry.key.as_str());
        let position = base.iter().position(|b| b.key == entry.key);
        match (position, &entry.item.value) {
            (Some(i), Value::Array(_))
                if named && matches!(base[i].item.value, Value::Array(_)) =>
            {
                let Value::Array(over_items) = entry.item.value else {
                    unreachable!("matched as an array")
                };
                let Value::Array(base_items) = &mut base[i].item.value else {
                    unreachable!("matched as an array")
                };
                merge_elements(&entry.key, base_items, over_items, notes);
            }
            (None, Value::Array(_)) if named => {
                let Value::Array(over_items) = entry.item.value else {
                    unreachable!("matched as an array")
                };
                let mut items = Vec::new();
                merge_elements(&entry.key, &mut items, over_items, notes);
                base.push(Entry {
                    key: entry.key,
                    key_span: entry.key_span,
                    item: Item {
                        value: Value::Array(items),
                        span: entry.item.span,
                    },
                });
            }
            (Some(i), Value::Table(_))
                if !PLAIN.contains(&entry.key.as_str())
                    && !entry.item.is_range()
                    && !base[i].item.is_range()
                    && matches!(base[i].item.value, Value::Table(_)) =>
            {
                let Value::Table(over_entries) = entry.item.value else {
                    unreachable!("matched as a table")
                };
                let Value::Table(base_entries) = &mut base[i].item.value else {
                    unreachable!("matched as a table")
                };
                merge_table(base_entries, over_entries, false, notes);
            }
            (Some(i), _) => base[i] = entry,
            (None, _) => base.push(entry),
        }
    }
}

/// Takes `remove = …` out of an element's entries: `Ok(Some(span))` for `remove = true`,
/// `Ok(None)` when absent or false, `Err` (reported) when not a boolean.
fn take_remove(entries: &mut Vec<Entry>, notes: &mut Notes) -> Result<Option<Range<usize>>, ()> {
    let Some(i) = entries.iter().position(|e| e.key == REMOVE) else {
        return Ok(None);
    };
    let flag = entries.remove(i);
    if let Value::Boolean(b) = flag.item.value {
        Ok(b.then_some(flag.key_span))
    } else {
        notes
            .problems
            .push((flag.item.span, "`remove` must be true or false".into()));
        Err(())
    }
}

/// Notes a new element named like one of the base's (`base_names`): probably a misspelling.
fn note_near_miss(kind: &str, id: &str, element: &Item, base_names: &[String], notes: &mut Notes) {
    // A built-in chip named in a what-if file is an override of the catalog's, not a new chip.
    if kind == "chip" && crate::catalog::CATALOG.iter().any(|chip| chip.name == id) {
        return;
    }
    let names: Vec<&str> = base_names.iter().map(String::as_str).collect();
    if let Some(close) = crate::names::near_name(id, &names) {
        notes.near_misses.push(NearMiss {
            element: element.span.clone(),
            name: element
                .get("name")
                .map_or(element.span.clone(), |n| n.span.clone()),
            message: format!("no {kind} `{id}` in the base — did you mean `{close}`?"),
            kind: kind.to_string(),
        });
    }
}

/// Merges the `[[kind]]` elements of a what-if file (`over`) into the base's: overriding,
/// removing or adding each by its name.
fn merge_elements(kind: &str, base: &mut Vec<Item>, over: Vec<Item>, notes: &mut Notes) {
    // The names the base holds, to tell a new element from a misspelt one.
    let base_names: Vec<String> = if kind == "allocation" {
        Vec::new()
    } else {
        base.iter().filter_map(|b| identity(kind, b)).collect()
    };
    let mut appended: Vec<(String, Range<usize>)> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for mut element in over {
        let Value::Table(entries) = &mut element.value else {
            notes
                .problems
                .push((element.span, format!("each `{kind}` must be a table")));
            continue;
        };
        let Ok(remove) = take_remove(entries, notes) else {
            continue;
        };
        let id = identity(kind, &element);
        if let Some(id) = &id {
            // Two elements of one name in one file would silently merge into one; removing
            // an element and adding it anew (to replace it whole) is not that.
            if remove.is_some() {
                seen.retain(|s| s != id);
            } else if seen.contains(id) {
                let at = element
                    .get("name")
                    .map_or(element.span.clone(), |n| n.span.clone());
                notes
                    .problems
                    .push((at, format!("duplicate {kind} `{id}` in this file")));
                continue;
            } else {
                seen.push(id.clone());
            }
        }
        let existing = id.as_ref().and_then(|id| {
            base.iter()
                .position(|b| identity(kind, b).as_ref() == Some(id))
        });
        match (remove, existing) {
            (Some(span), Some(i)) => {
                base.remove(i);
                notes.removed.push(Removal {
                    kind: kind.to_string(),
                    id: id.unwrap_or_default(),
                    span,
                });
            }
            (Some(span), None) => {
                let what = match &id {
                    Some(id) => format!("the base scenario has no {kind} `{id}` to remove"),
                    None if kind == "allocation" => {
                        "`remove = true` needs the allocation's `recipient` and `chip`".into()
                    }
                    None => format!("`remove = true` needs the {kind}'s `name`"),
                };
                notes.problems.push((span, what));
            }
            (None, Some(i)) => {
                let Value::Table(over_entries) = element.value else {
                    unreachable!("checked to be a table")
                };
                let Value::Table(base_entries) = &mut base[i].value else {
                    notes
                        .problems
                        .push((element.span, format!("each `{kind}` must be a table")));
                    continue;
                };
                merge_table(base_entries, over_entries, false, notes);
            }
            (None, None) => {
                if let Some(id) = &id {
                    appended.push((id.clone(), element.span.clone()));
                    note_near_miss(kind, id, &element, &base_names, notes);
                }
                base.push(element);
            }
        }
    }
    if kind == "allocation" {
        second_allocations(base, &appended, notes);
    }
}

/// Warns when a what-if adds an allocation for a recipient whose base allocation (of another
/// chip) it keeps: both are simulated, which is rarely what "change Samsung's chip" means.
fn second_allocations(merged: &[Item], appended: &[(String, Range<usize>)], notes: &mut Notes) {
    for (id, span) in appended {
        let Some((recipient, chip)) = id.split_once('/') else {
            continue;
        };
        let base_chips: Vec<String> = merged
            .iter()
            .filter_map(|element| identity("allocation", element))
            .filter(|other| !appended.iter().any(|(new, _)| new == other))
            .filter_map(|other| {
                let (r, c) = other.split_once('/')?;
                (r == recipient && c != chip).then(|| c.to_string())
            })
            .collect();
        if let Some(old) = base_chips.first() {
            notes.warnings.push((
                span.clone(),
                crate::lang::fill(
                    "warn.second_allocation",
                    &[("recipient", recipient), ("old", old)],
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::emit::to_toml;
    use super::super::tree::parse;
    use super::*;

    /// The merged file as TOML, or the first problem's message.
    fn merged(base: &str, over: &str) -> Result<String, Problem> {
        let (root, notes) = merged_with_notes(base, over);
        match notes.problems.first() {
            Some(problem) => Err(problem.clone()),
            None => Ok(to_toml(&root)),
        }
    }

    fn merged_with_notes(base: &str, over: &str) -> (Item, Notes) {
        let mut root = parse(base).unwrap();
        let mut notes = Notes::default();
        merge(&mut root, parse(over).unwrap(), &mut notes);
        (root, notes)
    }

    #[test]
    fn tables_merge_key_by_key_and_scalars_replace() {
        let out = merged(
            "[scenario]\nname = \"a\"\nstart = \"2026-01\"\n",
            "[scenario]\nname = \"b\"\nend = \"2027-01\"\n",
        )
        .unwrap();
        assert_eq!(
            out,
            "[scenario]\nname = \"b\"\nstart = \"2026-01\"\nend = \"2027-01\"\n"
        );
    }

    #[test]
    fn named_elements_merge_on_name_and_new_names_append() {
        let base = "[[site]]\nname = \"A\"\npue = 1.2\ncooling = \"air\"\n[[site]]\nname = \"B\"\npue = 1.5\n";
        let over = "[[site]]\nname = \"B\"\npue = 1.3\n[[site]]\nname = \"C\"\npue = 1.1\n";
        let out = merged(base, over).unwrap();
        assert_eq!(
            out,
            "[[site]]\nname = \"A\"\npue = 1.2\ncooling = \"air\"\n\n[[site]]\nname = \"B\"\npue = 1.3\n\n[[site]]\nname = \"C\"\npue = 1.1\n"
        );
    }

    #[test]
    fn allocations_merge_on_recipient_and_chip() {
        let base = "[[allocation]]\nrecipient = \"R\"\nchip = \"B200\"\ncount = 5\n[[allocation]]\nrecipient = \"R\"\nchip = \"H100\"\ncount = 7\n";
        let over = "[[allocation]]\nrecipient = \"R\"\nchip = \"H100\"\ncount = 9\n";
        let out = merged(base, over).unwrap();
        assert!(
            out.contains("chip = \"B200\"\ncount = 5")
                && out.contains("chip = \"H100\"\ncount = 9")
                && !out.contains("count = 7"),
            "{out}"
        );
    }

    #[test]
    fn remove_drops_an_element_and_must_name_an_existing_one() {
        let base = "[[region]]\nname = \"G\"\n[[region]]\nname = \"H\"\n";
        let out = merged(base, "[[region]]\nname = \"G\"\nremove = true\n").unwrap();
        assert_eq!(out, "[[region]]\nname = \"H\"\n");
        assert_eq!(
            merged(base, "[[region]]\nname = \"X\"\nremove = true\n")
                .unwrap_err()
                .1,
            "the base scenario has no region `X` to remove"
        );
        assert_eq!(
            merged(base, "[[region]]\nname = \"G\"\nremove = 1\n")
                .unwrap_err()
                .1,
            "`remove` must be true or false"
        );
        let kept = merged(
            base,
            "[[region]]\nname = \"G\"\nremove = false\ndelay_months = 2\n",
        )
        .unwrap();
        assert!(
            kept.starts_with("[[region]]\nname = \"G\"\ndelay_months = 2\n"),
            "{kept}"
        );
    }

    #[test]
    fn a_name_given_twice_in_one_file_is_a_problem() {
        let base = "[[recipient]]\nname = \"A\"\n";
        let over = "[[recipient]]\nname = \"Z\"\n[[recipient]]\nname = \"Z\"\n";
        assert_eq!(
            merged(base, over).unwrap_err().1,
            "duplicate recipient `Z` in this file"
        );
        // Overriding a base element once is not a duplicate, nor is removing it and adding
        // it anew.
        assert!(merged(base, "[[recipient]]\nname = \"A\"\npriority = 2\n").is_ok());
        assert_eq!(
            merged(
                base,
                "[[recipient]]\nname = \"A\"\nremove = true\n[[recipient]]\nname = \"A\"\n"
            )
            .unwrap(),
            "[[recipient]]\nname = \"A\"\n"
        );
    }

    #[test]
    fn plain_values_replace_whole() {
        let base = "[[site]]\nname = \"A\"\nphases = [{ online = \"2026-01\", it_mw = 1 }, { online = \"2027-01\", it_mw = 2 }]\n[[allocation]]\nrecipient = \"R\"\nchip = \"B200\"\ndeliveries = { start = \"2026-01\", months = 3 }\n";
        let over = "[[site]]\nname = \"A\"\nphases = [{ online = \"2028-01\", it_mw = 5 }]\n[[allocation]]\nrecipient = \"R\"\nchip = \"B200\"\ndeliveries = { start = \"2027-01\" }\n";
        let out = merged(base, over).unwrap();
        assert!(
            out.contains("phases = [{ online = \"2028-01\", it_mw = 5 }]"),
            "{out}"
        );
        assert!(
            out.contains("deliveries = { start = \"2027-01\" }"),
            "a table among plain values is replaced, not merged: {out}"
        );
        let grid = merged(
            "[[region]]\nname = \"G\"\ngrid = [{ from = \"2026-01\", mw = 1 }]\n",
            "[[region]]\nname = \"G\"\ngrid = []\n",
        )
        .unwrap();
        assert!(grid.contains("grid = []"), "{grid}");
    }

    #[test]
    fn a_range_is_one_value_replaced_whole() {
        let out = merged(
            "[[site]]\nname = \"A\"\npue = { min = 1.2, likely = 1.3, max = 1.4 }\n",
            "[[site]]\nname = \"A\"\npue = { p5 = 1.1, p95 = 1.5 }\n",
        )
        .unwrap();
        assert!(out.contains("pue = { p5 = 1.1, p95 = 1.5 }"), "{out}");
        let back = merged(
            "[[site]]\nname = \"A\"\npue = { min = 1.2, max = 1.4 }\n",
            "[[site]]\nname = \"A\"\npue = 1.3\n",
        )
        .unwrap();
        assert!(back.contains("pue = 1.3"), "{back}");
    }

    #[test]
    fn other_nested_tables_merge_recursively() {
        let out = merged(
            "[[chip]]\nname = \"X\"\ntflops = { bf16 = 1, fp8 = 2 }\n",
            "[[chip]]\nname = \"X\"\ntflops = { fp8 = 3 }\n",
        )
        .unwrap();
        assert!(out.contains("tflops = { bf16 = 1, fp8 = 3 }"), "{out}");
    }

    #[test]
    fn removals_are_noted_with_the_remove_key() {
        let base = "[[recipient]]\nname = \"SK\"\n";
        let over = "[[recipient]]\nname = \"SK\"\nremove = true\n";
        let (_, notes) = merged_with_notes(base, over);
        assert_eq!(notes.removed.len(), 1);
        assert_eq!(
            (notes.removed[0].kind.as_str(), notes.removed[0].id.as_str()),
            ("recipient", "SK")
        );
        assert_eq!(&over[notes.removed[0].span.clone()], "remove");
    }

    #[test]
    fn a_new_element_with_a_name_close_to_a_base_one_is_noted() {
        let base =
            "[[region]]\nname = \"Capital area\"\n[[site]]\nname = \"Samsung SDS Gumi AI DC\"\n";
        let over = "[[region]]\nname = \"Capital Area\"\n[[site]]\nname = \"Samsung Gumi\"\n[[site]]\nname = \"Ulsan\"\n";
        let (_, notes) = merged_with_notes(base, over);
        let messages: Vec<&str> = notes
            .near_misses
            .iter()
            .map(|n| n.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "no region `Capital Area` in the base — did you mean `Capital area`?",
                "no site `Samsung Gumi` in the base — did you mean `Samsung SDS Gumi AI DC`?"
            ]
        );
        assert_eq!(&over[notes.near_misses[0].name.clone()], "\"Capital Area\"");
        // An exact base name merges; nothing is noted.
        let (_, notes) = merged_with_notes(base, "[[region]]\nname = \"Capital area\"\n");
        assert!(notes.near_misses.is_empty());
    }

    #[test]
    fn a_second_allocation_for_a_recipient_is_a_warning_unless_the_base_pair_is_removed() {
        let base = "[[allocation]]\nrecipient = \"S\"\nchip = \"GB200\"\n";
        let add = "[[allocation]]\nrecipient = \"S\"\nchip = \"B300\"\n";
        let (_, notes) = merged_with_notes(base, add);
        assert_eq!(notes.warnings.len(), 1, "{:?}", notes.warnings);
        assert!(
            notes.warnings[0]
                .1
                .contains("chip = \"GB200\" and remove = true")
        );
        let replace =
            format!("{add}[[allocation]]\nrecipient = \"S\"\nchip = \"GB200\"\nremove = true\n");
        let (_, notes) = merged_with_notes(base, &replace);
        assert!(notes.warnings.is_empty(), "{:?}", notes.warnings);
    }
}
