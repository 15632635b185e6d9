//! The pairs' places (`p/{k}.js`, [`super::places`]) are most of the
//! index's bytes (some 2.5 MB a thousand directives), too much to hold
//! whole until the end at a million directives. They go to files instead,
//! in a scratch folder of vanban's own, and come back a share at a time.
//!
//! 1. **As the waves are merged**, each share of the terms (a part of
//!    [`super::invert`]'s merge) appends each pair's places in the wave's
//!    runs to its own file: a record is the pair's term id, the length of
//!    the places and the places as they will be written. A pair's places
//!    hold nothing from one document to the next (each document's count
//!    and positions start afresh), so its records, in the order they were
//!    written, put end to end, are exactly its places.
//! 2. **At the end**, when the number of `p/` shards is known (it depends
//!    on the whole index's size), the records are sorted out into groups of
//!    consecutive shards, one file a group, small enough to hold.
//! 3. **Each group in turn** is read whole: its pairs' records put together
//!    in order, named, sorted into their shards, and the shards written.
//!
//! The scratch folder ([`Scratch`]) is made new and removed when dropped,
//! whether the index was made or not.

#[cfg(test)]
use super::places::push_documents;
use super::places::{documents_room, put_documents};
use super::postings::{push_byte_varint, read_byte_varint};
use super::{entry_term, places_path, shard_count, shard_file};
use crate::output::guard::create_new_dir;
use crate::Error;
use rayon::prelude::*;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Bytes of records a group of shards gets, about: what one thread holds
/// (twice: the records and the entries made of them) when it writes them.
pub(crate) const GROUP_BYTES: u64 = 16 << 20;
/// Bytes of records kept for a group before they go to its file.
const GROUP_BUFFER: usize = 32 << 10;

/// A folder of vanban's own for files that are not the output, removed
/// with everything in it when dropped.
pub(crate) struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    /// A new folder inside `parent` (a name nothing is at).
    pub fn create(parent: &Path) -> Result<Scratch, Error> {
        let base = parent.join(format!(".vanban-search-{}", std::process::id()));
        let dir = create_new_dir(&base).map_err(Error::write(&base))?;
        Ok(Scratch { dir })
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The record at the start of `bytes`, if it is whole: its term id, where
/// its places start and where it ends.
fn record(bytes: &[u8]) -> Option<(u32, usize, usize)> {
    let mut at = 0;
    let id = read_byte_varint(bytes, &mut at)?;
    let length = read_byte_varint(bytes, &mut at)? as usize;
    let end = at.checked_add(length)?;
    (end <= bytes.len()).then_some((id, at, end))
}

fn damaged(path: &Path) -> Error {
    unreadable(path, "a record is cut short")
}

fn unreadable(path: &Path, why: &str) -> Error {
    let source = io::Error::new(io::ErrorKind::InvalidData, why);
    Error::Reread { path: path.to_path_buf(), source }
}

/// Calls `each` with every record of the file at `path` (its term id and
/// the whole record), reading a block at a time.
fn each_record(path: &Path, mut each: impl FnMut(u32, &[u8])) -> Result<(), Error> {
    let reread = |source| Error::Reread { path: path.to_path_buf(), source };
    let mut file = File::open(path).map_err(reread)?;
    let mut buffer = Vec::with_capacity(1 << 20);
    loop {
        let mut start = 0;
        while let Some((id, _, end)) = record(&buffer[start..]) {
            each(id, &buffer[start..start + end]);
            start += end;
        }
        buffer.drain(..start);
        if (&mut file).take(1 << 20).read_to_end(&mut buffer).map_err(reread)? == 0 {
            return if buffer.is_empty() { Ok(()) } else { Err(damaged(path)) };
        }
    }
}

/// One share of the terms' places, appended to its file wave by wave.
pub(crate) struct Spill {
    path: PathBuf,
    file: File,
    /// The wave's records, written at its end.
    records: Vec<u8>,
    /// One pair's places in one run, before its record is written
    /// (the start of it: room for the largest yet).
    places: Vec<u8>,
    /// Bytes of places (without the records' heads) and of records.
    placed: u64,
    written: u64,
}

impl Spill {
    /// A new file for share `part` in `scratch`.
    pub fn create(scratch: &Scratch, part: usize) -> Result<Spill, Error> {
        let path = scratch.file(&format!("part-{part}"));
        let file = File::create_new(&path).map_err(Error::write(&path))?;
        Ok(Spill { path, file, records: Vec::new(), places: Vec::new(), placed: 0, written: 0 })
    }

    /// Appends a pair's places in some documents of a run (`document ×
    /// 2^32 + position`, by document and position), document by document.
    pub fn push(&mut self, id: u32, placed: &[u64]) {
        // Room made once for the largest, not cleared: written over.
        let room = documents_room(placed);
        if self.places.len() < room {
            self.places.resize(room, 0);
        }
        let length = put_documents(&mut self.places, placed);
        push_byte_varint(&mut self.records, id);
        push_byte_varint(&mut self.records, length as u32);
        self.records.extend_from_slice(&self.places[..length]);
        self.placed += length as u64;
    }

    /// Writes the records pushed since last time.
    pub fn flush(&mut self) -> Result<(), Error> {
        self.file.write_all(&self.records).map_err(Error::write(&self.path))?;
        self.written += self.records.len() as u64;
        self.records.clear();
        Ok(())
    }

    /// Bytes of places pushed.
    pub fn placed(&self) -> u64 {
        self.placed
    }
}

/// What writing the places shards needs to know of the index's terms.
pub(crate) struct Terms<'t> {
    /// Every term's hash, by term id.
    pub hashes: &'t [u32],
    /// A term's name, from its id.
    pub name: &'t (dyn Fn(u32) -> String + Sync),
    /// Bytes of the places entries (`term:places`) with their commas.
    pub total: usize,
}

/// Writes the `p/` shards from the spilled places, a group of shards at a
/// time; returns their number.
pub(crate) fn write_shards(
    spills: Vec<Spill>,
    terms: &Terms,
    scratch: &Scratch,
    group_bytes: u64,
    sink: super::invert::FileSink,
) -> Result<usize, Error> {
    let count = shard_count(terms.total);
    let written: u64 = spills.iter().map(|spill| spill.written).sum();
    let groups = (written.div_ceil(group_bytes.max(1)) as usize).clamp(1, count);
    let group_of = |id: u32| (terms.hashes[id as usize] as usize % count) * groups / count;
    let paths: Vec<PathBuf> = (0..groups).map(|g| scratch.file(&format!("group-{g}"))).collect();
    let files = paths
        .iter()
        .map(|path| File::create_new(path).map(Mutex::new).map_err(Error::write(path)))
        .collect::<Result<Vec<_>, _>>()?;
    spills.into_par_iter().try_for_each(|spill| {
        let Spill { path, file, .. } = spill;
        drop(file);
        sort_out(&path, &files, &paths, &group_of)?;
        std::fs::remove_file(&path).map_err(Error::remove(&path))
    })?;
    drop(files);
    (0..groups).into_par_iter().try_for_each(|g| {
        let shards = (g * count).div_ceil(groups)..((g + 1) * count).div_ceil(groups);
        write_group(&paths[g], shards, count, terms, sink)?;
        std::fs::remove_file(&paths[g]).map_err(Error::remove(&paths[g]))
    })?;
    Ok(count)
}

/// Copies each record of one share's file to its group's file, a buffer at a
/// time. A share's records keep their order in each group's file.
fn sort_out(
    path: &Path,
    files: &[Mutex<File>],
    paths: &[PathBuf],
    group_of: &(dyn Fn(u32) -> usize + Sync),
) -> Result<(), Error> {
    let mut buffers: Vec<Vec<u8>> = vec![Vec::new(); files.len()];
    let write = |g: usize, bytes: &mut Vec<u8>| -> Result<(), Error> {
        let mut file = files[g].lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        file.write_all(bytes).map_err(Error::write(&paths[g]))?;
        bytes.clear();
        Ok(())
    };
    let mut failed = Ok(());
    each_record(path, |id, record| {
        let g = group_of(id);
        buffers[g].extend_from_slice(record);
        if buffers[g].len() >= GROUP_BUFFER && failed.is_ok() {
            failed = write(g, &mut buffers[g]);
        }
    })?;
    failed?;
    for (g, buffer) in buffers.iter_mut().enumerate() {
        write(g, buffer)?;
    }
    Ok(())
}

/// Writes the shards `shards` (of `count`) from their group's file.
fn write_group(
    path: &Path,
    shards: std::ops::Range<usize>,
    count: usize,
    terms: &Terms,
    sink: super::invert::FileSink,
) -> Result<(), Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Reread { path: path.to_path_buf(), source })?;
    // Records are found by 32-bit offsets: a group is some [`GROUP_BYTES`],
    // or some 40 KB a shard when there are fewer shards than that makes.
    if u32::try_from(bytes.len()).is_err() {
        return Err(unreadable(path, "a group of places shards is over 4 GiB"));
    }
    // (term id, start, end) of each record's places, by term and in order.
    let mut records = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let (id, places, end) = record(&bytes[start..]).ok_or_else(|| damaged(path))?;
        records.push((id, (start + places) as u32, (start + end) as u32));
        start += end;
    }
    records.sort_by_key(|&(id, _, _)| id);
    let mut entries: Vec<Vec<String>> = vec![Vec::new(); shards.len()];
    for pair in records.chunk_by(|a, b| a.0 == b.0) {
        let id = pair[0].0;
        let mut entry = (terms.name)(id);
        entry.reserve(1 + pair.iter().map(|&(_, start, end)| (end - start) as usize).sum::<usize>());
        entry.push(':');
        for &(_, start, end) in pair {
            // Places are ASCII (`postings::ALPHABET`), written by `Spill::push`.
            entry.push_str(std::str::from_utf8(&bytes[start as usize..end as usize]).map_err(|_| damaged(path))?);
        }
        entries[terms.hashes[id as usize] as usize % count - shards.start].push(entry);
    }
    drop(bytes);
    for (k, mut entries) in shards.zip(entries) {
        entries.sort_unstable_by(|a, b| entry_term(a).cmp(entry_term(b)));
        sink(places_path(k), shard_file('p', k, &entries))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_roundtrip_and_a_cut_record_is_not_read() {
        let mut bytes = Vec::new();
        for v in [0, 1, 127, 128, 300, u32::MAX] {
            push_byte_varint(&mut bytes, v);
        }
        let mut at = 0;
        let read: Vec<u32> = std::iter::from_fn(|| read_byte_varint(&bytes, &mut at)).collect();
        assert_eq!(read, [0, 1, 127, 128, 300, u32::MAX]);
        let mut record_bytes = Vec::new();
        push_byte_varint(&mut record_bytes, 7);
        push_byte_varint(&mut record_bytes, 3);
        record_bytes.extend_from_slice(b"abc");
        assert_eq!(record(&record_bytes), Some((7, 2, 5)));
        assert_eq!(record(&record_bytes[..4]), None);
    }

    /// Places of `terms` pairs in `documents` documents, spilled by two
    /// shares in `waves` waves, written with `group_bytes`: the `p/` files,
    /// and the files made of each pair's places held whole.
    fn spilled_and_held(terms: u32, documents: u32, waves: u32, group_bytes: u64) -> (Files, Files) {
        let parent = tempfile::tempdir().unwrap();
        let scratch = Scratch::create(parent.path()).unwrap();
        let mut spills = vec![Spill::create(&scratch, 0).unwrap(), Spill::create(&scratch, 1).unwrap()];
        let mut held = vec![Vec::new(); terms as usize];
        // Pair `t` stands in document `d` when `d % (t % 7 + 1) == 0`, at
        // positions `t % 5` and `t % 5 + d % 3 + 2`.
        let placed = |t: u32, d: u32| {
            let at = t % 5;
            d.is_multiple_of(t % 7 + 1)
                .then(|| [u64::from(d) << 32 | u64::from(at), u64::from(d) << 32 | u64::from(at + d % 3 + 2)])
        };
        for wave in 0..waves {
            let wave_docs = (wave * documents / waves)..((wave + 1) * documents / waves);
            for t in 0..terms {
                let places: Vec<u64> = wave_docs.clone().filter_map(|d| placed(t, d)).flatten().collect();
                if !places.is_empty() {
                    spills[t as usize % 2].push(t, &places);
                    push_documents(&mut held[t as usize], &places);
                }
            }
            spills.iter_mut().for_each(|spill| spill.flush().unwrap());
        }
        let hashes: Vec<u32> = (0..terms).map(|t| t.wrapping_mul(2_654_435_761)).collect();
        let name = |t: u32| format!("w{t}_x");
        let entries: Vec<(u32, String)> = (0..terms)
            .map(|t| (hashes[t as usize], format!("{}:{}", name(t), String::from_utf8_lossy(&held[t as usize]))))
            .collect();
        let total = entries.iter().map(|(_, e)| e.len() + 1).sum();
        let whole = super::super::into_shards(entries, shard_count(total));
        let whole: Files = whole.iter().enumerate().map(|(k, e)| (places_path(k), shard_file('p', k, e))).collect();
        let written = Mutex::new(Vec::new());
        let sink = |path, bytes| {
            written.lock().unwrap().push((path, bytes));
            Ok(())
        };
        let terms = Terms { hashes: &hashes, name: &name, total };
        let count = write_shards(spills, &terms, &scratch, group_bytes, &sink).unwrap();
        assert_eq!(count, whole.len());
        assert_eq!(std::fs::read_dir(&scratch.dir).unwrap().count(), 0, "each spill file removed when read");
        let mut written = written.into_inner().unwrap();
        written.sort();
        (written, whole)
    }

    type Files = Vec<(String, Vec<u8>)>;

    #[test]
    fn places_spilled_in_waves_and_groups_are_those_held_whole() {
        let (one_group, whole) = spilled_and_held(3000, 60, 1, u64::MAX);
        assert!(whole.len() > 3, "several shards: {}", whole.len());
        assert_eq!(one_group, whole);
        for (waves, group_bytes) in [(7, 1), (60, 50_000), (13, 1 << 20)] {
            assert_eq!(
                spilled_and_held(3000, 60, waves, group_bytes).0,
                whole,
                "{waves} waves, groups of {group_bytes}"
            );
        }
    }

    #[test]
    fn the_scratch_folder_is_new_and_goes_when_dropped() {
        let parent = tempfile::tempdir().unwrap();
        std::fs::write(parent.path().join("mine.txt"), "kept").unwrap();
        let first = Scratch::create(parent.path()).unwrap();
        let second = Scratch::create(parent.path()).unwrap();
        assert_ne!(first.dir, second.dir);
        std::fs::write(first.file("part-0"), "x").unwrap();
        drop(first);
        drop(second);
        let left: Vec<_> = std::fs::read_dir(parent.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, ["mine.txt"]);
    }
}
