#!/usr/bin/env python3
"""The explorer in a real browser: Debian's Chromium driven by Selenium.

Run by ExplorerTests (make test), which starts the servers and writes the pages:
  explorer_browser.py --served URL --api URL --exported FILE
                      --hostile-served URL --hostile-exported FILE --hostile-text TEXT
  explorer_browser.py --screenshot URL PNG      (make demo: Output/explorer.png)
Each check prints one line; the first failure ends the run with exit code 1.
"""
import argparse
import json
import statistics
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, TimeoutException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait


def browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    # CI runs as root, where Chromium needs --no-sandbox.
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1400,1000", "--force-prefers-reduced-motion"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Check:
    def __init__(self, driver):
        self.driver = driver

    def open(self, address):
        self.driver.get(address)
        try:
            WebDriverWait(self.driver, 20).until(
                lambda d: d.execute_script("return document.body.dataset.ready") in ("true", "error"))
        except TimeoutException:
            fail(f"{address}: the page did not start within 20 s")
        if self.driver.execute_script("return document.body.dataset.ready") != "true":
            fail(f"{address}: the page reported: {self.text('#note')}")
        self.settle()

    def settle(self):
        time.sleep(0.3)

    def text(self, selector):
        return self.driver.find_element(By.CSS_SELECTOR, selector).text

    def script(self, code, *arguments):
        return self.driver.execute_script(code, *arguments)

    def console_errors(self):
        return [entry["message"] for entry in self.driver.get_log("browser") if entry["level"] == "SEVERE"]

    def shown(self):
        """Node ids with their pinned centres, and relation ids, that the graph shows."""
        nodes = self.script("""return [...document.querySelectorAll('#graph .node:not(.absent)')]
            .map(n => [n.dataset.id, n.getAttribute('transform')]);""")
        edges = self.script("""return [...document.querySelectorAll('#graph .edge:not(.absent)')].map(e => e.dataset.id);""")
        return dict(nodes), set(edges)

    def state_at(self):
        return self.text("#date-big")

    def no_alert(self, where):
        try:
            alert = self.driver.switch_to.alert
            fail(f"{where}: a dialog opened: {alert.text!r}")
        except NoAlertPresentException:
            pass


def fail(message):
    print(f"FAILED: {message}", flush=True)
    sys.exit(1)


def passed(name, detail=""):
    print(f"ok: {name}" + (f" ({detail})" if detail else ""), flush=True)


def page_loads_clean(check, address, label):
    check.open(address)
    errors = check.console_errors()
    if errors:
        fail(f"{label}: console errors: {errors}")
    passed(f"{label}: loads with no console error")


def slider_keeps_positions(check, address, label):
    check.open(address + "?at=2023-06-27&window=90d")
    nodes_june, edges_june = check.shown()
    if "ararat-mirzoyan" not in nodes_june or "met--antony-blinken--ararat-mirzoyan" not in edges_june:
        fail(f"{label}: 2023-06-27 does not show the Mirzoyan–Blinken meeting: {sorted(edges_june)}")
    slider = check.driver.find_element(By.ID, "slider")
    slider.click()
    slider.send_keys(Keys.HOME)
    check.settle()
    nodes_start, edges_start = check.shown()
    if edges_start == edges_june:
        fail(f"{label}: moving the slider to the start changed nothing")
    for _ in range(3):
        slider.send_keys(Keys.END)
    check.settle()
    nodes_end, edges_end = check.shown()
    moved = [node for node in set(nodes_june) & set(nodes_end) if nodes_june[node] != nodes_end[node]]
    if moved:
        fail(f"{label}: nodes moved between dates: {moved}")
    if not set(nodes_june) & set(nodes_end):
        fail(f"{label}: no node is shown on both dates")
    passed(f"{label}: the slider changes what is shown, and nodes keep their places",
           f"{len(edges_june)} relations on 2023-06-27, {len(edges_start)} at the start, {len(edges_end)} at the end; "
           f"{len(set(nodes_june) & set(nodes_end))} nodes on both dates at the same coordinates")


def matches_the_store(check, address, api, label):
    """The page's rule against the store's own snapshots (GET /api/snapshot)."""
    compared = 0
    for at, window in [("2023-06-27", "90d"), ("2023-06-27", "all"), ("2023-01-15", "30d"), ("2025-02-01", "365d"),
                       ("2020-11-10", "all"), ("2024-06-30", "90d")]:
        check.open(f"{address}?at={at}&window={window}")
        _, edges = check.shown()
        with urllib.request.urlopen(f"{api}api/snapshot?at={at}&window={window}") as response:
            expected = {link["id"] for link in json.load(response)["links"]}
        if edges != expected:
            fail(f"{label}: {at} window {window}: the page shows {sorted(edges ^ expected)} differently from /api/snapshot")
        compared += 1
    passed(f"{label}: what the page shows equals the store's snapshot", f"{compared} dates and windows")


def panel_lists_the_meeting(check, address, label):
    check.open(address + "?at=2023-06-27&window=90d")
    check.driver.find_element(By.CSS_SELECTOR, '#graph .node[data-id="ararat-mirzoyan"]').click()
    try:
        WebDriverWait(check.driver, 10).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, '#panel-events li[data-id="mirzoyan-blinken-2023-06-27"]'))
    except TimeoutException:
        fail(f"{label}: the panel does not list the 2023-06-27 meeting: {check.text('#panel')!r}")
    item = check.driver.find_element(By.CSS_SELECTOR, '#panel-events li[data-id="mirzoyan-blinken-2023-06-27"]')
    if "The Armenian Report" not in item.text:
        fail(f"{label}: the meeting's source is missing: {item.text!r}")
    for link in check.driver.find_elements(By.CSS_SELECTOR, "#panel a"):
        if link.get_attribute("target") != "_blank" or "noopener" not in link.get_attribute("rel"):
            fail(f"{label}: a source link opens without target=_blank rel=noopener")
    first = check.driver.find_element(By.CSS_SELECTOR, "#panel-events li .event-date")
    wanted = first.text.split("/")[0]
    first.click()
    check.settle()
    if check.state_at() != wanted:
        fail(f"{label}: choosing the event dated {wanted} moved the slider to {check.state_at()}")
    passed(f"{label}: clicking Ararat Mirzoyan lists the 2023-06-27 meeting with Antony Blinken and its source",
           f"{item.text.splitlines()[0]}; clicking {wanted} moved the slider there")


def deep_link_and_history(check, address, label):
    check.open(address + "?at=2023-06-27&window=90d&focus=ararat-mirzoyan&depth=1")
    if check.state_at() != "2023-06-27" or "Ararat Mirzoyan" not in check.text("#focus-label"):
        fail(f"{label}: the deep link was not restored: {check.state_at()}, {check.text('#focus-label')!r}")
    if check.script("return document.getElementById('window').value") != "90d":
        fail(f"{label}: the window was not restored")
    nodes, _ = check.shown()
    if "vladimir-putin" in nodes:
        fail(f"{label}: the focus did not narrow the graph")
    check.driver.find_element(By.ID, "step-unit").send_keys("week")
    check.driver.find_element(By.ID, "step-forward").click()
    check.settle()
    if check.state_at() != "2023-07-04" or "at=2023-07-04" not in check.driver.current_url:
        fail(f"{label}: stepping a week gave {check.state_at()} at {check.driver.current_url}")
    check.driver.back()
    check.settle()
    if check.state_at() != "2023-06-27":
        fail(f"{label}: back gave {check.state_at()}")
    check.driver.forward()
    check.settle()
    if check.state_at() != "2023-07-04":
        fail(f"{label}: forward gave {check.state_at()}")
    check.driver.refresh()
    check.open(check.driver.current_url)
    if check.state_at() != "2023-07-04" or "Ararat Mirzoyan" not in check.text("#focus-label"):
        fail(f"{label}: a reload lost the state")
    passed(f"{label}: a deep link restores date, window and focus; back, forward and reload work")


def keyboard_only(check, address, label):
    check.open(address + "?at=2023-06-27&window=90d")
    body = check.driver.find_element(By.TAG_NAME, "body")
    body.click()
    for tabs in range(1, 40):
        check.driver.switch_to.active_element.send_keys(Keys.TAB)
        if check.script("return document.activeElement.id") == "slider":
            break
    else:
        fail(f"{label}: Tab never reached the slider")
    slider = check.driver.switch_to.active_element
    for _ in range(3):
        slider.send_keys(Keys.ARROW_RIGHT)
    time.sleep(0.6)
    if check.state_at() != "2023-06-30":
        fail(f"{label}: three right arrows gave {check.state_at()}")
    announced = check.text("#live") or check.script("return document.getElementById('live').textContent")
    if not announced.startswith("2023-06-30:") or "added" not in announced:
        fail(f"{label}: the live region said {announced!r}")
    slider.send_keys(Keys.HOME)
    check.settle()
    start = check.state_at()
    slider.send_keys(Keys.END)
    check.settle()
    end = check.state_at()
    if start >= end:
        fail(f"{label}: Home and End gave {start} and {end}")
    nodes = check.script("return [...document.querySelectorAll('#graph .node:not(.absent)')].every(n => n.tabIndex === 0 && n.getAttribute('aria-label'))")
    if not nodes:
        fail(f"{label}: a shown node is not focusable or has no name")
    rows = check.script("return document.querySelectorAll('#shown-table tbody tr').length")
    _, edges = check.shown()
    if rows != len(edges):
        fail(f"{label}: the table has {rows} rows for {len(edges)} relations shown")
    passed(f"{label}: keyboard only: Tab reaches the slider, arrows move it, the live region announces it",
           f"{announced!r}; Home {start}, End {end}; table rows = relations shown")


def diff_mode(check, address, label):
    check.open(address + "?at=2023-06-27&window=all&mode=diff&since=2023-01-01")
    changes = check.script("""return [...document.querySelectorAll('#graph .edge:not(.absent)')].map(e => e.dataset.change);""")
    if "added" not in changes:
        fail(f"{label}: the diff from 2023-01-01 to 2023-06-27 shows nothing added: {changes}")
    if check.script("return document.getElementById('since-box').hidden"):
        fail(f"{label}: diff mode shows no second handle")
    passed(f"{label}: diff mode colours relations by change", f"{changes.count('added')} added, {changes.count('unchanged')} unchanged")


def slider_timing(check, address, label):
    check.open(address + "?at=2023-01-01&window=90d")
    check.script("window.diplographExplorer.timings.length = 0")
    slider = check.driver.find_element(By.ID, "slider")
    slider.click()
    for _ in range(30):
        slider.send_keys(Keys.ARROW_RIGHT)
        time.sleep(0.05)
    time.sleep(0.3)
    timings = check.script("return window.diplographExplorer.timings")
    print(f"   slider step to painted frame: median {statistics.median(timings):.1f} ms, "
          f"max {max(timings):.1f} ms over {len(timings)} steps ({label})", flush=True)


def no_network(check, page, label):
    check.driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
    page_loads_clean(check, page, label)
    requests = check.script("return performance.getEntriesByType('resource').map(r => r.name)")
    if requests:
        fail(f"{label}: the page made requests: {requests}")
    passed(f"{label}: no network request at all")


def hostile(check, address, text, label):
    check.open(address + "?at=2023-12-31&window=all")
    check.no_alert(label)
    injected = check.script("""return {
        pwned: window.__pwned === undefined ? null : String(window.__pwned),
        images: document.querySelectorAll('img, iframe, object, embed').length,
        scripts: [...document.querySelectorAll('script')].filter(s => !s.src && s.type !== 'module' && s.type !== 'application/json').length,
        labels: [...document.querySelectorAll('#graph .node .label')].map(l => l.textContent)}""")
    if injected["pwned"] is not None or injected["images"] or injected["scripts"]:
        fail(f"{label}: something ran or was injected: {injected}")
    if text not in injected["labels"]:
        fail(f"{label}: the labels do not show the text literally: {injected['labels']}")
    check.driver.find_element(By.CSS_SELECTOR, '#graph .node[data-id="person"]').click()
    WebDriverWait(check.driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#panel-events li"))
    check.no_alert(label)
    titles = check.script("return [...document.querySelectorAll('#panel .event-title')].map(t => t.textContent)")
    if text not in titles:
        fail(f"{label}: the panel does not show the title literally: {titles}")
    hrefs = check.script("return [...document.querySelectorAll('#panel a')].map(a => [a.href, a.target, a.rel])")
    if any(not href.startswith("https:") or target != "_blank" or "noopener" not in rel for href, target, rel in hrefs) or not hrefs:
        fail(f"{label}: source links: {hrefs}")
    search = check.driver.find_element(By.ID, "search")
    search.send_keys(text[:12])
    time.sleep(0.5)
    check.no_alert(label)
    errors = [message for message in check.console_errors() if "favicon" not in message]
    if check.script("return window.__pwned") is not None:
        fail(f"{label}: a script ran")
    passed(f"{label}: with the hostile dataset no script runs and labels show literally",
           f"{len(injected['labels'])} labels, {len(hrefs)} https links; console: {len(errors)} messages")


def screenshot(address, path):
    driver = browser()
    try:
        check = Check(driver)
        check.open(address + "?at=2023-06-27&window=365d")
        driver.save_screenshot(path)
        print(f"wrote {path}")
    finally:
        driver.quit()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--served")
    parser.add_argument("--exported")
    parser.add_argument("--hostile-served")
    parser.add_argument("--hostile-exported")
    parser.add_argument("--hostile-text")
    parser.add_argument("--screenshot", nargs=2, metavar=("URL", "PNG"))
    arguments = parser.parse_args()
    if arguments.screenshot:
        screenshot(*arguments.screenshot)
        return
    driver = browser()
    try:
        check = Check(driver)
        served, exported = arguments.served, "file://" + arguments.exported
        page_loads_clean(check, served, "served")
        slider_keeps_positions(check, served, "served")
        matches_the_store(check, served, served, "served")
        panel_lists_the_meeting(check, served, "served")
        deep_link_and_history(check, served, "served")
        keyboard_only(check, served, "served")
        diff_mode(check, served, "served")
        slider_timing(check, served, "served")
        hostile(check, arguments.hostile_served, arguments.hostile_text, "served, hostile")
        no_network(check, exported, "exported from file://, offline")
        slider_keeps_positions(check, exported, "exported")
        panel_lists_the_meeting(check, exported, "exported")
        deep_link_and_history(check, exported, "exported")
        keyboard_only(check, exported, "exported")
        diff_mode(check, exported, "exported")
        slider_timing(check, exported, "exported")
        hostile(check, "file://" + arguments.hostile_exported, arguments.hostile_text, "exported, hostile")
    finally:
        driver.quit()
    print("all browser checks passed")


if __name__ == "__main__":
    main()
