//! Path templates, parsed once: `/users/{id}/posts` becomes its segments, so that routing,
//! route comparison and the generated tests never take the template apart again.
//!
//! Real specs write more than whole-segment parameters: `/files/{name}.json`,
//! `/v1/{name}:cancel`, `/{a}-{b}`, and operations told apart by their query
//! (`/rest?method=flickr.photos.search`, `/current?city={city}`, or after a `#`, which
//! clients never send, as converters of AWS's APIs write `/{Bucket}#acl`). A template
//! keeps all of it: segments made of pieces, and conditions on the query string.

use std::collections::HashMap;

/// A path template of the spec, split into segments and query conditions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    pub segments: Vec<PathSegment>,
    /// What the query string must hold for a request to be this template's.
    pub conditions: Vec<QueryCondition>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    Literal(String),
    /// A whole segment that is a parameter: `{id}`.
    Parameter(String),
    /// A segment of text and parameters: `{name}.json`, `v{version}`, `{a}-{b}`.
    Pieces(Vec<Piece>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Parameter(String),
}

/// One `name`, `name=value` or `name={parameter}` of a template's query part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryCondition {
    pub name: String,
    pub value: ConditionValue,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConditionValue {
    /// The name alone: present with any value (`?acl`).
    Present,
    /// Exactly this value (`?method=flickr.photos.search`).
    Equals(String),
    /// Present, its value a parameter of the operation (`?city={city}`).
    Parameter(String),
}

impl PathTemplate {
    /// Parses `path`; a template no request can match (no leading `/`, unbalanced braces,
    /// an unnamed parameter) is refused with the reason.
    pub fn parse(path: &str) -> Result<Self, String> {
        let Some(rest) = path.strip_prefix('/') else {
            return Err(format!("path `{path}` does not start with `/`"));
        };
        let (path_part, query_part) = match rest.find(['?', '#']) {
            Some(at) => (&rest[..at], Some(&rest[at + 1..])),
            None => (rest, None),
        };
        let segments = path_part
            .split('/')
            .map(parse_segment)
            .collect::<Result<_, _>>()?;
        let conditions = query_part
            .map(parse_conditions)
            .transpose()?
            .unwrap_or_default();
        Ok(Self {
            segments,
            conditions,
        })
    }

    /// The names of the parameters the path part carries, in order.
    pub fn parameter_names(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().flat_map(|segment| {
            let names: Vec<&str> = match segment {
                PathSegment::Literal(_) => Vec::new(),
                PathSegment::Parameter(name) => vec![name],
                PathSegment::Pieces(pieces) => pieces
                    .iter()
                    .filter_map(|piece| match piece {
                        Piece::Parameter(name) => Some(name.as_str()),
                        Piece::Text(_) => None,
                    })
                    .collect(),
            };
            names
        })
    }

    /// The name the query part gives the parameter `parameter`, if it carries it.
    pub fn query_name_of(&self, parameter: &str) -> Option<&str> {
        self.conditions
            .iter()
            .find(|condition| condition.value == ConditionValue::Parameter(parameter.to_owned()))
            .map(|condition| condition.name.as_str())
    }

    /// The texts sharing a segment with the parameter `name` (`.json` beside `{name}`):
    /// a value holding one of them may be read back split otherwise.
    pub fn texts_beside(&self, name: &str) -> Vec<&str> {
        self.piece_segments()
            .filter(|pieces| pieces.contains(&Piece::Parameter(name.to_owned())))
            .flatten()
            .filter_map(|piece| match piece {
                Piece::Text(text) => Some(text.as_str()),
                Piece::Parameter(_) => None,
            })
            .collect()
    }

    /// What the query part requires of the query value `name`, if anything.
    pub fn condition_on(&self, name: &str) -> Option<&ConditionValue> {
        self.conditions
            .iter()
            .find(|condition| condition.name == name)
            .map(|condition| &condition.value)
    }

    /// Whether axum's router alone can tell this template's requests apart: whole-segment
    /// parameters and no query conditions.
    pub fn is_plain(&self) -> bool {
        self.conditions.is_empty() && self.piece_segments().next().is_none()
    }

    /// The template with its parameter names erased: two templates of the same shape
    /// match the same requests.
    pub fn shape(&self) -> String {
        let mut conditions: Vec<String> = self
            .conditions
            .iter()
            .map(|condition| match &condition.value {
                ConditionValue::Present => condition.name.clone(),
                ConditionValue::Equals(value) => format!("{}={value}", condition.name),
                ConditionValue::Parameter(_) => format!("{}={{}}", condition.name),
            })
            .collect();
        conditions.sort();
        let path = self.spell(|_| "{}".to_owned());
        if conditions.is_empty() {
            path
        } else {
            format!("{path}?{}", conditions.join("&"))
        }
    }

    /// The path part with each parameter replaced by `value(name)`.
    pub fn spell(&self, mut value: impl FnMut(&str) -> String) -> String {
        self.segments
            .iter()
            .map(|segment| match segment {
                PathSegment::Literal(text) => format!("/{text}"),
                PathSegment::Parameter(name) => format!("/{}", value(name)),
                PathSegment::Pieces(pieces) => {
                    let spelled: String = pieces
                        .iter()
                        .map(|piece| match piece {
                            Piece::Text(text) => text.clone(),
                            Piece::Parameter(name) => value(name),
                        })
                        .collect();
                    format!("/{spelled}")
                }
            })
            .collect()
    }

    /// The segments made of pieces (`{name}.json`): the only ones where a parameter
    /// shares its segment.
    fn piece_segments(&self) -> impl Iterator<Item = &[Piece]> {
        self.segments.iter().filter_map(|segment| match segment {
            PathSegment::Pieces(pieces) => Some(pieces.as_slice()),
            PathSegment::Literal(_) | PathSegment::Parameter(_) => None,
        })
    }

    /// The parameters written side by side in a segment (`{name}{extension}`): split as
    /// Starlette splits it, the second always reads a single character.
    pub fn side_by_side(&self) -> Vec<(&str, &str)> {
        self.piece_segments()
            .flat_map(|pieces| pieces.windows(2))
            .filter_map(|pair| match pair {
                [Piece::Parameter(first), Piece::Parameter(second)] => {
                    Some((first.as_str(), second.as_str()))
                }
                _ => None,
            })
            .collect()
    }

    /// Whether the path spelled with `values` (each path parameter's text) is read back
    /// with the same values. A segment of several parameters is split as Starlette splits
    /// it, and the generated router after it: each parameter takes the longest non-empty
    /// text that lets the rest match, so `{name}{extension}` spelled `page.json` is read
    /// back as `page.jso` and `n`.
    pub fn reads_back(&self, values: &HashMap<String, String>) -> bool {
        self.piece_segments().all(|pieces| {
            let spelled: String = pieces
                .iter()
                .map(|piece| match piece {
                    Piece::Text(text) => text.as_str(),
                    Piece::Parameter(name) => values.get(name).map_or("", String::as_str),
                })
                .collect();
            let mut read = Vec::new();
            split_pieces(pieces, &spelled, &mut read)
                && read
                    .iter()
                    .all(|(name, value)| values.get(*name).is_some_and(|sent| sent == value))
        })
    }
}

/// Splits `text` by `pieces`, each parameter the longest non-empty text that lets the
/// rest match, into `read`; `false` when it does not match at all.
fn split_pieces<'p, 't>(
    pieces: &'p [Piece],
    text: &'t str,
    read: &mut Vec<(&'p str, &'t str)>,
) -> bool {
    match pieces.split_first() {
        None => text.is_empty(),
        Some((Piece::Text(literal), rest)) => text
            .strip_prefix(literal.as_str())
            .is_some_and(|after| split_pieces(rest, after, read)),
        Some((Piece::Parameter(name), rest)) => {
            let ends: Vec<usize> = text
                .char_indices()
                .map(|(at, _)| at)
                .skip(1)
                .chain([text.len()])
                .filter(|&end| end > 0)
                .collect();
            ends.into_iter().rev().any(|end| {
                read.push((name.as_str(), &text[..end]));
                let matched = split_pieces(rest, &text[end..], read);
                if !matched {
                    read.pop();
                }
                matched
            })
        }
    }
}

fn parse_segment(segment: &str) -> Result<PathSegment, String> {
    if !segment.contains(['{', '}']) {
        return Ok(PathSegment::Literal(segment.to_owned()));
    }
    let pieces = parse_pieces(segment)?;
    Ok(match pieces.as_slice() {
        [Piece::Parameter(name)] => PathSegment::Parameter(name.clone()),
        _ => PathSegment::Pieces(pieces),
    })
}

/// `{name}.json` → a parameter, then the text `.json`.
fn parse_pieces(text: &str) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let Some(open) = rest.find(['{', '}']) else {
            pieces.push(Piece::Text(rest.to_owned()));
            break;
        };
        if rest[open..].starts_with('}') {
            return Err(format!("`{text}` closes a parameter it never opened"));
        }
        if open > 0 {
            pieces.push(Piece::Text(rest[..open].to_owned()));
        }
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(format!("`{text}` opens a parameter it never closes"));
        };
        let name = &after[..close];
        if name.is_empty() || name.contains('{') {
            return Err(format!("`{text}` has a parameter without a name"));
        }
        pieces.push(Piece::Parameter(name.to_owned()));
        rest = &after[close + 1..];
    }
    Ok(pieces)
}

/// `a=1&b={b}&flag` → three conditions.
fn parse_conditions(query: &str) -> Result<Vec<QueryCondition>, String> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = match pair.split_once('=') {
                Some((name, value)) => (name, Some(value)),
                None => (pair, None),
            };
            if name.contains(['{', '}']) {
                return Err(format!(
                    "the query name `{name}` of a path cannot be a parameter"
                ));
            }
            let value = match value {
                None => ConditionValue::Present,
                Some(value) if !value.contains(['{', '}']) => {
                    ConditionValue::Equals(value.to_owned())
                }
                Some(value) => match parse_pieces(value)?.as_slice() {
                    [Piece::Parameter(parameter)] => ConditionValue::Parameter(parameter.clone()),
                    _ => {
                        return Err(format!(
                            "the query value `{value}` of a path mixes a parameter with text"
                        ));
                    }
                },
            };
            Ok(QueryCondition {
                name: name.to_owned(),
                value,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_split_into_segments() {
        let template = PathTemplate::parse("/users/{id}/posts/{post}").expect("a template");
        assert_eq!(
            template.parameter_names().collect::<Vec<_>>(),
            ["id", "post"]
        );
        assert!(template.is_plain());
        assert_eq!(template.shape(), "/users/{}/posts/{}");
        assert_eq!(
            template.spell(|name| name.to_uppercase()),
            "/users/ID/posts/POST"
        );
        assert_eq!(
            PathTemplate::parse("/")
                .expect("the root")
                .spell(|_| String::new()),
            "/"
        );
    }

    #[test]
    fn segments_mixing_text_and_parameters_become_pieces() {
        let template = PathTemplate::parse("/v1/{name}:cancel/{a}-{b}.json").expect("a template");
        assert_eq!(
            template.segments[1],
            PathSegment::Pieces(vec![
                Piece::Parameter("name".to_owned()),
                Piece::Text(":cancel".to_owned()),
            ])
        );
        assert_eq!(
            template.parameter_names().collect::<Vec<_>>(),
            ["name", "a", "b"]
        );
        assert!(!template.is_plain());
        assert_eq!(template.texts_beside("a"), ["-", ".json"]);
        assert!(template.texts_beside("id").is_empty());
        assert_eq!(template.shape(), "/v1/{}:cancel/{}-{}.json");
        assert_eq!(
            template.spell(|name| name.to_owned()),
            "/v1/name:cancel/a-b.json"
        );
    }

    #[test]
    fn a_query_or_fragment_part_becomes_conditions() {
        let template = PathTemplate::parse("/current?lat={lat}&units=M&flag").expect("a template");
        assert_eq!(
            template.segments,
            [PathSegment::Literal("current".to_owned())]
        );
        assert_eq!(
            template.conditions,
            [
                QueryCondition {
                    name: "lat".to_owned(),
                    value: ConditionValue::Parameter("lat".to_owned())
                },
                QueryCondition {
                    name: "units".to_owned(),
                    value: ConditionValue::Equals("M".to_owned())
                },
                QueryCondition {
                    name: "flag".to_owned(),
                    value: ConditionValue::Present
                },
            ]
        );
        assert_eq!(template.query_name_of("lat"), Some("lat"));
        assert_eq!(template.shape(), "/current?flag&lat={}&units=M");
        let bucket = PathTemplate::parse("/{Bucket}#acl").expect("a template");
        assert_eq!(
            bucket.segments,
            [PathSegment::Parameter("Bucket".to_owned())]
        );
        assert_eq!(bucket.shape(), "/{}?acl");
    }

    #[test]
    fn templates_no_request_can_match_are_refused() {
        assert!(PathTemplate::parse("users").is_err());
        assert!(PathTemplate::parse("/files/{name.json").is_err());
        assert!(PathTemplate::parse("/files/name}.json").is_err());
        assert!(PathTemplate::parse("/files/{}").is_err());
        assert!(PathTemplate::parse("/search?{name}=1").is_err());
        assert!(PathTemplate::parse("/search?q=a{name}").is_err());
    }

    #[test]
    fn a_segment_of_parameters_is_read_back_as_starlette_splits_it() {
        let reads_back = |template: &str, values: &[(&str, &str)]| {
            let values = values
                .iter()
                .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
                .collect();
            PathTemplate::parse(template)
                .expect("a template")
                .reads_back(&values)
        };
        assert!(reads_back("/files/{name}.json", &[("name", "a.json")]));
        assert!(reads_back("/{a}-{b}", &[("a", "x-y"), ("b", "z")]));
        assert!(!reads_back("/{a}-{b}", &[("a", "x"), ("b", "y-z")]));
        assert!(!reads_back(
            "/blog/{page}{extension}",
            &[("page", "p"), ("extension", ".json")]
        ));
        assert!(reads_back(
            "/blog/{page}{extension}",
            &[("page", "p.jso"), ("extension", "n")]
        ));
        assert!(reads_back("/users/{id}", &[("id", "a-b")]));
        let template = PathTemplate::parse("/{a}{b}-{c}{d}/{e}.json").expect("a template");
        assert_eq!(template.side_by_side(), [("a", "b"), ("c", "d")]);
    }
}
