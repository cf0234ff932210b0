//! Command-line definitions and dispatch: clap parses the arguments, and each command's own
//! file in [`gpuplan::commands`] does the work.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::error::ErrorKind;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use gpuplan::units::YearMonth;

use gpuplan::chart;
use gpuplan::commands;

/// When will allocated AI chips actually be online, and what holds them back?
#[derive(Debug, Parser)]
#[command(name = "gpuplan", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of what gpuplan prints (terminal, charts, report, workbook): en or ko.
    #[arg(long, global = true, env = "GPUPLAN_LANG", value_enum, default_value_t = Lang::En)]
    lang: Lang,
}

/// The languages of `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Lang {
    /// English.
    En,
    /// Korean (한국어).
    Ko,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Simulate a scenario: write its files, print the summary, why late and what would help.
    Run {
        /// Scenario file (TOML).
        scenario: PathBuf,
        /// Output folder [default: out/<scenario file stem>/].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Also draw every chart (PNG and SVG) into the output folder.
        #[arg(long)]
        charts: bool,
        /// Also write gpuplan.xlsx: every CSV file as a sheet of one workbook.
        #[arg(long)]
        xlsx: bool,
    },
    /// Draw the charts of a scenario (chips online, PFLOPS, power, waiting, sites).
    Chart {
        /// Scenario file (TOML).
        scenario: PathBuf,
        /// Output folder [default: out/<scenario file stem>/].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Which files to write.
        #[arg(long, value_enum, default_value_t = Format::Both)]
        format: Format,
    },
    /// Run several scenarios and compare them side by side, the first as the baseline.
    Compare {
        /// Scenario files (TOML), the baseline first.
        #[arg(required = true, num_args = 2..)]
        scenarios: Vec<PathBuf>,
        /// Output folder for compare.csv and the overlay charts
        /// [default: out/compare-<stem>+<stem>…/, named after the scenarios].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Also overlay this recipient's chips online (`compare_recipient.png/.svg`).
        #[arg(long, value_name = "NAME")]
        recipient: Option<String>,
        /// Also run each case's Monte Carlo over N samples: each target's chance of being met
        /// (P(met)) beside the single runs, in the table and compare.csv.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
        samples: Option<u64>,
        /// Seed of the samples (with --samples).
        #[arg(long, default_value_t = 1, requires = "samples")]
        seed: u64,
        /// Threads to sample on (with --samples) [default: the machine's cores].
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=1024), requires = "samples")]
        threads: Option<u64>,
    },
    /// Monte Carlo over the uncertain inputs: the probability of meeting each target, and when.
    Mc {
        /// Scenario file (TOML).
        scenario: PathBuf,
        #[command(flatten)]
        sampling: Sampling,
        /// Output folder [default: out/<scenario file stem>-mc/].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Also draw the fan charts and the probability-by-month chart (PNG and SVG).
        #[arg(long)]
        charts: bool,
        /// Also write every sample's inputs and target outcomes to samples.csv.
        #[arg(long)]
        samples_csv: bool,
        /// Also write gpuplan.xlsx: every CSV file as a sheet of one workbook.
        #[arg(long)]
        xlsx: bool,
        /// Also give, per recipient, the probability that all its chips are online by this
        /// month (YYYY-MM; may be given more than once).
        #[arg(long, value_name = "YYYY-MM", value_parser = month)]
        by: Vec<YearMonth>,
    },
    /// Find the value of one key that makes a target met (or met with a probability).
    Seek {
        /// Scenario file (TOML).
        scenario: PathBuf,
        /// The target, by name.
        #[arg(long, value_name = "NAME")]
        target: String,
        /// The key to vary, by its path, e.g. 'region "Capital area".grid[1].mw'.
        #[arg(long, value_name = "PATH")]
        vary: String,
        /// One end of the range searched [default: from the key's current value, see docs/methods.md].
        #[arg(long, value_name = "VALUE", allow_hyphen_values = true)]
        from: Option<String>,
        /// The other end of the range searched.
        #[arg(long, value_name = "VALUE", allow_hyphen_values = true)]
        to: Option<String>,
        /// Seek the value that meets the target with at least this probability (0 to 1), over
        /// samples of the uncertain inputs.
        #[arg(long, value_name = "P", value_parser = probability)]
        probability: Option<f64>,
        /// With --probability: samples per trial, seed and threads.
        #[command(flatten)]
        sampling: Sampling,
        /// Output folder [default: out/<scenario file stem>-seek/].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Run the scenario over a grid of values of one or two keys.
    Sweep {
        /// Scenario file (TOML).
        scenario: PathBuf,
        /// A key and its values: PATH=FROM..TO or PATH=FROM..TO:STEPS (default 11 steps);
        /// give it twice for a two-key grid.
        #[arg(long, value_name = "PATH=FROM..TO[:STEPS]", required = true, num_args = 1, action = clap::ArgAction::Append, allow_hyphen_values = true)]
        vary: Vec<String>,
        /// The target of the two-key heat map [default: the first].
        #[arg(long, value_name = "NAME")]
        target: Option<String>,
        /// Run each point over this many samples of the uncertain inputs (common random
        /// numbers) and report P(met) [default: one run of the mid-value case].
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
        samples: Option<u64>,
        /// Seed of every random stream, the same at every point.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// With --samples: ignore the scenario's [[observed]] entries.
        #[arg(long)]
        prior: bool,
        /// Threads to run on [default: the machine's cores]. Results do not depend on it.
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=1024))]
        threads: Option<u64>,
        /// Output folder [default: out/<scenario file stem>-sweep/].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Each uncertain input at its P10 and P90, the rest at their medians: which moves each
    /// target most.
    Tornado {
        /// Scenario file (TOML).
        scenario: PathBuf,
        /// Only this target (repeat for several) [default: every target].
        #[arg(long, value_name = "NAME", action = clap::ArgAction::Append)]
        target: Vec<String>,
        /// Output folder [default: out/<scenario file stem>-tornado/].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Print the scenario as the simulator runs it: every `extends` merged, as TOML.
    Show {
        /// Scenario file (TOML).
        scenario: PathBuf,
    },
    /// Print what differs between two scenarios (after merging each one's `extends`), key by key.
    Diff {
        /// The scenario to compare from.
        a: PathBuf,
        /// The scenario to compare to.
        b: PathBuf,
    },
    /// Validate a scenario without running it.
    Check {
        /// Scenario file (TOML).
        scenario: PathBuf,
    },
    /// List the built-in chip catalog with its sources.
    Chips,
    /// List the reference classes of project slips, or one class's cases with every field.
    Refclass {
        /// A class to list the cases of.
        name: Option<String>,
    },
    /// Score the reference classes on their own cases: each forecast from the others.
    Backtest {
        /// One class to score [default: every class].
        class: Option<String>,
        /// Output directory [default: out/backtest].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Write one self-contained HTML report: summary, why late, charts, Monte Carlo, inputs.
    Report {
        /// Scenario file (TOML).
        scenario: PathBuf,
        #[command(flatten)]
        sampling: Sampling,
        /// The report file [default: out/<scenario file stem>/report.html, with the run's files].
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Serve the report on this machine (127.0.0.1) and draw it again whenever the scenario or
    /// a file it extends is saved; the open page reloads itself.
    Watch {
        /// Scenario file (TOML).
        scenario: PathBuf,
        /// The port [0: any free one].
        #[arg(long, default_value_t = 8787)]
        port: u16,
        #[command(flatten)]
        sampling: Sampling,
    },
    /// Print the JSON Schema of the scenario file, for TOML editors (also scenarios/gpuplan.schema.json).
    Schema,
    /// Write a commented template scenario that runs as it is (never over an existing file).
    New {
        /// The file to create.
        file: PathBuf,
    },
    /// Print shell completions: `gpuplan completions bash > ~/.local/share/bash-completion/completions/gpuplan`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// How Monte Carlo samples (`mc`, and `seek --probability` per trial).
#[derive(Debug, clap::Args)]
struct Sampling {
    /// Samples to draw (1 to 10,000,000).
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    samples: u64,
    /// Seed of every random stream (the same in every trial of a seek).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Threads to run on [default: the machine's cores]. Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=1024))]
    threads: Option<u64>,
    /// Ignore the scenario's [[observed]] entries: keep every sample.
    #[arg(long)]
    prior: bool,
}

/// Parses the command line and runs the command, writing to `stdout`.
pub fn run(stdout: &mut dyn Write) -> Result<()> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version go to stdout, where a failed write must count (clap ignores it).
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            return Ok(write!(stdout, "{}", e.render())?);
        }
        Err(e) => e.exit(),
    };
    gpuplan::lang::set(match cli.lang {
        Lang::En => gpuplan::lang::Lang::En,
        Lang::Ko => gpuplan::lang::Lang::Ko,
    });
    match cli.command {
        Command::Run {
            scenario,
            out,
            charts,
            xlsx,
        } => commands::run::run(&scenario, out.as_deref(), charts, xlsx, stdout),
        Command::Chart {
            scenario,
            out,
            format,
        } => commands::chart::run(&scenario, out.as_deref(), format.into(), stdout),
        Command::Compare {
            scenarios,
            out,
            recipient,
            samples,
            seed,
            threads,
        } => {
            let args = commands::compare::Args {
                out,
                recipient,
                sampling: samples.map(|samples| options(samples, seed, threads, false)),
            };
            commands::compare::run(&scenarios, &args, stdout)
        }
        command @ (Command::Mc { .. }
        | Command::Seek { .. }
        | Command::Sweep { .. }
        | Command::Report { .. }) => sampled(command, stdout),
        Command::Tornado {
            scenario,
            target,
            out,
        } => commands::tornado::run(&scenario, &target, out, stdout),
        Command::Show { scenario } => commands::show::run(&scenario, stdout),
        Command::Watch {
            scenario,
            port,
            sampling,
        } => commands::watch::run(&scenario, port, sampling.options(), stdout),
        Command::Diff { a, b } => commands::diff::run(&a, &b, stdout),
        Command::Check { scenario } => commands::check::run(&scenario, stdout),
        Command::Chips => commands::chips::run(stdout),
        Command::Refclass { name } => commands::refclass::run(name.as_deref(), stdout),
        Command::Backtest { class, out } => commands::backtest::run(class.as_deref(), out, stdout),
        Command::Schema => commands::schema::run(stdout),
        Command::New { file } => commands::new::run(&file, stdout),
        Command::Completions { shell } => {
            // Rendered in memory: clap_complete panics on a failed write.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "gpuplan", &mut script);
            Ok(stdout.write_all(&script)?)
        }
    }
}

/// Runs a command that samples the uncertain inputs (or may): `mc`, `seek`, `sweep`, `report`.
fn sampled(command: Command, stdout: &mut dyn Write) -> Result<()> {
    match command {
        Command::Mc {
            scenario,
            sampling,
            out,
            charts,
            samples_csv,
            xlsx,
            by,
        } => {
            let args = commands::mc::Args {
                options: sampling.options(),
                out,
                charts,
                samples_csv,
                xlsx,
                by,
            };
            commands::mc::run(&scenario, &args, stdout)
        }
        Command::Seek {
            scenario,
            target,
            vary,
            from,
            to,
            probability,
            sampling,
            out,
        } => {
            let args = commands::seek::Args {
                target,
                vary,
                from,
                to,
                probability,
                options: sampling.options(),
                out,
            };
            commands::seek::run(&scenario, &args, stdout)
        }
        Command::Sweep {
            scenario,
            vary,
            target,
            samples,
            seed,
            prior,
            threads,
            out,
        } => {
            if vary.len() > 2 {
                // A usage error, reported (and exited with 2) as clap reports its own.
                Cli::command()
                    .error(
                        clap::error::ErrorKind::TooManyValues,
                        "--vary can be given at most twice",
                    )
                    .exit();
            }
            let args = commands::sweep::Args {
                vary,
                target,
                options: samples.map(|n| options(n, seed, threads, prior)),
                out,
            };
            commands::sweep::run(&scenario, &args, stdout)
        }
        Command::Report {
            scenario,
            sampling,
            out,
        } => {
            let args = commands::report::Args {
                options: sampling.options(),
                out,
            };
            commands::report::run(&scenario, &args, stdout)
        }
        _ => unreachable!("only commands that sample come here"),
    }
}

impl Sampling {
    fn options(&self) -> gpuplan::analysis::mc::Options {
        options(self.samples, self.seed, self.threads, self.prior)
    }
}

/// Monte Carlo options; threads default to the machine's cores.
fn options(
    samples: u64,
    seed: u64,
    threads: Option<u64>,
    prior: bool,
) -> gpuplan::analysis::mc::Options {
    gpuplan::analysis::mc::Options {
        samples,
        seed,
        prior,
        threads: threads.map_or_else(
            || std::thread::available_parallelism().map_or(1, usize::from),
            |n| n as usize,
        ),
    }
}

/// A month, "YYYY-MM".
fn month(text: &str) -> Result<YearMonth, String> {
    YearMonth::parse(text)
        .ok_or_else(|| format!("`{text}` is not a month: write YYYY-MM, like 2030-12"))
}

/// A probability: a number above 0 and at most 1.
fn probability(text: &str) -> Result<f64, String> {
    let p: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    if p > 0.0 && p <= 1.0 {
        Ok(p)
    } else {
        Err(format!("{text} is not a probability above 0 and at most 1"))
    }
}

/// `--format` of `gpuplan chart`: which image files to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// PNG only.
    Png,
    /// SVG only.
    Svg,
    /// Both PNG and SVG.
    Both,
}

impl From<Format> for chart::Format {
    fn from(format: Format) -> Self {
        match format {
            Format::Png => chart::Format::Png,
            Format::Svg => chart::Format::Svg,
            Format::Both => chart::Format::Both,
        }
    }
}
