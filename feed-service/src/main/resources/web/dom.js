/**
 * The only way the page builds DOM: createElement, textContent and setAttribute. Strings from the feed are
 * always text, never markup, so a headline such as `<img src=x onerror=alert(1)>` is shown as written.
 */

/**
 * Makes an element. `props`: `class`, `text` (textContent), `dataset`, `on<event>` listeners; anything else
 * becomes an attribute (null, undefined and false are left out). Children are nodes or strings (as text).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (key === 'class') {
      node.className = value;
    } else if (key === 'text') {
      node.textContent = value;
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child); // a string is appended as a text node
    }
  }
  return node;
}

/** True when a click should be left to the browser (new tab, new window, download). */
export function isModifiedClick(event) {
  return event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
}
