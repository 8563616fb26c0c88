//! The `specforge` command: parses arguments, runs the library, reports, and exits with
//! the documented code (0 success, 1 a check failed, 2 unusable input or usage).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use specforge::config::{CONFIG_FILE, ProjectConfig};
use specforge::diagnostics::SpecErrors;
use specforge::summary::{OperationChange, operation_changes};
use specforge::workspace::{Database, InputRules, Settings};
use specforge::write::{Action, Plan};

/// Loading a large spec makes millions of small allocations (openapiv3 buffers every
/// object it reads); mimalloc serves them in about half the time of the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Generate a Cargo workspace (api crate + service crate) from a spec, or regenerate
    /// the project in --out (default: this folder) from its specforge.toml
    Generate {
        /// The OpenAPI 3.0 document, YAML or JSON; leave out to regenerate from specforge.toml
        spec: Option<PathBuf>,
        /// The folder of the workspace (default: this folder, when regenerating)
        #[arg(long)]
        out: Option<PathBuf>,
        /// The service crate's name (the api crate is `<name>-api`); default: the folder's name
        #[arg(long)]
        name: Option<String>,
        /// Write nothing; print a diff of what would change and exit 1 if anything would
        #[arg(long, conflicts_with = "dry_run")]
        check: bool,
        /// Write nothing; list what would be created, updated, deleted or left alone
        #[arg(long)]
        dry_run: bool,
        /// Overwrite generated files that were edited by hand
        #[arg(long)]
        force: bool,
        /// Handler methods get no 501 default: the compiler demands every one (kept in specforge.toml)
        #[arg(long)]
        strict: bool,
        /// Set the service up with a sqlx pool of this database, migrations and a /ready
        /// check (kept in specforge.toml; only shapes files written on the first run)
        #[arg(long, value_enum)]
        db: Option<Database>,
        /// How the service reads request values: `fastapi` (Pydantic's lax conversions) or
        /// `spec` (the spec's JSON Schema types only); kept in specforge.toml
        #[arg(long, value_enum)]
        input_rules: Option<InputRules>,
    },
    /// Report every problem of a spec with its location; exit 1 if any is an error
    Validate {
        /// The OpenAPI 3.0 document, YAML or JSON
        spec: PathBuf,
    },
    /// What changed between two versions of a spec, breaking changes first
    Diff {
        old: PathBuf,
        new: PathBuf,
        /// Exit 1 when a change is breaking
        #[arg(long)]
        fail_on_breaking: bool,
        /// `text` for people, `json` for machines
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// What `generate` does with its plan.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Write { force: bool },
    Check,
    DryRun,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Generate {
            spec,
            out,
            name,
            check,
            dry_run,
            force,
            strict,
            db,
            input_rules,
        } => {
            let mode = match (check, dry_run) {
                (true, _) => Mode::Check,
                (_, true) => Mode::DryRun,
                _ => Mode::Write { force },
            };
            let options = Options {
                strict,
                database: db,
                input_rules,
            };
            generate(spec, out, name, options, mode)
        }
        Command::Validate { spec } => validate(&spec),
        Command::Diff {
            old,
            new,
            fail_on_breaking,
            format,
        } => diff(&old, &new, fail_on_breaking, format),
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

/// The options of `generate` given on the command line; those not given come from the
/// project's `specforge.toml`.
struct Options {
    strict: bool,
    database: Option<Database>,
    input_rules: Option<InputRules>,
}

fn generate(
    spec: Option<PathBuf>,
    out: Option<PathBuf>,
    name: Option<String>,
    options: Options,
    mode: Mode,
) -> anyhow::Result<ExitCode> {
    let out = out.unwrap_or_else(|| PathBuf::from("."));
    let project = ProjectConfig::read(&out)?;
    let (spec, crate_name) = match (spec, &project) {
        (Some(spec), _) => {
            let crate_name =
                match name.or_else(|| project.as_ref().map(|project| project.name.clone())) {
                    Some(name) => name,
                    None => default_crate_name(&out)?,
                };
            (spec, crate_name)
        }
        (None, Some(project)) => (
            project.spec_path(&out),
            name.unwrap_or_else(|| project.name.clone()),
        ),
        (None, None) => anyhow::bail!(
            "{} has no {CONFIG_FILE}: give a spec to generate from (`specforge generate <SPEC> --out <DIR>`)",
            std::path::absolute(&out)
                .unwrap_or_else(|_| out.clone())
                .display()
        ),
    };
    check_crate_name(&crate_name)?;
    let recorded = project.as_ref();
    let settings = Settings {
        spec_path: relative_path(&spec, &out)?,
        spec_file: spec.file_name().map_or_else(
            || spec.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        ),
        crate_name,
        strict: options.strict || recorded.is_some_and(|project| project.strict),
        database: options
            .database
            .or_else(|| recorded.and_then(|project| project.db)),
        input_rules: options
            .input_rules
            .or_else(|| recorded.map(|project| project.input_rules))
            .unwrap_or_default(),
    };
    let generated = specforge::regenerate_files(&spec, &settings, &out)?;
    for warning in generated.warnings.iter().take(MAX_WARNINGS_SHOWN) {
        eprintln!("{}", warning.located(&spec));
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
    if let Mode::Write { .. } = mode {
        // A run killed mid-swap is repaired first, so the plan sees the real tree.
        specforge::write::recover(&out)?;
    }
    let plan = Plan::new(
        &out,
        generated.files,
        generated.operations,
        &generated.formatter,
    )?;
    match mode {
        Mode::DryRun => {
            print_plan(&plan);
            Ok(ExitCode::SUCCESS)
        }
        Mode::Check => Ok(check(&out, &plan)),
        Mode::Write { force } => {
            if !plan.conflicts.is_empty() && !force {
                eprintln!(
                    "error: these generated files are not what specforge last wrote, so nothing was written:"
                );
                for conflict in &plan.conflicts {
                    eprintln!("  {}: {}", conflict.path, conflict.reason);
                }
                eprintln!(
                    "Move your changes into service/ (yours), or run again with --force to overwrite them."
                );
                return Ok(ExitCode::from(2));
            }
            specforge::write::apply(&out, &plan)?;
            report(&out, &settings, &plan);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_plan(plan: &Plan) {
    for step in &plan.steps {
        let action = match &step.action {
            Action::Create => "create".to_owned(),
            Action::Update => "update".to_owned(),
            Action::Delete => "delete".to_owned(),
            Action::Unchanged => "unchanged".to_owned(),
            Action::Keep => "keep (yours)".to_owned(),
            Action::AppendModules(lines) => format!("append {}", lines.join(" ")),
        };
        println!("{action:>14}  {}", step.path);
    }
    for conflict in &plan.conflicts {
        println!(
            "{:>14}  {} ({})",
            "conflict", conflict.path, conflict.reason
        );
    }
}

/// Prints a unified diff of everything the run would change; exit 1 when anything would.
fn check(out: &Path, plan: &Plan) -> ExitCode {
    for step in &plan.steps {
        let old = std::fs::read_to_string(out.join(&step.path)).unwrap_or_default();
        let new = match &step.action {
            Action::Create | Action::Update => plan.files[&step.path].contents.clone(),
            Action::Delete => String::new(),
            Action::AppendModules(lines) => format!("{old}{}\n", lines.join("\n")),
            Action::Unchanged | Action::Keep => continue,
        };
        let diff = similar::TextDiff::from_lines(&old, &new);
        print!(
            "{}",
            diff.unified_diff()
                .context_radius(3)
                .header(&format!("a/{}", step.path), &format!("b/{}", step.path))
        );
    }
    if plan.is_current() {
        println!("up to date");
        ExitCode::SUCCESS
    } else {
        println!("stale: `specforge generate` would change the files above");
        ExitCode::from(1)
    }
}

fn report(out: &Path, settings: &Settings, plan: &Plan) {
    let created = plan.count(|action| *action == Action::Create);
    let updated = plan.count(|action| *action == Action::Update);
    let deleted = plan.count(|action| *action == Action::Delete);
    let unchanged = plan.count(|action| *action == Action::Unchanged);
    let kept = plan.count(|action| matches!(action, Action::Keep | Action::AppendModules(_)));
    println!(
        "generated {} in {}: {created} created, {updated} updated, {deleted} deleted, {unchanged} unchanged, {kept} of your files kept",
        settings.crate_name,
        out.display()
    );
    for step in &plan.steps {
        if let Action::AppendModules(lines) = &step.action {
            println!("  added `{}` to {}", lines.join(" "), step.path);
        }
    }
    let Some(previous) = &plan.previous else {
        println!(
            "  {} operations; run it: cd {} && cargo run",
            plan.manifest.operations.len(),
            out.display()
        );
        return;
    };
    let changes = operation_changes(&previous.operations, &plan.manifest.operations);
    if changes.is_empty() {
        println!("  no operation changed");
        return;
    }
    println!("what changed for you:");
    for change in &changes {
        println!("  {change}");
    }
    if changes
        .iter()
        .any(|change| matches!(change, OperationChange::Added(_)))
    {
        if settings.strict {
            println!("(strict: the service builds again once the new handlers are written)");
        } else {
            println!(
                "(new operations answer 501 Not Implemented until their handlers are written)"
            );
        }
    }
}

fn diff(
    old: &Path,
    new: &Path,
    fail_on_breaking: bool,
    format: Format,
) -> anyhow::Result<ExitCode> {
    let changes = specforge::diff_specs(old, new)?;
    let (breaking, other): (Vec<_>, Vec<_>) = changes.iter().partition(|change| change.breaking);
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({ "breaking": breaking, "non_breaking": other })
            )?
        ),
        Format::Text => {
            for (title, group) in [("breaking changes", &breaking), ("other changes", &other)] {
                if group.is_empty() {
                    continue;
                }
                println!("{title}:");
                for change in group {
                    let place = if change.place.is_empty() {
                        String::new()
                    } else {
                        format!(" {}:", change.place)
                    };
                    println!("  {}:{place} {}", change.operation, change.change);
                }
            }
            if changes.is_empty() {
                println!("no changes to the API");
            }
        }
    }
    Ok(if fail_on_breaking && !breaking.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
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
