//! `gpuplan show`: the scenario as the simulator runs it, every `extends` merged, as TOML.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::input;
use crate::load::Checked;

/// Prints the merged scenario at `path` (after checking that it is valid) as the simulator
/// runs it: every uncertain value at its median, said so in a comment at the top.
pub fn run(path: &Path, stdout: &mut dyn Write) -> Result<()> {
    let loaded = input::load(path)?;
    let checked = Checked::from_loaded(&loaded)?;
    stdout.write_all(shown(loaded, &checked).as_bytes())?;
    Ok(())
}

/// The text `show` prints for a loaded scenario that `checked` validated.
pub fn shown(mut loaded: input::Loaded, checked: &Checked) -> String {
    let mut text = String::new();
    for (span, value) in checked.uncertainty.medians() {
        loaded.tree.replace(&span, &value);
    }
    // Every key that named a factor now holds its median: the factors have nothing left to do.
    if let input::tree::Value::Table(entries) = &mut loaded.tree.value {
        entries.retain(|e| e.key != "factor");
    }
    if let Some(note) = crate::present::labels::medians_note(checked.uncertainty.inputs.len()) {
        text.push_str(&format!("# {note}\n"));
    }
    text.push_str(&input::emit::to_toml(&loaded.tree));
    text
}
