//! The `caucasus-atlas` binary: the viewer, or a subcommand.

use caucasus_atlas::cli::{Cli, run_command};
use clap::Parser;

fn main() {
    let cli = Cli::parse();
    let code = match &cli.command {
        Some(command) => run_command(&cli, command),
        None => caucasus_atlas::app::run_viewer(&cli),
    };
    std::process::exit(code);
}
