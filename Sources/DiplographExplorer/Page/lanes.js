// Timeline lanes under the graph: one lane per event kind, a tick per event of the
// period, the window shaded and the slider's date marked; kept in step with the slider.

import { isoDay } from "./time.js";

const LANE_NS = "http://www.w3.org/2000/svg";
const LANE_HEIGHT = 18;
const LANE_LABEL_WIDTH = 90;

function laneElement(name, attributes, parent) {
  const element = document.createElementNS(LANE_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  parent.appendChild(element);
  return element;
}

export class LanesView {
  constructor(svg, model, onPick) {
    this.svg = svg;
    this.model = model;
    this.from = model.bundle.from;
    this.to = model.bundle.to;
    this.width = 1000;
    const kinds = [...new Set(model.events.map((event) => event[4]))].sort();
    const height = kinds.length * LANE_HEIGHT + 22;
    svg.setAttribute("viewBox", `0 0 ${this.width} ${height}`);
    this.window = laneElement("rect", { class: "window", y: 0, height: height - 18, x: 0, width: 0 }, svg);
    kinds.forEach((kind, row) => {
      const y = row * LANE_HEIGHT;
      laneElement("line", { class: "lane-rule", x1: LANE_LABEL_WIDTH, x2: this.width, y1: y + LANE_HEIGHT - 0.5, y2: y + LANE_HEIGHT - 0.5 }, svg);
      const label = laneElement("text", { class: "lane-label", x: 4, y: y + 13 }, svg);
      label.textContent = kind;
      const ticks = [];
      for (const event of model.events) {
        if (event[4] !== kind || event[0] > this.to || event[1] < this.from) continue;
        ticks.push(`M${this.x(Math.max(event[0], this.from)).toFixed(1)},${y + 3}v${LANE_HEIGHT - 6}`);
      }
      laneElement("path", { class: `ticks kind-${kind}`, d: ticks.join("") }, svg);
    });
    const axisY = kinds.length * LANE_HEIGHT + 14;
    for (const day of [this.from, Math.round((this.from + this.to) / 2), this.to]) {
      const text = laneElement("text", { class: "axis", x: this.x(day), y: axisY, "text-anchor": day === this.from ? "start" : day === this.to ? "end" : "middle" }, svg);
      text.textContent = isoDay(day);
    }
    this.cursor = laneElement("line", { class: "cursor", y1: 0, y2: height - 18, x1: 0, x2: 0 }, svg);
    this.since = laneElement("line", { class: "cursor since", y1: 0, y2: height - 18, x1: 0, x2: 0 }, svg);
    svg.addEventListener("click", (event) => {
      const box = svg.getBoundingClientRect();
      const x = (event.clientX - box.left) / box.width * this.width;
      if (x < LANE_LABEL_WIDTH) return;
      onPick(Math.round(this.from + (x - LANE_LABEL_WIDTH) / (this.width - LANE_LABEL_WIDTH) * (this.to - this.from)));
    });
  }

  x(day) {
    const span = Math.max(1, this.to - this.from);
    return LANE_LABEL_WIDTH + (day - this.from) / span * (this.width - LANE_LABEL_WIDTH);
  }

  show(state) {
    const at = this.x(state.at);
    this.cursor.setAttribute("x1", at);
    this.cursor.setAttribute("x2", at);
    const start = state.windowDays === null ? this.from : Math.max(this.from, state.at - state.windowDays);
    this.window.setAttribute("x", this.x(start));
    this.window.setAttribute("width", Math.max(0, at - this.x(start)));
    this.since.classList.toggle("absent", !state.diff);
    this.since.setAttribute("x1", this.x(state.since));
    this.since.setAttribute("x2", this.x(state.since));
  }
}
