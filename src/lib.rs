//! gpuplan: when will allocated AI chips actually be online, what holds them back, and how many
//! PFLOPS does that make by which date?
//!
//! Data flows one way, each stage using only the ones before it (checked by `tests/layers.rs`):
//! a scenario file (and any file it `extends`) is read by [`input`], whose [`input::format`]
//! declares every key once; [`uncertain`] turns ranges into inputs and their medians;
//! [`model`] validates the result into a [`model::Scenario`] — [`load`] runs these three
//! together; [`sim`] simulates it month by month; [`analysis`] summarises, relaxes, samples
//! and searches; [`present`] words and numbers for people; [`chart`] draws; [`export`] writes
//! tables, files and reports; [`commands`] are the commands. The binary's command line parses
//! the arguments and calls a command.
pub mod analysis;
pub mod catalog;
pub mod chart;
pub mod commands;
pub mod console;
pub mod encode;
pub mod error;
pub mod export;
pub mod input;
pub mod lang;
pub mod load;
pub mod model;
pub mod names;
pub mod numbers;
pub mod present;
pub mod sim;
pub mod uncertain;
pub mod units;
