//! `pattern`s as JSON Schema defines them: ECMA-262 regular expressions. The generated
//! service runs one with the `regex` crate where that crate compiles it — the engine of
//! Pydantic's validator, so its answers stay FastAPI's — and with `regress`, an engine of
//! the ECMA-262 dialect, where only that dialect has the syntax (look-around,
//! backreferences, `[^]`). The generator checks examples with the same choice.

/// A `pattern` and the engine that runs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub source: String,
    pub engine: PatternEngine,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternEngine {
    /// The `regex` crate.
    Rust,
    /// `regress`, for ECMA-262 syntax the `regex` crate lacks.
    Ecma,
}

/// A compiled pattern.
pub enum Compiled {
    Rust(regex::Regex),
    Ecma(regress::Regex),
}

impl Pattern {
    /// The pattern `source` with the engine that compiles it, or why neither does.
    pub fn new(source: &str) -> Result<Self, String> {
        Compiled::new(source).map(|compiled| Self {
            source: source.to_owned(),
            engine: match compiled {
                Compiled::Rust(_) => PatternEngine::Rust,
                Compiled::Ecma(_) => PatternEngine::Ecma,
            },
        })
    }

    /// Whether `text` holds a match (patterns are not anchored).
    pub fn is_match(&self, text: &str) -> bool {
        Compiled::new(&self.source).is_ok_and(|compiled| compiled.is_match(text))
    }
}

impl Compiled {
    fn new(source: &str) -> Result<Self, String> {
        if let Ok(regex) = regex::Regex::new(source) {
            return Ok(Self::Rust(regex));
        }
        regress::Regex::new(source)
            .map(Self::Ecma)
            .map_err(|error| error.to_string())
    }

    pub fn is_match(&self, text: &str) -> bool {
        match self {
            Self::Rust(regex) => regex.is_match(text),
            Self::Ecma(regex) => regex.find(text).is_some(),
        }
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
