//! The `specforge` command: parses arguments, runs the library, reports, and exits with
//! the documented code (0 success, 1 a check failed, 2 unusable input or usage).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use specforge::diagnostics::SpecErrors;
use specforge::render::Settings;

/// Warnings `generate` prints before it only counts the rest.
const MAX_WARNINGS_SHOWN: usize = 20;

#[derive(Parser)]
#[command(
    name = "specforge",
    version,
    about = "Generate a ready-to-run axum service from an OpenAPI spec"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a Cargo workspace (api crate + service crate) from a spec
    Generate {
        /// The OpenAPI 3.0 document, YAML or JSON
        spec: PathBuf,
        /// The folder to write the workspace to
        #[arg(long)]
        out: PathBuf,
        /// The service crate's name (the api crate is `<name>-api`); default: the folder's name
        #[arg(long)]
        name: Option<String>,
    },
    /// Report every problem of a spec with its location; exit 1 if any is an error
    Validate {
        /// The OpenAPI 3.0 document, YAML or JSON
        spec: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Generate { spec, out, name } => generate(&spec, &out, name),
        Command::Validate { spec } => validate(&spec),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            match error.downcast_ref::<SpecErrors>() {
                Some(errors) => eprint!("{errors}"),
                None => eprintln!("error: {error:#}"),
            }
            ExitCode::from(2)
        }
    }
}

fn generate(spec: &Path, out: &Path, name: Option<String>) -> anyhow::Result<ExitCode> {
    let crate_name = match name {
        Some(name) => name,
        None => default_crate_name(out)?,
    };
    check_crate_name(&crate_name)?;
    let settings = Settings {
        spec_path: relative_path(spec, out)?,
        spec_file: spec.file_name().map_or_else(
            || spec.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        ),
        crate_name,
    };
    let generated = specforge::generate_files(spec, &settings)?;
    for warning in generated.warnings.iter().take(MAX_WARNINGS_SHOWN) {
        eprintln!("{}", warning.located(spec));
    }
    if let Some(hidden) = generated
        .warnings
        .len()
        .checked_sub(MAX_WARNINGS_SHOWN)
        .filter(|hidden| *hidden > 0)
    {
        eprintln!(
            "... and {}; `specforge validate {}` lists them all",
            count(hidden, "more warning"),
            spec.display()
        );
    }
    let report = specforge::write::write(out, &generated.files)?;
    println!(
        "generated {} in {}: {} created, {} updated, {} unchanged, {} of your files kept",
        settings.crate_name,
        out.display(),
        report.created.len(),
        report.updated.len(),
        report.unchanged.len(),
        report.kept.len()
    );
    println!(
        "  {} operations in {} handler traits",
        generated.api.operations.len(),
        generated.api.tags.len()
    );
    println!("  run it:  cd {} && cargo run", out.display());
    Ok(ExitCode::SUCCESS)
}

fn validate(spec: &Path) -> anyhow::Result<ExitCode> {
    let diagnostics = specforge::validate(spec)?;
    for diagnostic in &diagnostics {
        println!("{}", diagnostic.located(spec));
    }
    let errors = diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.is_error())
        .count();
    let warnings = diagnostics.len() - errors;
    println!(
        "{}: {}, {}",
        spec.display(),
        count(errors, "error"),
        count(warnings, "warning")
    );
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn count(number: usize, noun: &str) -> String {
    format!("{number} {noun}{}", if number == 1 { "" } else { "s" })
}

fn default_crate_name(out: &Path) -> anyhow::Result<String> {
    let absolute = std::path::absolute(out).context("cannot resolve the output folder")?;
    let folder = absolute
        .file_name()
        .context("the output folder has no name; pass --name")?;
    let name: String = folder
        .to_string_lossy()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    Ok(name.trim_matches('-').to_owned())
}

fn check_crate_name(name: &str) -> anyhow::Result<()> {
    let valid = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if valid {
        Ok(())
    } else {
        anyhow::bail!(
            "`{name}` cannot be a crate name: use lowercase letters, digits, `-` and `_`, starting with a letter (--name)"
        )
    }
}

/// The spec's path as seen from the output folder, so the project can be moved with it.
fn relative_path(spec: &Path, out: &Path) -> anyhow::Result<String> {
    let spec = std::path::absolute(spec).context("cannot resolve the spec's path")?;
    let out = std::path::absolute(out).context("cannot resolve the output folder")?;
    let common = spec
        .components()
        .zip(out.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut relative = PathBuf::new();
    for _ in out.components().skip(common) {
        relative.push("..");
    }
    for component in spec.components().skip(common) {
        relative.push(component);
    }
    Ok(relative.to_string_lossy().replace('\\', "/"))
}
