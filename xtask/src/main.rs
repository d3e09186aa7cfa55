//! allocscope's automation, in Rust so it runs wherever cargo does.
//!
//! - `cargo xtask serve`: set up what is missing, then serve the app.
//! - `cargo xtask test`: set up what is missing, then run every check.
//! - `cargo xtask dist`: the release build into `dist/`.
//! - `cargo xtask bench`: the benchmarks and the bundle-size budget.
//! - `cargo xtask pkg`: the npm package into `pkg/` (wasm-pack).
//! - `cargo xtask book`: the example mdBook book into `dist/book/`.
//! - `cargo xtask fuzz`: fuzz the parsers and the interpreter for a while.
//!
//! Setup is idempotent: each tool is asked its version first, and only a
//! missing or wrong one is installed.

mod budget;
mod scale;
mod steps;
mod supervise;
mod tools;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "allocscope's automation")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Install what is missing, then serve the app and print its address.
    Serve {
        /// Serve the optimised release build (what a classroom should get).
        #[arg(long)]
        release: bool,
        /// The address to listen on; 0.0.0.0 serves the whole LAN.
        #[arg(long, default_value = "127.0.0.1")]
        address: String,
        /// The port to listen on.
        #[arg(long, default_value_t = 8080)]
        port: u16,
    },
    /// Install what is missing, then run every check: format, lints, native
    /// tests, browser tests, release build, size budget, end-to-end tests.
    Test,
    /// Build the release bundle into dist/.
    Dist,
    /// Run the benchmarks, then check the bundle-size budget.
    Bench,
    /// Build the npm package (alloc-sim's JavaScript binding, by
    /// wasm-pack) into pkg/.
    Pkg,
    /// Build the release bundle and the example mdBook book (the first
    /// ten lessons with live players) into dist/book/.
    Book,
    /// Fuzz the scenario interpreter, allocator programs, traces, share
    /// links and progress texts; findings go to target/fuzz/crashes/.
    Fuzz {
        /// How long to fuzz.
        #[arg(long, default_value_t = 5)]
        minutes: u64,
        /// The seed of the mutations (the same seed, the same inputs).
        #[arg(long, default_value_t = 0)]
        seed: u64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.task {
        Task::Serve {
            release,
            address,
            port,
        } => steps::serve(release, &address, port),
        Task::Test => steps::test(),
        Task::Dist => steps::dist(),
        Task::Bench => steps::bench(),
        Task::Pkg => steps::pkg(),
        Task::Book => steps::book(),
        Task::Fuzz { minutes, seed } => steps::fuzz(minutes * 60, seed),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}
