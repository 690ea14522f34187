//! The fonts a PDF is set in: four files compiled into the binary, and, only when the text needs
//! a script they lack (Chinese, Arabic, emoji…), the system's own fonts, read and never written.
//!
//! Before a document is typeset, every character of its source is checked against the fonts it
//! will have. A character no font covers is replaced with U+FFFD (�), which the embedded
//! monospaced font draws, so a reader sees that something is missing instead of an empty box.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use typst::foundations::Bytes;
use typst::text::{Font, FontInfo};

/// The embedded fonts: Inter for text (regular, italic, semibold) and JetBrains Mono for code.
const EMBEDDED: [&[u8]; 4] = [
    include_bytes!("../fonts/Inter-Regular.otf"),
    include_bytes!("../fonts/Inter-Italic.otf"),
    include_bytes!("../fonts/Inter-SemiBold.otf"),
    include_bytes!("../fonts/JetBrainsMono-Regular.ttf"),
];

/// What stands in for a character no font has.
pub const REPLACEMENT: char = '\u{FFFD}';

/// The fonts of one document, in the order the typesetter sees them.
pub struct FontSet {
    pub fonts: Vec<Font>,
    /// Every character some font of the set draws.
    coverage: CharSet,
}

impl FontSet {
    /// The embedded fonts, plus system fonts for the characters of `source` they lack.
    pub fn for_source(source: &str) -> FontSet {
        let embedded = embedded();
        let mut fonts = embedded.fonts.clone();
        let mut seen = CharSet::new();
        let mut chosen: Vec<usize> = Vec::new();
        for c in source.chars() {
            if is_plain(c) || embedded.coverage.contains(c) || seen.contains(c) {
                continue;
            }
            seen.insert(c);
            let system = system();
            if !system.coverage.contains(c) {
                continue;
            }
            let covered_by_chosen = chosen
                .iter()
                .any(|&face| system.faces[face].info.coverage.contains(c as u32));
            if covered_by_chosen {
                continue;
            }
            if let Some(face) = system
                .faces
                .iter()
                .position(|face| face.info.coverage.contains(c as u32))
            {
                chosen.push(face);
            }
        }
        if chosen.is_empty() {
            return FontSet {
                fonts,
                coverage: embedded.coverage.clone(),
            };
        }
        let mut coverage = embedded.coverage.clone();
        for face in chosen {
            if let Some(font) = load(&system().faces[face]) {
                coverage.extend(font.info());
                fonts.push(font);
            }
        }
        FontSet { fonts, coverage }
    }

    /// Whether some font of the set draws `c`.
    pub fn covers(&self, c: char) -> bool {
        is_plain(c) || self.coverage.contains(c)
    }

    /// `source` with every character no font of the set draws replaced by [`REPLACEMENT`], and
    /// white space no font has by a plain space. Returns the source unchanged (without copying)
    /// when every character is covered.
    pub fn make_visible(&self, source: String) -> String {
        if source.chars().all(|c| self.covers(c) || is_invisible(c)) {
            return source;
        }
        source
            .chars()
            .map(|c| {
                if self.covers(c) || is_invisible(c) {
                    c
                } else if c.is_whitespace() {
                    ' '
                } else {
                    REPLACEMENT
                }
            })
            .collect()
    }
}

/// Printable ASCII and the white space the source itself is made of: always covered.
fn is_plain(c: char) -> bool {
    matches!(c, ' '..='~' | '\n' | '\t' | '\r')
}

/// Characters that draw nothing (joiners, variation selectors, direction marks, line
/// separators): the shaper handles them, whatever the fonts contain.
fn is_invisible(c: char) -> bool {
    typst_syntax::is_newline(c)
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
            | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// A set of characters as one bit per code point (136 KiB), for checks in constant time.
#[derive(Clone)]
struct CharSet(Vec<u64>);

impl CharSet {
    fn new() -> Self {
        CharSet(vec![0; 0x11_0000 / 64])
    }

    fn insert(&mut self, c: char) {
        let c = c as usize;
        if let Some(word) = self.0.get_mut(c / 64) {
            *word |= 1 << (c % 64);
        }
    }

    fn contains(&self, c: char) -> bool {
        let c = c as usize;
        self.0
            .get(c / 64)
            .is_some_and(|word| word & (1 << (c % 64)) != 0)
    }

    fn extend(&mut self, info: &FontInfo) {
        for code in info.coverage.iter() {
            if let Some(c) = char::from_u32(code) {
                self.insert(c);
            }
        }
    }
}

struct Embedded {
    fonts: Vec<Font>,
    coverage: CharSet,
}

fn embedded() -> &'static Embedded {
    static EMBEDDED_FONTS: OnceLock<Embedded> = OnceLock::new();
    EMBEDDED_FONTS.get_or_init(|| {
        let fonts: Vec<Font> = EMBEDDED
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        let mut coverage = CharSet::new();
        for font in &fonts {
            coverage.extend(font.info());
        }
        Embedded { fonts, coverage }
    })
}

/// One face of a font file found on the system.
struct SystemFace {
    path: PathBuf,
    index: u32,
    info: FontInfo,
}

struct System {
    faces: Vec<SystemFace>,
    coverage: CharSet,
}

/// The system's fonts, found on first use (once per process) and only when a text needs them.
fn system() -> &'static System {
    static SYSTEM: OnceLock<System> = OnceLock::new();
    SYSTEM.get_or_init(|| {
        let mut faces = Vec::new();
        for directory in font_directories() {
            scan(&directory, 0, &mut faces);
        }
        // Regular upright faces first: they are what a fallback should look like.
        faces.sort_by_key(|face: &SystemFace| {
            let variant = face.info.variant;
            (
                variant.style != typst::text::FontStyle::Normal,
                variant.weight.distance(typst::text::FontWeight::REGULAR),
                face.path.clone(),
                face.index,
            )
        });
        let mut coverage = CharSet::new();
        for face in &faces {
            coverage.extend(&face.info);
        }
        System { faces, coverage }
    })
}

/// Where operating systems keep fonts, for all users and for the current one.
fn font_directories() -> Vec<PathBuf> {
    let mut directories: Vec<PathBuf> = [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/System/Library/Fonts",
        "/Library/Fonts",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        directories.push(home.join(".local/share/fonts"));
        directories.push(home.join(".fonts"));
        directories.push(home.join("Library/Fonts"));
    }
    if let Some(data) = std::env::var_os("XDG_DATA_HOME") {
        directories.push(PathBuf::from(data).join("fonts"));
    }
    if let Some(windows) = std::env::var_os("WINDIR") {
        directories.push(PathBuf::from(windows).join("Fonts"));
    }
    if let Some(local) = std::env::var_os("LOCALAPPDATA") {
        directories.push(PathBuf::from(local).join("Microsoft/Windows/Fonts"));
    }
    directories
}

/// Font files larger than this are skipped (no real font is).
const MAX_FONT_FILE: u64 = 128 * 1024 * 1024;

fn scan(directory: &Path, depth: usize, faces: &mut Vec<SystemFace>) {
    // Font folders are shallow; the limit also ends any loop of links.
    if depth > 8 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(directory) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|entry| entry.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            scan(&path, depth + 1, faces);
            continue;
        }
        let is_font = path
            .extension()
            .and_then(|extension| extension.to_str())
            .is_some_and(|extension| {
                matches!(
                    extension.to_ascii_lowercase().as_str(),
                    "ttf" | "otf" | "ttc" | "otc"
                )
            });
        let small_enough = std::fs::metadata(&path).is_ok_and(|meta| meta.len() <= MAX_FONT_FILE);
        if !is_font || !small_enough {
            continue;
        }
        let Ok(data) = std::fs::read(&path) else {
            continue;
        };
        for (index, info) in FontInfo::iter(&data).enumerate() {
            faces.push(SystemFace {
                path: path.clone(),
                index: u32::try_from(index).unwrap_or(u32::MAX),
                info,
            });
        }
    }
}

/// A system face, read from its file the first time a document needs it.
fn load(face: &SystemFace) -> Option<Font> {
    static LOADED: OnceLock<Mutex<HashMap<(PathBuf, u32), Font>>> = OnceLock::new();
    let loaded = LOADED.get_or_init(|| Mutex::new(HashMap::new()));
    let key = (face.path.clone(), face.index);
    if let Ok(cache) = loaded.lock() {
        if let Some(font) = cache.get(&key) {
            return Some(font.clone());
        }
    }
    let data = std::fs::read(&face.path).ok()?;
    let font = Font::new(Bytes::new(data), face.index)?;
    if let Ok(mut cache) = loaded.lock() {
        cache.insert(key, font.clone());
    }
    Some(font)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_fonts_load_and_cover_latin_and_the_replacement() {
        let set = FontSet::for_source("Plain text, naïve café – “quoted” ✓");
        assert_eq!(set.fonts.len(), 4);
        let families: Vec<&str> = set.fonts.iter().map(|f| f.info().family.as_str()).collect();
        assert!(families.contains(&"Inter"), "{families:?}");
        assert!(families.contains(&"JetBrains Mono"), "{families:?}");
        assert!(set.covers(REPLACEMENT));
        assert!(set.covers('✓'));
    }

    #[test]
    fn a_character_no_font_has_becomes_the_replacement() {
        // U+0378 is unassigned: no font anywhere maps it.
        let source = "a\u{0378}b\u{200D}c".to_string();
        let set = FontSet::for_source(&source);
        assert_eq!(set.make_visible(source), "a\u{FFFD}b\u{200D}c");
    }

    #[test]
    fn covered_text_is_returned_as_it_is() {
        let set = FontSet::for_source("fine");
        assert_eq!(set.make_visible("fine\n".to_string()), "fine\n");
    }
}
