//! The `caucasus-atlas` binary: the viewer, or a subcommand.

use caucasus_atlas::cli::{Cli, run};
use clap::Parser;

fn main() {
    let cli = Cli::parse();
    std::process::exit(run(&cli));
}
