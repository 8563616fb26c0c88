//! Problems found in a spec, each with the place it was found.
//!
//! Two kinds are kept apart on purpose: a spec that is *invalid* must be fixed by its
//! author, while a construct specforge does not *support* yet is our limit, not theirs.

use std::fmt;
use std::path::{Path, PathBuf};

/// Whether a problem stops generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    /// An error of the spec that generation goes past, leaving out what it concerns:
    /// `validate` reports an error, `generate` a warning.
    Tolerated,
    Warning,
}

/// Who has to act on a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The document breaks the OpenAPI rules or cannot be read.
    Invalid,
    /// The document is fine, but specforge cannot generate code for this construct yet.
    Unsupported,
    /// Allowed, but probably not what the author meant (a bad example, an ignored keyword).
    Suspicious,
}

/// One problem, located by a JSON pointer into the document and, where the parser
/// knows it, a line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub kind: Kind,
    pub pointer: String,
    pub line_column: Option<(usize, usize)>,
    pub message: String,
}

impl Diagnostic {
    pub fn invalid(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, Kind::Invalid, pointer, message)
    }

    pub fn unsupported(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, Kind::Unsupported, pointer, message)
    }

    /// An error of the spec that does not stop generation (see [`Severity::Tolerated`]).
    pub fn tolerated(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Tolerated, Kind::Invalid, pointer, message)
    }

    pub fn warning(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, Kind::Suspicious, pointer, message)
    }

    fn new(
        severity: Severity,
        kind: Kind,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity,
            kind,
            pointer: pointer.into(),
            line_column: None,
            message: message.into(),
        }
    }

    pub fn at_line(mut self, line: usize, column: usize) -> Self {
        self.line_column = Some((line, column));
        self
    }

    /// Whether `validate` counts it as an error.
    pub fn is_error(&self) -> bool {
        self.severity != Severity::Warning
    }

    /// Whether it stops generation.
    pub fn stops_generation(&self) -> bool {
        self.severity == Severity::Error
    }

    /// As `generate` reports it: a tolerated error is a warning there.
    pub fn for_generation(mut self) -> Self {
        if self.severity == Severity::Tolerated {
            self.severity = Severity::Warning;
        }
        self
    }

    /// Renders the problem as `file:line:column: pointer: kind: message`.
    pub fn located(&self, file: &Path) -> String {
        let mut place = file.display().to_string();
        if let Some((line, column)) = self.line_column {
            place.push_str(&format!(":{line}:{column}"));
        }
        if !self.pointer.is_empty() {
            place.push_str(&format!(": {}", self.pointer));
        }
        let label = match (self.severity, self.kind) {
            (Severity::Warning, _) => "warning",
            (Severity::Tolerated, _) => "error",
            (Severity::Error, Kind::Unsupported) => "not supported yet",
            (Severity::Error, _) => "error",
        };
        format!("{place}: {label}: {}", self.message)
    }
}

/// The errors that made a spec unusable, with the file they came from.
#[derive(Debug)]
pub struct SpecErrors {
    pub file: PathBuf,
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for SpecErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors: Vec<&Diagnostic> = self
            .diagnostics
            .iter()
            .filter(|d| d.stops_generation())
            .collect();
        let count = errors.len();
        writeln!(
            f,
            "{} has {count} problem{} specforge cannot generate from:",
            self.file.display(),
            if count == 1 { "" } else { "s" }
        )?;
        for diagnostic in errors {
            writeln!(f, "  {}", diagnostic.located(&self.file))?;
        }
        Ok(())
    }
}

impl std::error::Error for SpecErrors {}

/// Escapes one JSON-pointer segment (RFC 6901): `~` → `~0`, `/` → `~1`.
pub fn escape_pointer_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Appends segments to a JSON pointer, escaping each.
pub fn pointer_join(base: &str, segments: &[&str]) -> String {
    let mut pointer = base.to_owned();
    for segment in segments {
        pointer.push('/');
        pointer.push_str(&escape_pointer_segment(segment));
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_segments_are_escaped() {
        assert_eq!(
            pointer_join("#/paths", &["/users/{id}", "get"]),
            "#/paths/~1users~1{id}/get"
        );
        assert_eq!(escape_pointer_segment("a~b"), "a~0b");
    }

    #[test]
    fn located_message_names_file_line_and_pointer() {
        let diagnostic = Diagnostic::invalid("#/paths", "bad").at_line(3, 7);
        assert_eq!(
            diagnostic.located(Path::new("api.yaml")),
            "api.yaml:3:7: #/paths: error: bad"
        );
    }
}
