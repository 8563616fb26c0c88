//! Path templates, parsed once: `/users/{id}/posts` becomes its segments, so that routing,
//! route comparison and the generated tests never take the template apart again.

/// A path template of the spec, split into segments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    pub segments: Vec<PathSegment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    Literal(String),
    /// A whole segment that is a parameter: `{id}`.
    Parameter(String),
}

impl PathTemplate {
    /// Parses `path`; a template the router cannot serve (no leading `/`, or a segment
    /// mixing a parameter with text) is refused with the reason.
    pub fn parse(path: &str) -> Result<Self, String> {
        let Some(rest) = path.strip_prefix('/') else {
            return Err(format!("path `{path}` does not start with `/`"));
        };
        let segments = rest
            .split('/')
            .map(|segment| {
                let name = segment
                    .strip_prefix('{')
                    .and_then(|inner| inner.strip_suffix('}'))
                    .filter(|name| !name.contains(['{', '}']));
                match name {
                    Some(name) => Ok(PathSegment::Parameter(name.to_owned())),
                    None if segment.contains(['{', '}']) => Err(format!(
                        "path segment `{segment}` mixes a parameter with other text, which is not routed yet"
                    )),
                    None => Ok(PathSegment::Literal(segment.to_owned())),
                }
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { segments })
    }

    /// The parameters' names, in order.
    pub fn parameter_names(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|segment| match segment {
            PathSegment::Parameter(name) => Some(name.as_str()),
            PathSegment::Literal(_) => None,
        })
    }

    /// The template with its parameter names erased: two templates of the same shape
    /// match the same requests.
    pub fn shape(&self) -> String {
        self.spell(|_| "{}".to_owned())
    }

    /// The path with each parameter's segment replaced by `value(name)`.
    pub fn spell(&self, mut value: impl FnMut(&str) -> String) -> String {
        self.segments
            .iter()
            .map(|segment| match segment {
                PathSegment::Literal(text) => format!("/{text}"),
                PathSegment::Parameter(name) => format!("/{}", value(name)),
            })
            .collect()
    }
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
    fn templates_the_router_cannot_serve_are_refused() {
        assert!(PathTemplate::parse("users").is_err());
        assert!(PathTemplate::parse("/files/{name}.json").is_err());
        assert!(PathTemplate::parse("/{a}{b}").is_err());
    }
}
