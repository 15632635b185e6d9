//! Stage 5, render: page content through the theme's tera templates. Pure:
//! everything it needs (templates, strings, content) is handed to it.

mod context;
pub mod data;
pub mod list_data;
pub mod markdown;
pub mod theme;

use crate::content::config::Config;
use crate::diagnostics::{Diagnostic, Severity};
use crate::plan::{Content, Legislation, PageContext};
use crate::render::theme::Theme;
use crate::site::ArchiveDate;
use tera::{Context, Tera};

/// The default theme's templates of the files every archive has, for
/// themes that do not have them.
const BUILT_IN: [(&str, &str); 7] = [
    ("feed.xml", include_str!("../../themes/default/templates/feed.xml")),
    ("sitemap.xml", include_str!("../../themes/default/templates/sitemap.xml")),
    ("sitemap_index.xml", include_str!("../../themes/default/templates/sitemap_index.xml")),
    ("robots.txt", include_str!("../../themes/default/templates/robots.txt")),
    ("data.html", include_str!("../../themes/default/templates/data.html")),
    ("frame_header.html", include_str!("../../themes/default/templates/frame_header.html")),
    ("frame_footer.html", include_str!("../../themes/default/templates/frame_footer.html")),
];

/// The parts of the frame that are the same on every page of one depth,
/// rendered once per depth (see [`Renderer::frame`]): their templates, and
/// the names base.html writes them by.
const FRAME_PARTS: [(&str, &str); 2] = [("frame_header.html", "frame_header"), ("frame_footer.html", "frame_footer")];

/// Depths whose frame is kept (`root` of `../` up to this many times less
/// one); deeper pages, which no archive has, have theirs rendered each time.
const FRAME_DEPTHS: usize = 12;

pub struct Renderer {
    tera: Tera,
    /// The global values templates read most (`t`, `site`), put in each
    /// page's context as well (a shared reference each): tera looks a name
    /// up in the page's context before the global one, so a name found only
    /// in the global context costs a miss in the page's first.
    page_globals: [(&'static str, tera::Value); 2],
    /// The interface strings (the breadcrumbs' names in the JSON-LD).
    strings: serde_json::Value,
    /// The archive's name and address, for the JSON-LD.
    site_title: String,
    base_url: String,
    /// Who publishes the archive, and the licence of its texts (`vanban.yaml`).
    publisher: String,
    licence: String,
    /// The path of `base_url` (`/kho/`), from which 404.html links: a web
    /// server shows it at any address, where relative links would miss.
    base_path: String,
    /// The frame's parts rendered for pages of each depth, by the number of
    /// `../` in their `root`, made when the first page of that depth needs them.
    frames: [std::sync::OnceLock<[tera::Value; 2]>; FRAME_DEPTHS],
}

impl Renderer {
    /// Compiles the theme's templates, with the site settings and the
    /// interface strings (`t`) available to every template.
    pub fn new(theme: &Theme, config: &Config, build_date: &ArchiveDate) -> Result<Renderer, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml", ".svg"]);
        tera.set_escape_fn(markdown::escape_to);
        let mut templates: Vec<(&str, &str)> = theme.templates.iter().map(|(n, s)| (n.as_str(), s.as_str())).collect();
        // A theme made before the feeds, the sitemap and the open data page
        // gets the default theme's templates of them.
        for (name, source) in BUILT_IN {
            if !templates.iter().any(|(existing, _)| existing == &name) {
                templates.push((name, source));
            }
        }
        tera.add_raw_templates(templates).map_err(|error| {
            vec![Diagnostic::file(
                Severity::Error,
                &format!("themes/{}/templates", theme.name),
                format!("template error: {error}"),
            )]
        })?;
        let global = tera.global_context();
        global.insert("t", &theme.strings);
        global.insert("site", config);
        let page_globals = ["t", "site"].map(|name| (name, global.get(name).cloned().expect("just inserted")));
        global.insert("build_date", &build_date.date);
        global.insert("build_date_label", build_date.label);
        let base_path = url::Url::parse(&config.base_url).map(|url| url.path().to_string()).unwrap_or_default();
        Ok(Renderer {
            tera,
            page_globals,
            strings: theme.strings.clone(),
            site_title: config.title.clone(),
            base_url: config.base_url.clone(),
            publisher: config.publisher.clone(),
            licence: config.licence.clone(),
            base_path,
            frames: Default::default(),
        })
    }

    /// The page as tera's values: its own fields, then the frame's (what
    /// `#[serde(flatten)]` gives, without its slow generic path, a third of a
    /// page's cost).
    pub fn context(&self, page: &PageContext) -> crate::Result<Context> {
        let mut context =
            context::context_of(&page.content).map_err(|e| crate::Error::Template(format!("{}: {e}", page.path)))?;
        let root = if page.kind == "not_found" && !self.base_path.is_empty() { &self.base_path } else { &page.root };
        let frame = self.frame_of(root, page.path)?;
        // Written before nearly every link: escaped once here rather than at each.
        let root = tera::Value::safe_string(&markdown::escape_html(root));
        for ((_, name), part) in FRAME_PARTS.iter().zip(frame) {
            context.insert_value(*name, part);
        }
        context.insert_value("root", root);
        if let Content::Directive(directive) = &page.content {
            // Safe to write as it is (see `script_json`): base.html writes it without a filter.
            context.insert_value("json_ld", tera::Value::safe_string(&self.directive_json_ld(page, directive)));
        }
        context.insert("path", page.path);
        context.insert("kind", page.kind);
        context.insert("breadcrumbs", &page.breadcrumbs);
        context.insert("pagination", &page.pagination);
        context.insert("feed", &page.feed);
        context.insert("filter", &page.filter);
        for (name, value) in &self.page_globals {
            context.insert_value(*name, value.clone());
        }
        Ok(context)
    }

    /// The frame's parts for the page at `path`, whose links start with
    /// `root`, from those kept for its depth when it has one (404.html's
    /// root may be the archive's path, which is no depth).
    fn frame_of(&self, root: &str, path: &str) -> crate::Result<[tera::Value; 2]> {
        let Some(kept) = root_depth(root).and_then(|depth| self.frames.get(depth)) else {
            return self.frame(root, path);
        };
        if let Some(frame) = kept.get() {
            return Ok(frame.clone());
        }
        let frame = self.frame(root, path)?;
        Ok(kept.get_or_init(|| frame).clone())
    }

    /// The parts of the frame for pages whose links start with `root`: what
    /// base.html writes as `frame_header` and `frame_footer`, safe strings.
    /// They read nothing of a page but `root` and the global values, which
    /// a page's fingerprint leaves to the renderer (a change to them renders
    /// every page); an error names `path`, the page that needed them.
    fn frame(&self, root: &str, path: &str) -> crate::Result<[tera::Value; 2]> {
        let mut context = Context::new();
        context.insert_value("root", tera::Value::safe_string(&markdown::escape_html(root)));
        for (name, value) in &self.page_globals {
            context.insert_value(*name, value.clone());
        }
        let mut parts = FRAME_PARTS.map(|_| tera::Value::none());
        for (part, (template, _)) in parts.iter_mut().zip(FRAME_PARTS) {
            let mut html = Vec::with_capacity(2048);
            self.render_into(template, &context, path, &mut html)?;
            *part = tera::Value::safe_string(&String::from_utf8(html).expect("tera writes UTF-8"));
        }
        Ok(parts)
    }

    /// A directive page's JSON-LD: its `Legislation` (from the plan), the
    /// archive it is part of, and its breadcrumb trail, as the text of a
    /// `<script type="application/ld+json">` (see [`script_json`]).
    fn directive_json_ld(&self, page: &PageContext, directive: &crate::plan::DirectiveData) -> String {
        let address = |href: &str| match self.base_url.as_str() {
            "" => format!("{}{href}", page.root),
            base => format!("{base}{href}"),
        };
        let name_of = |kind: &str| self.strings.get(kind).and_then(|s| s.as_str()).unwrap_or(kind).to_string();
        let mut trail = vec![(name_of("home"), address("index.html"))];
        for crumb in &page.breadcrumbs {
            let name = if crumb.label.is_empty() { name_of(crumb.kind) } else { crumb.label.clone() };
            trail.push((name, address(&crumb.href)));
        }
        trail.push((directive.title.to_string(), address(page.path)));
        let archive =
            Archive { name: &self.site_title, url: &trail[0].1, publisher: &self.publisher, licence: &self.licence };
        directive_json_ld(&directive.legislation, &archive, &trail)
    }

    /// `template` run on a page's `context`, as bytes: tera writes UTF-8 (its
    /// templates and every value are `str`), so checking it again would be
    /// wasted work.
    pub fn render_context(&self, template: &str, context: &Context, path: &str) -> crate::Result<Vec<u8>> {
        let mut html = Vec::with_capacity(16 * 1024);
        self.render_into(template, context, path, &mut html).map(|()| html)
    }

    /// [`Renderer::render_context`] into `html`, after what it holds: a
    /// build renders every page into one buffer per thread, so a page's bytes
    /// are not allocated, grown and copied, then freed, page after page.
    pub fn render_into(&self, template: &str, context: &Context, path: &str, html: &mut Vec<u8>) -> crate::Result<()> {
        self.tera.render_to(template, context, html).map_err(|e| {
            let mut message = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(cause) = source {
                message.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            crate::Error::Template(format!("{template} for {path}: {message}"))
        })
    }
}

/// How many folders a page's `root` climbs (`"../../"`: 2), or `None` for a
/// root that is not made of `../` alone (404.html's, from the archive's path).
fn root_depth(root: &str) -> Option<usize> {
    // A root of another length ends in a shorter chunk, which is not `../`.
    root.as_bytes().chunks(3).all(|part| part == b"../").then_some(root.len() / 3)
}

/// The archive a directive page is part of, as its JSON-LD names it.
struct Archive<'a> {
    name: &'a str,
    url: &'a str,
    /// Left out when empty.
    publisher: &'a str,
    licence: &'a str,
}

/// A directive page's JSON-LD (see [`script_json`]): `legislation` with the
/// archive as `isPartOf` (and its licence), then the breadcrumb `trail` of
/// names and addresses. Written as text, byte for byte what serde_json writes
/// of a tree of the same values (the keys of each object sorted) made safe
/// by [`script_json`], rather than built as such a tree, written, scanned
/// for `<`, `>` and `&`, copied and dropped: that cost 35,000 instructions a
/// page.
fn directive_json_ld(law: &Legislation, archive: &Archive, trail: &[(String, String)]) -> String {
    let mut out = String::with_capacity(2048);
    let entry = |out: &mut String, key: &str, value: Option<&str>| {
        if let Some(value) = value {
            out.push_str(",\"");
            out.push_str(key);
            out.push_str("\":");
            script_str(out, value);
        }
    };
    out.push_str(r#"{"@context":"https://schema.org","@graph":[{"@id":"#);
    let page = |out: &mut String| {
        out.push('"');
        script_str_part(out, &law.root);
        script_str_part(out, law.path);
        out.push('"');
    };
    page(&mut out);
    out.push_str(r#","@type":"Legislation""#);
    if !law.citations.is_empty() {
        out.push_str(r#","citation":["#);
        for (i, cited) in law.citations.iter().enumerate() {
            out.push_str(if i == 0 { r#"{"@type":"Legislation""# } else { r#",{"@type":"Legislation""# });
            entry(&mut out, "legislationDate", cited.date.as_deref());
            entry(&mut out, "legislationIdentifier", Some(cited.identifier));
            entry(&mut out, "legislationType", cited.type_name);
            out.push_str(r#","url":""#);
            script_str_part(&mut out, &law.root);
            script_str_part(&mut out, cited.path);
            out.push_str("\"}");
        }
        out.push(']');
    }
    out.push_str(r#","inLanguage":"vi","isPartOf":{"@type":"WebSite","name":"#);
    script_str(&mut out, archive.name);
    if !archive.publisher.is_empty() {
        out.push_str(r#","publisher":{"@type":"Organization","name":"#);
        script_str(&mut out, archive.publisher);
        out.push('}');
    }
    out.push_str(r#","url":"#);
    script_str(&mut out, archive.url);
    out.push('}');
    if !law.keywords.is_empty() {
        out.push_str(r#","keywords":["#);
        for (i, keyword) in law.keywords.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            script_str(&mut out, keyword);
        }
        out.push(']');
    }
    entry(&mut out, "legislationDate", law.date);
    entry(&mut out, "legislationIdentifier", law.identifier);
    if let Some((kind, name)) = law.jurisdiction {
        out.push_str(r#","legislationJurisdiction":{"@type":"#);
        script_str(&mut out, kind);
        out.push_str(r#","name":"#);
        script_str(&mut out, name);
        out.push('}');
    }
    if let Some(issuer) = law.passed_by {
        out.push_str(r#","legislationPassedBy":{"@type":"Organization","name":"#);
        script_str(&mut out, issuer);
        out.push('}');
    }
    entry(&mut out, "legislationType", law.type_name);
    entry(&mut out, "license", Some(archive.licence).filter(|l| !l.is_empty()));
    entry(&mut out, "name", law.name);
    out.push_str(r#","url":"#);
    page(&mut out);
    out.push_str(r#"},{"@type":"BreadcrumbList","itemListElement":["#);
    for (i, (name, item)) in trail.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(r#"{"@type":"ListItem","item":"#);
        script_str(&mut out, item);
        out.push_str(r#","name":"#);
        script_str(&mut out, name);
        out.push_str(r#","position":"#);
        out.push_str(&(i + 1).to_string());
        out.push('}');
    }
    out.push_str("]}]}");
    out
}

/// `text` as a JSON string, in quotes (see [`script_str_part`]).
fn script_str(out: &mut String, text: &str) {
    out.push('"');
    script_str_part(out, text);
    out.push('"');
}

/// How each byte is written inside a JSON string that stands in a
/// `<script>` element: 0 as itself, else after a `\\` the letter of its
/// escape, `u` for `\\u00XX` (`<`, `>`, `&` and the control characters
/// without a letter of their own).
const SCRIPT_ESCAPES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x0c] = b'f';
    table[b'\n' as usize] = b'n';
    table[b'\r' as usize] = b'r';
    table[b'\t' as usize] = b't';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table[b'<' as usize] = b'u';
    table[b'>' as usize] = b'u';
    table[b'&' as usize] = b'u';
    table
};

/// `text` escaped as serde_json escapes a string (`"`, `\\` and control
/// characters), and `<`, `>` and `&` as [`script_json`] writes them, so that
/// no text of the archive can close the `<script>` element. One look in a
/// table a byte: most bytes of a Vietnamese text need no escape.
fn script_str_part(out: &mut String, text: &str) {
    let mut start = 0;
    for (at, &byte) in text.as_bytes().iter().enumerate() {
        let escape = SCRIPT_ESCAPES[usize::from(byte)];
        if escape == 0 {
            continue;
        }
        out.push_str(&text[start..at]);
        out.push('\\');
        if escape == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        } else {
            out.push(char::from(escape));
        }
        start = at + 1;
    }
    out.push_str(&text[start..]);
}

/// `value` as JSON that can stand inside a `<script>` element: `<`, `>`
/// and `&` (which only strings hold) written as `\u003c`, `\u003e` and
/// `\u0026`, so no text of the archive can close the element or open a
/// comment; the JSON means the same.
pub fn script_json(value: &serde_json::Value) -> String {
    script_safe(serde_json::to_string(value).expect("a JSON value serialises"))
}

/// JSON text made safe to stand inside a `<script>` element (see [`script_json`]).
fn script_safe(json: String) -> String {
    let closing = |byte: &u8| matches!(byte, b'<' | b'>' | b'&');
    if !json.as_bytes().iter().any(closing) {
        return json;
    }
    let mut safe = String::with_capacity(json.len() + 32);
    let mut rest = json.as_str();
    while let Some(at) = rest.as_bytes().iter().position(closing) {
        safe.push_str(&rest[..at]);
        safe.push_str(match rest.as_bytes()[at] {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            _ => "\\u0026",
        });
        rest = &rest[at + 1..];
    }
    safe.push_str(rest);
    safe
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::CitedLegislation;

    #[test]
    fn root_depth_counts_the_folders_climbed() {
        assert_eq!(root_depth(""), Some(0));
        assert_eq!(root_depth("../../"), Some(2));
        assert_eq!(root_depth("/kho/"), None);
        assert_eq!(root_depth("../.."), None);
    }

    /// What [`directive_json_ld`] wrote before it wrote text: a tree of
    /// serde_json values, written by serde_json and made safe by [`script_json`].
    fn json_ld_tree(law: &Legislation, archive: &Archive, trail: &[(String, String)]) -> String {
        use serde_json::{json, Map, Value};
        let mut data = Map::new();
        let mut put = |key: &str, value: Option<Value>| {
            if let Some(value) = value {
                data.insert(key.to_string(), value);
            }
        };
        let url = format!("{}{}", law.root, law.path);
        put("@type", Some(json!("Legislation")));
        put("@id", Some(json!(url)));
        put("url", Some(json!(url)));
        put("name", law.name.map(Value::from));
        put("legislationIdentifier", law.identifier.map(Value::from));
        put("legislationType", law.type_name.map(Value::from));
        put("legislationDate", law.date.map(Value::from));
        put("legislationPassedBy", law.passed_by.map(|name| json!({ "@type": "Organization", "name": name })));
        put("legislationJurisdiction", law.jurisdiction.map(|(kind, name)| json!({ "@type": kind, "name": name })));
        put("inLanguage", Some(json!("vi")));
        put("keywords", (!law.keywords.is_empty()).then(|| json!(law.keywords)));
        let cites = law.citations.iter().map(|cited| {
            let mut entry = json!({ "@type": "Legislation", "url": format!("{}{}", law.root, cited.path),
                "legislationIdentifier": cited.identifier });
            if let Some(kind) = cited.type_name {
                entry["legislationType"] = json!(kind);
            }
            if let Some(date) = &cited.date {
                entry["legislationDate"] = json!(date);
            }
            entry
        });
        put("citation", (!law.citations.is_empty()).then(|| Value::Array(cites.collect())));
        let mut site = json!({ "@type": "WebSite", "name": archive.name, "url": archive.url });
        if !archive.publisher.is_empty() {
            site["publisher"] = json!({ "@type": "Organization", "name": archive.publisher });
        }
        put("isPartOf", Some(site));
        put("license", (!archive.licence.is_empty()).then(|| json!(archive.licence)));
        let items: Vec<Value> = trail
            .iter()
            .enumerate()
            .map(|(i, (name, item))| json!({ "@type": "ListItem", "position": i + 1, "name": name, "item": item }))
            .collect();
        let crumbs = json!({ "@type": "BreadcrumbList", "itemListElement": items });
        script_json(&json!({ "@context": "https://schema.org", "@graph": [Value::Object(data), crumbs] }))
    }

    #[test]
    fn directive_json_ld_is_what_serde_json_writes_of_the_same_tree() {
        let every_ascii: String = (0u8..0x80).map(char::from).collect();
        let keywords: Vec<crate::content::names::Name> =
            vec!["covid-19".into(), "a\"b\\c\u{1}\n".into(), every_ascii.as_str().into()];
        let full = Legislation {
            root: "../../../".into(),
            path: "van-ban/a/2021/12-cv-tu/index.html",
            name: Some("Về việc </script> & <!-- \t"),
            identifier: Some("12-CV/TU"),
            type_name: Some("Công văn"),
            date: Some("2021-08"),
            passed_by: Some("Tỉnh ủy <A>"),
            jurisdiction: Some(("AdministrativeArea", "Quảng Ngãi")),
            keywords: &keywords,
            citations: vec![
                CitedLegislation {
                    path: "trich-dan/a/index.html",
                    identifier: "15/CT-TTg",
                    type_name: None,
                    date: None,
                },
                CitedLegislation {
                    path: "trich-dan/b/index.html",
                    identifier: "16/CT-TTg",
                    type_name: Some("Chỉ thị"),
                    date: Some("2020-03-31".into()),
                },
            ],
        };
        let bare = Legislation {
            name: None,
            identifier: None,
            type_name: None,
            date: None,
            passed_by: None,
            jurisdiction: None,
            keywords: &[],
            citations: vec![],
            root: String::new(),
            path: "van-ban/b/index.html",
        };
        let trail = [("Trang chủ".to_string(), "../index.html".to_string()), ("A & B".into(), "a/index.html".into())];
        for law in [&full, &bare] {
            for (publisher, licence) in [("", ""), ("Nhóm <Mở>", "CC0 1.0")] {
                let archive = Archive { name: "Kho \"1\"", url: "../index.html", publisher, licence };
                let text = directive_json_ld(law, &archive, &trail);
                assert_eq!(text, json_ld_tree(law, &archive, &trail), "byte for byte");
                let data: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
                let graph = &data["@graph"][0];
                assert_eq!(graph["isPartOf"].get("publisher").is_some(), !publisher.is_empty());
                assert_eq!(graph.get("license").and_then(|l| l.as_str()), (!licence.is_empty()).then_some(licence));
                assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'), "{text}");
            }
        }
        let text = directive_json_ld(&full, &Archive { name: "K", url: "u", publisher: "", licence: "" }, &trail);
        let data: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(data["@graph"][0]["name"], "Về việc </script> & <!-- \t");
        assert_eq!(data["@graph"][0]["citation"][1]["url"], "../../../trich-dan/b/index.html");
        assert_eq!(data["@graph"][1]["itemListElement"][1]["position"], 2);
    }

    #[test]
    fn script_json_cannot_close_its_element() {
        let value = serde_json::json!({ "name": "</script><!-- & -->" });
        let text = script_json(&value);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'), "{text}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
    }
}
