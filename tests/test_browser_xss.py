"""What a student's answer can do in the TA's browser and in the student's own
feedback page: nothing but show itself (issue 21).

The ``xss_*`` cases of the adversarial catalogue (tests/adversarial/) and a normal
answer (``rich_answer``: math, a table, an image attachment, highlighted code) are
graded in a tiny course with nbgrader's own commands and this course's
configuration. Headless Chromium then opens, for each of them, formgrader's manual
grading page (``/formgrader/submissions/<id>/``, served by ``jupyter server`` with a
token) and the page ``nbgrader generate_feedback`` wrote, and checks that no script
of the student ran: the title and the URL are unchanged, no marker the payloads set
exists, the page holds no active element from the answer (script, frame, object,
event handler, form, ...), no request went anywhere but to the page's own server
and MathJax (the payloads point at a local HTTP server that records every hit), and
the answer shows as inert text. The normal answer still renders: MathJax typesets
its math, its table, image and highlighted code are there, and a TA can still give
it a score through formgrader's page (whose own scripts the Content-Security-Policy
lets run). Screenshots go to test-output/browser-xss/."""
import base64
import json
import threading
import time
import urllib.request
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import jupyter_server_mathjax
import pytest
from selenium import webdriver
from selenium.common.exceptions import UnexpectedAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import jupyter, tiny_course
from grading import course, notebooks
from test_adversarial import CASES, submission

pytestmark = pytest.mark.xdist_group("browser_xss")
SHOTS = course.ROOT / "test-output" / "browser-xss"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
XSS = [c for c in CASES if c.name.startswith("xss_")]
RICH = next(c for c in CASES if c.name == "rich_answer")
STUDENTS = XSS + [RICH]
MATHJAX_DIR = Path(jupyter_server_mathjax.__file__).parent / "static"


class Recorder(SimpleHTTPRequestHandler):
    """Answers anything with a small page, and records each request: a hit means a
    student's page reached a server it should not."""
    hits = None

    def _answer(self):
        self.hits.append(f"{self.command} {self.path}")
        body = b"<html><body><script>parent.document.title='XSS-RAN'</script>hit</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_HEAD = _answer

    def log_message(self, *args):
        pass


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(handler):
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def recorder():
    hits = []
    server = serve(type("Hits", (Recorder,), {"hits": hits}))
    yield server.server_address[1], hits
    server.shutdown()


@pytest.fixture(scope="module")
def mathjax_cdn():
    """MathJax on a local server: the feedback pages load it from a CDN, which this
    machine cannot reach; the test points them at this one instead."""
    server = serve(partial(Quiet, directory=str(MATHJAX_DIR)))
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def xss_course(tmp_path_factory, recorder, mathjax_cdn):
    port, hits = recorder
    root = tmp_path_factory.mktemp("xss")
    tiny_course(root, f"""
c.GenerateFeedback.HTMLExporter.mathjax_url = "{mathjax_cdn}MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
""")
    solution = notebooks.read(notebooks.notebook_path(root, "source", "tiny"))
    students = {c.name: submission(c, solution, port, root) for c in STUDENTS}
    start = time.perf_counter()
    runs = course.grade_class(root, "tiny", students, log=lambda line: None)
    out = course.nbgrader("generate_feedback", "tiny", "--force", cwd=root)
    assert out.returncode == 0, out.stderr[-3000:]
    print(f"graded {len(students)} submissions and wrote their feedback in "
          f"{time.perf_counter() - start:.1f} s")
    assert not hits, f"grading alone reached the recorder: {hits}"
    return root, runs


@pytest.fixture(scope="module")
def formgrader(xss_course, tmp_path_factory):
    root = xss_course[0]
    with jupyter("server", root, tmp_path_factory.mktemp("server")) as (base, token):
        request = urllib.request.Request(f"{base}/formgrader/api/submitted_notebooks/tiny/tiny",
                                         headers={"Authorization": f"token {token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            ids = {n["student"]: n["id"] for n in json.loads(response.read())}
        yield base, token, ids


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    for program in (CHROMIUM, CHROMEDRIVER):
        assert Path(program).exists(), f"{program} is missing: .ci/run installs Debian's chromium " \
                                       f"and chromium-driver"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--window-size=1400,1000", "--allow-file-access-from-files",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(CHROMEDRIVER))
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
        window.__csp_violations = [];
        document.addEventListener('securitypolicyviolation', e => window.__csp_violations.push(
            e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.lineNumber));
    """})
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def sign_in(driver, base, token):
    """Log in as the TA does: with the token at the server's root, so that the login
    cookie holds for the whole server (given on a deeper page, Jupyter scopes it to
    that page's folder, and formgrader's API calls would be sent to the login page)."""
    if getattr(driver, "signed_in", None) != base:
        driver.get(f"{base}/?token={token}")
        driver.signed_in = base


def requests_of(driver):
    """The URL of every request the page made since the last call."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def open_page(driver, url, ready):
    requests_of(driver)  # forget the previous page's
    driver.get(url)
    WebDriverWait(driver, 60, poll_frequency=0.2).until(
        lambda d: d.execute_script("return document.readyState") == "complete")
    try:
        WebDriverWait(driver, 15, poll_frequency=0.2).until(lambda d: d.execute_script(ready))
    except UnexpectedAlertPresentException:
        raise
    except Exception:
        pass  # a page whose scripts broke: the checks below say what is wrong
    time.sleep(0.3)  # handlers that fire after load (onerror, onload, a refresh)


# Elements that no answer may put in the page (MathJax's own math/tex scripts aside).
ACTIVE = ("script:not([type^='math/']), iframe, frame, object, embed, form, base, meta, link, "
          "style, svg, video, audio, input, button, textarea, select")

FINDINGS = """
const root = arguments[0];
const area = document.querySelector(root);
const out = {title: document.title, xss: window.__xss === undefined ? null : String(window.__xss),
             violations: window.__csp_violations || [], active: [], handlers: [], links: [],
             text: area ? area.innerText : '', missing: !area};
if (!area) return out;
const mathjax = '.MathJax, .MathJax_Display, .MathJax_Preview, .MJX_Assistive_MathML, .MathJax_SVG';
for (const el of area.querySelectorAll(arguments[1])) {
    if (!el.closest(mathjax) && !el.closest('.panel-heading') && !el.closest('.panel-footer'))
        out.active.push(el.outerHTML.slice(0, 120));
}
for (const el of area.querySelectorAll('*')) {
    if (el.closest(mathjax) || el.closest('.panel-heading') || el.closest('.panel-footer')) continue;
    for (const a of el.attributes) {
        if (a.name.startsWith('on')) out.handlers.push(el.tagName + ' ' + a.name);
        if (/^\\s*(javascript|vbscript|data):/i.test(a.value) && a.name !== 'src')
            out.handlers.push(el.tagName + ' ' + a.name + '=' + a.value.slice(0, 40));
        if (a.name === 'src' && !/^data:image\\//.test(a.value))
            out.handlers.push(el.tagName + ' src=' + a.value.slice(0, 60));
    }
    if (el.tagName === 'A') out.links.push(el.getAttribute('href'));
}
return out;
"""


def inspect(driver, area, title, allowed, hits):
    """What the page shows and did; fails on any sign of the answer's markup acting."""
    found = driver.execute_script(FINDINGS, area, ACTIVE)
    problems = []
    if found["missing"]:
        problems.append(f"no {area} in the page")
    if found["title"] != title:
        problems.append(f"title changed to {found['title']!r}")
    if found["xss"]:
        problems.append(f"a payload ran: window.__xss = {found['xss']}")
    if found["active"]:
        problems.append(f"active elements from the answer: {found['active']}")
    if found["handlers"]:
        problems.append(f"handlers or script URLs from the answer: {found['handlers']}")
    strays = [u for u in requests_of(driver) if not any(u.startswith(a) for a in allowed)]
    if strays:
        problems.append(f"requests left the page: {strays}")
    if hits:
        problems.append(f"the recorder got hits: {hits}")
    return found, problems


def click_links(driver, area, url):
    """Click each link of the answer that is not a plain web link or in-page anchor: a
    script URL left in one would run now."""
    clicked = 0
    for link in driver.find_elements(By.CSS_SELECTOR, f"{area} a"):
        href = link.get_attribute("href") or ""
        if href.startswith(("http:", "https:")) and not href.startswith(url.split("?")[0]) \
                or href.startswith(url.split("#")[0] + "#") or not link.is_displayed():
            continue
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", link)
        try:
            link.click()
        except Exception:
            driver.execute_script("arguments[0].click();", link)
        clicked += 1
    time.sleep(0.2)
    return clicked


# The requests a page may make of its own: formgrader's server (its scripts, styles,
# fonts, API and MathJax), the feedback page's folder (Bootstrap's fonts, which the
# feedback page asks for at ../fonts/) and MathJax, embedded data, and about:blank
# (MathJax's font test). Anything else is the answer reaching out.
FORMGRADER_OWN = lambda base: (base + "/", "data:", "about:blank")  # noqa: E731
FEEDBACK_OWN = lambda page, mathjax: (page.parent.parent.as_uri() + "/", "data:",  # noqa: E731
                                      "about:blank", mathjax)

FORMGRADER_READY = ("return !!(window.formgrader && formgrader.loaded && formgrader.grades "
                    "&& formgrader.grades.loaded && formgrader.comments.loaded "
                    "&& window.MathJax && MathJax.loaded)")
FEEDBACK_READY = ("return !!(window.MathJax && MathJax.Hub && MathJax.isReady "
                  "&& !MathJax.Hub.queue.pending)")


def same_page(current, url):
    """The same document: formgrader itself rewrites its query (``?index=0``), and an
    in-page anchor adds a fragment."""
    return urlsplit(current)[:3] == urlsplit(url)[:3]


def check_page(driver, url, area, title, allowed, hits, case, shot):
    open_page(driver, url, FORMGRADER_READY if "/formgrader/" in url else FEEDBACK_READY)
    found, problems = inspect(driver, area, title, allowed, hits)
    if not same_page(driver.current_url, url):
        problems.append(f"the page moved to {driver.current_url}")
    if case.shows and case.shows not in found["text"]:
        problems.append(f"the answer does not show {case.shows!r}: {found['text'][:300]!r}")
    word = json.dumps(case.shows.split()[0])  # the innermost element showing it
    shown = driver.find_elements(By.XPATH, f"//*[@id='notebook-container']//*[contains(., {word})"
                                           f" and not(*[contains(., {word})])]")
    if shown:  # the answer in the middle of the screenshot
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", shown[-1])
    driver.save_screenshot(str(SHOTS / shot))
    if click_links(driver, area, url):
        _, after = inspect(driver, area, title, allowed, hits)
        if not same_page(driver.current_url, url):
            after.append(f"a click moved the page to {driver.current_url}")
        problems += [f"after clicking its links: {p}" for p in after]
    return found, problems


@pytest.mark.parametrize("case", XSS, ids=[c.name for c in XSS])
def test_payload_does_not_run_in_formgrader(formgrader, browser, recorder, case):
    base, token, ids = formgrader
    port, hits = recorder
    hits.clear()
    sign_in(browser, base, token)
    url = f"{base}/formgrader/submissions/{ids[case.name]}/"
    found, problems = check_page(browser, url, "#notebook-container", "tiny", FORMGRADER_OWN(base),
                                 hits, case, f"formgrader_{case.name}.png")
    assert not problems, "\n".join(problems)
    print(case.name, "CSP violations:", found["violations"])


@pytest.mark.parametrize("case", XSS, ids=[c.name for c in XSS])
def test_payload_does_not_run_in_feedback(xss_course, browser, recorder, mathjax_cdn, case):
    root = xss_course[0]
    port, hits = recorder
    hits.clear()
    page = root / "feedback" / case.name / "tiny" / "tiny.html"
    assert page.exists(), f"no feedback for {case.name}"
    url = page.as_uri()
    found, problems = check_page(browser, url, "#notebook-container", "tiny",
                                 FEEDBACK_OWN(page, mathjax_cdn), hits, case,
                                 f"feedback_{case.name}.png")
    assert not problems, "\n".join(problems)
    print(case.name, "CSP violations:", found["violations"])


def rendered(driver, area):
    return driver.execute_script("""
        const area = document.querySelector(arguments[0]);
        const img = [...area.querySelectorAll('img')].find(i => i.alt === 'the plot');
        return {
            math: area.querySelectorAll('.MathJax, .MathJax_Display, .MathJax_CHTML').length,
            math_errors: area.querySelectorAll('.MathJax_Error, merror').length,
            raw_dollars: /\\$\\\\hat f|\\$f\\^\\\\star/.test(area.innerText),
            table: area.querySelectorAll('table th').length + ' ' + area.querySelectorAll('table td').length,
            image: img ? img.naturalWidth : -1,
            code: area.querySelectorAll('.highlight span.n, .highlight span.o').length,
            input_code: area.querySelectorAll('.input_area .highlight span').length,
            link: [...area.querySelectorAll('a')].some(a => a.href.startsWith('https://example.org/notes')),
            violations: window.__csp_violations || [],
        };""", area)


def check_rich(found, problems, shown):
    assert not problems, "\n".join(problems)
    assert shown["math"] >= 5 and not shown["math_errors"] and not shown["raw_dollars"], shown
    assert shown["table"] == "3 6", shown  # the header row and two rows of three cells
    assert shown["image"] > 0, shown  # the PNG attachment loaded
    assert shown["code"] > 0 and shown["input_code"] > 0, shown  # markdown code and cell input
    assert shown["link"], shown
    # the page's own scripts all ran (the feedback page's Bootstrap fonts, at a path
    # nbgrader never fills, are blocked by font-src: no loss)
    assert not [v for v in shown["violations"] if "font" not in v], shown["violations"]


def test_normal_answer_renders_and_can_be_graded_in_formgrader(formgrader, browser, recorder):
    base, token, ids = formgrader
    port, hits = recorder
    hits.clear()
    sign_in(browser, base, token)
    url = f"{base}/formgrader/submissions/{ids['rich_answer']}/"
    found, problems = check_page(browser, url, "#notebook-container", "tiny", FORMGRADER_OWN(base),
                                 hits, RICH, "formgrader_rich_answer.png")
    check_rich(found, problems, rendered(browser, "#notebook-container"))
    # formgrader's own scripts work under the policy: a score typed in the page is saved
    score = browser.find_element(By.ID, "why")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", score)
    score.clear()
    score.send_keys("1.5\t")
    request = urllib.request.Request(
        f"{base}/formgrader/api/grades?submission_id={ids['rich_answer']}",
        headers={"Authorization": f"token {token}"})

    def saved(_):
        with urllib.request.urlopen(request, timeout=30) as response:
            return next(g for g in json.loads(response.read()) if g["name"] == "why")["manual_score"]
    assert WebDriverWait(browser, 20, poll_frequency=0.5).until(saved) == 1.5
    browser.save_screenshot(str(SHOTS / "formgrader_rich_answer_scored.png"))


def test_normal_answer_renders_in_feedback(xss_course, browser, recorder, mathjax_cdn):
    root = xss_course[0]
    port, hits = recorder
    hits.clear()
    page = root / "feedback" / "rich_answer" / "tiny" / "tiny.html"
    url = page.as_uri()
    found, problems = check_page(browser, url, "#notebook-container", "tiny",
                                 FEEDBACK_OWN(page, mathjax_cdn), hits, RICH,
                                 "feedback_rich_answer.png")
    check_rich(found, problems, rendered(browser, "#notebook-container"))


def test_cases_grade_as_the_catalogue_says(xss_course):
    """The attacks change nothing in grading: each case gets the catalogue's outcome
    and its points (3, or 0 for the answer that raises)."""
    root, runs = xss_course
    results = course.results(root, "tiny", [c.name for c in STUDENTS], runs)
    for case in STUDENTS:
        r = results[case.name]
        assert r.status in case.expect.split(" or "), (case.name, r.status, r.reason)
        assert r.score == case.points, (case.name, r.score, r.cells)
