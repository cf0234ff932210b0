//! gpuplan: when will allocated AI chips actually be online, what holds them back, and how many
//! PFLOPS does that make by which date?
//!
//! Data flows one way: a scenario file (and any file it `extends`) is read into raw structs
//! ([`input`]), validated into a [`model::Scenario`], simulated month by month ([`sim`]),
//! summarised and compared ([`analysis`]), then written out as files and tables ([`export`]) and
//! charts ([`chart`]). The command line ([`cli`]) only wires these together.

pub mod analysis;
pub mod catalog;
pub mod chart;
pub mod commands;
pub mod console;
pub mod encode;
pub mod error;
pub mod export;
pub mod input;
pub mod load;
pub mod model;
pub mod names;
pub mod numbers;
pub mod present;
pub mod sim;
pub mod uncertain;
pub mod units;
