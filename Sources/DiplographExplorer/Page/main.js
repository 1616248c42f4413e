// The explorer: loads the frames (from the page itself when exported, else from the
// server), draws the period once, and shows what each date holds.

import { FrameModel } from "./frames.js";
import { GraphView } from "./graph.js";
import { LanesView } from "./lanes.js";
import { LiveRegion, ShownTable } from "./table.js";
import { Panel, eventFromBundle, eventFromTimeline } from "./panel.js";
import { Search } from "./search.js";
import { Controls } from "./controls.js";
import { readState, recordState } from "./state.js";
import { isoDay } from "./time.js";

async function fetchJSON(address) {
  const response = await fetch(address, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) {
    const error = new Error(body.error || response.statusText);
    error.parameter = body.parameter;
    throw error;
  }
  return { body, total: Number(response.headers.get("X-Total-Count")) };
}

// Where events and search results come from: the bundle when the page stands alone,
// the API when served.
class DataSource {
  constructor(model, served) {
    this.model = model;
    this.served = served;
  }

  async nodeEvents(index) {
    const node = this.model.nodes[index];
    if (this.served) {
      const parameter = node.kind === "issue" ? "issue" : "actor";
      const query = new URLSearchParams({ [parameter]: node.id, to: isoDay(this.model.bundle.to), limit: "300" });
      const { body, total } = await fetchJSON(`api/timeline?${query}`);
      return { events: body.map(eventFromTimeline), total: total || body.length };
    }
    const events = this.model.eventsOf(index).map(eventFromBundle);
    return { events, total: events.length };
  }

  async relationEvents(index) {
    const events = this.model.sortedEvents(this.model.relations[index].events).map(eventFromBundle);
    return { events, total: events.length };
  }

  async findNodes(text) {
    if (this.served) {
      const { body } = await fetchJSON(`api/nodes?${new URLSearchParams({ q: text, limit: "12" })}`);
      return body;
    }
    const needle = text.toLowerCase();
    return this.model.nodes.filter((node) => [node.id, node.name, ...node.aliases]
      .some((field) => field.toLowerCase().includes(needle))).slice(0, 12);
  }
}

async function loadBundle() {
  const embedded = document.getElementById("frames-data");
  if (embedded) return { bundle: JSON.parse(embedded.textContent), served: false, note: "" };
  // The period can be chosen in the address (?from=2022-10&to=2023-12); it stays there.
  const period = new URLSearchParams();
  const address = new URLSearchParams(window.location.search);
  for (const name of ["from", "to"]) if (address.get(name)) period.set(name, address.get(name));
  try {
    return { bundle: (await fetchJSON(`api/frames?${period}`)).body, served: true, note: "" };
  } catch (error) {
    if (error.parameter !== "top") throw error;
    period.set("top", "150");
    const { body } = await fetchJSON(`api/frames?${period}`);
    return { bundle: body, served: true, note: "The data is large: showing the 150 strongest relations." };
  }
}

class Explorer {
  constructor({ bundle, served, note }) {
    const model = new FrameModel(bundle);
    this.model = model;
    this.bounds = { from: bundle.from, to: bundle.to };
    this.timings = [];
    document.getElementById("title").textContent = bundle.title || "Diplograph";
    document.getElementById("note").textContent = note;
    const data = new DataSource(model, served);
    this.tooltip = document.getElementById("tooltip");
    this.graph = new GraphView(document.getElementById("graph"), model, {
      hoverNode: (index, event) => this.hoverNode(index, event),
      hoverRelation: (index, event) => this.hoverRelation(index, event),
      leave: () => { this.tooltip.hidden = true; },
      openNode: (index) => this.panel.openNode(index, this.state),
      openRelation: (index) => this.panel.openRelation(index),
    });
    this.lanes = new LanesView(document.getElementById("lanes-svg"), model, (day) => this.update({ at: day }, { replace: false }));
    this.table = new ShownTable(document.getElementById("shown-table"), document.getElementById("table-caption"), model);
    this.live = new LiveRegion(document.getElementById("live"));
    this.panel = new Panel(document.getElementById("panel"), data, (day) => this.update({ at: day }, { replace: false }));
    this.search = new Search(document.getElementById("search"), document.getElementById("search-results"), data,
      (id) => this.choose(id));
    this.controls = new Controls(document.body, this.bounds, this);
    this.state = readState(window.location.search, this.bounds, bundle.view);
    window.addEventListener("popstate", () => { this.state = readState(window.location.search, this.bounds, bundle.view); this.render(); });
    this.render();
    document.body.dataset.ready = "true";
    window.diplographExplorer = this;
  }

  choose(id) {
    if (!this.model.nodeIndex.has(id)) {
      document.getElementById("note").textContent = `${id} is not in the drawing of this period.`;
      return;
    }
    this.update({ focus: id }, { replace: false });
    this.graph.focusNode(this.model.nodeIndex.get(id));
  }

  update(change, { replace }) {
    const next = { ...this.state, ...change };
    if (next.since > next.at) next.since = next.at;
    const same = Object.keys(next).every((key) => next[key] === this.state[key]);
    this.state = next;
    recordState(next, { replace });
    // The slider's change event follows its last input event: record it, draw nothing new.
    if (!same) this.render();
  }

  shown() {
    const state = this.state;
    const focus = state.focus && this.model.nodeIndex.has(state.focus) ? this.model.nodeIndex.get(state.focus) : null;
    const shown = this.model.shownOn(state.at, state.windowDays, focus, state.depth);
    if (!state.diff) return { shown, changes: null, focus };
    const before = this.model.shownOn(state.since, state.windowDays, focus, state.depth);
    return { shown, changes: this.model.changes(before, shown), focus };
  }

  render() {
    const started = performance.now();
    const { shown, changes, focus } = this.shown();
    this.current = { shown, changes };
    this.graph.show(shown, changes, this.state);
    this.graph.highlight(focus);
    this.lanes.show(this.state);
    this.table.show(this.state, shown, changes);
    this.controls.show(this.state, focus === null ? "" : this.model.name(focus));
    this.live.announce(this.state, shown);
    requestAnimationFrame(() => requestAnimationFrame(() => this.timings.push(performance.now() - started)));
  }

  hoverNode(index, event) {
    const model = this.model;
    const day = this.state.at;
    const lines = [model.nodes[index].name];
    for (const [person, post, organization] of model.officesHeld(day)) {
      if (person === index) lines.push(`${post}, ${model.name(organization)}`);
    }
    const status = model.nodes[index].kind === "issue" ? model.statusOn(index, day) : null;
    if (status) lines.push(`status: ${status}`);
    let count = 0, toneSum = 0, toneCount = 0, first = Infinity, last = -Infinity;
    for (const relation of model.relationsOfNode[index]) {
      const aggregate = this.current.shown.relations.get(relation);
      if (!aggregate) continue;
      count += aggregate.count;
      if (aggregate.tone !== null) { toneSum += aggregate.tone * aggregate.count; toneCount += aggregate.count; }
      first = Math.min(first, aggregate.first);
      last = Math.max(last, aggregate.last);
    }
    if (count) {
      lines.push(`${count} event${count === 1 ? "" : "s"} in its relations` + (toneCount ? `, mean tone ${(toneSum / toneCount).toFixed(2)}` : ""));
      lines.push(`${isoDay(first)} – ${isoDay(last)}`);
    }
    this.showTooltip(lines, event, this.graph.nodeElements[index]);
  }

  hoverRelation(index, event) {
    const model = this.model;
    const relation = model.relations[index];
    const entry = this.current.changes ? this.current.changes.get(index) : null;
    const aggregate = entry ? entry.aggregate : this.current.shown.relations.get(index);
    if (!aggregate) return;
    const kind = relation.stance ? `${relation.kind} (${relation.stance})` : relation.kind;
    const lines = [`${model.name(relation.source)} — ${kind} — ${model.name(relation.target)}`,
      `${aggregate.count} event${aggregate.count === 1 ? "" : "s"}` + (aggregate.tone === null ? "" : `, mean tone ${aggregate.tone.toFixed(2)}`),
      `${isoDay(aggregate.first)} – ${isoDay(aggregate.last)}`];
    if (entry) lines.push(entry.change);
    this.showTooltip(lines, event, null);
  }

  showTooltip(lines, event, anchor) {
    const tooltip = this.tooltip;
    tooltip.replaceChildren(...lines.map((line) => { const div = document.createElement("div"); div.textContent = line; return div; }));
    const stage = document.getElementById("stage").getBoundingClientRect();
    const box = event ? { left: event.clientX, top: event.clientY } : anchor.getBoundingClientRect();
    tooltip.style.left = `${Math.max(0, box.left - stage.left + 12)}px`;
    tooltip.style.top = `${Math.max(0, box.top - stage.top + 12)}px`;
    tooltip.hidden = false;
  }
}

loadBundle().then((loaded) => new Explorer(loaded)).catch((error) => {
  const note = document.getElementById("note");
  note.textContent = `The explorer could not start: ${error.message}`;
  document.body.dataset.ready = "error";
});
