//! Debrief's PDF export: a report typeset with Typst, offline, with its fonts embedded.
//!
//! [`render`] writes the report as Typst source (the template in `template.typ`, then calls to
//! its functions with the report's text escaped), picks the fonts the text needs, typesets the
//! source in a sandbox that reads no file, and writes the PDF. The external PDF is made from the
//! external Markdown export alone, so it can hold nothing that export leaves out.

mod escape;
mod fonts;
mod markup;
mod source;
mod world;

use typst::diag::SourceDiagnostic;
use typst::foundations::Smart;
use typst_layout::PagedDocument;

/// Who a PDF is for: the team (the whole report) or customers (the title, when it happened, and
/// the external message; nothing else).
pub use debrief_core::export_request::Audience;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(
        "the PDF could not be typeset ({0}); export the report as Markdown instead, and report this problem with the report attached"
    )]
    Typeset(String),
    #[error(
        "the PDF could not be written ({0}); export the report as Markdown instead, and report this problem with the report attached"
    )]
    Write(String),
    #[error(
        "the PDF export stopped unexpectedly; export the report as Markdown instead, and report this problem with the report attached"
    )]
    Crashed,
}

pub type Result<T> = std::result::Result<T, PdfError>;

/// The report as a PDF for `audience`.
pub fn render(report: &debrief_core::Postmortem, audience: Audience) -> Result<Vec<u8>> {
    typeset(source_of(report, audience))
}

/// A stack large enough for deeply nested documents, whatever thread the caller runs on.
const STACK_SIZE: usize = 64 * 1024 * 1024;

fn typeset(source: String) -> Result<Vec<u8>> {
    // Typst runs on a thread of its own: with a known, large stack, and so that a panic inside
    // it becomes an error instead of taking the caller down.
    let outcome = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("pdf".into())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, || typeset_here(source))
            .map(|thread| thread.join())
    });
    // Typst keeps what it computed for the next run; a PDF is made now and then, so the memory
    // is worth more than the speed.
    typst::comemo::evict(0);
    match outcome {
        Ok(Ok(result)) => result,
        Ok(Err(_panic)) => Err(PdfError::Crashed),
        Err(error) => Err(PdfError::Typeset(format!(
            "no thread could be started: {error}"
        ))),
    }
}

fn typeset_here(source: String) -> Result<Vec<u8>> {
    let document = layout(source)?;
    let options = typst_pdf::PdfOptions {
        creator: Smart::Custom(Some("Debrief".into())),
        ..typst_pdf::PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| PdfError::Write(describe(&errors)))
}

/// The source laid out in pages, with the fonts its text needs.
fn layout(source: String) -> Result<PagedDocument> {
    let fonts = fonts::FontSet::for_source(&source);
    let source = fonts.make_visible(source);
    let world = world::Sandbox::new(source, fonts.fonts);
    typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| PdfError::Typeset(describe(&errors)))
}

fn describe(errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|error| error.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The Typst source of the PDF for `audience`.
fn source_of(report: &debrief_core::Postmortem, audience: Audience) -> String {
    match audience {
        Audience::Internal => source::internal(report),
        Audience::External => source::external(&debrief_core::export::markdown::external(report)),
    }
}

#[cfg(test)]
mod tests;
