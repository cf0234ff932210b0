//! `gpuplan diff`: what differs between two merged scenarios, key by key, with named elements
//! matched by name (allocations by recipient and chip) rather than by position.

use super::emit::inline;
use super::merge::{NAMED_ARRAYS, identity};
use super::tree::{Entry, Item, Value};

fn is_range(item: &Item) -> bool {
    item.is_range()
}

/// One line per difference: `+ path = value`, `- path = value` or `~ path: old → new`.
pub fn diff(a: &Item, b: &Item) -> Vec<String> {
    let mut lines = Vec::new();
    table(&mut lines, "", entries(a), entries(b), true);
    lines
}

fn entries(item: &Item) -> &[Entry] {
    item.entries().map_or(&[], Vec::as_slice)
}

fn items(item: &Item) -> &[Item] {
    match &item.value {
        Value::Array(items) => items,
        _ => &[],
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn table(lines: &mut Vec<String>, path: &str, a: &[Entry], b: &[Entry], top: bool) {
    let keys = a.iter().map(|e| &e.key).chain(
        b.iter()
            .map(|e| &e.key)
            .filter(|k| !a.iter().any(|e| &e.key == *k)),
    );
    for key in keys {
        let (old, new) = (
            a.iter().find(|e| &e.key == key),
            b.iter().find(|e| &e.key == key),
        );
        let here = join(path, key);
        match (old.map(|e| &e.item), new.map(|e| &e.item)) {
            (Some(x), None) if top && NAMED_ARRAYS.contains(&key.as_str()) => {
                elements(lines, key, items(x), &[]);
            }
            (None, Some(y)) if top && NAMED_ARRAYS.contains(&key.as_str()) => {
                elements(lines, key, &[], items(y));
            }
            (Some(x), None) => lines.push(format!("- {here} = {}", inline(x))),
            (None, Some(y)) => lines.push(format!("+ {here} = {}", inline(y))),
            (Some(x), Some(y)) => match (&x.value, &y.value) {
                (Value::Array(xs), Value::Array(ys))
                    if top && NAMED_ARRAYS.contains(&key.as_str()) =>
                {
                    elements(lines, key, xs, ys);
                }
                (Value::Table(xs), Value::Table(ys)) if !is_range(x) && !is_range(y) => {
                    table(lines, &here, xs, ys, false);
                }
                // Lists of tables of one length (phases, grid and cap steps, deliveries) are
                // compared entry by entry, each named by its index.
                (Value::Array(xs), Value::Array(ys))
                    if !top
                        && xs.len() == ys.len()
                        && xs
                            .iter()
                            .chain(ys)
                            .all(|i| matches!(i.value, Value::Table(_))) =>
                {
                    for (i, (x, y)) in xs.iter().zip(ys).enumerate() {
                        table(
                            lines,
                            &format!("{here}[{i}]"),
                            entries(x),
                            entries(y),
                            false,
                        );
                    }
                }
                _ if !same(&x.value, &y.value) => {
                    lines.push(format!("~ {here}: {} → {}", inline(x), inline(y)));
                }
                _ => {}
            },
            (None, None) => {}
        }
    }
}

fn elements(lines: &mut Vec<String>, kind: &str, a: &[Item], b: &[Item]) {
    let label = |item: &Item, index: usize| match identity(kind, item) {
        Some(id) => format!("{kind} {}", toml::Value::String(id)),
        None => format!("{kind}[{index}]"),
    };
    let find = |items: &[Item], item: &Item| {
        identity(kind, item).and_then(|id| {
            items
                .iter()
                .position(|x| identity(kind, x).as_ref() == Some(&id))
        })
    };
    for (i, x) in a.iter().enumerate() {
        match find(b, x) {
            Some(j) => table(lines, &label(x, i), entries(x), entries(&b[j]), false),
            None => lines.push(format!("- {}", label(x, i))),
        }
    }
    for (j, y) in b.iter().enumerate() {
        if find(a, y).is_none() {
            lines.push(format!("+ {} = {}", label(y, j), inline(y)));
        }
    }
}

/// Equal values, with integers and floats compared as numbers (`40` and `40.0` are the same MW).
fn same(x: &Value, y: &Value) -> bool {
    match (x, y) {
        (Value::Integer(i), Value::Float(f)) | (Value::Float(f), Value::Integer(i)) => {
            *i as f64 == *f
        }
        (Value::Array(xs), Value::Array(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(a, b)| same(&a.value, &b.value))
        }
        (Value::Table(xs), Value::Table(ys)) => {
            xs.len() == ys.len()
                && xs.iter().all(|e| {
                    ys.iter()
                        .any(|f| f.key == e.key && same(&e.item.value, &f.item.value))
                })
        }
        _ => x == y,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tree::parse;
    use super::*;

    #[test]
    fn reports_changes_additions_and_removals_by_name() {
        let a = parse("[scenario]\nname = \"a\"\n[[site]]\nname = \"A\"\npue = 1.2\n[[site]]\nname = \"B\"\npue = 1.5\n[[region]]\nname = \"G\"\n").unwrap();
        let b = parse("[scenario]\nname = \"b\"\n[[site]]\nname = \"B\"\npue = 1.5\n[[site]]\nname = \"A\"\npue = 1.3\ndelay_months = 6\n[[region]]\nname = \"G\"\n[[region]]\nname = \"H\"\n").unwrap();
        assert_eq!(
            diff(&a, &b),
            [
                "~ scenario.name: \"a\" → \"b\"",
                "~ site \"A\".pue: 1.2 → 1.3",
                "+ site \"A\".delay_months = 6",
                "+ region \"H\" = { name = \"H\" }",
            ]
        );
        assert!(diff(&a, &a).is_empty());
    }

    #[test]
    fn numbers_compare_by_value_and_plain_values_whole() {
        let a = parse("[[site]]\nname = \"A\"\nphases = [{ online = \"2026-01\", it_mw = 40 }]\n")
            .unwrap();
        let b =
            parse("[[site]]\nname = \"A\"\nphases = [{ online = \"2026-01\", it_mw = 40.0 }]\n")
                .unwrap();
        assert!(diff(&a, &b).is_empty());
        let c = parse("[[site]]\nname = \"A\"\nphases = [{ online = \"2027-01\", it_mw = 40 }]\n")
            .unwrap();
        assert_eq!(
            diff(&a, &c),
            ["~ site \"A\".phases[0].online: \"2026-01\" → \"2027-01\""]
        );
        // A list that changes length is shown whole; a range is one value.
        let d = parse("[[site]]\nname = \"A\"\nphases = [{ online = { min = \"2026-01\", max = \"2026-06\" }, it_mw = 40 }, { online = \"2028-01\", it_mw = 5 }]\n")
            .unwrap();
        assert_eq!(
            diff(&a, &d),
            [
                "~ site \"A\".phases: [{ online = \"2026-01\", it_mw = 40 }] → [{ online = { min = \"2026-01\", max = \"2026-06\" }, it_mw = 40 }, { online = \"2028-01\", it_mw = 5 }]"
            ]
        );
    }
}
