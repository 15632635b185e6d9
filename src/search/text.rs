//! What a search document says, as the indexer reads it: its texts field by
//! field and block by block, its whole numbers, and its plain text (which the
//! search page cuts its excerpts from).
//! The one definition of a document's terms, shared by the whole-index
//! build (which interns the words) and the live index (which names them).

use super::{number_term, Source};
use crate::content::load::read_body;
use crate::content::model::{Directive, Scope};
use crate::plan::Plan;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;

/// Receives a document's texts.
pub(crate) trait Texts {
    /// A field, or a block of the body (paragraph, list item, heading,
    /// cell): its words ([`crate::text::vietnamese::for_each_token`]) and its adjacent pairs of words
    /// are terms of the document, in a head (`true`) or body field. Pairs
    /// never cross from one text to the next.
    fn text(&mut self, head: bool, text: &str);
    /// A whole-number term (`#07_kl_tw`).
    fn number(&mut self, head: bool, term: &str);
}

/// The search document's texts, with its plain text in `plain` (only
/// directives have one).
/// A directive's text is read from its file here (see [`crate::content::model::Body`]).
pub(crate) fn walk(
    plan: &Plan,
    source: Source,
    texts: &mut impl Texts,
    plain: &mut Option<String>,
) -> Result<(), crate::Error> {
    let archive = plan.archive;
    match source {
        Source::Directive(id) => {
            let cites = archive.cites_of[id].iter().map(|&c| archive.cited[c].key.number.as_str());
            let d = &archive.directives[id];
            *plain = walk_directive(plan, d, &read_body(&d.body)?, cites, texts);
        }
        Source::Cited(id) => {
            let c = &archive.cited[id];
            let province = match c.key.scope {
                Scope::Province(p) => Some(plan.provinces.get(p).name.as_str()),
                _ => None,
            };
            for text in [Some(c.key.number.as_str()), c.title.as_deref(), c.type_name.as_deref(), c.issuer.as_deref()]
                .into_iter()
                .chain([province])
                .flatten()
            {
                texts.text(true, text);
            }
            if let Some(term) = number_term(&c.key.number) {
                texts.number(true, &term);
            }
        }
    }
    Ok(())
}

/// A directive's texts, `cites` being the numbers it cites (as the archive
/// lists them); returns its plain text ([`plain_text`]). Separate from [`walk`] so
/// that the live index can read a directive the archive no longer holds:
/// the version an edit replaced. Head fields come first: the indexer
/// relies on it.
pub(crate) fn walk_directive<'c>(
    plan: &Plan,
    d: &Directive,
    body: &str,
    cites: impl Iterator<Item = &'c str> + Clone,
    texts: &mut impl Texts,
) -> Option<String> {
    let number = d.number.as_ref().map(|n| n.canonical());
    let province = d.province.map(|p| plan.provinces.get(p).name.as_str());
    for text in [Some(d.title.as_str()), number.as_deref(), d.type_name.as_deref(), d.issuer.as_deref(), province]
        .into_iter()
        .flatten()
    {
        texts.text(true, text);
    }
    if let Some(term) = number.as_deref().and_then(number_term) {
        texts.number(true, &term);
    }
    let mut plain = String::new();
    markdown(body, &mut |block| {
        texts.text(false, block);
        push_block(&mut plain, block);
    });
    for cite in cites.clone() {
        texts.text(false, cite);
    }
    if let Some(signer) = &d.signer {
        for text in [&signer.name, &signer.position, &signer.authority].into_iter().flatten() {
            texts.text(false, text);
        }
    }
    for text in d.recipients.iter().chain(&d.tags).chain(&d.place) {
        texts.text(false, text);
    }
    for term in cites.filter_map(number_term) {
        texts.number(false, &term);
    }
    (!plain.is_empty()).then_some(plain)
}

/// Adds a block to a plain text: trimmed, after a space (not a line break,
/// which would need escaping in the summary). White space inside is left
/// as it is (the page shows it as one space), which spares the indexer a
/// pass over every character.
fn push_block(plain: &mut String, block: &str) {
    let block = block.trim();
    if !block.is_empty() {
        if !plain.is_empty() {
            plain.push(' ');
        }
        plain.push_str(block);
    }
}

/// A document's terms by name, each with whether it is in a head field and
/// whether it is in the body: what the live index compares before and after
/// an edit. Slow (a string a term) but for a few documents only.
#[derive(Default, Debug, PartialEq, Eq)]
pub(crate) struct Named {
    pub terms: BTreeMap<String, [bool; 2]>,
}

impl Texts for Named {
    fn text(&mut self, head: bool, text: &str) {
        let mut previous: Option<String> = None;
        crate::text::vietnamese::for_each_token(text, |word| {
            if let Some(previous) = &previous {
                self.terms.entry(format!("{previous}_{word}")).or_default()[usize::from(!head)] = true;
            }
            self.terms.entry(word.to_string()).or_default()[usize::from(!head)] = true;
            previous = Some(word.to_string());
        });
    }

    fn number(&mut self, head: bool, term: &str) {
        self.terms.entry(term.to_string()).or_default()[usize::from(!head)] = true;
    }
}

/// A directive's plain text, for its summary: its blocks (paragraph, list
/// item, heading, cell), each trimmed, joined by spaces.
pub(crate) fn plain_text(body: &str) -> Option<String> {
    let mut plain = String::new();
    markdown(body, &mut |block| push_block(&mut plain, block));
    (!plain.is_empty()).then_some(plain)
}

/// The plain text of a directive's Markdown, one string per block
/// (paragraph, list item, heading, cell), as the index reads it.
pub fn text_blocks(markdown_text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    markdown(markdown_text, &mut |block| {
        let block = block.split_whitespace().collect::<Vec<_>>().join(" ");
        if !block.is_empty() {
            blocks.push(block);
        }
    });
    blocks
}

/// Hands each block of the body's text (paragraph, list item, heading,
/// cell) to `block`, without markup, links' targets or raw HTML, which the
/// page does not show either.
fn markdown(markdown: &str, block: &mut dyn FnMut(&str)) {
    let mut current = String::new();
    let mut flush = |current: &mut String| {
        if !current.is_empty() {
            block(current);
            current.clear();
        }
    };
    // Inside raw <script> or <style>: the page's sanitiser drops it, so must we.
    let mut hidden = false;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                let tag = html.trim_start().to_ascii_lowercase();
                if tag.starts_with("<script") || tag.starts_with("<style") {
                    hidden = !(tag.contains("</script") || tag.contains("</style"));
                } else if tag.starts_with("</script") || tag.starts_with("</style") {
                    hidden = false;
                }
            }
            Event::Text(_) | Event::Code(_) if hidden => {}
            Event::Text(text) | Event::Code(text) => current.push_str(&text),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::Start(tag) if is_block(&tag) => flush(&mut current),
            Event::End(tag) if is_block_end(&tag) => flush(&mut current),
            _ => {}
        }
    }
    flush(&mut current);
}

fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::TableCell
            | Tag::TableRow
            | Tag::TableHead
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::TableRow
            | TagEnd::TableHead
    )
}
