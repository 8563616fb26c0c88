//! `pattern`s as JSON Schema defines them: ECMA-262 regular expressions. The generated
//! service runs one with the `regex` crate where that crate compiles it — the engine of
//! Pydantic's validator, so its answers stay FastAPI's — and with `regress`, an engine of
//! the ECMA-262 dialect, where only that dialect has the syntax (look-around,
//! backreferences, `[^]`). The generator checks examples with the same choice.

use std::sync::Arc;

/// A `pattern`, compiled once, and the engine that runs it.
#[derive(Clone)]
pub struct Pattern {
    pub source: String,
    pub engine: PatternEngine,
    compiled: Arc<Compiled>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternEngine {
    /// The `regex` crate.
    Rust,
    /// `regress`, for ECMA-262 syntax the `regex` crate lacks.
    Ecma,
}

enum Compiled {
    Rust(regex::Regex),
    Ecma(regress::Regex),
}

impl Pattern {
    /// The pattern `source` with the engine that compiles it, or why neither does.
    pub fn new(source: &str) -> Result<Self, String> {
        let compiled = match regex::Regex::new(source) {
            Ok(regex) => Compiled::Rust(regex),
            Err(_) => {
                Compiled::Ecma(regress::Regex::new(source).map_err(|error| error.to_string())?)
            }
        };
        Ok(Self {
            source: source.to_owned(),
            engine: match compiled {
                Compiled::Rust(_) => PatternEngine::Rust,
                Compiled::Ecma(_) => PatternEngine::Ecma,
            },
            compiled: Arc::new(compiled),
        })
    }

    /// Whether `text` holds a match (patterns are not anchored).
    pub fn is_match(&self, text: &str) -> bool {
        match self.compiled.as_ref() {
            Compiled::Rust(regex) => regex.is_match(text),
            Compiled::Ecma(regex) => regex.find(text).is_some(),
        }
    }
}

/// Two patterns are the same when their sources are: the engine follows from the source.
impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for Pattern {}

impl std::hash::Hash for Pattern {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.source.hash(state);
    }
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pattern")
            .field("source", &self.source)
            .field("engine", &self.engine)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_regex_crate_runs_what_it_compiles_and_regress_the_rest() {
        let plain = Pattern::new("^[a-z]+$").expect("a pattern");
        assert_eq!(plain.engine, PatternEngine::Rust);
        let look_ahead = Pattern::new("^(?!admin).*$").expect("a pattern");
        assert_eq!(look_ahead.engine, PatternEngine::Ecma);
        assert!(look_ahead.is_match("user"));
        assert!(!look_ahead.is_match("admin1"));
        let backreference = Pattern::new(r"^(\w)\1$").expect("a pattern");
        assert!(backreference.is_match("aa") && !backreference.is_match("ab"));
        assert!(Pattern::new("^[a-z").is_err());
        assert!(Pattern::new("(?<name").is_err());
    }
}
