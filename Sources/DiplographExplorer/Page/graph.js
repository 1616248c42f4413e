// The relationship graph: every node and relation of the period drawn once at its
// pinned position; a date only shows, hides, fades and restyles them. Text reaches the
// drawing only through textContent and attributes.

import { penWidth } from "./frames.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const DASHES = { dashed: "7 4", dotted: "2 3" };

function svgElement(name, attributes = {}, parent = null) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (parent) parent.appendChild(element);
  return element;
}

// The size DiagramBuilder.explorerNodeSize gives Graphviz for the layout.
function nodeSize(node) {
  const width = Math.max(64, Math.min(420, node.name.length * 8.4 + 22));
  return { width, height: node.kind === "person" ? 36 : 32 };
}

// How far from its centre a line in direction (ux, uy) leaves the node's outline.
function outlineDistance(node, ux, uy) {
  const { width, height } = nodeSize(node);
  const a = width / 2, b = height / 2;
  if (node.kind === "person") return 1 / Math.sqrt((ux / a) ** 2 + (uy / b) ** 2);
  return Math.min(Math.abs(ux) > 1e-9 ? a / Math.abs(ux) : Infinity, Math.abs(uy) > 1e-9 ? b / Math.abs(uy) : Infinity);
}

export class GraphView {
  constructor(svg, model, handlers) {
    this.svg = svg;
    this.model = model;
    this.handlers = handlers;
    // The box of the nodes themselves: Graphviz's box also holds clusters and the legend.
    this.top = model.bundle.box[3];
    const points = model.nodes.map((node) => this.point(node));
    const margin = 140;
    const left = Math.min(...points.map((p) => p.x)) - margin, right = Math.max(...points.map((p) => p.x)) + margin;
    const upper = Math.min(...points.map((p) => p.y)) - 30, lower = Math.max(...points.map((p) => p.y)) + 30;
    svg.setAttribute("viewBox", `${left} ${upper} ${Math.max(1, right - left)} ${Math.max(1, lower - upper)}`);
    this.edgeLayer = svgElement("g", { class: "edges" }, svg);
    this.nodeLayer = svgElement("g", { class: "nodes" }, svg);
    this.nodeElements = model.nodes.map((node, index) => this.drawNode(node, index));
    this.edgeElements = this.drawEdges();
  }

  point(node) {
    return { x: node.x, y: this.top - node.y };
  }

  drawNode(node, index) {
    const { x, y } = this.point(node);
    const { width, height } = nodeSize(node);
    const look = this.model.bundle.palette.nodes[node.kind] || { fill: "#eeeeee", border: "#555555" };
    const group = svgElement("g", {
      class: `node kind-${node.kind} absent`, tabindex: "-1", role: "button", "data-id": node.id,
      "data-x": x, "data-y": y, transform: `translate(${x} ${y})`,
    }, this.nodeLayer);
    group.setAttribute("aria-label", `${node.name} (${node.kind})`);
    const attributes = { fill: look.fill, stroke: look.border, class: "shape" };
    if (node.kind === "person") {
      svgElement("ellipse", { ...attributes, rx: width / 2, ry: height / 2 }, group);
    } else if (node.kind === "issue") {
      const w = width / 2, h = height / 2;
      svgElement("path", { ...attributes, d: `M${-w},${-h} H${w - 8} L${w},${-h + 8} V${h} H${-w} Z` }, group);
    } else {
      svgElement("rect", { ...attributes, x: -width / 2, y: -height / 2, width, height, rx: node.kind === "organization" ? 6 : 0 }, group);
    }
    const label = svgElement("text", { "text-anchor": "middle", dy: "0.35em", class: "label" }, group);
    label.textContent = node.name;
    group.addEventListener("pointerenter", (event) => this.handlers.hoverNode(index, event));
    group.addEventListener("focus", () => this.handlers.hoverNode(index, null));
    group.addEventListener("pointerleave", () => this.handlers.leave());
    group.addEventListener("blur", () => this.handlers.leave());
    group.addEventListener("click", () => this.handlers.openNode(index));
    group.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); this.handlers.openNode(index); }
    });
    return group;
  }

  drawEdges() {
    // Relations between the same two nodes bend apart so that each stays visible.
    const pairs = new Map();
    this.model.relations.forEach((relation, index) => {
      const key = [relation.source, relation.target].sort((a, b) => a - b).join(":");
      if (!pairs.has(key)) pairs.set(key, []);
      pairs.get(key).push(index);
    });
    const elements = [];
    for (const members of pairs.values()) {
      members.forEach((index, position) => {
        elements[index] = this.drawEdge(index, (position - (members.length - 1) / 2) * 16);
      });
    }
    return elements;
  }

  drawEdge(index, bend) {
    const relation = this.model.relations[index];
    const from = this.point(this.model.nodes[relation.source]);
    const to = this.point(this.model.nodes[relation.target]);
    const group = svgElement("g", { class: "edge absent", "data-id": relation.id }, this.edgeLayer);
    const dx = to.x - from.x, dy = to.y - from.y;
    const length = Math.hypot(dx, dy) || 1;
    const normal = { x: -dy / length, y: dx / length };
    const control = { x: (from.x + to.x) / 2 + normal.x * bend, y: (from.y + to.y) / 2 + normal.y * bend };
    // Stop at the target's outline so that the head shows.
    const towards = { x: to.x - control.x, y: to.y - control.y };
    const towardsLength = Math.hypot(towards.x, towards.y) || 1;
    const back = Math.min(length / 2,
      outlineDistance(this.model.nodes[relation.target], towards.x / towardsLength, towards.y / towardsLength) + 2);
    const end = { x: to.x - towards.x / towardsLength * back, y: to.y - towards.y / towardsLength * back };
    const line = svgElement("path", {
      d: relation.source === relation.target
        ? `M${from.x},${from.y - 12} c 30,-40 60,0 6,12`
        : `M${from.x},${from.y} Q${control.x},${control.y} ${end.x},${end.y}`,
      fill: "none", class: "line",
    }, group);
    if (DASHES[relation.style]) line.setAttribute("stroke-dasharray", DASHES[relation.style]);
    let head = null;
    if (relation.head !== "none" && relation.source !== relation.target) {
      const ux = towards.x / towardsLength, uy = towards.y / towardsLength;
      const left = { x: end.x - ux * 9 - uy * 4.5, y: end.y - uy * 9 + ux * 4.5 };
      const right = { x: end.x - ux * 9 + uy * 4.5, y: end.y - uy * 9 - ux * 4.5 };
      const closed = relation.head === "normal" || relation.head === "empty";
      head = svgElement("path", {
        d: `M${left.x},${left.y} L${end.x},${end.y} L${right.x},${right.y}${closed ? " Z" : ""}`,
        class: `head head-${relation.head}`,
      }, group);
    }
    // A wide transparent path makes a thin line easy to point at.
    const target = svgElement("path", { d: line.getAttribute("d"), class: "hit", fill: "none" }, group);
    target.addEventListener("pointerenter", (event) => this.handlers.hoverRelation(index, event));
    target.addEventListener("pointerleave", () => this.handlers.leave());
    target.addEventListener("click", () => this.handlers.openRelation(index));
    return { group, line, head };
  }

  // Shows `shown` (from FrameModel.shownOn); `changes` (from FrameModel.changes) in diff mode.
  show(shown, changes, { outlines }) {
    const palette = this.model.bundle.palette;
    this.nodeElements.forEach((element, index) => {
      const present = shown.nodes.has(index);
      element.classList.toggle("absent", !present);
      element.classList.toggle("outline", !present && outlines);
      element.setAttribute("tabindex", present ? "0" : "-1");
      element.setAttribute("aria-hidden", present ? "false" : "true");
    });
    this.edgeElements.forEach(({ group, line, head }, index) => {
      const relation = this.model.relations[index];
      const entry = changes ? changes.get(index) : null;
      const aggregate = changes ? entry && entry.aggregate : shown.relations.get(index);
      group.classList.toggle("absent", !aggregate);
      group.removeAttribute("data-change");
      if (!aggregate) return;
      let color = relation.kind === "concerns" ? palette.concerns : this.model.toneColor(aggregate.tone);
      let dash = DASHES[relation.style] || null;
      if (aggregate.possibly && !dash) dash = DASHES.dashed;
      if (entry) {
        color = palette.change[entry.change];
        group.setAttribute("data-change", entry.change);
        if (entry.change === "removed") dash = DASHES.dashed;
      }
      line.setAttribute("stroke", color);
      line.setAttribute("stroke-width", String(penWidth(aggregate.count) + (relation.style === "bold" ? 1 : 0)));
      if (dash) line.setAttribute("stroke-dasharray", dash); else line.removeAttribute("stroke-dasharray");
      if (head) {
        head.setAttribute("stroke", color);
        head.setAttribute("fill", relation.head === "normal" ? color : relation.head === "empty" ? "#ffffff" : "none");
      }
    });
  }

  highlight(nodeIndex) {
    this.nodeElements.forEach((element, index) => element.classList.toggle("focused", index === nodeIndex));
  }

  focusNode(nodeIndex) {
    this.nodeElements[nodeIndex].focus();
  }
}
