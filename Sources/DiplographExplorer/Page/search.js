// Search by name, id or alias; choosing a result focuses the graph on that node.

export class Search {
  constructor(input, list, data, onChoose) {
    this.input = input;
    this.list = list;
    this.data = data;
    this.onChoose = onChoose;
    this.request = 0;
    input.addEventListener("input", () => this.update());
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" && !list.hidden) {
        event.preventDefault();
        const first = list.querySelector("button");
        if (first) first.focus();
      } else if (event.key === "Escape") {
        this.hide();
      } else if (event.key === "Enter") {
        const first = list.querySelector("button");
        if (first) { event.preventDefault(); first.click(); }
      }
    });
    list.addEventListener("keydown", (event) => {
      const buttons = [...list.querySelectorAll("button")];
      const at = buttons.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && at < buttons.length - 1) { event.preventDefault(); buttons[at + 1].focus(); }
      if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? buttons[at - 1] : input).focus(); }
      if (event.key === "Escape") { this.hide(); input.focus(); }
    });
  }

  async update() {
    const text = this.input.value.trim();
    const request = ++this.request;
    if (!text) { this.hide(); return; }
    const found = await this.data.findNodes(text);
    if (request !== this.request) return;
    const items = found.map((node) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = `${node.name} (${node.kind})`;
      button.dataset.id = node.id;
      button.addEventListener("click", () => { this.hide(); this.input.value = node.name; this.onChoose(node.id); });
      item.appendChild(button);
      return item;
    });
    if (items.length === 0) {
      const item = document.createElement("li");
      item.textContent = "No node matches.";
      items.push(item);
    }
    this.list.replaceChildren(...items);
    this.list.hidden = false;
  }

  hide() {
    this.list.hidden = true;
  }
}
