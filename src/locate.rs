//! Where in the spec's text a diagnostic's JSON pointer lies, as `line:column`, so that
//! an editor can jump to it. The text is read once more, as events with their positions
//! (`yaml-rust2`, which reads JSON as the YAML it is), following only the keys that lead
//! to a pointer some diagnostic names. A pointer to a key the spec does not write (a
//! missing `required`) is placed at its deepest ancestor that is written.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::diagnostics::Diagnostic;

/// Gives every diagnostic of `text`'s own document that has no line yet the line and
/// column of its pointer.
pub fn locate(text: &str, diagnostics: &mut [Diagnostic]) {
    let mut trie = Trie::default();
    let wanted: Vec<Option<Vec<usize>>> = diagnostics
        .iter()
        .map(|diagnostic| {
            let segments = diagnostic
                .line_column
                .is_none()
                .then(|| pointer_segments(&diagnostic.pointer))
                .flatten()?;
            Some(trie.insert(&segments))
        })
        .collect();
    if wanted.iter().all(Option::is_none) {
        return;
    }
    let mut walk = Walk::new(&trie);
    if text.trim_start().starts_with('{') {
        walk_json(text, &mut walk);
    } else {
        // A text that does not read has no positions to give; its diagnostics keep their
        // pointer.
        let _ = Parser::new_from_str(text).load(&mut walk, false);
    }
    for (diagnostic, nodes) in diagnostics.iter_mut().zip(wanted) {
        let deepest = nodes
            .iter()
            .flatten()
            .rev()
            .find_map(|node| walk.positions.get(node));
        if let Some(&(line, column)) = deepest {
            diagnostic.line_column = Some((line, column));
        }
    }
}

/// The segments of a pointer into this document (`#/a/b~1c` → `a`, `b/c`); `None` for one
/// into another file.
fn pointer_segments(pointer: &str) -> Option<Vec<String>> {
    let rest = pointer.strip_prefix('#')?;
    Some(
        rest.split('/')
            .skip(1)
            .map(|segment| segment.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

/// The pointers wanted, as a tree of their segments; node 0 is the document.
#[derive(Default)]
struct Trie {
    children: Vec<HashMap<String, usize>>,
}

impl Trie {
    /// Adds `segments`, returning the node of each prefix, the document's first.
    fn insert(&mut self, segments: &[String]) -> Vec<usize> {
        if self.children.is_empty() {
            self.children.push(HashMap::new());
        }
        let mut path = vec![0];
        let mut node = 0;
        for segment in segments {
            node = match self.children[node].get(segment) {
                Some(&child) => child,
                None => {
                    let child = self.children.len();
                    self.children.push(HashMap::new());
                    self.children[node].insert(segment.clone(), child);
                    child
                }
            };
            path.push(node);
        }
        path
    }

    fn child(&self, node: Option<usize>, segment: &str) -> Option<usize> {
        self.children.get(node?)?.get(segment).copied()
    }
}

/// What a reader of the text meets, in order.
enum Step<'a> {
    /// A scalar: a mapping's key (its text) or a value.
    Scalar(&'a str),
    MappingStart,
    SequenceStart,
    End,
}

/// The reader's place: each open mapping or sequence, and the wanted node it is, if any.
struct Walk<'t> {
    trie: &'t Trie,
    frames: Vec<Frame>,
    /// Each wanted node reached, with its 1-based line and column.
    positions: HashMap<usize, (usize, usize)>,
}

enum Frame {
    /// A mapping; `value` is set, to the wanted node of its value, while the value is read.
    Mapping {
        node: Option<usize>,
        value: Option<Option<usize>>,
    },
    Sequence {
        node: Option<usize>,
        next: usize,
    },
}

impl Walk<'_> {
    fn new(trie: &Trie) -> Walk<'_> {
        Walk {
            trie,
            frames: Vec::new(),
            positions: HashMap::new(),
        }
    }

    /// Whether the key about to be read leads anywhere wanted (else it need not be decoded).
    fn key_matters(&self) -> bool {
        matches!(
            self.frames.last(),
            Some(Frame::Mapping {
                node: Some(_),
                value: None
            })
        )
    }

    fn record(&mut self, node: Option<usize>, at: (usize, usize)) {
        if let Some(node) = node {
            self.positions.entry(node).or_insert(at);
        }
    }

    fn step(&mut self, step: Step, at: (usize, usize)) {
        if let Step::End = step {
            self.frames.pop();
            return;
        }
        // A mapping is placed at its first key: a YAML block mapping's own mark is where
        // the parser saw its first `:`.
        let is_mapping = matches!(step, Step::MappingStart);
        let node = match self.frames.last_mut() {
            None => {
                let root = (!self.trie.children.is_empty()).then_some(0);
                if !is_mapping {
                    self.record(root, at);
                }
                root
            }
            Some(Frame::Sequence { node, next }) => {
                let child = self.trie.child(*node, &next.to_string());
                *next += 1;
                if !is_mapping {
                    self.record(child, at);
                }
                child
            }
            Some(Frame::Mapping { node, value }) => match value.take() {
                Some(child) => child,
                None => {
                    // A key, which is where an editor should land for its value.
                    let mapping = *node;
                    let child = match step {
                        Step::Scalar(key) => self.trie.child(mapping, key),
                        _ => None,
                    };
                    if let Some(Frame::Mapping { value, .. }) = self.frames.last_mut() {
                        *value = Some(child);
                    }
                    self.record(mapping, at);
                    self.record(child, at);
                    if is_mapping {
                        // A mapping used as a key: read past it as a nameless one.
                        self.frames.push(Frame::Mapping {
                            node: None,
                            value: None,
                        });
                    } else if matches!(step, Step::SequenceStart) {
                        self.frames.push(Frame::Sequence {
                            node: None,
                            next: 0,
                        });
                    }
                    return;
                }
            },
        };
        match step {
            Step::MappingStart => self.frames.push(Frame::Mapping { node, value: None }),
            Step::SequenceStart => self.frames.push(Frame::Sequence { node, next: 0 }),
            Step::Scalar(_) | Step::End => {}
        }
    }
}

impl MarkedEventReceiver for Walk<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let at = (mark.line(), mark.col() + 1);
        match &event {
            Event::Scalar(text, ..) => self.step(Step::Scalar(text), at),
            Event::Alias(_) => self.step(Step::Scalar(""), at),
            Event::MappingStart(..) => self.step(Step::MappingStart, at),
            Event::SequenceStart(..) => self.step(Step::SequenceStart, at),
            Event::MappingEnd | Event::SequenceEnd => self.step(Step::End, at),
            _ => {}
        }
    }
}

/// Reads JSON text as steps, decoding only the keys that lead somewhere wanted: a large
/// JSON spec is read here in a fraction of the time a YAML reader takes.
fn walk_json(text: &str, walk: &mut Walk) {
    let bytes = text.as_bytes();
    let mut place = Place::default();
    let mut at = 0;
    while at < bytes.len() {
        let here = place.advance_to(bytes, at);
        match bytes[at] {
            b'{' => walk.step(Step::MappingStart, here),
            b'[' => walk.step(Step::SequenceStart, here),
            b'}' | b']' => walk.step(Step::End, here),
            b'"' => {
                let end = string_end(bytes, at + 1);
                if walk.key_matters() {
                    let key = text
                        .get(at..=end)
                        .and_then(|quoted| serde_json::from_str::<String>(quoted).ok())
                        .unwrap_or_default();
                    walk.step(Step::Scalar(&key), here);
                } else {
                    walk.step(Step::Scalar(""), here);
                }
                at = end;
            }
            b',' | b':' | b' ' | b'\t' | b'\r' | b'\n' => {}
            _ => {
                walk.step(Step::Scalar(""), here);
                while at + 1 < bytes.len() && !matches!(bytes[at + 1], b',' | b'}' | b']') {
                    at += 1;
                }
            }
        }
        at += 1;
    }
}

/// A line and column, kept up to date as the reader moves forward.
struct Place {
    at: usize,
    line: usize,
    column: usize,
}

impl Default for Place {
    fn default() -> Self {
        Self {
            at: 0,
            line: 1,
            column: 1,
        }
    }
}

impl Place {
    /// The 1-based line and column (in characters) of byte `to`, at or after the last.
    fn advance_to(&mut self, bytes: &[u8], to: usize) -> (usize, usize) {
        for &byte in &bytes[self.at..to] {
            if byte == b'\n' {
                self.line += 1;
                self.column = 1;
            } else if byte & 0xC0 != 0x80 {
                self.column += 1;
            }
        }
        self.at = to;
        (self.line, self.column)
    }
}

/// The index of the quote that closes the string whose text starts at `from`.
fn string_end(bytes: &[u8], mut from: usize) -> usize {
    while from < bytes.len() {
        match bytes[from] {
            b'\\' => from += 2,
            b'"' => return from,
            _ => from += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn located(text: &str, pointers: &[&str]) -> Vec<Option<(usize, usize)>> {
        let mut diagnostics: Vec<Diagnostic> = pointers
            .iter()
            .map(|pointer| Diagnostic::warning(*pointer, "here"))
            .collect();
        locate(text, &mut diagnostics);
        diagnostics.iter().map(|d| d.line_column).collect()
    }

    #[test]
    fn yaml_pointers_land_on_their_keys() {
        let text = "openapi: 3.0.3\npaths:\n  /a/{b}:\n    get:\n      parameters:\n        - name: b\n          schema: {type: string, pattern: x}\n";
        assert_eq!(
            located(
                text,
                &[
                    "#/paths/~1a~1{b}/get",
                    "#/paths/~1a~1{b}/get/parameters/0/schema/pattern",
                    "#/paths/~1a~1{b}/get/parameters/0/required",
                    "",
                ]
            ),
            [Some((4, 5)), Some((7, 34)), Some((6, 11)), None]
        );
    }

    #[test]
    fn json_pointers_land_on_their_keys() {
        let text = "{\n  \"paths\": {\n    \"/a\": {\"get\": {\"responses\": {}}}\n  }\n}\n";
        assert_eq!(
            located(text, &["#/paths/~1a/get/responses", "#/info"]),
            [Some((3, 20)), Some((2, 3))]
        );
        let minified = r#"{"info":{"title":"Ünïcode \"t\""},"paths":{"/a~b":{"get":[1, 2.5e3, true, {"x":null}]}}}"#;
        assert_eq!(
            located(
                minified,
                &["#/paths/~1a~0b/get/3/x", "#/paths/~1a~0b/get/2"]
            ),
            [Some((1, 76)), Some((1, 69))]
        );
    }
}
