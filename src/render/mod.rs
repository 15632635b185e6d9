//! Stage 5, render: page content through the theme's tera templates. Pure:
//! everything it needs (templates, strings, content) is handed to it.

pub mod data;
pub mod markdown;
pub mod theme;

use crate::content::config::Config;
use crate::diagnostics::{Diagnostic, Severity};
use crate::plan::PageContext;
use crate::render::theme::Theme;
use crate::site::ArchiveDate;
use tera::{Context, Tera};

/// The default theme's templates of the files every archive has, for
/// themes that do not have them.
const BUILT_IN: [(&str, &str); 5] = [
    ("feed.xml", include_str!("../../themes/default/templates/feed.xml")),
    ("sitemap.xml", include_str!("../../themes/default/templates/sitemap.xml")),
    ("sitemap_index.xml", include_str!("../../themes/default/templates/sitemap_index.xml")),
    ("robots.txt", include_str!("../../themes/default/templates/robots.txt")),
    ("data.html", include_str!("../../themes/default/templates/data.html")),
];

pub struct Renderer {
    tera: Tera,
}

impl Renderer {
    /// Compiles the theme's templates, with the site settings and the
    /// interface strings (`t`) available to every template.
    pub fn new(theme: &Theme, config: &Config, build_date: &ArchiveDate) -> Result<Renderer, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml", ".svg"]);
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
        global.insert("build_date", &build_date.date);
        global.insert("build_date_label", build_date.label);
        Ok(Renderer { tera })
    }

    /// The page as tera's values: its own fields, then the frame's (what
    /// `#[serde(flatten)]` gives, without its slow generic path, a third of a
    /// page's cost).
    pub fn context(&self, page: &PageContext) -> crate::Result<Context> {
        let mut context = Context::from_serialize(&page.content)
            .map_err(|e| crate::Error::Template(format!("{}: {e}", page.path)))?;
        context.insert("root", &page.root);
        context.insert("path", page.path);
        context.insert("kind", page.kind);
        context.insert("breadcrumbs", &page.breadcrumbs);
        context.insert("pagination", &page.pagination);
        context.insert("feed", &page.feed);
        Ok(context)
    }

    /// `template` run on a page's `context`, as bytes: tera writes UTF-8 (its
    /// templates and every value are `str`), so checking it again would be
    /// wasted work.
    pub fn render_context(&self, template: &str, context: &Context, path: &str) -> crate::Result<Vec<u8>> {
        let mut html = Vec::with_capacity(16 * 1024);
        self.tera.render_to(template, context, &mut html).map(|()| html).map_err(|e| {
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
