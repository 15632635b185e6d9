/* vanban search client: a classic script, no build step, no dependencies.
 *
 * It works from file:// as from a server: the index (tim-kiem/, written by
 * src/search/) is a set of classic scripts loaded by <script> injection,
 * each calling a registration function on the global `vanbanSearch`
 * (no fetch, XHR, modules, workers or WebAssembly, none of which file://
 * allows everywhere). Only what a query needs is loaded:
 *   meta.js    with the page: counts, shard counts, facet vocabularies;
 *   f.js       when the box gets focus or at the first query: every
 *              document's province/type/year code;
 *   t/{k}.js   the term shards holding the query's terms (k = fnv1a(term) % shards);
 *   n/{k}.js   when the query may be a directive number: the numbers whose
 *              digits (without leading zeros) hash to k, with their documents;
 *   w/{ab}.js  while a word starting with `ab` is being typed: the words
 *              starting so, to match it as a prefix;
 *   v/{k}.js   when the query has accents: the documents holding each
 *              word typed with them in that very spelling (`tinh~f` for
 *              tình), which rank first;
 *   p/{k}.js   for a quoted phrase of three words or more: where its pairs
 *              (every other one) stand in each document, to keep exactly
 *              the documents holding the phrase;
 *   d/{id}.js  the summary and plain text of each result on the page shown
 *              (the excerpt is cut from the text, around the best match).
 *
 * On a directive page (no #search-app), the script marks the words of the
 * search that opened it (`#tim=<query>` in the URL) and scrolls to the first.
 *
 * The core (folding, hashing, decoding, query parsing, ranking, highlighting)
 * touches no DOM, so tests/search/*.test.mjs runs it in node with a loader
 * that reads the files; the user interface below it runs only in a page
 * that has #search-app.
 */
(function (global) {
  'use strict';

  // ---- Folding: must equal src/vietnamese.rs `fold` + `tokens` -----------
  // Lower case, NFD, drop every combining mark (General Category M, as
  // Rust's is_combining_mark), đ → d, then words are runs of [a-z0-9].
  // tests/fixtures/fold-cases.txt is checked against both implementations.
  var MARKS;
  try {
    MARKS = new RegExp('\\p{M}', 'gu');
  } catch (e) {
    MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  }

  function isMark(c) {
    MARKS.lastIndex = 0;
    var found = MARKS.test(c);
    MARKS.lastIndex = 0;
    return found;
  }

  function fold(text) {
    return String(text).toLowerCase().normalize('NFD').replace(MARKS, '').replace(/\u0111/g, 'd');
  }

  function tokens(text) {
    var parts = fold(text).split(/[^a-z0-9]+/);
    var out = [];
    for (var i = 0; i < parts.length; i++) {
      if (parts[i]) out.push(parts[i]);
    }
    return out;
  }

  // ---- Accented words (src/search/accents.rs): a word typed with marks
  // is also looked up as its folded form, `~`, and its marks in order (Telex
  // letters; the letter they sit on is not kept, so `Uỷ` = `Ủy` = `uy~r`).
  var MARK_LETTERS = { '\u0300': 'f', '\u0301': 's', '\u0309': 'r', '\u0303': 'x', '\u0323': 'j', '\u0302': 'a', '\u031b': 'w', '\u0306': 'b' };

  function accented(text) {
    var out = [], word = '', marks = '', s = String(text || '');
    function flush() {
      if (marks && word) out.push(word + '~' + marks);
      word = '';
      marks = '';
    }
    for (var i = 0; i < s.length;) {
      var cp = s.codePointAt(i), ch = String.fromCodePoint(cp);
      i += cp > 0xffff ? 2 : 1;
      if (cp < 128) {
        if (/[A-Za-z0-9]/.test(ch)) word += ch.toLowerCase();
        else flush();
        continue;
      }
      var parts = ch.toLowerCase().normalize('NFD');
      for (var k = 0; k < parts.length; k++) {
        var d = parts.charAt(k), letter = d === '\u0111' ? 'd' : MARK_LETTERS[d] || (isMark(d) ? 'm' : null);
        if (d === '\u0111') { word += 'd'; marks += 'd'; }
        else if (letter) { if (word) marks += letter; }
        else if (/[a-z0-9]/.test(d)) word += d;
        else flush();
      }
    }
    flush();
    return out;
  }

  // ---- Shards: 32-bit FNV-1a of the term, as src/search/mod.rs `fnv1a` ----
  function hash(term) {
    var h = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) {
      h ^= term.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
  }

  // ---- Postings (src/search/postings.rs): d = delta varints, c = the
  // complement as delta varints, b = bitmap; 64 symbols, 6 bits each.
  var ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var VALUE = new Int8Array(128);
  for (var a = 0; a < 128; a++) VALUE[a] = -1;
  for (var s = 0; s < 64; s++) VALUE[ALPHABET.charCodeAt(s)] = s;

  // Sets `bit` in mask[id] for every id of the posting; returns how many
  // entries of the mask it made non-zero (so decoding the head and the body
  // into one mask counts the documents holding the term in either).
  function decodeInto(text, mask, bit) {
    if (!text) return 0;
    var tag = text.charAt(0), n = mask.length, fresh = 0, i, v, id;
    if (tag === 'b') {
      for (i = 1; i < text.length; i++) {
        v = VALUE[text.charCodeAt(i)];
        if (v <= 0) continue;
        for (var b = 0; b < 6; b++) {
          if (v & (1 << b)) {
            id = (i - 1) * 6 + b;
            if (id < n) { if (!mask[id]) fresh++; mask[id] |= bit; }
          }
        }
      }
      return fresh;
    }
    var next = 0, value = 0, scale = 1, ids = tag === 'c' ? [] : null;
    for (i = 1; i < text.length; i++) {
      v = VALUE[text.charCodeAt(i)];
      value += (v & 31) * scale;
      if (v & 32) { scale *= 32; continue; }
      id = next + value;
      next = id + 1;
      value = 0;
      scale = 1;
      if (ids) ids.push(id);
      else if (id < n) { if (!mask[id]) fresh++; mask[id] |= bit; }
    }
    if (ids) {
      var k = 0;
      for (id = 0; id < n; id++) {
        if (k < ids.length && ids[k] === id) { k++; continue; }
        if (!mask[id]) fresh++;
        mask[id] |= bit;
      }
    }
    return fresh;
  }

  function decode(text, n) {
    var mask = new Uint8Array(n), out = [];
    decodeInto(text, mask, 1);
    for (var i = 0; i < n; i++) if (mask[i]) out.push(i);
    return out;
  }

  // ---- Queries ------------------------------------------------------------
  // Words outside quotes must all be found (anywhere in the document);
  // each adjacent pair of them found as a pair ranks higher. A quoted phrase
  // must be found as it is: its words consecutive, in one text (a field or
  // a paragraph); two words are a pair, and longer phrases are checked
  // against where their pairs stand (see `phraseCover`). A digit-led run of words may
  // be a directive number (`07 kl tw`, `1102/CD-TTg`), looked up whole.
  var QUOTES = /["\u201c\u201d\u201e\u00ab\u00bb]/;
  var MAX_NUMBER_PARTS = 5;

  // `typing`: the query is being typed, so its last word, unless followed
  // by a space or inside quotes, is unfinished and also matches as a prefix.
  function parseQuery(q, typing) {
    var segments = String(q || '').split(QUOTES);
    var words = [], pairs = [], phrases = [], numbers = [], highlight = [];
    var seen = {};
    function once(list, key) {
      if (!seen['\u0001' + key]) { seen['\u0001' + key] = true; list.push(key); }
    }
    for (var i = 0; i < segments.length; i++) {
      var toks = tokens(segments[i]);
      if (!toks.length) continue;
      var quoted = i % 2 === 1;
      for (var j = 0; j < toks.length; j++) {
        highlight.push(toks[j]);
        if (!quoted) once(words, toks[j]);
        if (!quoted && j > 0) once(pairs, toks[j - 1] + '_' + toks[j]);
        if (/^[0-9]/.test(toks[j])) {
          for (var end = j + 2; end <= Math.min(toks.length, j + MAX_NUMBER_PARTS); end++) {
            once(numbers, '#' + toks.slice(j, end).join('_'));
          }
        }
      }
      if (quoted) {
        if (toks.length === 1) once(words, toks[0]);
        else phrases.push(toks);
      }
    }
    var accents = [], typed = accented(q);
    for (var t = 0; t < typed.length; t++) once(accents, typed[t]);
    var parsed = { words: words, pairs: pairs, phrases: phrases, numbers: numbers, highlight: highlight, accents: accents, prefix: null, before: null, completions: [], number: null };
    var last = segments.length - 1;
    typed = typing ? tokens(segments[last]) : [];
    if (typed.length && last % 2 === 0 && /\S$/.test(String(q))) {
      var word = typed[typed.length - 1];
      if (word.length >= 2 && !/^[0-9]/.test(word)) {
        parsed.prefix = word;
        parsed.before = typed.length > 1 ? typed[typed.length - 2] : null;
      }
    }
    return parsed;
  }

  // ---- The word being typed: its likeliest completions. After a word, the
  // followers of that word (a/{k}.js: `quang:nam 40 ngai 15 …`, most
  // documents first) that start so; then the words starting so
  // (w/{ab}.js: `ngay:983,…`, most documents first).
  var COMPLETIONS = 6, COMPLETION = 0.5;

  function prefixFiles(parsed) {
    var files = [];
    if (!parsed.prefix) return files;
    var prefixes = ',' + (store.meta.wordPrefixes || '') + ',';
    if (prefixes.indexOf(',' + parsed.prefix.slice(0, 2) + ',') >= 0) files.push('w/' + parsed.prefix.slice(0, 2) + '.js');
    if (parsed.before) files.push('a/' + hash(parsed.before) % store.meta.afterShards + '.js');
    return files;
  }

  function complete(parsed) {
    var candidates = [], i;
    var after = parsed.before && store.after[hash(parsed.before) % store.meta.afterShards];
    var entries = typeof after === 'string' && after ? after.split(',') : [];
    for (i = 0; i < entries.length; i++) {
      if (entries[i].slice(0, entries[i].indexOf(':')) !== parsed.before) continue;
      var followers = entries[i].slice(entries[i].indexOf(':') + 1).split(' ');
      for (var f = 0; f < followers.length; f += 2) candidates.push(followers[f]);
    }
    var words = store.words[parsed.prefix.slice(0, 2)];
    entries = typeof words === 'string' && words ? words.split(',') : [];
    for (i = 0; i < entries.length; i++) candidates.push(entries[i].slice(0, entries[i].indexOf(':')));
    var seen = {};
    for (i = 0; i < candidates.length && parsed.completions.length < COMPLETIONS; i++) {
      var word = candidates[i];
      if (seen[word] || word === parsed.prefix || word.indexOf(parsed.prefix) !== 0) continue;
      seen[word] = true;
      parsed.completions.push(word);
    }
  }

  // ---- Directive numbers typed any way (`07 kl tw`, `07-KL/TW`, `KL 07`,
  // `7-KL/TW`): the number's first run of digits, without leading zeros,
  // picks the file n/{k}.js; a number there matches when those digits are
  // its first run of digits and every other word typed is one of its parts.
  // `looks`: the query reads as a number, so finding none says so.
  function numberQuery(q) {
    var text = String(q || ''), toks = tokens(text), at = -1, rest = [], short = true;
    if (QUOTES.test(text) || toks.length < 2 || toks.length > MAX_NUMBER_PARTS) return null;
    for (var i = 0; i < toks.length; i++) {
      if (at < 0 && /^[0-9]+$/.test(toks[i])) { at = i; continue; }
      rest.push(withoutZeros(toks[i]));
      if (toks[i].length > 4 || /^[0-9]+$/.test(toks[i])) short = false;
    }
    if (at < 0) return null;
    var looks = /[0-9]\s*[\/-]\s*[^\s0-9]/.test(text) || (at === 0 && short) ||
      (toks.length === 2 && short && /^\s*[^\s0-9a-z\u00e0-\u1ef9]+\s+[0-9]+\s*$/.test(text));
    return { key: withoutZeros(toks[at]), rest: rest, looks: looks };
  }

  function withoutZeros(part) {
    return /^[0-9]+$/.test(part) ? part.replace(/^0+/, '') || '0' : part;
  }

  function numberFile(query) { return 'n/' + hash(query.key) % store.meta.numberShards + '.js'; }

  // The numbers matching the query: their terms and the documents they number.
  function findNumbers(query) {
    var text = store.numbers[hash(query.key) % store.meta.numberShards], terms = [], owners = [];
    var entries = typeof text === 'string' && text ? text.split(',') : [];
    for (var i = 0; i < entries.length; i++) {
      var colon = entries[i].indexOf(':'), number = entries[i].slice(0, colon), parts = number.split('_'), key = null;
      var have = Object.create(null);
      for (var j = 0; j < parts.length; j++) {
        var part = withoutZeros(parts[j]);
        if (key === null && /^[0-9]+$/.test(part)) key = part;
        have[part] = true;
      }
      if (key !== query.key) continue;
      var all = true;
      for (var r = 0; r < query.rest.length; r++) if (!have[query.rest[r]]) all = false;
      if (!all) continue;
      terms.push('#' + number);
      var ids = entries[i].slice(colon + 1).split(' ');
      for (var d = 0; d < ids.length; d++) owners.push(+ids[d]);
    }
    return { terms: terms, owners: owners, looks: query.looks };
  }

  // Every term a parsed query looks up.
  function queryTerms(parsed) {
    if (parsed.number && parsed.number.terms.length) return parsed.number.terms.slice();
    var terms = parsed.words.concat(parsed.pairs, parsed.numbers, parsed.completions);
    for (var c = 0; c < parsed.completions.length; c++) {
      if (parsed.before) terms.push(parsed.before + '_' + parsed.completions[c]);
    }
    for (var i = 0; i < parsed.phrases.length; i++) {
      var p = parsed.phrases[i];
      for (var j = 1; j < p.length; j++) terms.push(p[j - 1] + '_' + p[j]);
    }
    return terms;
  }

  // ---- Exact phrases (src/search/places.rs). A pair's position is its
  // first word's; texts are a position apart, so pairs at p and p + 2 lie in
  // one text only when their words are consecutive. A phrase of n words is
  // thus found at p when every other pair stands at its place: the pairs at
  // offsets 0, 2, 4 … and the last one (half the places to load).
  function phraseCover(phrase) {
    var offsets = [];
    for (var i = 0; i < phrase.length - 1; i += 2) offsets.push(i);
    if (offsets[offsets.length - 1] !== phrase.length - 2) offsets.push(phrase.length - 2);
    return offsets;
  }

  function placeOf(term) { return hash(term) % store.meta.placeShards; }

  function accentOf(term) { return hash(term) % store.meta.accentShards; }

  // The accented words files of the query's words typed with accents.
  function accentFiles(parsed) {
    var files = [];
    for (var i = 0; i < parsed.accents.length; i++) {
      var file = 'v/' + accentOf(parsed.accents[i]) + '.js';
      if (files.indexOf(file) < 0) files.push(file);
    }
    return files;
  }

  // The places files of the query's long phrases.
  function placeFiles(parsed) {
    var files = [];
    for (var i = 0; i < parsed.phrases.length; i++) {
      var p = parsed.phrases[i];
      if (p.length < 3) continue;
      var cover = phraseCover(p);
      for (var c = 0; c < cover.length; c++) {
        var file = 'p/' + placeOf(p[cover[c]] + '_' + p[cover[c] + 1]) + '.js';
        if (files.indexOf(file) < 0) files.push(file);
      }
    }
    return files;
  }

  // A places shard, parsed on first use into term → places text.
  function placeMap(k) {
    return parsedShard(store.places, k, function (rest) { return rest; });
  }

  // The positions of `term` in each document of `keep` (a mask): an array
  // by document id, null where it is not kept. The places list the
  // documents of the pair's postings (head and body) in id order.
  function placesOf(term, keep, mask) {
    var n = keep.length, out = new Array(n), text = (placeMap(placeOf(term)) || {})[term] || '';
    termMask(term, mask);
    var i = 0;
    function next() {
      var value = 0, scale = 1, v;
      do {
        v = VALUE[text.charCodeAt(i++)];
        value += (v & 31) * scale;
        scale *= 32;
      } while (v & 32);
      return value;
    }
    for (var d = 0; d < n && i < text.length; d++) {
      if (!mask[d]) continue;
      var count = next() + 1, list = keep[d] ? [] : null, at = 0;
      for (var c = 0; c < count; c++) {
        at += next();
        if (list) list.push(at);
        at++;
      }
      if (list) out[d] = list;
    }
    return out;
  }

  // Keeps in `all` (a mask) only the documents where `phrase` (3 words or
  // more) stands whole.
  function keepPhrase(phrase, all, mask) {
    var cover = phraseCover(phrase), lists = [], d, c;
    for (c = 0; c < cover.length; c++) lists.push(placesOf(phrase[cover[c]] + '_' + phrase[cover[c] + 1], all, mask));
    for (d = 0; d < all.length; d++) {
      if (!all[d]) continue;
      var first = lists[0][d] || [], found = false;
      for (var f = 0; f < first.length && !found; f++) {
        found = true;
        for (c = 1; c < cover.length && found; c++) found = sortedHas(lists[c][d] || [], first[f] + cover[c]);
      }
      if (!found) all[d] = 0;
    }
  }

  function sortedHas(list, value) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo < list.length && list[lo] === value;
  }

  // ---- Highlighting: fold each character of the original text on its own,
  // keeping where each folded character came from, so matches found in the
  // folded text map back to the original (accents, case and all). Each
  // character's folding is remembered: excerpts and the directive page's
  // marks walk whole texts.
  var FOLDED = Object.create(null);
  function foldChar(c) {
    var f = FOLDED[c];
    if (f === undefined) f = FOLDED[c] = fold(c);
    return f;
  }

  function setOf(list) {
    var out = Object.create(null);
    for (var i = 0; i < list.length; i++) out[list[i]] = true;
    return out;
  }

  // The words of `text` that are in `wanted` (a set of folded words), as
  // {start, end, word, ordinal} in the original text; `ordinal` counts every
  // word of the text, so adjacent words have consecutive ordinals.
  function findMatches(text, wanted) {
    var folded = [], from = [], to = [];
    for (var i = 0; i < text.length;) {
      var cp = text.codePointAt(i), width = cp > 0xffff ? 2 : 1;
      var f = foldChar(text.substr(i, width));
      for (var k = 0; k < f.length; k++) { folded.push(f.charAt(k)); from.push(i); to.push(i + width); }
      i += width;
    }
    var out = [], re = /[a-z0-9]+/g, m, ordinal = 0, joined = folded.join('');
    while ((m = re.exec(joined))) {
      ordinal++;
      if (!wanted[m[0]]) continue;
      var start = from[m.index], end = to[m.index + m[0].length - 1];
      // Keep decomposed accents (NFD text) with the letter they sit on.
      while (end < text.length && foldChar(text.charAt(end)) === '' && isMark(text.charAt(end))) end++;
      out.push({ start: start, end: end, word: m[0], ordinal: ordinal });
    }
    return out;
  }

  // The text in parts, the matched words marked.
  function highlight(text, words) {
    if (!text) return [];
    var found = findMatches(text, setOf(words)), parts = [], last = 0;
    for (var i = 0; i < found.length; i++) {
      if (found[i].start > last) parts.push({ text: text.slice(last, found[i].start), mark: false });
      parts.push({ text: text.slice(found[i].start, found[i].end), mark: true });
      last = found[i].end;
    }
    if (last < text.length) parts.push({ text: text.slice(last), mark: false });
    return parts;
  }

  // ---- Excerpts: the passage of a document's text around its best match
  // (the most different query words close together, then the most of them
  // adjacent as typed), about EXCERPT characters, cut at spaces.
  var EXCERPT = 240, BEFORE = 60;

  function excerpt(text, words, pairs) {
    if (!text) return [];
    var found = findMatches(text, setOf(words)), wantedPairs = setOf(pairs), best = -1, at = 0;
    for (var i = 0; i < found.length; i++) {
      var seen = {}, distinct = 0, adjacent = 0;
      for (var j = i; j < found.length && found[j].end <= found[i].start + EXCERPT - BEFORE; j++) {
        if (!seen[found[j].word]) { seen[found[j].word] = true; distinct++; }
        if (j > i && found[j].ordinal === found[j - 1].ordinal + 1 && wantedPairs[found[j - 1].word + '_' + found[j].word]) adjacent++;
      }
      var score = distinct * 1000 + adjacent;
      if (score > best) { best = score; at = found[i].start; }
    }
    var from = Math.max(0, at - BEFORE), to = Math.min(text.length, from + EXCERPT);
    if (from > 0) {
      var space = text.slice(from, at).search(/\s/);
      from = space < 0 ? at : from + space + 1;
      to = Math.min(text.length, from + EXCERPT);
    }
    if (to < text.length) {
      var cut = text.slice(from, to).search(/\s\S*$/);
      if (cut > 0) to = from + cut;
    }
    var parts = highlight(text.slice(from, to).replace(/\s+/g, ' '), words);
    if (from > 0) parts.unshift({ text: '…', mark: false });
    if (to < text.length) parts.push({ text: '…', mark: false });
    return parts;
  }

  // ---- The index, as the registration functions fill it -------------------
  var store = { meta: null, facets: null, terms: {}, places: {}, accents: {}, docs: {}, numbers: {}, words: {}, after: {} };

  var registry = {
    m: function (meta) { store.meta = meta; },
    f: function (provinces, types, years, dates) { store.facetText = [provinces, types, years]; store.dateText = dates || ''; },
    t: function (k, text) { store.terms[k] = text; },
    p: function (k, text) { store.places[k] = text; },
    v: function (k, text) { store.accents[k] = text; },
    d: function (k, docs) { store.docs[k] = docs; },
    n: function (k, text) { store.numbers[k] = text; },
    w: function (prefix, text) { store.words[prefix] = text; },
    a: function (k, text) { store.after[k] = text; }
  };

  // ---- Dates: which documents a range `tu`…`den` (ISO, inclusive) keeps.
  // f.js lists the dated documents' dates as runs (`2021-08-23*5,…`) in id
  // order; a date known only to the month or year is kept when all of it
  // lies inside the range.
  var ISO_DAY = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

  function dateRange(state) {
    var from = ISO_DAY.test(state.tu || '') ? state.tu : '', to = ISO_DAY.test(state.den || '') ? state.den : '';
    return from || to ? { from: from, to: to } : null;
  }

  function inRange(range, n) {
    var keep = new Uint8Array(n), runs = store.dateText ? store.dateText.split(',') : [], id = 0;
    for (var i = 0; i < runs.length; i++) {
      var star = runs[i].lastIndexOf('*'), date = runs[i].slice(0, star), count = +runs[i].slice(star + 1);
      var first = date + ['-01-01', '-01', ''][(date.length - 4) / 3], last = date + ['-12-31', '-31', ''][(date.length - 4) / 3];
      var inside = (!range.from || first >= range.from) && (!range.to || last <= range.to);
      if (inside) keep.fill(1, id, Math.min(n, id + count));
      id += count;
    }
    return keep;
  }

  function facetCodes() {
    if (store.facets || !store.facetText) return store.facets;
    var meta = store.meta, n = meta.documents, out = [];
    for (var f = 0; f < 3; f++) {
      var text = store.facetText[f], width = meta.widths[f], codes = new Uint16Array(n);
      for (var d = 0; d < n; d++) {
        var v = 0;
        for (var c = 0; c < width; c++) v = v * 64 + VALUE[text.charCodeAt(d * width + c)];
        codes[d] = v;
      }
      out.push(codes);
    }
    store.facets = out;
    return out;
  }

  // A shard of entries `term:rest,…` (store.terms or store.places), parsed
  // on first use into term → value(rest).
  function parsedShard(table, k, value) {
    var entry = table[k];
    if (typeof entry !== 'string') return entry || null;
    var map = Object.create(null), list = entry ? entry.split(',') : [];
    for (var i = 0; i < list.length; i++) {
      var a = list[i].indexOf(':');
      map[list[i].slice(0, a)] = value(list[i].slice(a + 1));
    }
    table[k] = map;
    return map;
  }

  // A term shard (or with `table` store.accents, an accented words shard),
  // parsed on first use into term → [head, body].
  function shardMap(k, table) {
    return parsedShard(table || store.terms, k, function (rest) {
      var b = rest.indexOf(':');
      return [rest.slice(0, b), rest.slice(b + 1)];
    });
  }

  function shardOf(term) { return hash(term) % store.meta.termShards; }

  // 1 = head field (title, number, type, issuer, province), 2 = body.
  function termMask(term, mask) {
    mask.fill(0);
    var accent = term.indexOf('~') > 0;
    var map = accent ? shardMap(accentOf(term), store.accents) : shardMap(shardOf(term)), postings = map && map[term];
    if (!postings) return 0;
    return decodeInto(postings[0], mask, 1) + decodeInto(postings[1], mask, 2);
  }

  // ---- Ranking --------------------------------------------------------------
  // score = Σ idf × field weight: head 3, body 1 (both: 4); adjacent pairs
  // and phrase pairs count twice, a whole directive number ten times.
  // Documents holding every word and phrase come first (coverage), then
  // those holding more of the words typed with accents in that spelling
  // (`tình` before `tỉnh` and `tinh`: see `accented`), then by score,
  // then newest first (ids are in date order, undated last), which
  // also makes the order total and so the same in every browser.
  var HEAD = 3, BODY = 1, PAIR = 2, NUMBER = 10, PER_PAGE = 20, MAX_PAGE = 500;
  var SCORE_SCALE = 256, SCORE_SPAN = 16777216; // 2^24

  function idf(df, n) { return Math.log(1 + n / df); }

  // Adds `factor × idf` times the field weight of every document holding
  // `term` (and counts it in `cover` when given); returns the mask (1 head,
  // 2 body) or null when no document holds it.
  function addTerm(term, factor, n, mask, score, cover) {
    var df = termMask(term, mask);
    if (!df) return null;
    var w = factor * idf(df, n), head = w * HEAD, body = w * BODY, both = head + body;
    for (var d = 0; d < n; d++) {
      var m = mask[d];
      if (!m) continue;
      score[d] += m === 1 ? head : m === 2 ? body : both;
      if (cover) cover[d]++;
    }
    return mask;
  }

  // Ranks the documents and keeps the best `keep` of those passing the
  // facet filter, in one pass over the documents (100,000 are a few ms):
  // no full sort, since a page shows 20.
  function rank(parsed, filter, keep, dates) {
    var meta = store.meta, n = meta.documents;
    var mask = new Uint8Array(n), score = new Float64Array(n), cover = new Uint8Array(n), exact = new Uint8Array(n);
    var units = parsed.words.length + parsed.phrases.length;
    var i, d, number = parsed.number && parsed.number.terms.length ? parsed.number : null;
    if (number) {
      // A number: the documents it numbers first, then those citing it;
      // nothing else (no padding with documents that merely share a word).
      units = 1;
      for (i = 0; i < number.terms.length; i++) {
        if (!addTerm(number.terms[i], NUMBER, n, mask, score, null)) continue;
        for (d = 0; d < n; d++) if (mask[d]) cover[d] = 1;
      }
      for (i = 0; i < number.owners.length; i++) if (number.owners[i] < n) cover[number.owners[i]] = 2;
    } else {
      rankWords(parsed, n, mask, score, cover);
      for (i = 0; i < parsed.accents.length; i++) {
        if (!termMask(parsed.accents[i], mask)) continue;
        for (d = 0; d < n; d++) if (mask[d] && exact[d] < 7) exact[d]++;
      }
    }
    // Who is a candidate: every word and phrase, else the best partial
    // coverage; with no words at all (facets only), every document.
    var need = units, best = 0;
    if (number) {
      best = need = 1;
    } else if (units) {
      for (d = 0; d < n; d++) if (cover[d] > best) best = cover[d];
      need = best;
    }
    var codes = facetCodes(), p0 = codes[0], t1 = codes[1], y2 = codes[2];
    var f0 = filter[0], f1 = filter[1], f2 = filter[2];
    var counts = [new Uint32Array(meta.provinces.length + 1), new Uint32Array(meta.types.length + 1), new Uint32Array(meta.years.length + 1)];
    // One numeric key per document: coverage and exact accents, then score,
    // then recency (ids are in date order, undated last). Exact in a double:
    // 5 + 3 + 24 + up to 21 bits (a million documents).
    var dated = meta.dated, undated = n - dated, recSpan = Math.pow(2, Math.max(1, Math.ceil(Math.log2(n + 1))));
    var heap = new Float64Array(Math.max(1, keep)), size = 0, total = 0;
    if (!units || best > 0) {
      for (d = 0; d < n; d++) {
        if (cover[d] < need) continue;
        if (dates && !dates[d]) continue;
        var a = f0 === null || p0[d] === f0, b = f1 === null || t1[d] === f1, c = f2 === null || y2[d] === f2;
        if (b && c) counts[0][p0[d]]++;
        if (a && c) counts[1][t1[d]]++;
        if (a && b) counts[2][y2[d]]++;
        if (!(a && b && c)) continue;
        total++;
        // (No Math.* in this loop: it runs for every document.)
        var scaled = score[d] * SCORE_SCALE + 0.5;
        var q = scaled >= SCORE_SPAN ? SCORE_SPAN - 1 : scaled | 0;
        var rec = d < dated ? undated + d : n - 1 - d;
        var key = (((cover[d] > 31 ? 31 : cover[d]) * 8 + exact[d]) * SCORE_SPAN + q) * recSpan + rec;
        if (size < heap.length) {
          heapPush(heap, size++, key);
        } else if (key > heap[0]) {
          heapReplaceTop(heap, size, key);
        }
      }
    }
    var top = heap.subarray(0, size).sort(), order = new Array(size);
    for (i = 0; i < size; i++) {
      var r = top[size - 1 - i] % recSpan;
      order[i] = r >= undated ? r - undated : n - 1 - r;
    }
    return { order: order, total: total, partial: units > 0 && need < units, counts: counts };
  }

  // Words, pairs, numbers and phrases: each word found counts once in
  // `cover` (the word being typed, found itself or completed); each phrase
  // found whole counts once.
  function rankWords(parsed, n, mask, score, cover) {
    var i, d, any = parsed.completions.length ? new Uint8Array(n) : null;
    for (i = 0; i < parsed.words.length; i++) {
      var word = parsed.words[i];
      if (!any || word !== parsed.prefix) { addTerm(word, 1, n, mask, score, cover); continue; }
      var forms = [word].concat(parsed.completions);
      for (var f = 0; f < forms.length; f++) {
        if (!addTerm(forms[f], f ? COMPLETION : 1, n, mask, score, null)) continue;
        for (d = 0; d < n; d++) if (mask[d]) any[d] = 1;
        if (f && parsed.before) addTerm(parsed.before + '_' + forms[f], PAIR, n, mask, score, null);
      }
      for (d = 0; d < n; d++) if (any[d]) cover[d]++;
    }
    for (i = 0; i < parsed.pairs.length; i++) addTerm(parsed.pairs[i], PAIR, n, mask, score, null);
    for (i = 0; i < parsed.numbers.length; i++) addTerm(parsed.numbers[i], NUMBER, n, mask, score, null);
    var all = parsed.phrases.length ? new Uint8Array(n) : null;
    for (i = 0; i < parsed.phrases.length; i++) {
      var p = parsed.phrases[i];
      all.fill(1);
      for (var j = 1; j < p.length; j++) {
        if (!addTerm(p[j - 1] + '_' + p[j], PAIR, n, mask, score, null)) { all.fill(0); break; }
        for (d = 0; d < n; d++) if (!mask[d]) all[d] = 0;
      }
      if (p.length > 2) keepPhrase(p, all, mask);
      for (d = 0; d < n; d++) if (all[d]) cover[d]++;
    }
  }

  // A min-heap of keys in heap[0 … size): the smallest kept key on top.
  function heapPush(heap, size, key) {
    var i = size;
    while (i > 0) {
      var parent = (i - 1) >> 1;
      if (heap[parent] <= key) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = key;
  }

  function heapReplaceTop(heap, size, key) {
    var i = 0;
    for (;;) {
      var left = 2 * i + 1, right = left + 1, smallest = i, value = key;
      if (left < size && heap[left] < value) { smallest = left; value = heap[left]; }
      if (right < size && heap[right] < value) smallest = right;
      if (smallest === i) break;
      heap[i] = heap[smallest];
      i = smallest;
    }
    heap[i] = key;
  }

  // ---- Facet values in the URL: slugs, years, and words for "none" ---------
  var NONE = ['trung-uong', 'khong-ro', 'khong-ro'];
  var FACET_PARAMS = ['tinh', 'loai', 'nam'];

  function facetOptions(f) {
    var meta = store.meta, out = [];
    if (f === 0) for (var i = 0; i < meta.provinces.length; i++) out.push([meta.provinces[i][0], provinceName(meta.provinces[i]), i + 1]);
    if (f === 1) for (var j = 0; j < meta.types.length; j++) out.push([meta.types[j][0], meta.types[j][1], j + 1]);
    if (f === 2) for (var k = meta.years.length - 1; k >= 0; k--) out.push([String(meta.years[k]), String(meta.years[k]), k + 1]);
    return out;
  }

  // A province entry [slug, name]. Without a name it is a directive with no
  // province that is not central: a provincial body's whose province is not
  // known ('tinh-khong-ro'), or one nothing places ('khong-ro').
  function provinceName(entry) {
    if (entry[1] !== null) return entry[1];
    var words = strings || {}; // none outside a page (the engine alone, in tests)
    return (entry[0] === 'tinh-khong-ro' ? words['province-unknown'] : words.unknown) || entry[0];
  }

  function facetCode(f, value) {
    if (!value) return null;
    if (value === NONE[f]) return 0;
    var options = facetOptions(f);
    for (var i = 0; i < options.length; i++) if (options[i][0] === value) return options[i][2];
    return null;
  }

  function summary(id) {
    var per = store.meta.docsPerShard, doc = store.docs[Math.floor(id / per)];
    var s = doc && doc[id % per];
    if (!s) return null;
    var meta = store.meta;
    return {
      id: id,
      number: s[0],
      type: s[1] ? meta.types[s[1] - 1][1] : null,
      // A province an editor supplied comes marked, as the pages show it.
      province: s[11] || (s[2] ? provinceName(meta.provinces[s[2] - 1]) : null),
      dateIso: s[3],
      date: s[4],
      title: s[5],
      href: s[6],
      text: s[7],
      cited: s[8] === 1,
      citers: s[9],
      issuer: s[10] || null
    };
  }

  // ---- The engine: loads what a query needs, then ranks ---------------------
  // `load(file, done)` loads one index file (relative to tim-kiem/) and calls
  // done(error); the browser's injects a <script>, the tests' reads the file.
  function Engine(load) {
    this.load = load;
    this.state = {};
    this.loaded = [];
  }

  Engine.prototype.need = function (files, done) {
    var self = this, pending = 0, failed = null;
    function finish(file) {
      return function (error) {
        var waiting = self.state[file];
        self.state[file] = error ? 'error' : 'done';
        if (!error) self.loaded.push(file);
        for (var i = 0; i < waiting.length; i++) waiting[i](error);
      };
    }
    function one(error) {
      if (error) failed = error;
      if (--pending === 0) done(failed);
    }
    pending = 1;
    for (var i = 0; i < files.length; i++) {
      var file = files[i], st = this.state[file];
      if (st === 'done') continue;
      if (st === 'error') { failed = new Error('cannot load ' + file); continue; }
      pending++;
      if (st) { st.push(one); continue; }
      this.state[file] = [one];
      this.load(file, finish(file));
    }
    one(null);
  };

  // While the user types: load what the words typed so far will need (the
  // facet codes, and the shards of every word already followed by a space),
  // so the search that runs once typing pauses finds them loaded. A word
  // still being typed is not fetched: its prefixes would load shards for
  // nothing.
  Engine.prototype.prefetch = function (q) {
    var self = this;
    this.ready(function (error) {
      if (error) return;
      var complete = String(q).replace(/[^\s"\u201c\u201d\u201e\u00ab\u00bb]*$/, '');
      var terms = queryTerms(parseQuery(complete)), files = ['f.js'];
      for (var i = 0; i < terms.length; i++) files.push('t/' + shardOf(terms[i]) + '.js');
      self.need(files, function () {});
    });
  };

  Engine.prototype.ready = function (done) {
    this.need(['meta.js'], function (error) {
      if (!error && (!store.meta || store.meta.format !== 3)) error = new Error('unknown index format');
      done(error);
    });
  };

  // state: {q, tinh, loai, nam, tu, den, trang, typing}; done(error, result).
  // `typing` (not in the URL): the last word may be unfinished.
  var now = typeof performance !== 'undefined' && performance.now ? function () { return performance.now(); } : Date.now;

  // The term shards of `terms` not yet in `files`.
  function shardFiles(terms, files) {
    var seen = setOf(files);
    for (var i = 0; i < terms.length; i++) {
      var file = 't/' + shardOf(terms[i]) + '.js';
      if (!seen[file]) { seen[file] = true; files.push(file); }
    }
    return files;
  }

  Engine.prototype.search = function (state, done) {
    var self = this, timing = { start: now() };
    this.ready(function (error) {
      if (error) return done(error);
      var parsed = parseQuery(state.q, state.typing);
      var filter = [], f;
      for (f = 0; f < 3; f++) filter.push(facetCode(f, state[FACET_PARAMS[f]]));
      var range = dateRange(state);
      var units = parsed.words.length + parsed.phrases.length;
      if (!units && filter[0] === null && filter[1] === null && filter[2] === null && !range) {
        return done(null, { empty: true, total: 0, items: [], parsed: parsed, page: 1, pages: 0 });
      }
      // First the facet codes, the words' shards and the lookups (a number
      // typed, the word being typed); then the shards those lookups name.
      var number = numberQuery(state.q), first = shardFiles(queryTerms(parsed), ['f.js']);
      if (number) first.push(numberFile(number));
      first = first.concat(prefixFiles(parsed), placeFiles(parsed), accentFiles(parsed));
      self.need(first, function () {
        // A lookup file may be missing (no number or word starts so): no error.
        if (number) parsed.number = findNumbers(number);
        if (parsed.prefix) complete(parsed);
        self.need(shardFiles(queryTerms(parsed), ['f.js']), function (error) {
          if (error) return done(error);
          timing.terms = now();
          if (parsed.number && !parsed.number.terms.length && parsed.number.looks) {
            return done(null, { empty: false, noNumber: true, total: 0, ids: [], items: [], facets: null, page: 1, pages: 0, parsed: parsed, timing: timing });
          }
          ranked(self, state, parsed, filter, range, timing, done);
        });
      });
    });
  };

  // Ranks, then loads the summaries of the page shown and makes its items.
  function ranked(self, state, parsed, filter, range, timing, done) {
    var wanted = Math.max(1, Math.min(MAX_PAGE, parseInt(state.trang, 10) || 1));
    var dates = range ? inRange(range, store.meta.documents) : null;
    var result = rank(parsed, filter, wanted * PER_PAGE, dates);
    timing.ranked = now();
    var pages = Math.ceil(result.total / PER_PAGE);
    var page = Math.min(pages || 1, wanted);
    var ids = result.order.slice((page - 1) * PER_PAGE, page * PER_PAGE);
    var docFiles = [], seenDocs = {};
    for (var i = 0; i < ids.length; i++) {
      var docFile = 'd/' + Math.floor(ids[i] / store.meta.docsPerShard) + '.js';
      if (!seenDocs[docFile]) { seenDocs[docFile] = true; docFiles.push(docFile); }
    }
    self.need(docFiles, function (error) {
      if (error) return done(error);
      timing.docs = now();
      var owners = setOf(parsed.number ? parsed.number.owners : []);
      // What to mark: the words typed, and the completions of the last.
      var words = parsed.highlight.concat(parsed.completions), pairs = parsed.pairs.slice();
      for (var p = 0; p < parsed.phrases.length; p++) {
        for (var j = 1; j < parsed.phrases[p].length; j++) pairs.push(parsed.phrases[p][j - 1] + '_' + parsed.phrases[p][j]);
      }
      var items = [];
      for (var i = 0; i < ids.length; i++) {
        var s = summary(ids[i]);
        s.exact = !!owners[ids[i]];
        s.titleParts = highlight(s.title || s.number || '', words);
        // A match on the province or the type shows where it is too.
        s.provinceParts = highlight(s.province || '', words);
        s.typeParts = highlight(s.type || '', words);
        s.issuerParts = highlight(s.issuer || '', words);
        s.snippetParts = excerpt(s.text || '', words, pairs);
        items.push(s);
      }
      var facets = [];
      for (var f = 0; f < 3; f++) {
        var options = facetOptions(f), list = [];
        if (result.counts[f][0]) list.push([NONE[f], null, result.counts[f][0]]);
        for (var o = 0; o < options.length; o++) {
          var count = result.counts[f][options[o][2]] || 0;
          if (count || options[o][0] === state[FACET_PARAMS[f]]) list.push([options[o][0], options[o][1], count]);
        }
        facets.push(list);
      }
      done(null, {
        empty: false,
        total: result.total,
        partial: result.partial,
        ids: result.order,
        page: page,
        pages: pages,
        items: items,
        facets: facets,
        parsed: parsed,
        timing: timing
      });
    });
  }

  // ---- The directive page opened from a result: `#tim=<query>` marks the
  // query's words in the directive (text nodes split, each word wrapped in
  // a <mark> made with createElement: the text stays text), says how many,
  // scrolls to the first, and offers a link that clears them.
  function markDirective() {
    var bar = document.getElementById('search-marks'), found = /^#tim=(.*)$/.exec(location.hash);
    var article = document.querySelector('main article');
    if (!bar || !found || !article) return;
    var query;
    try { query = decodeURIComponent(found[1]); } catch (e) { return; }
    var wanted = setOf(tokens(query)), nodes = [], walker = document.createTreeWalker(article, 4 /* NodeFilter.SHOW_TEXT */);
    while (walker.nextNode()) nodes.push(walker.currentNode);
    var marks = [];
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i], words = findMatches(node.data, wanted);
      if (!words.length) continue;
      var fragment = document.createDocumentFragment(), last = 0;
      for (var w = 0; w < words.length; w++) {
        fragment.appendChild(document.createTextNode(node.data.slice(last, words[w].start)));
        var mark = document.createElement('mark');
        mark.className = 'search-mark';
        mark.textContent = node.data.slice(words[w].start, words[w].end);
        fragment.appendChild(mark);
        marks.push(mark);
        last = words[w].end;
      }
      fragment.appendChild(document.createTextNode(node.data.slice(last)));
      node.parentNode.replaceChild(fragment, node);
    }
    if (!marks.length) return;
    bar.querySelector('.search-marks-count').textContent = bar.getAttribute('data-s-marked').replace('{n}', marks.length).replace('{q}', query);
    bar.hidden = false;
    marks[0].scrollIntoView({ block: 'center' });
    bar.querySelector('a').addEventListener('click', function (event) {
      event.preventDefault();
      for (var m = 0; m < marks.length; m++) {
        var parent = marks[m].parentNode;
        parent.replaceChild(document.createTextNode(marks[m].textContent), marks[m]);
        parent.normalize();
      }
      bar.hidden = true;
      try { global.history.replaceState(null, '', location.pathname + location.search); } catch (e) { /* the marks are gone all the same */ }
    });
  }

  var api = {
    fold: fold,
    tokens: tokens,
    hash: hash,
    decode: decode,
    decodeInto: decodeInto,
    parseQuery: parseQuery,
    queryTerms: queryTerms,
    highlight: highlight,
    excerpt: excerpt,
    findMatches: findMatches,
    numberQuery: numberQuery,
    phraseCover: phraseCover,
    accented: accented,
    Engine: Engine,
    store: store,
    PER_PAGE: PER_PAGE,
    m: registry.m,
    f: registry.f,
    t: registry.t,
    p: registry.p,
    v: registry.v,
    d: registry.d,
    n: registry.n,
    w: registry.w,
    a: registry.a
  };
  global.vanbanSearch = api;

  // ---- The page ---------------------------------------------------------------
  if (typeof document === 'undefined') return;
  var app = document.getElementById('search-app');
  if (!app) {
    markDirective();
    return;
  }

  var base = app.getAttribute('data-index') || '';
  var root = app.getAttribute('data-root') || '';
  var strings = {};
  for (var at = 0; at < app.attributes.length; at++) {
    var name = app.attributes[at].name;
    if (name.indexOf('data-s-') === 0) strings[name.slice(7)] = app.attributes[at].value;
  }
  var form = document.getElementById('search-form');
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var pager = document.getElementById('search-pages');
  var selects = [];
  for (var sf = 0; sf < 3; sf++) selects.push(form.elements[FACET_PARAMS[sf]]);
  var dateInputs = [form.elements.tu, form.elements.den];
  // Without a script the filters could do nothing, so the page hides them.
  var facetBox = document.getElementById('search-facets');
  if (facetBox) facetBox.hidden = false;

  var engine = new Engine(function (file, done) {
    var script = document.createElement('script');
    script.src = base + file;
    script.charset = 'utf-8';
    script.async = true;
    script.onload = function () { done(null); };
    script.onerror = function () { done(new Error('cannot load ' + file)); };
    document.head.appendChild(script);
  });

  function readUrl() {
    var state = { q: '', tinh: '', loai: '', nam: '', tu: '', den: '', trang: '' };
    var query = location.search.replace(/^\?/, '');
    if (!query) return state;
    var pairs = query.split('&');
    for (var i = 0; i < pairs.length; i++) {
      var eq = pairs[i].indexOf('='), key = eq < 0 ? pairs[i] : pairs[i].slice(0, eq);
      var value = eq < 0 ? '' : pairs[i].slice(eq + 1);
      try { value = decodeURIComponent(value.replace(/\+/g, ' ')); } catch (e) { value = ''; }
      if (Object.prototype.hasOwnProperty.call(state, key)) state[key] = value;
    }
    return state;
  }

  function urlOf(state) {
    var parts = [];
    var keys = ['q', 'tinh', 'loai', 'nam', 'tu', 'den', 'trang'];
    for (var i = 0; i < keys.length; i++) {
      var v = state[keys[i]];
      if (keys[i] === 'trang' && String(v) === '1') continue;
      if (v) parts.push(keys[i] + '=' + encodeURIComponent(v).replace(/%20/g, '+'));
    }
    // Relative, like every link of the archive: the same page, another query.
    return 'index.html' + (parts.length ? '?' + parts.join('&') : '');
  }

  function formState() {
    return {
      q: input.value,
      tinh: selects[0].value,
      loai: selects[1].value,
      nam: selects[2].value,
      tu: dateInputs[0].value,
      den: dateInputs[1].value,
      trang: ''
    };
  }

  function fillForm(state) {
    if (input.value !== state.q) input.value = state.q;
    for (var f = 0; f < 3; f++) setOptions(f, null, state[FACET_PARAMS[f]]);
    dateInputs[0].value = ISO_DAY.test(state.tu) ? state.tu : '';
    dateInputs[1].value = ISO_DAY.test(state.den) ? state.den : '';
  }

  // Rebuilds a facet's options: "all", then the values the results have,
  // with their counts (and the chosen value even when it has none).
  function setOptions(f, facet, chosen) {
    var select = selects[f], first = select.options[0];
    var options = facet;
    if (!options) {
      options = [];
      if (store.meta) {
        var all = facetOptions(f);
        for (var i = 0; i < all.length; i++) options.push([all[i][0], all[i][1], null]);
      } else if (chosen) {
        options.push([chosen, chosen, null]);
      }
    }
    while (select.options.length > 1) select.remove(1);
    var noneLabel = [strings.central, strings.unknown, strings.undated][f];
    for (var o = 0; o < options.length; o++) {
      var option = document.createElement('option');
      option.value = options[o][0];
      option.textContent = (options[o][1] === null ? noneLabel : options[o][1]) +
        (options[o][2] === null ? '' : ' (' + options[o][2] + ')');
      select.appendChild(option);
    }
    select.value = chosen || '';
    if (select.value !== (chosen || '')) select.value = first.value;
  }

  function text(tag, className, content) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (content !== undefined && content !== null) el.textContent = content;
    return el;
  }

  function marked(tag, className, parts) {
    var el = text(tag, className);
    for (var i = 0; i < parts.length; i++) {
      el.appendChild(parts[i].mark ? text('mark', null, parts[i].text) : document.createTextNode(parts[i].text));
    }
    return el;
  }

  function renderItem(item, query) {
    var li = text('li', 'search-result');
    var meta = text('p', 'result-meta');
    var number = text('span', 'result-number', item.number || strings.unknown);
    if (!item.number) number.className += ' unknown';
    meta.appendChild(number);
    if (item.type) { meta.appendChild(document.createTextNode(' · ')); meta.appendChild(marked('span', 'result-type', item.typeParts || [{ text: item.type, mark: false }])); }
    meta.appendChild(document.createTextNode(' · '));
    if (item.province) meta.appendChild(marked('span', 'result-province', item.provinceParts || [{ text: item.province, mark: false }]));
    else meta.appendChild(text('span', 'result-province', strings.central));
    meta.appendChild(document.createTextNode(' · '));
    if (item.issuer) {
      meta.appendChild(marked('span', 'result-issuer', item.issuerParts || [{ text: item.issuer, mark: false }]));
      meta.appendChild(document.createTextNode(' · '));
    }
    if (item.date) {
      var time = text('time', 'result-date', item.date);
      time.setAttribute('datetime', item.dateIso);
      meta.appendChild(time);
    } else {
      meta.appendChild(text('span', 'result-date unknown', strings.undated));
    }
    if (item.exact) {
      meta.appendChild(document.createTextNode(' '));
      meta.appendChild(text('span', 'badge exact-match', strings.exact));
    }
    if (item.cited) {
      meta.appendChild(document.createTextNode(' '));
      meta.appendChild(text('span', 'badge', strings['not-in-archive'] + ' · ' + item.citers + ' ' + strings.citers));
    }
    li.appendChild(meta);
    var title = marked('a', 'result-title', item.titleParts);
    // The directive page marks the query's words (see markDirective).
    title.href = root + item.href + (query ? '#tim=' + encodeURIComponent(query) : '');
    var heading = text('p', 'result-heading');
    heading.appendChild(title);
    li.appendChild(heading);
    if (item.snippetParts.length) li.appendChild(marked('p', 'result-snippet', item.snippetParts));
    return li;
  }

  function renderPager(result, state) {
    while (pager.firstChild) pager.removeChild(pager.firstChild);
    pager.hidden = result.pages <= 1;
    if (pager.hidden) return;
    function link(page, label, rel) {
      var a = text('a', null, label);
      var target = {};
      for (var k in state) target[k] = state[k];
      target.trang = String(page);
      a.href = urlOf(target);
      a.rel = rel;
      a.onclick = function (event) {
        event.preventDefault();
        go(target, 'push');
        window.scrollTo(0, 0);
      };
      return a;
    }
    if (result.page > 1) pager.appendChild(link(result.page - 1, '← ' + strings.previous, 'prev'));
    pager.appendChild(text('span', 'search-page', result.page + ' / ' + result.pages));
    if (result.page < result.pages) pager.appendChild(link(result.page + 1, strings.next + ' →', 'next'));
  }

  function render(result, state) {
    while (list.firstChild) list.removeChild(list.firstChild);
    if (result.empty) {
      status.textContent = strings.empty;
    } else if (result.noNumber) {
      status.textContent = strings['no-number'];
    } else if (!result.total) {
      status.textContent = strings.none;
    } else {
      status.textContent = result.total + ' ' + strings.results + (result.partial ? '. ' + strings.partial : '');
    }
    list.start = (result.page - 1) * PER_PAGE + 1;
    // Which query the list shows, for tests that must not mistake the
    // results of an earlier keystroke for those of the last one.
    list.setAttribute('data-query', state.q);
    for (var i = 0; i < result.items.length; i++) list.appendChild(renderItem(result.items[i], state.q.trim()));
    for (var f = 0; f < 3; f++) setOptions(f, result.facets ? result.facets[f] : null, state[FACET_PARAMS[f]]);
    renderPager(result, state);
  }

  // Runs a search and shows it, unless a newer one started meanwhile;
  // `history` is 'push', 'replace' or null (back/forward: the URL is right).
  var current = 0, lastAction = null, shownUrl = urlOf(readUrl());
  function go(state, history) {
    var ticket = ++current;
    document.body.setAttribute('data-search-state', 'loading');
    app.setAttribute('aria-busy', 'true');
    if (history) remember(state, history);
    engine.search(state, function (error, result) {
      if (ticket !== current) return;
      app.removeAttribute('aria-busy');
      if (error) {
        status.textContent = strings.error;
        document.body.setAttribute('data-search-state', 'error');
        return;
      }
      render(result, state);
      if (result.timing) result.timing.rendered = now();
      api.last = result.timing || null;
      document.body.setAttribute('data-search-state', 'ready');
    });
  }

  // The query lives in the URL. pushState can throw on file:// in some
  // browsers; the search still works, only the URL does not follow.
  function remember(state, how) {
    var url = urlOf(state);
    if (url === shownUrl && how === 'push') return;
    try {
      if (how === 'push') global.history.pushState(state, '', url);
      else global.history.replaceState(state, '', url);
      shownUrl = url;
    } catch (e) { /* keep searching without URL updates */ }
  }

  var timer = null;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    engine.prefetch(input.value);
    timer = setTimeout(function () {
      // The first keystroke of a new query gets its own history entry; the
      // rest of the typing replaces it, so Back returns to the previous query.
      var state = formState();
      state.typing = true;
      go(state, lastAction === 'typing' ? 'replace' : 'push');
      lastAction = 'typing';
    }, 100);
  });
  // Focusing the box announces a query: load the facet codes meanwhile.
  input.addEventListener('focus', function () {
    engine.prefetch('');
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    lastAction = 'submit';
    go(formState(), 'push');
  });
  var filters = selects.concat(dateInputs);
  for (var fs = 0; fs < filters.length; fs++) {
    filters[fs].addEventListener('change', function () {
      lastAction = 'facet';
      go(formState(), 'push');
    });
  }
  global.addEventListener('popstate', function () {
    var state = readUrl();
    shownUrl = urlOf(state);
    lastAction = 'history';
    fillForm(state);
    go(state, null);
  });

  var initial = readUrl();
  fillForm(initial);
  engine.ready(function (error) {
    if (error) {
      status.textContent = strings.error;
      document.body.setAttribute('data-search-state', 'error');
      return;
    }
    fillForm(initial);
    go(initial, null);
  });
})(this);
