//! A directive's Markdown text as safe HTML, with every citation of a known
//! directive turned into a link to its page.
//!
//! Archive text is untrusted. Links keep only safe schemes; images from
//! outside the archive become plain links (a page must make no request
//! outside the archive); raw HTML, rare in directives, goes through ammonia.

use crate::content::model::CitedSpan;
use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;
use std::ops::Range;

/// Renders `markdown` to HTML. `cited` are the citations found in it while
/// validating; `links` maps a canonical cited number (`07-KL/TW`) to its
/// page's path from the archive root; `root` leads from the page being
/// rendered back to that root.
pub fn to_html(markdown: &str, cited: &[CitedSpan], links: &[(String, String)], root: &str) -> String {
    let links: HashMap<&str, &str> = links.iter().map(|(n, h)| (n.as_str(), h.as_str())).collect();
    let mut has_raw_html = false;
    let mut link_depth = 0usize;
    let mut events = Vec::new();
    let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                has_raw_html = true;
                events.push(event);
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                link_depth += 1;
                events.push(Event::Start(Tag::Link { link_type, dest_url: safe_url(dest_url), title, id }));
            }
            Event::End(TagEnd::Link) => {
                link_depth = link_depth.saturating_sub(1);
                events.push(event);
            }
            Event::Start(Tag::Image { dest_url, title, id, .. }) if is_outside(&dest_url) => {
                // Shown as a link: loading it would leave the archive.
                link_depth += 1;
                let link = Tag::Link { link_type: LinkType::Inline, dest_url: safe_url(dest_url), title, id };
                events.push(Event::Start(link));
            }
            Event::End(TagEnd::Image) if link_depth > 0 => {
                link_depth -= 1;
                events.push(Event::End(TagEnd::Link));
            }
            // Text as written (the parser hands entities and escapes over
            // as events of their own, which no number spans): link the
            // citations found in it while validating.
            Event::Text(text)
                if link_depth == 0 && !links.is_empty() && markdown.get(range.clone()) == Some(&*text) =>
            {
                let first = cited.partition_point(|c| c.span.start < range.start);
                let inside = cited[first..].iter().take_while(|c| c.span.end <= range.end);
                let found = inside.map(|c| (c.span.start - range.start..c.span.end - range.start, c.number.as_str()));
                link_citations(&text, found, &links, root, &mut events);
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(markdown.len() * 5 / 4);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if has_raw_html {
        sanitize(&html)
    } else {
        html
    }
}

/// Splits a run of text around the cited numbers in it (byte ranges of the
/// text, in order, with their canonical numbers), linking each known one.
fn link_citations<'a>(
    text: &CowStr<'a>,
    found: impl Iterator<Item = (Range<usize>, &'a str)>,
    links: &HashMap<&str, &str>,
    root: &str,
    events: &mut Vec<Event<'a>>,
) {
    let mut written = 0;
    for (span, number) in found {
        let Some(href) = links.get(number) else { continue };
        if span.start < written {
            continue;
        }
        if span.start > written {
            events.push(Event::Text(CowStr::from(text[written..span.start].to_string())));
        }
        let anchor = format!(
            "<a class=\"cite\" href=\"{}{}\">{}</a>",
            escape_html(root),
            escape_html(href),
            escape_html(&text[span.clone()])
        );
        events.push(Event::InlineHtml(CowStr::from(anchor)));
        written = span.end;
    }
    events.push(Event::Text(if written == 0 { text.clone() } else { CowStr::from(text[written..].to_string()) }));
}

/// Whether a URL points outside the archive.
fn is_outside(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("//") || lower.contains(':')
}

/// Keeps http, https, mailto and relative links; anything else (javascript:,
/// data:, vbscript: …) becomes an inert `#`.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lower: String =
        url.trim().chars().filter(|c| !c.is_control() && !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    let scheme = lower
        .split_once(':')
        .map(|(scheme, _)| scheme)
        .filter(|s| !s.contains('/') && !s.contains('?') && !s.contains('#'));
    match scheme {
        None | Some("http") | Some("https") | Some("mailto") => url,
        Some(_) => CowStr::from("#"),
    }
}

/// Cleans HTML that contains raw HTML from the content: no scripts, no event
/// handlers, no dangerous URLs, no images or frames that would load from
/// outside the archive.
fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .rm_tags(["img"])
        .add_tag_attributes("a", ["class"])
        .link_rel(None)
        .clean(html)
        .to_string()
}

/// What each byte becomes in HTML text and attribute values: `&`, `<`, `>`,
/// `"` and `'` their references (the same as tera's own escaping), every
/// other byte itself (`""`).
const ESCAPES: [&str; 256] = {
    let mut escapes = [""; 256];
    escapes[b'&' as usize] = "&amp;";
    escapes[b'<' as usize] = "&lt;";
    escapes[b'>' as usize] = "&gt;";
    escapes[b'"' as usize] = "&quot;";
    escapes[b'\'' as usize] = "&#39;";
    escapes
};

/// Writes `text` escaped for HTML content and attribute values: the escape
/// of every template value (set with `Tera::set_escape_fn`). Most values are
/// short (paths, numbers, dates): tera's own escape, made for long texts
/// (16 bytes at a time), costs them 140 instructions each; a pass over
/// their bytes costs a third of that.
pub fn escape_to(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    if text.len() >= 16 {
        return tera::escape_html(text, out);
    }
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        let escape = ESCAPES[byte as usize];
        if !escape.is_empty() {
            out.write_all(&bytes[start..i])?;
            out.write_all(escape.as_bytes())?;
            start = i + 1;
        }
    }
    out.write_all(&bytes[start..])
}

/// Escapes text for HTML content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    escape_to(text, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("escaping replaces ASCII bytes with ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_html_plain(markdown: &str, links: &[(String, String)], root: &str) -> String {
        to_html(markdown, &[], links, root)
    }

    #[test]
    fn keeps_lists_emphasis_and_numbered_points() {
        let html = to_html_plain("1. Một\n2. **Hai**\n\n- gạch đầu dòng\n", &[], "");
        assert!(html.contains("<ol>") && html.contains("<strong>Hai</strong>") && html.contains("<ul>"), "{html}");
    }

    #[test]
    fn removes_scripts_and_event_handlers() {
        let html = to_html_plain(
            "<script>alert(1)</script>\n\n<p onclick=\"x()\">a</p>\n\n<img src=\"http://x/y.png\">",
            &[],
            "",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains(">a</p>"), "{html}");
    }

    #[test]
    fn neutralises_javascript_links_and_outside_images() {
        let html =
            to_html_plain("[a](javascript:alert(1)) [b]( JaVaScRiPt:x) ![c](https://cdn.example/x.png)", &[], "");
        assert!(!html.to_lowercase().contains("javascript:"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("href=\"https://cdn.example/x.png\""), "{html}");
    }

    #[test]
    fn keeps_relative_and_web_links() {
        let html = to_html_plain("[a](../x/index.html) [b](https://example.org/?a=b:c)", &[], "");
        assert!(
            html.contains("href=\"../x/index.html\"") && html.contains("href=\"https://example.org/?a=b:c\""),
            "{html}"
        );
    }

    use crate::text::citations::extract_citations;

    fn spans(markdown: &str) -> Vec<CitedSpan> {
        extract_citations(markdown, None)
            .into_iter()
            .map(|f| CitedSpan { span: f.number_span, number: f.number.canonical() })
            .collect()
    }

    #[test]
    fn links_the_citations_found_while_validating_and_only_in_running_text() {
        let links = [("07-KL/TW".to_string(), "van-ban/tw/07-kl-tw/index.html".to_string())];
        let body =
            "Thực hiện **Kết luận số 07-KL/TW** ngày 11/6/2021.\n\n[Kết luận số 07-KL/TW](x.html) và `07-KL/TW`\n";
        let html = to_html(body, &spans(body), &links, "../../");
        assert_eq!(
            html.matches("<a class=\"cite\" href=\"../../van-ban/tw/07-kl-tw/index.html\">07-KL/TW</a>").count(),
            1,
            "{html}"
        );
        assert!(html.contains("<code>07-KL/TW</code>"), "{html}");
        // A citation that was not found (not in `cited`) is left as text.
        let html = to_html(body, &[], &links, "");
        assert!(!html.contains("class=\"cite\""), "{html}");
    }

    #[test]
    fn escapes_text_that_looks_like_markup() {
        assert_eq!(escape_html("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
        for text in ["", "../../", "Quảng Ngãi <b>\"x\" & 'y'</b>", "&&", "đ<"] {
            let mut ours = Vec::new();
            escape_to(text, &mut ours).unwrap();
            let mut tera = Vec::new();
            tera::escape_html(text, &mut tera).unwrap();
            assert_eq!(ours, tera, "{text}");
        }
    }
}
