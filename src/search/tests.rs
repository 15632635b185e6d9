use super::*;
use crate::content::load::load;
use crate::content::validate::validate;
use crate::graph::index;
use crate::text::provinces::ProvinceRegistry;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn archive(folder: &str) -> Archive {
    let provinces = ProvinceRegistry::builtin();
    let loaded = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(folder));
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let validated = validate(&loaded.files, provinces);
    index(validated.directives, provinces)
}

fn index_of(folder: &str) -> SearchIndex {
    let archive = archive(folder);
    let plan = Plan::new(&archive, ProvinceRegistry::builtin(), crate::plan::Language::Vietnamese);
    files(&plan).unwrap()
}

/// Reads the built files back the way the client does.
struct Reader<'a> {
    files: &'a [(String, Vec<u8>)],
    meta: serde_json::Value,
}

impl<'a> Reader<'a> {
    fn new(index: &'a SearchIndex) -> Self {
        let mut reader = Reader { files: &index.files, meta: serde_json::Value::Null };
        let meta = reader.file("meta.js");
        reader.meta = serde_json::from_str(call_argument(&meta, "vanbanSearch.m(")).unwrap();
        reader
    }

    fn file(&self, name: &str) -> String {
        let path = format!("{DIR}/{name}");
        let (_, bytes) = self.files.iter().find(|(p, _)| *p == path).unwrap_or_else(|| panic!("no {path}"));
        String::from_utf8(bytes.clone()).unwrap()
    }

    fn n(&self) -> u32 {
        self.meta["documents"].as_u64().unwrap() as u32
    }

    /// (head, body) documents of a term, as hrefs.
    fn term(&self, term: &str) -> (Vec<String>, Vec<String>) {
        let shards = self.meta["termShards"].as_u64().unwrap() as usize;
        let shard = shard_of(term, shards);
        let file = self.file(&format!("t/{shard}.js"));
        let prefix = format!("vanbanSearch.t({shard},");
        let text: String = serde_json::from_str(call_argument(&file, &prefix)).unwrap();
        let Some(entry) = text.split(',').find(|e| e.split(':').next() == Some(term)) else {
            return (vec![], vec![]);
        };
        let parts: Vec<&str> = entry.split(':').collect();
        assert_eq!(parts.len(), 3, "{entry}");
        let hrefs = |posting: &str| {
            postings::decode(posting, self.n()).unwrap().into_iter().map(|id| self.href(id)).collect::<Vec<_>>()
        };
        (hrefs(parts[1]), hrefs(parts[2]))
    }

    fn summary(&self, id: u32) -> serde_json::Value {
        let per = self.meta["docsPerShard"].as_u64().unwrap() as u32;
        let k = id / per;
        let file = self.file(&format!("d/{k}.js"));
        let docs: serde_json::Value =
            serde_json::from_str(call_argument(&file, &format!("vanbanSearch.d({k},"))).unwrap();
        docs[(id % per) as usize].clone()
    }

    fn href(&self, id: u32) -> String {
        self.summary(id)[6].as_str().unwrap().to_string()
    }
}

/// The argument of `name(…);\n`.
fn call_argument<'t>(text: &'t str, prefix: &str) -> &'t str {
    text.strip_prefix(prefix).and_then(|t| t.strip_suffix(");\n")).unwrap_or_else(|| panic!("{prefix}: {text}"))
}

const DOC_453: &str = "van-ban/quang-ngai/2021/453-cv-tu/index.html";
const DOC_07: &str = "van-ban/tw/2021/07-kl-tw/index.html";
const DOC_1102: &str = "van-ban/tw/2021/1102-cd-ttg/index.html";
const DOC_3001: &str = "van-ban/ninh-binh/2021/3001-cv-tu/index.html";
const DOC_200: &str = "van-ban/ha-noi/2021/200-kh-ubnd/index.html";

#[test]
fn folding_matches_the_shared_fixture() {
    // The same table is checked against search.js by tests/search/fold.test.mjs.
    let cases = include_str!("../../tests/fixtures/fold-cases.txt");
    let mut checked = 0;
    for line in cases.lines().filter(|l| !l.starts_with('#')) {
        let (input, want) = line.split_once('\t').unwrap_or_else(|| panic!("no tab in {line:?}"));
        let input = input.replace("\\t", "\t");
        assert_eq!(tokens(&input).join(" "), want, "{input:?}");
        checked += 1;
    }
    assert!(checked >= 30, "{checked}");
}

#[test]
fn shard_assignment_is_stable() {
    // FNV-1a test vectors, and values the client (search.js `hash`) must match.
    assert_eq!(fnv1a(""), 0x811c_9dc5);
    assert_eq!(fnv1a("a"), 0xe40c_292c);
    assert_eq!(fnv1a("foobar"), 0xbf9c_f968);
    assert_eq!(shard_of("quang_ngai", 97), fnv1a("quang_ngai") as usize % 97);
    assert_eq!(fnv1a("quang_ngai"), 0x495e_f84f, "changing this breaks every published index");
}

#[test]
fn numbers_are_one_term() {
    assert_eq!(number_term("07-KL/TW").as_deref(), Some("#07_kl_tw"));
    assert_eq!(number_term("1102/CĐ-TTg").as_deref(), Some("#1102_cd_ttg"));
    assert_eq!(number_term("1102/CD-TTg").as_deref(), Some("#1102_cd_ttg"));
    assert_eq!(number_term("/ -"), None);
}

#[test]
fn markdown_becomes_plain_blocks() {
    let blocks = text_blocks(
        "Mở đầu *nghiêng*\ntiếp.\n\n1. **Một.** Nội dung [liên kết](../x/index.html).\n   - con\n2. Hai <span>chữ</span>\n",
    );
    assert_eq!(blocks, ["Mở đầu nghiêng tiếp.", "Một. Nội dung liên kết.", "con", "Hai chữ"]);
    let html = text_blocks("Có <script>alert(1)</script> chữ.\n\n<style>\np { x: y }\n</style>\n\nSau.");
    assert_eq!(html, ["Có chữ.", "Sau."]);
}

#[test]
fn number_files_are_keyed_by_digits_without_leading_zeros() {
    assert_eq!(number_key("#07_kl_tw"), Some("7"));
    assert_eq!(number_key("#kl_07"), Some("7"));
    assert_eq!(number_key("#00_a"), Some("0"));
    assert_eq!(number_key("#kl_tw"), None);
}

#[test]
fn fields_are_indexed_by_weight() {
    let index = index_of("tests/fixtures/valid");
    let reader = Reader::new(&index);
    // Province and issuer are head fields; the pair ranks adjacent syllables.
    let (head, _) = reader.term("quang_ngai");
    assert!(head.contains(&DOC_453.to_string()), "{head:?}");
    // Diacritics and tone placement fold away: Ủy (new) in an issuer, chống in a body.
    let (head, _) = reader.term("uy_ban");
    assert!(head.contains(&DOC_200.to_string()), "{head:?}");
    let (_, body) = reader.term("nhu_chong");
    assert_eq!(body, [DOC_453], "only 453 says “chống dịch như chống giặc”");
    // The whole number: own number in the head, cited numbers in the body.
    let (head, body) = reader.term("#07_kl_tw");
    assert_eq!(head, [DOC_07]);
    assert!(body.contains(&DOC_453.to_string()), "{body:?}");
    // 1102/CĐ-TTg is only cited: it is a document of its own, found by number.
    let (head, body) = reader.term("#1102_cd_ttg");
    assert_eq!(head, [DOC_1102]);
    assert!(body.contains(&DOC_3001.to_string()) && body.contains(&DOC_200.to_string()), "{body:?}");
    // Markdown and raw HTML do not leak into the terms.
    assert_eq!(reader.term("script"), (vec![], vec![]));
    assert_eq!(reader.term("javascript"), (vec![], vec![]));
    assert_eq!(reader.term("alert"), (vec![], vec![]), "script content is not text");
}

#[test]
fn documents_are_numbered_by_date_with_undated_last() {
    let index = index_of("tests/fixtures/valid");
    let reader = Reader::new(&index);
    let n = reader.n();
    let dated = reader.meta["dated"].as_u64().unwrap() as u32;
    let dates: Vec<String> = (0..dated).map(|id| reader.summary(id)[3].as_str().unwrap().to_string()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    assert!((dated..n).all(|id| reader.summary(id)[3].is_null()));
    // The 8 directives and the cited directives that are not in the archive.
    assert_eq!(n as usize, index.documents);
    assert!(n > 8);
    let cited: Vec<serde_json::Value> = (0..n).map(|id| reader.summary(id)).filter(|s| s[8] == 1).collect();
    assert!(cited.iter().any(|s| s[0] == "1102/CĐ-TTg" && s[9] == 2), "{cited:?}");
}

#[test]
fn facets_code_every_document() {
    let index = index_of("tests/fixtures/valid");
    let reader = Reader::new(&index);
    let provinces: Vec<&str> =
        reader.meta["provinces"].as_array().unwrap().iter().map(|p| p[0].as_str().unwrap()).collect();
    assert_eq!(provinces, ["ha-noi", "ninh-binh", "quang-ngai", "tay-ninh"], "alphabetical, only those with documents");
    let types: Vec<&str> = reader.meta["types"].as_array().unwrap().iter().map(|p| p[1].as_str().unwrap()).collect();
    assert!(types.contains(&"Công văn") && types.contains(&"Công điện"), "{types:?}");
    let codes = reader.file("f.js");
    let strings: Vec<&str> = codes.split('"').skip(1).step_by(2).collect();
    assert_eq!(strings.len(), 4, "province, type and year codes, then the dates");
    assert!(strings[..3].iter().all(|s| s.len() == reader.n() as usize));
    // The dated documents' dates as runs, in id order, summing to the dated count.
    let dated: usize = strings[3].split(',').map(|run| run.rsplit_once('*').unwrap().1.parse::<usize>().unwrap()).sum();
    assert_eq!(dated as u64, reader.meta["dated"].as_u64().unwrap());
    assert!(strings[3].starts_with("2020*1,") || strings[3].contains("2021-06-11*"), "{}", strings[3]);
}

#[test]
fn output_is_deterministic_across_runs_and_thread_counts() {
    let archive = archive("tests/fixtures/valid");
    let plan = Plan::new(&archive, ProvinceRegistry::builtin(), crate::plan::Language::Vietnamese);
    let first = files(&plan).unwrap().files;
    let one_thread =
        rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap().install(|| files(&plan).unwrap().files);
    let three = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap().install(|| files(&plan).unwrap().files);
    assert_eq!(first, one_thread);
    assert_eq!(first, three);
    assert!(first.iter().all(|(path, _)| path.starts_with("tim-kiem/") && path.ends_with(".js")));
}

#[test]
fn every_term_is_in_the_shard_its_hash_names() {
    let index = index_of("content");
    let reader = Reader::new(&index);
    let shards = index.term_shards;
    let mut seen = 0;
    for k in 0..shards {
        let file = reader.file(&format!("t/{k}.js"));
        let text: String = serde_json::from_str(call_argument(&file, &format!("vanbanSearch.t({k},"))).unwrap();
        let terms: Vec<&str> = text.split(',').map(|e| e.split(':').next().unwrap()).collect();
        assert!(terms.windows(2).all(|w| w[0] < w[1]), "sorted, no duplicates");
        for term in terms {
            assert_eq!(shard_of(term, shards), k, "{term}");
            seen += 1;
        }
    }
    assert_eq!(seen, index.terms);
}

#[test]
fn the_build_writes_the_summaries_and_places_as_they_are_made_and_the_rest_after() {
    let archive = archive("tests/fixtures/search");
    let plan = Plan::new(&archive, ProvinceRegistry::builtin(), crate::plan::Language::Vietnamese);
    let written = Mutex::new(Vec::new());
    let write = |path: &str, bytes: &[u8]| {
        written.lock().unwrap().push((path.to_string(), bytes.to_vec()));
        Ok(())
    };
    let scratch = tempfile::tempdir().unwrap();
    let search = build(&plan, scratch.path(), write).unwrap();
    let early: Vec<String> = written.lock().unwrap().iter().map(|(path, _)| path.clone()).collect();
    let summaries = early.iter().filter(|path| path.starts_with("tim-kiem/d/")).count();
    let documents =
        plan.archive.directives.len() + plan.archive.cited.iter().filter(|c| c.in_archive.is_none()).count();
    assert_eq!(summaries, documents);
    assert!(early.iter().any(|path| path.starts_with("tim-kiem/p/")), "{early:?}");
    assert!(early.iter().all(|path| path.starts_with("tim-kiem/d/") || path.starts_with("tim-kiem/p/")), "{early:?}");
    search.each_file(|path, bytes| write(path, bytes)).unwrap();
    let mut written = written.into_inner().unwrap();
    written.sort();
    let before = written.len();
    written.dedup_by(|a, b| a.0 == b.0);
    assert_eq!(written.len(), before, "a file written twice");
    assert_eq!(written, files(&plan).unwrap().files);
}

#[test]
fn a_summary_that_cannot_be_written_fails_the_index() {
    let archive = archive("tests/fixtures/search");
    let plan = Plan::new(&archive, ProvinceRegistry::builtin(), crate::plan::Language::Vietnamese);
    let full =
        |path: &str, _: &[u8]| Err(Error::Write { path: path.into(), source: std::io::ErrorKind::StorageFull.into() });
    let scratch = tempfile::tempdir().unwrap();
    let errors = build(&plan, scratch.path(), full).err().expect("the disk is full");
    assert!(!errors.is_empty());
    assert!(matches!(&errors[0], Error::Write { path, .. } if path.starts_with("tim-kiem/d/")), "{errors:?}");
}

#[test]
fn texts_are_written_as_json_strings() {
    for text in ["Mục tiêu kép", "có \"ngoặc\" và \\ và\tthụt", "“3 tại chỗ”", ""] {
        let mut out = String::new();
        push_json_string(&mut out, text);
        assert_eq!(serde_json::from_str::<String>(&out).unwrap(), text, "{out}");
    }
}

/// Every pair's places, as the `p/` files give them: pair → (document,
/// positions), the documents being the pair's postings (head and body).
fn places_in_files(index: &SearchIndex) -> BTreeMap<String, Vec<(u32, Vec<u32>)>> {
    let reader = Reader::new(index);
    let (n, shards) = (reader.n(), reader.meta["termShards"].as_u64().unwrap() as usize);
    let mut out = BTreeMap::new();
    for k in 0..reader.meta["placeShards"].as_u64().unwrap() as usize {
        let file = reader.file(&format!("p/{k}.js"));
        let text: String = serde_json::from_str(call_argument(&file, &format!("vanbanSearch.p({k},"))).unwrap();
        for entry in text.split(',').filter(|e| !e.is_empty()) {
            let (term, places) = entry.split_once(':').unwrap();
            assert_eq!(shard_of(term, reader.meta["placeShards"].as_u64().unwrap() as usize), k, "{term}");
            let shard = reader.file(&format!("t/{}.js", shard_of(term, shards)));
            let postings = shard.split(['"', ',']).find_map(|e| e.strip_prefix(&format!("{term}:"))).unwrap();
            let (head, body) = postings.split_once(':').unwrap();
            let docs: BTreeSet<u32> =
                [head, body].iter().flat_map(|p| postings::decode(p, n).unwrap()).collect::<BTreeSet<_>>();
            let positions = places::decode(places, docs.len()).unwrap_or_else(|| panic!("{entry}"));
            out.insert(term.to_string(), docs.into_iter().zip(positions).collect());
        }
    }
    out
}

#[test]
fn places_are_where_each_pair_stands_in_each_document() {
    for folder in ["tests/fixtures/valid", "tests/fixtures/search", "content"] {
        let archive = archive(folder);
        let plan = Plan::new(&archive, ProvinceRegistry::builtin(), crate::plan::Language::Vietnamese);
        let mut expected: BTreeMap<String, Vec<(u32, Vec<u32>)>> = BTreeMap::new();
        for (id, &(source, _)) in documents(&archive).iter().enumerate() {
            let mut placed = places::Placed::default();
            text::walk(&plan, source, &mut placed, &mut None).unwrap();
            for (pair, positions) in placed.pairs {
                expected.entry(pair).or_default().push((id as u32, positions));
            }
        }
        let index = files(&plan).unwrap();
        assert_eq!(places_in_files(&index), expected, "{folder}");
        assert!(expected.values().any(|docs| docs.len() > 1), "{folder}: pairs in several documents");
    }
}

#[test]
fn accented_words_are_those_of_each_document() {
    for folder in ["tests/fixtures/valid", "tests/fixtures/search", "content"] {
        let archive = archive(folder);
        let plan = Plan::new(&archive, ProvinceRegistry::builtin(), crate::plan::Language::Vietnamese);
        let mut expected: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
        for (id, &(source, _)) in documents(&archive).iter().enumerate() {
            let mut placed = places::Placed::default();
            text::walk(&plan, source, &mut placed, &mut None).unwrap();
            for term in placed.accented {
                expected.entry(term).or_default().insert(id as u32);
            }
        }
        let index = files(&plan).unwrap();
        let reader = Reader::new(&index);
        let shards = reader.meta["accentShards"].as_u64().unwrap() as usize;
        let mut found: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
        for k in 0..shards {
            let file = reader.file(&format!("v/{k}.js"));
            let text: String = serde_json::from_str(call_argument(&file, &format!("vanbanSearch.v({k},"))).unwrap();
            for entry in text.split(',').filter(|e| !e.is_empty()) {
                let mut parts = entry.split(':');
                let term = parts.next().unwrap();
                assert_eq!(shard_of(term, shards), k, "{term}");
                let docs = parts.flat_map(|p| postings::decode(p, reader.n()).unwrap());
                found.insert(term.to_string(), docs.collect());
            }
        }
        assert_eq!(found, expected, "{folder}");
        assert!(found.contains_key("ngai~x"), "{folder}: Ngãi");
    }
}

/// The index cut up as finely as it goes: a document a wave, a shard a
/// group (the fixtures have one places shard: `spill`'s tests have many),
/// its places spilled in `scratch`.
fn index_in_small_waves(plan: &Plan, scratch: &Path) -> Files {
    let sizes = invert::Sizes { chunk_docs: 1, wave_per_thread: 1, group_bytes: 1 };
    let (built, summaries) = Built::with_summaries_in(plan, scratch, sizes).unwrap();
    built.files(summaries)
}

#[test]
fn places_spilled_in_many_waves_are_those_of_one() {
    for folder in ["tests/fixtures/valid", "tests/fixtures/search", "content"] {
        let archive = archive(folder);
        let plan = Plan::new(&archive, ProvinceRegistry::builtin(), crate::plan::Language::Vietnamese);
        let scratch = tempfile::tempdir().unwrap();
        let small = index_in_small_waves(&plan, scratch.path());
        let whole = files(&plan).unwrap().files;
        assert!(documents(&archive).len() > 2, "{folder}: several waves");
        assert_eq!(small, whole, "{folder}");
        let left: Vec<_> = std::fs::read_dir(scratch.path()).unwrap().collect();
        assert!(left.is_empty(), "{folder}: {left:?}");
    }
}

#[test]
fn the_spilled_places_go_whether_the_index_is_made_or_not() {
    let archive = archive("tests/fixtures/search");
    let plan = Plan::new(&archive, ProvinceRegistry::builtin(), crate::plan::Language::Vietnamese);
    for failing in ["tim-kiem/d/", "tim-kiem/p/", "nothing"] {
        let scratch = tempfile::tempdir().unwrap();
        std::fs::write(scratch.path().join("mine.txt"), "not vanban's").unwrap();
        // Whether the places were in a folder of vanban's own when their shards were written.
        let spilled = Mutex::new(Vec::new());
        let write = |path: &str, _: &[u8]| {
            if path.starts_with("tim-kiem/p/") {
                let names = std::fs::read_dir(scratch.path()).unwrap().map(|e| e.unwrap().file_name());
                spilled
                    .lock()
                    .unwrap()
                    .push(names.filter(|n| n.to_string_lossy().starts_with(".vanban-search-")).count());
            }
            match path.starts_with(failing) {
                true => Err(Error::Write { path: path.into(), source: std::io::ErrorKind::StorageFull.into() }),
                false => Ok(()),
            }
        };
        let made = build(&plan, scratch.path(), write);
        assert_eq!(made.is_ok(), failing == "nothing", "{failing}");
        let spilled = spilled.into_inner().unwrap();
        assert_eq!(spilled.is_empty(), failing == "tim-kiem/d/", "{failing}");
        assert!(spilled.iter().all(|&folders| folders == 1), "{failing}: {spilled:?}");
        let left: Vec<_> = std::fs::read_dir(scratch.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, ["mine.txt"], "{failing}");
    }
}
