// The side panel: a node's or a relation's events, date, kind, title and sources.
// Sources open in a new tab without access to this page; only http and https
// addresses become links. Choosing an event's date moves the slider there.


function element(name, text, className) {
  const node = document.createElement(name);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function safeAddress(address) {
  try {
    const url = new URL(address);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

export class Panel {
  constructor(root, data, onPickDay) {
    this.root = root;
    this.data = data;
    this.onPickDay = onPickDay;
    this.title = root.querySelector("#panel-title");
    this.subtitle = root.querySelector("#panel-subtitle");
    this.list = root.querySelector("#panel-events");
    this.note = root.querySelector("#panel-note");
    root.querySelector("#panel-close").addEventListener("click", () => this.close());
    this.request = 0;
  }

  async openNode(index, state) {
    const model = this.data.model;
    const node = model.nodes[index];
    const posts = model.officesHeld(state.at).filter(([person]) => person === index)
      .map(([, post, organization]) => `${post}, ${model.name(organization)}`);
    await this.open(node.name, [node.kind, ...posts].join(" · "), () => this.data.nodeEvents(index));
  }

  async openRelation(index) {
    const model = this.data.model;
    const relation = model.relations[index];
    const words = relation.stance ? `${relation.kind} (${relation.stance})` : relation.kind;
    await this.open(`${model.name(relation.source)} — ${model.name(relation.target)}`, words,
      () => this.data.relationEvents(index));
  }

  async open(title, subtitle, load) {
    const request = ++this.request;
    this.root.hidden = false;
    this.title.textContent = title;
    this.subtitle.textContent = subtitle;
    this.note.textContent = "Loading…";
    this.list.replaceChildren();
    let result;
    try {
      result = await load();
    } catch (error) {
      if (request === this.request) this.note.textContent = `Could not load the events: ${error.message}`;
      return;
    }
    if (request !== this.request) return;
    const { events, total } = result;
    this.note.textContent = total > events.length ? `The first ${events.length} of ${total} events.` : `${total} events.`;
    this.list.replaceChildren(...events.map((event) => this.item(event)));
    this.title.focus();
  }

  item(event) {
    const item = element("li", undefined, "event");
    item.dataset.id = event.id;
    const date = element("button", event.date, "event-date");
    date.type = "button";
    date.setAttribute("aria-label", `Go to ${event.date}`);
    date.addEventListener("click", () => this.onPickDay(event.first));
    item.append(date, " ", element("span", event.kind, "event-kind"), " ", element("span", event.title, "event-title"));
    if (event.sources.length) {
      const sources = element("ul", undefined, "sources");
      for (const source of event.sources) {
        const entry = element("li");
        const address = source.url ? safeAddress(source.url) : null;
        if (address) {
          const link = element("a", source.label || address);
          link.href = address;
          link.target = "_blank";
          link.rel = "noopener noreferrer";
          entry.appendChild(link);
        } else {
          entry.textContent = source.url ? `${source.label} (${source.url})` : source.label;
        }
        sources.appendChild(entry);
      }
      item.appendChild(sources);
    }
    return item;
  }

  close() {
    this.request += 1;
    this.root.hidden = true;
  }
}

// Events from the server's timeline, as the panel lists them.
export function eventFromTimeline(event) {
  return {
    id: event.id, date: event.date, kind: event.kind, title: event.title,
    first: Date.parse(event.first_day) / 86400000,
    sources: (event.sources || []).map((source) => ({
      label: [source.publisher, source.title].filter(Boolean).join(" — ") || source.url || "source",
      url: source.url,
    })),
  };
}

// Events from the bundle (the exported page carries their sources).
export function eventFromBundle(event) {
  return {
    id: event[5], date: event[6], kind: event[4], title: event[7], first: event[0],
    sources: (event[8] || []).map(([label, url]) => ({ label, url })),
  };
}

