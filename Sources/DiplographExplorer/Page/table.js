// What the graph shows, as a table for screen readers and for reading, kept in step
// with the slider; and the live region that says what changed.

import { isoDay } from "./time.js";

function relationWords(relation) {
  if (relation.kind === "stated") return relation.stance ? `stated (${relation.stance})` : "stated";
  return { met: "met", agreed: "agreed with", acted: "acted toward", concerns: "concerns" }[relation.kind] || relation.kind;
}

export class ShownTable {
  constructor(table, caption, model) {
    this.body = table.tBodies[0];
    this.caption = caption;
    this.model = model;
  }

  show(state, shown, changes) {
    const windowWords = state.windowDays === null ? "every event so far" : `events of the ${state.windowDays} days before`;
    this.caption.textContent = state.diff
      ? `Changes from ${isoDay(state.since)} to ${isoDay(state.at)}`
      : `Relations on ${isoDay(state.at)} (${windowWords})`;
    const rows = [];
    const entries = changes ? [...changes] : [...shown.relations].map(([index, aggregate]) => [index, { aggregate }]);
    for (const [index, { aggregate, change }] of entries) {
      const relation = this.model.relations[index];
      const row = document.createElement("tr");
      row.dataset.id = relation.id;
      const cells = [this.model.name(relation.source), relationWords(relation), this.model.name(relation.target),
        String(aggregate.count), aggregate.tone === null ? "" : aggregate.tone.toFixed(2),
        isoDay(aggregate.first), isoDay(aggregate.last)];
      if (changes) cells.push(change);
      for (const text of cells) {
        const cell = document.createElement("td");
        cell.textContent = text;
        row.appendChild(cell);
      }
      rows.push(row);
    }
    this.body.replaceChildren(...rows);
  }
}

export class LiveRegion {
  constructor(element) {
    this.element = element;
    this.previous = null;
    this.timer = null;
  }

  // Says, once the slider rests, how many relations appeared and ended since the
  // last announcement.
  announce(state, shown) {
    const current = new Set(shown.relations.keys());
    const previous = this.previous;
    this.previous = current;
    if (previous === null) return;
    let added = 0, ended = 0;
    for (const index of current) if (!previous.has(index)) added += 1;
    for (const index of previous) if (!current.has(index)) ended += 1;
    const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;
    const text = `${isoDay(state.at)}: ${plural(added, "relation")} added, ${ended} ended; ${plural(current.size, "relation")} shown`;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.element.textContent = text; }, 250);
  }
}
