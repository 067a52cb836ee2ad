/**
 * Times and days in the reader's own time zone: Intl with no timeZone option uses the browser's. Names are
 * English, as is the page.
 */
const LOCALE = 'en-GB';

const clock = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dayParts = new Intl.DateTimeFormat(LOCALE, { year: 'numeric', month: '2-digit', day: '2-digit' });
const dayName = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'long', weekday: 'long' });
const full = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'full', timeStyle: 'short' });

function parts(format, date) {
  const found = {};
  for (const part of format.formatToParts(date)) {
    found[part.type] = part.value;
  }
  return found;
}

/** "17:56". */
export function clockTime(date) {
  const { hour, minute } = parts(clock, date);
  return `${hour}:${minute}`;
}

/** "2024-10-21": sorts like the days it names. */
export function dayKey(date) {
  const { year, month, day } = parts(dayParts, date);
  return `${year}-${month}-${day}`;
}

/** "21 October, Monday", as a newsroom's column heads its days. */
export function dayLabel(date) {
  const { day, month, weekday } = parts(dayName, date);
  return `${day} ${month}, ${weekday}`;
}

/** "Monday 21 October 2024 at 17:56", for tooltips and the detail view. */
export function fullDateTime(date) {
  return full.format(date);
}
