/**
 * The latest-news column: pages of GET /feed grouped by day, kept current by GET /feed/stream.
 *
 * Stories are keyed by id. A newer version replaces the shown one in its place (or moves it when an editor
 * re-topped it); an older or equal version is ignored, so the page and the stream may deliver the same
 * story in either order. Chips filter both the page and the stream; the filter lives in the address
 * (?entity= or ?tag=) so it survives a reload and the back button.
 */
import { el, isModifiedClick } from './dom.js';
import { clockTime, dayKey, dayLabel, fullDateTime } from './format.js';

const PAGE_SIZE = 20;
const RETRY_DELAYS_MS = [1000, 2000, 5000, 10000];

const feedEl = document.getElementById('feed');
const statusEl = document.getElementById('status');
const moreButton = document.getElementById('more');
const filterBar = document.getElementById('filter-bar');
const filterValue = document.getElementById('filter-value');
const clearButton = document.getElementById('clear-filter');
const liveEl = document.getElementById('live');
const liveText = document.getElementById('live-text');
const detail = document.getElementById('detail');
const detailBody = document.getElementById('detail-body');
const detailJson = document.getElementById('detail-json');

/** Shown stories by id: the item as last received and its list element. */
const shown = new Map();
/** Ids the stream removed since the last reload, so a page fetched meanwhile cannot bring them back. */
const removed = new Set();
/** Canonical names of entities seen, to label an entity filter. */
const entityNames = new Map();

let filter = filterFrom(location.search);
let nextCursor = null;
let generation = 0;
let stream = null;

// ---- filter ---------------------------------------------------------------------------------------------

function filterFrom(search) {
  const params = new URLSearchParams(search);
  if (params.get('entity')) {
    return { kind: 'entity', value: params.get('entity') };
  }
  if (params.get('tag')) {
    return { kind: 'tag', value: params.get('tag') };
  }
  return null;
}

function filterParams() {
  const params = new URLSearchParams();
  if (filter) {
    params.set(filter.kind, filter.value);
  }
  return params;
}

function filterLabel() {
  if (!filter) {
    return '';
  }
  return filter.kind === 'tag' ? `#${filter.value}` : entityNames.get(filter.value) ?? filter.value;
}

function showFilter() {
  filterBar.hidden = !filter;
  filterBar.dataset.kind = filter?.kind ?? '';
  filterBar.dataset.value = filter?.value ?? '';
  filterValue.className = `chip chip--active chip--${filter?.kind ?? 'none'}`;
  filterValue.textContent = filterLabel();
  document.title = filter ? `${filterLabel()} · Latest news · Newsflow` : 'Latest news · Newsflow';
}

function setFilter(next) {
  filter = next;
  const query = filterParams().toString();
  history.pushState(null, '', query ? `/?${query}` : '/');
  showFilter();
  window.scrollTo({ top: 0 });
  reload();
}

clearButton.addEventListener('click', () => setFilter(null));
window.addEventListener('popstate', () => {
  filter = filterFrom(location.search);
  showFilter();
  reload();
});

// ---- loading ----------------------------------------------------------------------------------------------

class FeedError extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
  }
}

async function fetchPage(cursor) {
  const params = filterParams();
  params.set('limit', String(PAGE_SIZE));
  if (cursor) {
    params.set('cursor', cursor);
  }
  const response = await fetch(`/feed?${params}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    let detail = '';
    try {
      detail = (await response.json()).detail ?? '';
    } catch {
      // not a problem document
    }
    throw new FeedError(response.status, detail);
  }
  return response.json();
}

/** Empties the column and loads it again from the first page, with the stream reconnected first. */
async function reload() {
  const mine = ++generation;
  removed.clear();
  shown.clear();
  feedEl.replaceChildren();
  setMore(null);
  feedEl.setAttribute('aria-busy', 'true');
  setStatus('Loading the latest news…');
  // The stream first: a story published while the page loads then arrives on one or the other (or both).
  openStream(mine);
  for (let attempt = 0; mine === generation; attempt++) {
    try {
      const page = await fetchPage(null);
      if (mine !== generation) {
        return;
      }
      page.items.forEach(item => upsert(item, false));
      setMore(page.next);
      feedEl.setAttribute('aria-busy', 'false');
      showEmptiness();
      showFilter();
      return;
    } catch (error) {
      if (mine !== generation) {
        return;
      }
      const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)];
      if (error instanceof FeedError && error.status === 400) {
        setStatus(`This filter does not work: ${error.message}`, true);
        return;
      }
      setStatus(`The feed is not answering right now (${error.message}). Trying again in ${Math.round(delay / 1000)} s…`, true);
      await new Promise(resolve => setTimeout(resolve, delay));
    }
  }
}

async function loadMore() {
  const mine = generation;
  moreButton.disabled = true;
  moreButton.textContent = 'Loading…';
  try {
    const page = await fetchPage(nextCursor);
    if (mine !== generation) {
      return;
    }
    page.items.forEach(item => upsert(item, false));
    setMore(page.next);
  } catch (error) {
    setStatus(`Could not load more news (${error.message}).`, true);
    moreButton.disabled = false;
    moreButton.textContent = 'More news';
  }
}

function setMore(cursor) {
  nextCursor = cursor ?? null;
  moreButton.hidden = !nextCursor;
  moreButton.disabled = false;
  moreButton.textContent = 'More news';
}

moreButton.addEventListener('click', loadMore);

function setStatus(text, isError = false) {
  statusEl.textContent = text;
  statusEl.classList.toggle('status--error', isError);
  statusEl.hidden = !text;
}

function showEmptiness() {
  if (feedEl.getAttribute('aria-busy') === 'true') {
    return;
  }
  setStatus(shown.size > 0 ? '' : filter ? `No stories about ${filterLabel()} yet.` : 'No stories yet.');
}

// ---- live stream ------------------------------------------------------------------------------------------

function openStream(mine) {
  stream?.close();
  const query = filterParams().toString();
  const source = new EventSource(query ? `/feed/stream?${query}` : '/feed/stream');
  stream = source;
  let interrupted = false;
  const current = () => source === stream && mine === generation;

  setLive('connecting');
  source.addEventListener('open', () => {
    if (!current()) {
      return;
    }
    setLive('live');
    if (interrupted) {
      // The stream resumes from Last-Event-ID, but a long gap may outlast what the server keeps: start again from the feed.
      reload();
    }
  });
  source.addEventListener('error', () => {
    if (!current()) {
      return;
    }
    interrupted = true;
    if (source.readyState === EventSource.CLOSED) {
      // The browser gave up (the server refused the stream); try again from scratch shortly.
      setLive('offline');
      setTimeout(() => current() && reload(), RETRY_DELAYS_MS[RETRY_DELAYS_MS.length - 1]);
    } else {
      setLive('reconnecting');
    }
  });
  source.addEventListener('story', event => {
    if (current()) {
      upsert(JSON.parse(event.data), true);
      showEmptiness();
    }
  });
  source.addEventListener('removed', event => {
    if (current()) {
      remove(JSON.parse(event.data).id);
      showEmptiness();
    }
  });
  source.addEventListener('resync', () => {
    if (current()) {
      source.close();
      reload();
    }
  });
}

function setLive(state) {
  const texts = { connecting: 'Connecting', live: 'Live', reconnecting: 'Reconnecting', offline: 'Offline' };
  const titles = {
    connecting: 'Connecting to the live feed',
    live: 'New stories appear here as they are published',
    reconnecting: 'The live feed dropped; reconnecting',
    offline: 'The live feed is unavailable; retrying',
  };
  liveEl.dataset.state = state;
  liveEl.title = titles[state];
  liveText.textContent = texts[state];
}

// ---- the column ------------------------------------------------------------------------------------------

function upsert(item, live) {
  if (live) {
    removed.delete(item.id);
  } else if (removed.has(item.id)) {
    return;
  }
  const current = shown.get(item.id);
  if (current && current.item.version >= item.version) {
    return;
  }
  for (const entity of item.entities ?? []) {
    entityNames.set(entity.id, entity.canonical);
  }
  const node = renderStory(item);
  if (current && Date.parse(current.item.displayAt) === Date.parse(item.displayAt)) {
    current.node.replaceWith(node);
  } else {
    if (current) {
      detach(current.node);
    }
    place(node, item);
  }
  shown.set(item.id, { item, node });
  if (live) {
    node.classList.add(current ? 'story--updated' : 'story--new');
    node.addEventListener('animationend', () => node.classList.remove('story--new', 'story--updated'), { once: true });
  }
}

function remove(id) {
  removed.add(id);
  const current = shown.get(id);
  if (current) {
    shown.delete(id);
    detach(current.node);
  }
}

/** Newest first; stories at the same minute keep a stable order by id. */
function comesBefore(at, id, node) {
  const otherAt = Number(node.dataset.at);
  return at > otherAt || (at === otherAt && id < node.dataset.storyId);
}

function place(node, item) {
  const at = Date.parse(item.displayAt);
  const date = new Date(at);
  const key = dayKey(date);
  let day = feedEl.querySelector(`:scope > section[data-day="${key}"]`);
  if (!day) {
    day = el('section', { class: 'day', dataset: { day: key } },
      el('h2', { class: 'day-header' }, el('time', { datetime: key, text: dayLabel(date) })),
      el('ol', { class: 'stories' }));
    const later = [...feedEl.children].find(section => section.dataset.day < key);
    feedEl.insertBefore(day, later ?? null);
  }
  const list = day.querySelector('ol');
  const after = [...list.children].find(other => comesBefore(at, item.id, other));
  list.insertBefore(node, after ?? null);
}

function detach(node) {
  const day = node.closest('section.day');
  node.remove();
  if (day && !day.querySelector('li.story')) {
    day.remove();
  }
}

function labelClass(label) {
  return `label label--${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

function entityChip(entity) {
  return el('a', {
    class: `chip chip--entity chip--${(entity.type || 'unknown').toLowerCase()}`,
    href: `/?${new URLSearchParams({ entity: entity.id })}`,
    title: `${entity.canonical} (${(entity.type || 'unknown').toLowerCase()}): show only these stories`,
    dataset: { entityId: entity.id },
    onclick: event => {
      if (!isModifiedClick(event)) {
        event.preventDefault();
        closeDetail();
        entityNames.set(entity.id, entity.canonical);
        setFilter({ kind: 'entity', value: entity.id });
      }
    },
  }, entity.canonical);
}

function tagChip(tag) {
  return el('a', {
    class: 'chip chip--tag',
    href: `/?${new URLSearchParams({ tag })}`,
    title: `Stories tagged ${tag}`,
    dataset: { tag },
    onclick: event => {
      if (!isModifiedClick(event)) {
        event.preventDefault();
        closeDetail();
        setFilter({ kind: 'tag', value: tag });
      }
    },
  }, `#${tag}`);
}

/** Entity chips shown on a line before a "+N more" button; the detail view shows them all. */
const ENTITY_CHIPS_SHOWN = 8;

function chips(item, all = false) {
  const entities = item.entities ?? [];
  const tags = item.tags ?? [];
  if (entities.length === 0 && tags.length === 0) {
    return null;
  }
  const list = el('ul', { class: 'chips', 'aria-label': 'Filter by' });
  const folded = all ? 0 : Math.max(0, entities.length - ENTITY_CHIPS_SHOWN);
  entities.forEach((entity, index) => list.append(el('li', { hidden: index >= entities.length - folded }, entityChip(entity))));
  if (folded > 0) {
    const more = el('li', {}, el('button', {
      class: 'chip chip--more',
      type: 'button',
      title: 'Show every person, organisation and place in this story',
      onclick: () => {
        list.querySelectorAll('li[hidden]').forEach(hidden => { hidden.hidden = false; });
        more.remove();
      },
    }, `+${folded} more`));
    list.append(more);
  }
  tags.forEach(tag => list.append(el('li', {}, tagChip(tag))));
  return list;
}

function renderStory(item) {
  const date = new Date(Date.parse(item.displayAt));
  const articleUrl = `/articles/${encodeURIComponent(item.id)}`;
  const urgent = Number(item.urgency) <= 2;
  return el('li', {
    class: `story${urgent ? ' story--urgent' : ''}`,
    dataset: { storyId: item.id, version: String(item.version), at: String(date.getTime()) },
  },
  el('time', { class: 'story-time', datetime: item.displayAt, title: fullDateTime(date) }, clockTime(date)),
  el('div', { class: 'story-main' },
    el('p', { class: 'story-line' },
      el('a', {
        class: 'headline',
        href: articleUrl,
        lang: item.language || null,
        onclick: event => {
          if (!isModifiedClick(event)) {
            event.preventDefault();
            openDetail(item.id);
          }
        },
      }, item.headline),
      (item.labels ?? []).map(label => [' ', el('span', { class: labelClass(label) }, label)])),
    chips(item)));
}

// ---- one story -------------------------------------------------------------------------------------------

async function openDetail(id) {
  const url = `/articles/${encodeURIComponent(id)}`;
  detailJson.href = url;
  detailBody.replaceChildren(el('p', { class: 'status' }, 'Loading…'));
  if (!detail.open) {
    detail.showModal();
  }
  try {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new FeedError(response.status, response.status === 410 ? 'This story was withdrawn.' : 'This story is not in the feed.');
    }
    const story = await response.json();
    const date = new Date(Date.parse(story.displayAt));
    const distinct = new Map((story.entities ?? []).map(m => [m.id, { id: m.id, canonical: m.canonical, type: m.type }]));
    detailBody.replaceChildren(
      el('p', { class: 'detail-meta' },
        el('time', { datetime: story.displayAt }, fullDateTime(date)),
        story.byline ? ` · ${story.byline}` : null,
        story.source ? ` · ${story.source}` : null),
      el('h2', { id: 'detail-headline', class: 'detail-headline', lang: story.language || null }, story.headline,
        (story.labels ?? []).map(label => [' ', el('span', { class: labelClass(label) }, label)])),
      el('div', { class: 'detail-text', lang: story.language || null },
        (story.body ?? '').split(/\n\s*\n/).filter(p => p.trim()).map(p => el('p', {}, p.trim()))),
      chips({ entities: [...distinct.values()], tags: story.tags }, true),
      story.editorNote ? el('p', { class: 'detail-note' }, `Editor's note: ${story.editorNote}`) : null);
  } catch (error) {
    detailBody.replaceChildren(el('p', { class: 'status status--error' }, error.message));
  }
}

function closeDetail() {
  if (detail.open) {
    detail.close();
  }
}

document.getElementById('detail-close').addEventListener('click', closeDetail);
detail.addEventListener('click', event => {
  if (event.target === detail) {
    closeDetail(); // a click on the backdrop
  }
});

// ---- start ------------------------------------------------------------------------------------------------

showFilter();
reload();
