//! Looking at text the way the wording rules need: which parts to skip (code, links, quotations),
//! where sentences and lines start and end, and how byte offsets map to UTF-16 offsets.

use std::ops::Range;

/// Byte ranges of `text` that wording rules must not look into: fenced and indented code blocks,
/// inline code, URLs, block quotes, and text between quotation marks. Sorted and disjoint.
pub fn skipped_regions(text: &str) -> Vec<Range<usize>> {
    let mut regions = Vec::new();
    let bytes = text.as_bytes();

    // Block-level: fenced code and block quotes, line by line.
    let mut offset = 0;
    let mut fence: Option<(u8, usize, usize)> = None; // (char, length, start)
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - trimmed.len();
        if let Some((fence_char, fence_len, fence_start)) = fence {
            let run = trimmed.bytes().take_while(|&b| b == fence_char).count();
            if run >= fence_len && trimmed[run..].trim().is_empty() {
                regions.push(fence_start..offset);
                fence = None;
            }
            continue;
        }
        if indent <= 3 {
            let first = trimmed.bytes().next();
            if let Some(c @ (b'`' | b'~')) = first {
                let run = trimmed.bytes().take_while(|&b| b == c).count();
                if run >= 3 {
                    fence = Some((c, run, start));
                    continue;
                }
            }
            if first == Some(b'>') {
                regions.push(start..offset);
                continue;
            }
        }
    }
    if let Some((_, _, fence_start)) = fence {
        regions.push(fence_start..text.len());
    }

    // Inline: code spans, URLs and quotations, outside the blocks found above. Only the bytes that
    // can open one of them are looked at; everything else is skipped in bulk.
    let mut index = 0;
    let mut block = 0;
    let block_regions = regions.clone();
    // Every byte where a code span, a quotation or a link may open, found with vectorised
    // searches: most of a text is plain words and is never looked at one byte at a time.
    let mut openings: Vec<usize> = memchr::memchr3_iter(b'`', b'"', b':', bytes).collect();
    for needle in ["“", "„", "«", "www.", "WWW."] {
        openings.extend(memchr::memmem::find_iter(bytes, needle.as_bytes()));
    }
    openings.sort_unstable();
    let mut next_opening = 0;
    while let Some(&found) = openings.get(next_opening) {
        next_opening += 1;
        if found < index {
            continue;
        }
        index = found;
        while block < block_regions.len() && block_regions[block].end <= index {
            block += 1;
        }
        if block < block_regions.len() && block_regions[block].start <= index {
            index = block_regions[block].end;
            continue;
        }
        let rest = &text[index..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        match c {
            '`' => {
                let run = rest.bytes().take_while(|&b| b == b'`').count();
                let closing = &rest[..run];
                // A code span closes with the same run of backticks, within its paragraph.
                match rest[run..].find(closing) {
                    Some(end) if !has_blank_line(&rest[run..run + end]) => {
                        let end = index + run + end + run;
                        regions.push(index..end);
                        index = end;
                    }
                    _ => index += run,
                }
                continue;
            }
            '"' | '“' | '«' | '„' => {
                let close: &[char] = match c {
                    '"' => &['"'],
                    '“' | '„' => &['”', '“', '"'],
                    _ => &['»'],
                };
                let after = index + c.len_utf8();
                // A quotation ends at its closing mark, within the same paragraph.
                if let Some(end) = text[after..].find(close) {
                    let inside = &text[after..after + end];
                    if !has_blank_line(inside) {
                        let end_char = text[after + end..].chars().next().map_or(1, char::len_utf8);
                        let end = after + end + end_char;
                        regions.push(index..end);
                        index = end;
                        continue;
                    }
                }
            }
            ':' if rest.starts_with("://") || text[..index].ends_with("mailto") => {
                // A scheme before the colon ("https:", "mailto:") starts a URL.
                let word_start = text[..index]
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| !c.is_ascii_alphanumeric())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                if index - word_start <= 6 && index > word_start {
                    if let Some(length) = url_length(&text[word_start..]) {
                        if let Some(last) = regions.last_mut().filter(|r| r.end > word_start) {
                            last.end = last.end.max(word_start + length);
                        } else {
                            regions.push(word_start..word_start + length);
                        }
                        index = word_start + length;
                        continue;
                    }
                }
            }
            'w' | 'W' => {
                let at_word_start = text[..index]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                if at_word_start {
                    if let Some(length) = url_length(rest) {
                        regions.push(index..index + length);
                        index += length;
                        continue;
                    }
                }
            }
            _ => {}
        }
        index += c.len_utf8();
    }
    regions.sort_by_key(|r| r.start);
    merge(regions)
}

/// Whether `text` holds an empty line (a paragraph break).
fn has_blank_line(text: &str) -> bool {
    text.as_bytes().windows(2).any(|pair| pair == b"\n\n")
}

fn merge(regions: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(regions.len());
    for region in regions {
        match merged.last_mut() {
            Some(last) if region.start <= last.end => last.end = last.end.max(region.end),
            _ => merged.push(region),
        }
    }
    merged
}

/// The length of a URL starting at the beginning of `text`, if one does.
pub fn url_length(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let scheme = ["https://", "http://", "mailto:", "ftp://", "www."]
        .into_iter()
        .find(|s| bytes.len() >= s.len() && bytes[..s.len()].eq_ignore_ascii_case(s.as_bytes()))?;
    let mut end = scheme.len();
    for (i, c) in text[scheme.len()..].char_indices() {
        if c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | ')' | ']') {
            break;
        }
        end = scheme.len() + i + c.len_utf8();
    }
    // Trailing punctuation belongs to the sentence, not the link.
    while end > scheme.len() && text[..end].ends_with(['.', ',', ';', ':', '!', '?', '\'']) {
        end -= 1;
    }
    (end > scheme.len()).then_some(end)
}

/// Whether `range` touches any of the sorted, disjoint `regions`.
pub fn overlaps(regions: &[Range<usize>], range: &Range<usize>) -> bool {
    let index = regions.partition_point(|r| r.end <= range.start);
    regions.get(index).is_some_and(|r| r.start < range.end)
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\n')
}

/// Where the sentence holding byte `offset` starts: after the previous sentence end or line break.
pub fn sentence_start(text: &str, offset: usize) -> usize {
    let before = &text[..offset];
    before
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            c == '\n'
                || (is_sentence_end(c)
                    && before[i + c.len_utf8()..].starts_with(char::is_whitespace))
        })
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// The sentence around `range`: from the previous sentence end (or line start) to the next.
pub fn sentence_around(text: &str, range: &Range<usize>) -> Range<usize> {
    let is_end = is_sentence_end;
    let start = sentence_start(text, range.start);
    let after = &text[range.end..];
    let end = after
        .char_indices()
        .find(|&(i, c)| {
            c == '\n'
                || (is_end(c)
                    && after[i + c.len_utf8()..]
                        .chars()
                        .next()
                        .is_none_or(char::is_whitespace))
        })
        .map_or(text.len(), |(i, c)| {
            range.end + i + if c == '\n' { 0 } else { c.len_utf8() }
        });
    let slice = &text[start..end];
    let leading = slice.len() - slice.trim_start().len();
    let trailing = slice.len() - slice.trim_end().len();
    if start + leading <= end - trailing {
        start + leading..end - trailing
    } else {
        range.clone()
    }
}

/// Converts sorted byte offsets to UTF-16 offsets in one pass.
pub struct Utf16Index<'a> {
    text: &'a str,
    byte: usize,
    utf16: usize,
}

impl<'a> Utf16Index<'a> {
    pub fn new(text: &'a str) -> Self {
        Utf16Index {
            text,
            byte: 0,
            utf16: 0,
        }
    }

    /// The UTF-16 offset of byte `offset` (which must be on a character boundary). Offsets asked
    /// in increasing order cost one pass over the text in all; going back counts only the stretch
    /// between the two offsets.
    pub fn at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset >= self.byte {
            self.utf16 += utf16_length(&self.text[self.byte..offset]);
        } else {
            self.utf16 -= utf16_length(&self.text[offset..self.byte]);
        }
        self.byte = offset;
        self.utf16
    }
}

/// The length of `text` in UTF-16 code units: one per character, two for those of four bytes.
fn utf16_length(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    let four_byte = text.bytes().filter(|&b| b >= 0xF0).count();
    text.chars().count() + four_byte
}

/// 1-based line and column (in characters) of byte `offset`, for compiler-style output.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skipped(text: &str) -> Vec<&str> {
        skipped_regions(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn code_urls_and_quotes_are_skipped() {
        assert_eq!(
            skipped("Run `rm -rf` then see https://example.com/a. He said \"human error\" twice."),
            vec!["`rm -rf`", "https://example.com/a", "\"human error\""]
        );
        assert_eq!(
            skipped("text\n```\nroot cause\n```\n> quoted line\nafter"),
            vec!["```\nroot cause\n```\n> quoted line\n"]
        );
        assert_eq!(skipped("“curly quotes” stay"), vec!["“curly quotes”"]);
        assert_eq!(skipped("an \"unclosed quote"), Vec::<&str>::new());
    }

    #[test]
    fn sentences_are_found_around_a_match() {
        let text = "First one. The second has v1.2 inside it! Third";
        let at = text.find("inside").unwrap();
        assert_eq!(
            &text[sentence_around(text, &(at..at + 6))],
            "The second has v1.2 inside it!"
        );
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs() {
        let text = "a😀é b";
        let mut index = Utf16Index::new(text);
        assert_eq!(index.at(1), 1);
        assert_eq!(index.at(5), 3);
        assert_eq!(index.at(text.len()), 6);
        assert_eq!(index.at(0), 0);
    }

    #[test]
    fn lines_and_columns_are_one_based() {
        assert_eq!(line_column("ab\ncdé f", 8), (2, 5));
    }
}
