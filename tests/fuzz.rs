//! Mutation fuzzing of the whole pipeline (load → IR → names → render, without
//! `rustfmt`): the specs of `specs/` and `tests/cases/`, mutated at random — values
//! replaced, keys removed, `$ref`s to anywhere (cycles included), schema keywords of every
//! kind and wrong types, odd path templates, colliding names — and their text corrupted,
//! each read as JSON or YAML. No case may panic, overflow the stack (which aborts this
//! test) or run past `CASE_LIMIT`.
//!
//! Runs for `FUZZ_SECONDS` (default 10); `FUZZ_SEED` picks the first seed. A failing case
//! is written to `target/fuzz-failures/` with its seed, to be run again with that seed.

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};
use specforge::workspace::Settings;

/// The longest one case may take (a debug build; the largest seed takes well under 1 s).
const CASE_LIMIT: Duration = Duration::from_secs(20);
/// The main thread's stack, as the command line gets it.
const STACK: usize = 8 * 1024 * 1024;

#[test]
fn mutated_specs_never_crash_or_hang_the_generator() {
    let seconds = env_number("FUZZ_SECONDS", 10);
    let first_seed = env_number("FUZZ_SEED", 20_261_129);
    let bases = seed_specs();
    assert!(bases.len() >= 10, "the seeds are readable");
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut cases = 0;
    let mut reached = [0; 3];
    while Instant::now() < deadline {
        let seed = first_seed + cases;
        let text = mutated_text(&bases, seed);
        reached[run_case(seed, text) as usize] += 1;
        cases += 1;
    }
    eprintln!(
        "fuzz: {cases} cases from seed {first_seed}, none crashed or hung: {} not read, {} refused, {} rendered",
        reached[0], reached[1], reached[2]
    );
    assert!(reached[2] > 0, "some cases reach the render stage");
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// How far a case went.
#[derive(Clone, Copy)]
enum Reached {
    NotRead,
    Refused,
    Rendered,
}

/// Runs the pipeline on `text` on a thread of its own, failing the test if it panics or
/// outlives `CASE_LIMIT`.
fn run_case(seed: u64, text: String) -> Reached {
    let (sender, receiver) = mpsc::channel();
    let input = text.clone();
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || {
            let outcome = std::panic::catch_unwind(|| pipeline(&input));
            let _ = sender.send(outcome.ok());
        })
        .expect("a thread for the case");
    let verdict = match receiver.recv_timeout(CASE_LIMIT) {
        Ok(Some(reached)) => return reached,
        Ok(None) => "panicked",
        Err(_) => "ran past the time limit",
    };
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
    let _ = std::fs::create_dir_all(&folder);
    let file = folder.join(format!("seed-{seed}.txt"));
    let _ = std::fs::write(&file, &text);
    panic!(
        "the case of seed {seed} {verdict}: rerun with FUZZ_SEED={seed}; its spec is in {}",
        file.display()
    );
}

/// Load, IR, names and render; errors of the spec are fine, crashes are not.
fn pipeline(text: &str) -> Reached {
    let Ok(spec) = specforge::load::parse(Path::new("fuzzed.yaml"), text) else {
        return Reached::NotRead;
    };
    let (mut api, mut diagnostics) = specforge::ir::build(&spec);
    specforge::locate::locate(text, &mut diagnostics);
    if diagnostics
        .iter()
        .any(|diagnostic| diagnostic.stops_generation())
    {
        return Reached::Refused;
    }
    specforge::names::assign(&mut api);
    let settings = Settings {
        crate_name: "fuzzed".to_owned(),
        spec_path: "fuzzed.yaml".to_owned(),
        spec_file: "fuzzed.yaml".to_owned(),
        strict: false,
        database: None,
        input_rules: Default::default(),
    };
    let _ = specforge::render::render_unformatted(&api, spec.raw, &settings);
    Reached::Rendered
}

/// The specs that read: the mutations, not the seeds, are what breaks them.
fn seed_specs() -> Vec<Value> {
    let mut files: Vec<_> = std::fs::read_dir("specs")
        .expect("specs/")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    files.extend(
        std::fs::read_dir("tests/cases")
            .expect("tests/cases/")
            .filter_map(|entry| entry.ok().map(|entry| entry.path().join("spec.yaml"))),
    );
    files.sort();
    files
        .iter()
        .filter_map(|file| std::fs::read_to_string(file).ok())
        .filter(|text| specforge::load::parse(Path::new("seed.yaml"), text).is_ok())
        .filter_map(|text| serde_yaml::from_str::<Value>(&text).ok())
        .collect()
}

/// SplitMix64: a few lines of a well-known generator keep the cases reproducible from
/// their seed without a dependency.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut mixed = self.0;
        mixed = (mixed ^ (mixed >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        mixed = (mixed ^ (mixed >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        mixed ^ (mixed >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn mutated_text(bases: &[Value], seed: u64) -> String {
    let mut random = Random(seed);
    let mut spec = random.pick(bases).clone();
    for _ in 0..1 + random.below(8) {
        mutate(&mut spec, &mut random);
    }
    let mut text = if random.below(2) == 0 {
        serde_json::to_string_pretty(&spec).unwrap_or_default()
    } else {
        serde_yaml::to_string(&spec).unwrap_or_default()
    };
    if random.below(10) == 0 {
        corrupt(&mut text, &mut random);
    }
    text
}

/// Deletes, repeats or replaces a few bytes of the text.
fn corrupt(text: &mut String, random: &mut Random) {
    let mut bytes = std::mem::take(text).into_bytes();
    for _ in 0..1 + random.below(4) {
        if bytes.is_empty() {
            break;
        }
        let at = random.below(bytes.len());
        match random.below(3) {
            0 => {
                bytes.remove(at);
            }
            1 => bytes.insert(at, bytes[at]),
            _ => bytes[at] = *random.pick(b"{}[]:,\"'-#&*!|>\n \t\\"),
        }
    }
    *text = String::from_utf8_lossy(&bytes).into_owned();
}

/// Every node's JSON pointer.
fn pointers(value: &Value, here: String, into: &mut Vec<String>) {
    let escape = |key: &str| key.replace('~', "~0").replace('/', "~1");
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                pointers(child, format!("{here}/{}", escape(key)), into);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                pointers(child, format!("{here}/{index}"), into);
            }
        }
        _ => {}
    }
    into.push(here);
}

/// One mutation. Most go where schemas are, so that most cases still read as OpenAPI and
/// reach the later stages.
fn mutate(spec: &mut Value, random: &mut Random) {
    let mut all = Vec::new();
    pointers(spec, String::new(), &mut all);
    let schemas: Vec<String> = all
        .iter()
        .filter(|pointer| {
            pointer.contains("/schemas/")
                || pointer.ends_with("/schema")
                || pointer.contains("/schema/")
        })
        .filter(|pointer| spec.pointer(pointer).is_some_and(Value::is_object))
        .cloned()
        .collect();
    let elsewhere = random.pick(&all).clone();
    let roll = random.below(20);
    if roll < 4 {
        add_path(spec, random);
        return;
    }
    let target = if roll < 15 && !schemas.is_empty() {
        random.pick(&schemas).clone()
    } else {
        random.pick(&all).clone()
    };
    let copied = spec.pointer(&elsewhere).cloned().unwrap_or(Value::Null);
    let Some(node) = spec.pointer_mut(&target) else {
        return;
    };
    match roll {
        4..=9 => {
            if let Value::Object(map) = node {
                let (key, value) = schema_keyword(random, &elsewhere);
                map.insert(key.to_owned(), value);
            }
        }
        10..=13 => *node = json!({ "$ref": format!("#{elsewhere}") }),
        14 => *node = copied,
        15..=17 => {
            if let Value::Object(map) = node
                && !map.is_empty()
            {
                let key = map.keys().nth(random.below(map.len())).cloned();
                if let Some(key) = key {
                    map.remove(&key);
                }
            }
        }
        _ => *node = random_value(random, 2),
    }
}

fn schema_keyword(random: &mut Random, elsewhere: &str) -> (&'static str, Value) {
    let reference = json!({ "$ref": format!("#{elsewhere}") });
    let keywords = [
        ("type", random_type(random)),
        ("allOf", json!([reference.clone(), {"type": "object"}])),
        ("anyOf", json!([reference.clone(), {"type": "string"}])),
        ("oneOf", json!([reference.clone(), reference.clone()])),
        ("nullable", json!(true)),
        ("enum", json!([1, "a", null, true, {"x": 1}])),
        (
            "pattern",
            json!(random.pick(&["(?<=a)b", "[", "^\\p{L}+$", "(a)\\1", "a{99999}"])),
        ),
        ("minimum", json!(10)),
        ("maxLength", json!(3)),
        ("maxLength", json!(2_147_483_647_u64)),
        ("minLength", json!(1_000_000_000_u64)),
        ("minItems", json!(1_000_000_000_u64)),
        ("maxItems", json!(4_294_967_295_u64)),
        ("minProperties", json!(1_000_000_000_u64)),
        ("exclusiveMaximum", json!(true)),
        ("items", reference.clone()),
        ("additionalProperties", reference.clone()),
        (
            "discriminator",
            json!({"propertyName": "kind", "mapping": {"a": "#/nowhere"}}),
        ),
        ("required", json!(["ghost", "type"])),
        (
            "format",
            json!(random.pick(&["date-time", "uuid", "binary", "int32", "email"])),
        ),
        (
            "properties",
            json!({"self": reference.clone(), "type": {"type": "string"}, "": {}}),
        ),
        ("default", random_value(random, 1)),
        ("example", random_value(random, 2)),
        (
            "operationId",
            json!(random.pick(&["patterns", "router", "type", "self", "", "1x"])),
        ),
    ];
    let (key, value) = random.pick(&keywords);
    (key, value.clone())
}

fn random_type(random: &mut Random) -> Value {
    json!(random.pick(&[
        "string", "integer", "number", "boolean", "array", "object", "null", "file"
    ]))
}

fn random_value(random: &mut Random, depth: usize) -> Value {
    match random.below(if depth == 0 { 5 } else { 7 }) {
        0 => Value::Null,
        1 => json!(random.below(2) == 0),
        2 => json!(random.next() as i64),
        3 => json!(f64::from(random.below(1000) as u32) / 7.0),
        4 => json!(random.pick(&["", "x", "{a}", "#/components/schemas", "3.0.3", "ünï"])),
        5 => Value::Array(
            (0..random.below(3))
                .map(|_| random_value(random, depth - 1))
                .collect(),
        ),
        _ => {
            let mut map = Map::new();
            for _ in 0..random.below(3) {
                map.insert(
                    random
                        .pick(&["type", "$ref", "items", "a", "properties"])
                        .to_string(),
                    random_value(random, depth - 1),
                );
            }
            Value::Object(map)
        }
    }
}

/// A path of an odd template, with an operation copied from the spec or a small one.
fn add_path(spec: &mut Value, random: &mut Random) {
    let templates = [
        "/files/{name}.json",
        "/{a}{b}",
        "/{a}-{b}/{a}",
        "/x?{q}=1",
        "/#frag{x}",
        "/{",
        "/v1/{name}:do",
        "/r?method=a&flag",
        "/r?method=a",
        "/{id}",
        "/{other}",
        "noslash",
        "/a//b",
    ];
    let template = random.pick(&templates).to_string();
    let operation = json!({
        "operationId": random.pick(&["op", "patterns", "router"]),
        "parameters": [{"name": random.pick(&["name", "a", "q", "x", "id"]), "in": random.pick(&["path", "query", "header", "cookie"]), "required": true, "schema": {"type": random_type(random)}}],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}}}
    });
    if let Some(paths) = spec.get_mut("paths").and_then(Value::as_object_mut) {
        let method = random.pick(&["get", "post", "delete"]).to_string();
        let mut item = Map::new();
        item.insert(method, operation);
        paths.insert(template, Value::Object(item));
    }
}
