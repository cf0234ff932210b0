//! Words and numbers for people, shared by the exporters ([`crate::export`]) and the charts
//! ([`crate::chart`]) so that both say a key, a value and a probability the same way — and
//! neither reads the other's text.

pub mod answer;
pub mod format;
pub mod labels;
pub mod warnings;
