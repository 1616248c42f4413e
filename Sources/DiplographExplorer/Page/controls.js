// The date controls: the slider (arrows step a day, Page Up/Down a week, Home/End the
// ends), play and pause with a speed, steps by day, week or month, the window, diff
// mode with its second handle, outlines and focus depth.

import { isoDay, parseWindow, stepDay, windowText } from "./time.js";

export class Controls {
  constructor(root, bounds, app) {
    this.app = app;
    this.bounds = bounds;
    const find = (id) => root.querySelector(`#${id}`);
    this.slider = find("slider");
    this.since = find("since");
    this.sinceBox = find("since-box");
    this.dateBig = find("date-big");
    this.play = find("play");
    this.speed = find("speed");
    this.unit = find("step-unit");
    this.windowSelect = find("window");
    this.diff = find("diff");
    this.outlines = find("outlines");
    this.depth = find("depth");
    this.clearFocus = find("clear-focus");
    this.focusLabel = find("focus-label");
    for (const slider of [this.slider, this.since]) {
      slider.min = String(bounds.from);
      slider.max = String(bounds.to);
      slider.step = "1";
    }
    this.slider.addEventListener("input", () => app.update({ at: Number(this.slider.value) }, { replace: true }));
    this.slider.addEventListener("change", () => app.update({ at: Number(this.slider.value) }, { replace: false }));
    this.slider.addEventListener("keydown", (event) => {
      if (event.key === "PageUp" || event.key === "PageDown") {
        event.preventDefault();
        this.step(event.key === "PageUp" ? 1 : -1, "week");
      }
    });
    this.since.addEventListener("input", () => app.update({ since: Number(this.since.value) }, { replace: true }));
    this.since.addEventListener("change", () => app.update({ since: Number(this.since.value) }, { replace: false }));
    find("step-back").addEventListener("click", () => this.step(-1));
    find("step-forward").addEventListener("click", () => this.step(1));
    this.play.addEventListener("click", () => (this.timer ? this.stop() : this.start()));
    this.speed.addEventListener("change", () => { if (this.timer) { this.stop(); this.start(); } });
    this.windowSelect.addEventListener("change", () => {
      const days = parseWindow(this.windowSelect.value);
      app.update({ windowDays: days === undefined ? null : days }, { replace: false });
    });
    this.diff.addEventListener("change", () => app.update({ diff: this.diff.checked }, { replace: false }));
    this.outlines.addEventListener("change", () => app.update({ outlines: this.outlines.checked }, { replace: false }));
    this.depth.addEventListener("change", () => app.update({ depth: Number(this.depth.value) }, { replace: false }));
    this.clearFocus.addEventListener("click", () => app.update({ focus: null }, { replace: false }));
    this.timer = null;
  }

  step(direction, unit = this.unit.value) {
    const state = this.app.state;
    const at = Math.min(this.bounds.to, Math.max(this.bounds.from, stepDay(state.at, unit, direction)));
    this.app.update({ at }, { replace: false });
  }

  start() {
    if (this.app.state.at >= this.bounds.to) this.app.update({ at: this.bounds.from }, { replace: true });
    this.play.setAttribute("aria-pressed", "true");
    this.play.textContent = "Pause";
    this.timer = setInterval(() => {
      const next = stepDay(this.app.state.at, this.unit.value, 1);
      if (next > this.bounds.to) { this.stop(); return; }
      this.app.update({ at: next }, { replace: true });
    }, 1000 / Number(this.speed.value));
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    this.play.setAttribute("aria-pressed", "false");
    this.play.textContent = "Play";
  }

  show(state, focusName) {
    this.slider.value = String(state.at);
    this.slider.setAttribute("aria-valuetext", isoDay(state.at));
    this.since.value = String(state.since);
    this.since.setAttribute("aria-valuetext", isoDay(state.since));
    this.sinceBox.hidden = !state.diff;
    this.dateBig.textContent = state.diff ? `${isoDay(state.since)} → ${isoDay(state.at)}` : isoDay(state.at);
    this.windowSelect.value = windowText(state.windowDays);
    if (this.windowSelect.value !== windowText(state.windowDays)) {
      const option = document.createElement("option");
      option.value = option.textContent = windowText(state.windowDays);
      this.windowSelect.appendChild(option);
      this.windowSelect.value = option.value;
    }
    this.diff.checked = state.diff;
    this.outlines.checked = state.outlines;
    this.depth.value = String(state.depth);
    this.clearFocus.hidden = !state.focus;
    this.depth.disabled = !state.focus;
    this.focusLabel.textContent = state.focus ? `Focus: ${focusName}` : "No focus";
  }
}
