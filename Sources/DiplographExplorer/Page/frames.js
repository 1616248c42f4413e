// What the graph shows on a day, computed from the bundle by the store's rules: an
// event counts when it started on or before the day and, with a window of w days, its
// span reaches into the closed window [day - w, day]. Offices are held on closed
// terms; an issue shows the status of the latest phase in force.

const FIRST = 0, LAST = 1, TONE = 2, APPROXIMATE = 3;

export class FrameModel {
  constructor(bundle) {
    this.bundle = bundle;
    this.nodes = bundle.nodes;
    this.relations = bundle.relations;
    this.events = bundle.events;
    this.offices = bundle.offices;
    this.nodeIndex = new Map(bundle.nodes.map((node, index) => [node.id, index]));
    this.relationsOfNode = bundle.nodes.map(() => []);
    bundle.relations.forEach((relation, index) => {
      this.relationsOfNode[relation.source].push(index);
      if (relation.target !== relation.source) this.relationsOfNode[relation.target].push(index);
    });
  }

  // The relation's aggregate on `day`, or null when none of its events counts.
  relationOn(index, day, windowDays) {
    const relation = this.relations[index];
    let count = 0, toneSum = 0, toneCount = 0, first = Infinity, last = -Infinity, approximate = false;
    for (const eventIndex of relation.events) {
      const event = this.events[eventIndex];
      if (event[FIRST] > day) continue;
      if (windowDays !== null && event[LAST] < day - windowDays) continue;
      count += 1;
      if (event[TONE] !== null) { toneSum += event[TONE]; toneCount += 1; }
      first = Math.min(first, event[FIRST]);
      last = Math.max(last, event[LAST]);
      approximate = event[APPROXIMATE];
    }
    if (count === 0) return null;
    return { count, tone: toneCount ? toneSum / toneCount : null, first, last, possibly: count === 1 && approximate };
  }

  officesHeld(day) {
    return this.offices.filter(([, , , from, to]) => from <= day && (to === null || day <= to));
  }

  statusOn(nodeIndex, day) {
    let best = null;
    for (const [from, to, status] of this.nodes[nodeIndex].phases) {
      if (from > day || (to !== null && day > to)) continue;
      if (best && from < best.from) continue;
      best = { from, status };
    }
    return best ? best.status : null;
  }

  // { relations: Map(index -> aggregate), nodes: Set(index), offices, statuses: Map(index -> status) }
  shownOn(day, windowDays, focusIndex = null, depth = 1) {
    const relations = new Map();
    this.relations.forEach((_, index) => {
      const aggregate = this.relationOn(index, day, windowDays);
      if (aggregate) relations.set(index, aggregate);
    });
    let offices = this.officesHeld(day);
    const statuses = new Map();
    this.nodes.forEach((node, index) => {
      if (node.kind !== "issue") return;
      const status = this.statusOn(index, day);
      if (status !== null) statuses.set(index, status);
    });
    const nodes = new Set(statuses.keys());
    for (const [person, , organization] of offices) { nodes.add(person); nodes.add(organization); }
    for (const index of relations.keys()) {
      nodes.add(this.relations[index].source);
      nodes.add(this.relations[index].target);
    }
    if (focusIndex === null) return { relations, nodes, offices, statuses };
    return this.focused({ relations, nodes, offices, statuses }, focusIndex, depth);
  }

  // The ego network, as Snapshot.focused(on:depth:) makes it.
  focused(shown, center, depth) {
    const reached = new Set([center]);
    let frontier = new Set([center]);
    for (let step = 0; step < depth; step += 1) {
      const next = new Set();
      for (const index of shown.relations.keys()) {
        const { source, target } = this.relations[index];
        if (frontier.has(source) && !reached.has(target)) next.add(target);
        if (frontier.has(target) && !reached.has(source)) next.add(source);
      }
      if (next.size === 0) break;
      next.forEach((node) => reached.add(node));
      frontier = next;
    }
    const relations = new Map([...shown.relations].filter(([index]) =>
      reached.has(this.relations[index].source) && reached.has(this.relations[index].target)));
    const offices = shown.offices.filter(([person]) => reached.has(person));
    const nodes = new Set([...reached].filter((node) => shown.nodes.has(node)));
    for (const [, , organization] of offices) nodes.add(organization);
    const statuses = new Map([...shown.statuses].filter(([node]) => nodes.has(node)));
    return { relations, nodes, offices, statuses };
  }

  // Each relation shown on either day, with how it changed from `before` to `after`.
  changes(before, after) {
    const result = new Map();
    for (const [index, aggregate] of after.relations) {
      const earlier = before.relations.get(index);
      const change = !earlier ? "added" : earlier.count !== aggregate.count ? "changed" : "unchanged";
      result.set(index, { change, aggregate, earlier });
    }
    for (const [index, aggregate] of before.relations) {
      if (!after.relations.has(index)) result.set(index, { change: "removed", aggregate, earlier: aggregate });
    }
    return result;
  }

  // The colour of a mean tone, from the CLI's bands.
  toneColor(tone) {
    if (tone === null) return this.bundle.palette.unknownTone;
    for (const [below, color] of this.bundle.palette.tone) {
      if (below === null || tone < below) return color;
    }
    return this.bundle.palette.unknownTone;
  }

  // The events of a node's relations (or of one relation), chronological.
  eventsOf(nodeIndex) {
    const seen = new Set();
    for (const relation of this.relationsOfNode[nodeIndex]) {
      for (const event of this.relations[relation].events) seen.add(event);
    }
    return this.sortedEvents([...seen]);
  }

  sortedEvents(indices) {
    return indices.map((index) => this.events[index]).sort((a, b) =>
      a[FIRST] - b[FIRST] || a[LAST] - b[LAST] || (a[5] < b[5] ? -1 : a[5] > b[5] ? 1 : 0));
  }

  name(nodeIndex) {
    return this.nodes[nodeIndex].name;
  }
}

// The CLI's line width: grows with the log of the event count.
export function penWidth(count) {
  let tenths = 12;
  let remaining = count;
  while (remaining > 1 && tenths < 60) { tenths += 8; remaining = Math.floor(remaining / 2); }
  return tenths / 10;
}
