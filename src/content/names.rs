//! The archive's repeated names, held once. Issuers, places, recipients,
//! distribution lines, tags and type names repeat across an archive: a
//! province's hundreds of letters go to the same "Các huyện ủy, thị ủy …"
//! and are signed "T/M Ban Thường vụ". Held as a `String` in each
//! directive, in lists with spare room, they made a directive hold about
//! 600 bytes more (dhat, 10,000 directives), so 0.6 GB at a million;
//! shared, each costs a pointer.

use rustc_hash::FxHashSet as HashSet;
use std::sync::{Arc, Mutex};

/// A text held once for the whole archive, and shared by every directive
/// that names it.
pub type Name = Arc<str>;

/// The table of names met while an archive is validated (files are
/// validated on several threads at once, hence the lock). A name is the
/// same [`Name`] wherever it was met, whichever table it came from: tables
/// only save memory, they never change what a directive says.
#[derive(Default)]
pub struct Names {
    table: Mutex<HashSet<Name>>,
}

impl Names {
    /// `text` as held in the table, added the first time it is met.
    pub fn get(&self, text: &str) -> Name {
        let mut table = self.table.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(name) = table.get(text) {
            return name.clone();
        }
        let name: Name = text.into();
        table.insert(name.clone());
        name
    }

    /// `text`, or else `fallback`, as held in the table: a value the file
    /// gives, or else the one its number implies.
    pub fn get_or(&self, text: Option<String>, fallback: Option<&str>) -> Option<Name> {
        text.as_deref().or(fallback).map(|text| self.get(text))
    }

    /// Each of `texts` as held in the table, in a list without spare room.
    pub fn list<S: AsRef<str>>(&self, texts: impl IntoIterator<Item = S>) -> Box<[Name]> {
        texts.into_iter().map(|text| self.get(text.as_ref())).collect()
    }

    /// How many different names the table holds.
    pub fn len(&self) -> usize {
        self.table.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_met_twice_is_held_once() {
        let names = Names::default();
        let first = names.get("Các huyện ủy, thị ủy");
        let again = names.get(&String::from("Các huyện ủy, thị ủy"));
        assert!(Arc::ptr_eq(&first, &again), "the second directive shares the first one's text");
        assert_eq!(names.len(), 1);
        assert_eq!(&*names.get("Như kính gửi"), "Như kính gửi");
        assert_eq!(names.len(), 2);
    }

    #[test]
    fn a_list_keeps_its_order_and_repeats() {
        let names = Names::default();
        let list = names.list(["covid-19", "tiêm chủng", "covid-19"]);
        let texts: Vec<&str> = list.iter().map(|name| &**name).collect();
        assert_eq!(texts, ["covid-19", "tiêm chủng", "covid-19"]);
        assert!(Arc::ptr_eq(&list[0], &list[2]));
        assert_eq!(names.len(), 2);
    }

    #[test]
    fn names_are_shared_across_threads() {
        let names = Names::default();
        let held: Vec<Name> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..4).map(|_| scope.spawn(|| names.get("T/M Ban Thường vụ"))).collect();
            workers.into_iter().map(|worker| worker.join().unwrap()).collect()
        });
        assert!(held.iter().all(|name| Arc::ptr_eq(name, &held[0])));
    }
}
