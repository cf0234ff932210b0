//! Writes a tree back as TOML: what `gpuplan show` prints. Top-level tables become `[table]`
//! sections, arrays of tables `[[array]]` blocks; everything deeper is written inline.

use super::tree::{Entry, Item, Value};

/// The tree as TOML text.
pub fn to_toml(root: &Item) -> String {
    let Some(entries) = root.entries() else {
        return inline(root) + "\n";
    };
    let mut head = String::new();
    let mut sections: Vec<String> = Vec::new();
    for entry in entries {
        let key = key(&entry.key);
        match &entry.item.value {
            Value::Table(fields) => sections.push(format!("[{key}]\n{}", lines(fields))),
            Value::Array(items)
                if !items.is_empty()
                    && items.iter().all(|i| matches!(i.value, Value::Table(_))) =>
            {
                for item in items {
                    sections.push(format!(
                        "[[{key}]]\n{}",
                        lines(item.entries().map_or(&[], Vec::as_slice))
                    ));
                }
            }
            _ => head.push_str(&format!("{key} = {}\n", inline(&entry.item))),
        }
    }
    let mut parts: Vec<String> = Vec::new();
    if !head.is_empty() {
        parts.push(head);
    }
    parts.extend(sections);
    parts.join("\n")
}

/// `key = value` lines of a section.
fn lines(fields: &[Entry]) -> String {
    fields.iter().fold(String::new(), |mut out, f| {
        out.push_str(&key(&f.key));
        out.push_str(" = ");
        out.push_str(&inline(&f.item));
        out.push('\n');
        out
    })
}

/// One value on one line.
pub fn inline(item: &Item) -> String {
    match &item.value {
        Value::String(s) => toml::Value::String(s.clone()).to_string(),
        Value::Integer(i) => i.to_string(),
        Value::Float(x) => toml::Value::Float(*x).to_string(),
        Value::Boolean(b) => b.to_string(),
        Value::Datetime(d) => d.clone(),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(inline).collect::<Vec<_>>().join(", ")
        ),
        Value::Table(entries) if entries.is_empty() => "{}".into(),
        Value::Table(entries) => {
            let fields: Vec<String> = entries
                .iter()
                .map(|e| format!("{} = {}", key(&e.key), inline(&e.item)))
                .collect();
            format!("{{ {} }}", fields.join(", "))
        }
    }
}

/// A key, quoted unless it is bare.
fn key(name: &str) -> String {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        name.to_string()
    } else {
        toml::Value::String(name.to_string()).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::super::tree::parse;
    use super::*;

    #[test]
    fn round_trips_through_the_parser() {
        let text = "[scenario]\nname = \"정부 \\\"quoted\\\"\"\nratio = 1.5\nn = 3\nflag = true\n\n[[site]]\nname = \"A\"\n\"odd key\" = { x = [1, 2.0, nan] }\n";
        let tree = parse(text).unwrap();
        let out = to_toml(&tree);
        let again = parse(&out).unwrap();
        assert_eq!(to_toml(&again), out);
        assert!(out.contains("\"odd key\" = { x = [1, 2.0, nan] }"), "{out}");
    }
}
