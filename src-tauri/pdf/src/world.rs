//! The sandbox a document is typeset in. Typst reaches files, packages, fonts and the clock only
//! through its `World`; this one serves the generated source and the chosen fonts, and refuses
//! everything else. Report text could not read a file even if it got past the escaping.

use std::sync::LazyLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The standard library with no inputs (`sys.inputs` is empty), built once.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

pub struct Sandbox {
    main: Source,
    fonts: Vec<Font>,
    book: LazyHash<FontBook>,
}

impl Sandbox {
    pub fn new(source: String, fonts: Vec<Font>) -> Self {
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        Sandbox {
            main: Source::detached(source),
            fonts,
            book,
        }
    }
}

impl World for Sandbox {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    /// No clock: a document looks the same whenever it is made.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
