use std::io::Write;
use std::process::{Command, Stdio};

use super::item;

/// A fixed-seed generator (xorshift), so that a failure can be replayed.
pub struct Draws(pub u64);

impl Draws {
    pub fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound as u64) as usize
    }

    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// A snake_case name of `low` to `high` characters; it starts with a `q`, as no keyword
    /// does.
    pub fn name(&mut self, low: usize, high: usize) -> String {
        let length = self.between(low, high);
        (0..length)
            .map(|at| {
                if at == 0 {
                    'q'
                } else if at + 1 < length && self.below(6) == 0 {
                    '_'
                } else {
                    char::from(b'a' + self.below(26) as u8)
                }
            })
            .collect::<String>()
            .replace("__", "_a")
    }

    /// A CamelCase name of `low` to `high` characters, starting with a `Q`.
    pub fn camel(&mut self, low: usize, high: usize) -> String {
        let name = self.name(low, high);
        let mut camel = String::from("Q");
        camel.extend(name.chars().skip(1).filter(|c| *c != '_'));
        camel
    }

    pub fn pick<'a>(&mut self, choices: &[&'a str]) -> &'a str {
        choices[self.below(choices.len())]
    }
}

/// Asserts that `layout` lays out each of `rendered` as `rustfmt` does, or leaves it to
/// `rustfmt`, and lays out at least `percent` of them, so that the test holds something to
/// `rustfmt`'s layout.
pub fn assert_laid_out_as_rustfmt(
    rendered: &[String],
    layout: fn(&str) -> Option<String>,
    percent: usize,
) {
    let mut laid = 0;
    for (rendered, formatted) in rendered.iter().zip(rustfmt_items(rendered)) {
        if let Some(ours) = layout(rendered) {
            laid += 1;
            assert_eq!(
                ours.trim_end(),
                formatted,
                "laid out differently:\n{rendered}"
            );
        }
    }
    assert!(
        laid * 100 >= rendered.len() * percent,
        "only {laid} of {} laid out",
        rendered.len()
    );
}

const ITEM_MARK: &str = "// The next item.";

/// The items formatted by `rustfmt`, each without the blank lines after it.
fn rustfmt_items(items: &[String]) -> Vec<String> {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("rustfmt runs");
    let mut stdin = child.stdin.take().expect("rustfmt's input");
    // A comment on a line of its own between items marks where one ends: `rustfmt` keeps
    // it there, even after an item it could not format and left as written.
    let input = items.join(&format!("\n{ITEM_MARK}\n"));
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("rustfmt finishes");
    writer.join().expect("writer").expect("written");
    assert!(output.status.success(), "rustfmt refused the test's items");
    let formatted = String::from_utf8(output.stdout).expect("UTF-8");
    let split: Vec<String> = formatted
        .split(&format!("\n{ITEM_MARK}\n"))
        .map(|item| item.trim_matches('\n').to_owned())
        .collect();
    assert_eq!(split.len(), items.len(), "rustfmt joined or split items");
    split
}

#[test]
fn a_braced_macro_is_kept_as_written() {
    let invocation =
        "/// A user.\njson_struct! {\n    pub struct User {\n        pub id: i64,\n\n    }\n}\n";
    // The blank lines after an item are the join's to write.
    assert_eq!(
        item(&format!("{invocation}\n\n")).as_deref(),
        Some(invocation)
    );
    for respaced in [
        // `rustfmt` would respace the invocation, empty the braces, or format what follows.
        "json_struct!  {\n    pub struct User {}\n}\n",
        "json_struct! {\n}\n",
        "json_struct! {\n    pub struct User {} \n}\n",
        "json_struct! {\n    pub struct A {}\n}\nfn   f() {}\n",
        "    json_struct! {\n    pub struct A {}\n}\n",
    ] {
        assert_eq!(item(respaced), None, "{respaced}");
    }
}

#[test]
fn type_aliases_are_laid_out_as_rustfmt_lays_them_out() {
    let mut draws = Draws(0x7e9a_2026_1130);
    let rendered: Vec<String> = (0..2000)
        .map(|_| {
            let name = draws.camel(2, 110);
            let target = draws.camel(2, 110);
            let ty = match draws.below(4) {
                0 => format!("Vec<{target}>"),
                1 => format!("super::models::{target}"),
                _ => target,
            };
            let docs = draws.pick(&["", "/// The alias.\n"]);
            format!("{docs}pub type {name} = {ty};\n\n")
        })
        .collect();
    assert_laid_out_as_rustfmt(&rendered, item, 82);
}
